"""What the 6 Fs screen says at each step, in our own words (domain.md §2.6, §6.8).

Prompts invite rather than instruct; one question at a time. Buttons name what the person is
saying ("It stepped back"), not what the machine does.
"""

from typing import Final

from attunement.domain.exercises.six_fs import Move, Step

PROMPTS: Final[dict[Step, str]] = {
    Step.TRAILHEAD: (
        "Think of a recent moment when {name} showed up: a reaction, a feeling, a thought, "
        "something your body did. Which moment would you like to start from?"
    ),
    Step.FIND: (
        "Where do you notice {name} right now? In or around your body, as an image, "
        "a voice, an urge?"
    ),
    Step.FOCUS: "Turn your attention toward it, gently, and stay with it for a breath or two.",
    Step.FLESH_OUT: (
        "What is it like? Its shape or size, its energy, how old it seems, what it says or feels. "
        "Take your time."
    ),
    Step.FEEL_TOWARD: "How do you feel toward {name} right now?",
    Step.UNBLEND: (
        "That answer may come from another part that has feelings about {name}. "
        "Could it step back a little, just for now, so you can get to know {name}?"
    ),
    Step.REASSURE: (
        "It isn't ready to step back, and that's all right. You could let it know it can watch, "
        "and ask again, or get to know this worried part first."
    ),
    Step.BEFRIEND: (
        "Ask {name} about its job: what does it do for you, how long has it done it, what does it "
        "hope for? Let it know you see how hard it works."
    ),
    Step.FEARS: "What is {name} afraid would happen if it stopped doing its job?",
    Step.NEXT: (
        "You've met {name}. You can ask whether it would let you go further another time (with "
        "your therapist), note a younger part it protects, get to know a part on the other side, "
        "or thank it and close."
    ),
    Step.CLOSE: "Thank {name} for letting you know it. Anything you want to remember from today?",
    Step.PAUSED: "Paused. When you come back you'll be at the same step, with everything kept.",
    Step.DONE: "Finished. What you learned is on {name}'s card.",
    Step.ABANDONED: "You stopped here. What you wrote so far is kept on the card.",
}

BUTTONS: Final[dict[Move, str]] = {
    Move.CHOOSE_TRAILHEAD: "Start from this moment",
    Move.LOCATE: "That's where I notice it",
    Move.ATTENDING: "I'm with it",
    Move.NOTE_AGE: "Note how old it seems",
    Move.DESCRIBE: "That's what it's like",
    Move.FEEL_TOWARD: "That's how I feel toward it",
    Move.STEPPED_BACK: "It stepped back",
    Move.WONT_STEP_BACK: "It won't step back yet",
    Move.MAKE_TARGET: "Get to know this part first",
    Move.BEFRIEND: "That's its job",
    Move.NAME_FEAR: "That's what it fears",
    Move.PERMISSION_GRANTED: "It would let me go further, with my therapist",
    Move.PERMISSION_REFUSED: "It would rather I didn't go further",
    Move.NOTE_EXILE: "Note the part it protects, for later",
    Move.EXPLORE_OTHER_SIDE: "Get to know the part on the other side",
    Move.BACK_TO_EARLIER: "Go back to the part I started with",
    Move.THANK: "Thank it and close",
    Move.TAKEN_OVER: "It's taking over; I need some space",
    Move.FLOODED: "This is too much right now",
    Move.FINISH: "Finish",
    Move.PAUSE: "Pause",
    Move.RESUME: "Carry on",
    Move.ABANDON: "Stop here",
}

FIELDS: Final[dict[Move, str]] = {
    Move.CHOOSE_TRAILHEAD: "The moment",
    Move.LOCATE: "Where I notice it",
    Move.NOTE_AGE: "How old it seems",
    Move.DESCRIBE: "What it's like",
    Move.FEEL_TOWARD: "How I feel toward it",
    Move.WONT_STEP_BACK: "What it is worried about",
    Move.MAKE_TARGET: "A name for the worried part",
    Move.BEFRIEND: "Its job, in its words",
    Move.NAME_FEAR: "What it fears",
    Move.NOTE_EXILE: "The part it protects",
    Move.EXPLORE_OTHER_SIDE: "A name for the other side",
    Move.FINISH: "What I want to remember (optional)",
}

#: Moves kept small at the bottom of the screen, away from the main answer.
QUIET: Final = frozenset({Move.TAKEN_OVER, Move.FLOODED, Move.PAUSE, Move.ABANDON})
