"""What the unburdening screen says at each step, in our own words (domain.md §2.7).

The therapist leads; the screen only names where the run is, so both can see the same place.
The words say what the person is doing, never what the exile "must" do; no feedback on content.
"""

from typing import Final

from attunement.domain.exercises.unburdening import Move, Step

PROMPTS: Final[dict[Step, str]] = {
    Step.READY: "Ready when your therapist is. Nothing happens until they begin.",
    Step.MEET_EXILE: (
        "Let the protectors step back, and sense the younger part. How do you feel toward it?"
    ),
    Step.WITNESS: "Let it show or tell what it wants you to know, at its own pace.",
    Step.DO_OVER: "If it wants, go to it back then and give it what it needed.",
    Step.RETRIEVE: "It can leave that time and place, for somewhere safe now.",
    Step.UNBURDEN: "When it is ready, it can let the burden go, in whatever way it chooses.",
    Step.INVITE: "What would it like in the place where the burden was?",
    Step.INTEGRATE: "Check in with the protectors: how are they with what happened?",
    Step.AFTER_NOTE: (
        "A few words for yourself about today, if you'd like. Only you and your therapist see them."
    ),
    Step.PAUSED: "Paused. Your therapist will pick this up with you, at the same step.",
    Step.DONE: "Finished. Be gentle with yourself over the next days.",
    Step.ABANDONED: "Stopped here. That is all right; nothing is lost.",
}

BUTTONS: Final[dict[Move, str]] = {
    Move.BEGIN: "Begin",
    Move.FEEL_TOWARD: "That's how I feel toward it",
    Move.WITNESSED: "It feels understood",
    Move.DO_OVER_DONE: "It got what it needed",
    Move.SKIP_DO_OVER: "Skip this",
    Move.RETRIEVED: "It is somewhere safe",
    Move.RELEASED: "The burden is released",
    Move.NOT_READY: "It isn't ready to let go",
    Move.INVITED: "Qualities invited",
    Move.PROTECTORS_CHECKED: "Protectors checked",
    Move.WRITE_NOTE: "Keep my note and finish",
    Move.PAUSE: "Pause",
    Move.RESUME: "Carry on",
    Move.ABANDON: "Stop here",
}

FIELDS: Final[dict[Move, str]] = {
    Move.FEEL_TOWARD: "How I feel toward it",
    Move.RELEASED: "How it let go (optional)",
    Move.INVITED: "What it invited (optional)",
    Move.WRITE_NOTE: "My note",
}

QUIET: Final = frozenset({Move.PAUSE, Move.RESUME, Move.ABANDON})

#: Each sharable step's name as the witness and the client's choice read it.
STEP_NAMES: Final[dict[Step, str]] = {
    Step.MEET_EXILE: "Meeting the younger part",
    Step.WITNESS: "Witnessing what it wants known",
    Step.DO_OVER: "Giving it what it needed back then",
    Step.RETRIEVE: "Bringing it somewhere safe",
    Step.UNBURDEN: "Letting the burden go",
    Step.INVITE: "Inviting new qualities",
    Step.INTEGRATE: "Checking in with the protectors",
}
