"""What the Imago exercises say on screen: titles, the task at each step, buttons and labels.

All in our own words (domain.md describes the exercises without quoting any script).
``{sender}`` and ``{receiver}`` are filled with first names, ``{caregiver}`` with the caregiver the
sender named. A step without its own task falls back to the shared words of the mirror loop.
"""

from collections.abc import Mapping
from typing import Final

from attunement.domain.imago_runs import ImagoKind

TITLES: Final[Mapping[ImagoKind, str]] = {
    ImagoKind.PARENT_CHILD: "Parent-Child Dialogue",
    ImagoKind.BEHAVIOR_CHANGE: "Behavior Change Request",
    ImagoKind.APPRECIATION: "Appreciation Dialogue",
}
ABOUT: Final[Mapping[ImagoKind, str]] = {
    ImagoKind.PARENT_CHILD: (
        "One of you speaks as your younger self; the other gently takes the role of one of your "
        "caregivers, asks, and mirrors. It can stir old pain: pause or stop at any moment."
    ),
    ImagoKind.BEHAVIOR_CHANGE: (
        "Turn one frustration into the wish under it and three small requests; your partner "
        "picks one to give as a gift."
    ),
    ImagoKind.APPRECIATION: "Tell your partner about something they did that you valued.",
}

#: The mirror loop, the same in every exercise.
LOOP_TASKS: Final[Mapping[str, str]] = {
    "MIRROR": "Say back what you heard, in {sender}'s words as far as you can. Then ask: "
    "did I get it?",
    "CHECK": "Did {receiver} get what you said? If only partly, say what to add.",
    "MORE": "Is there more about that?",
}

TASKS: Final[Mapping[str, str]] = {
    # Behavior Change Request
    "REQUEST_APPOINTMENT": "Ask {receiver} for a moment, and name what it is about.",
    "APPOINTMENT_RESPONSE": "{sender} would like a moment with you. Is now a good time?",
    "SCHEDULED": "When you're both ready, begin.",
    "FRUSTRATION": "Describe one recent thing {receiver} did, as a video would show it. One "
    "behaviour, no labels.",
    "FEELINGS": "Say what you feel when it happens, and what you fear, if you know.",
    "ROOTS": "If it touches something from when you were young, say what. You may skip this.",
    "DESIRE": "Say the wish under the frustration: how you'd like to feel, or be treated.",
    "REQUESTS": "Write three small requests that serve your wish. Each asks for something to "
    "do, says how often and for how long, and is small enough for this week.",
    "REQUESTS_MIRROR": "Say back the three requests you heard, in {sender}'s words.",
    "REQUESTS_CHECK": "Did {receiver} get your three requests?",
    "CHOOSE": "Pick one request you're willing to give, as a gift. Say it back in your own "
    "words: what, when, how often, for how long. Or ask for other options.",
    "CONFIRM": "Is that what you asked for? If so, thank {receiver}.",
    "FOLLOW_UP": "It's a commitment now. Check in on it together below.",
    # Parent-Child Dialogue
    "SETUP": "Choose one person who raised you, and about how old you were.",
    "ROLE_ENTER": "Tell {sender} that you'll speak as {caregiver} for a while.",
    "QUESTION": "As {caregiver}, ask {sender} the question below, gently, in your own words.",
    "ANSWER": "Answer as your younger self.",
    "ROLE_EXIT": "Step out of the role and speak as yourself again.",
    "SUMMARY": "As yourself, gather what {sender} shared.",
    "SUMMARY_CHECK": "Is that all of it?",
    "VALIDATE": "Say how it makes sense, given that history.",
    "VALIDATE_CHECK": "Did that land?",
    "EMPATHIZE": "Offer a few feeling words: I imagine you felt …",
    "EMPATHIZE_CHECK": "Are those your feelings?",
    "LINK_TO_NOW": "If you like, say how this shows up between you now. You may skip this.",
    "CLOSE": "Say one thing you appreciated.",
    "CLOSE_REPLY": "Say one thing you appreciated.",
    "DEBRIEF": "Breathe. How are you now? A few words are enough, or none.",
    "DEBRIEF_REPLY": "How are you now? Give this a day before doing it the other way round.",
    # Appreciation Dialogue
    "GIVE": "Name something specific {receiver} did or is, how it felt, and what it meant.",
    "RECEIVE": "Take it in. Say back what you heard, without brushing it off.",
    "THANK": "Say thank you.",
    "SWAP_OFFER": "Would you like to give one back?",
    # Everyone
    "TIMEOUT": "You're taking a break. Come back when you're both ready.",
    "PAUSED": "Paused. Take your time; nothing is lost.",
    "SAFETY_HOLD": "This conversation is paused. Take care of yourself; you can come back to "
    "it later.",
    "ABANDONED": "This conversation has ended.",
    "DONE": "Finished. Thank you both.",
}

QUESTIONS: Final[Mapping[str, str]] = {
    "life_with_me": "What was it like to live with me?",
    "hardest": "What was the hardest part, the thing that hurt the most?",
    "needed": "What did you need from me most, that you didn't get?",
    "wanted_most": "What did you want most from me?",
    "say_now": "What would you like to say to me now?",
}

#: (button, label of the text box) for each move, by name.
MOVES: Final[Mapping[str, tuple[str, str]]] = {
    "request_appointment": ("Ask for a moment", "What it's about"),
    "accept_now": ("Yes, now works", ""),
    "schedule": ("Offer a later time", "When"),
    "say": ("Send", "What you'd like to say"),
    "mirror": ("Send my mirror", "Your mirror"),
    "accurate": ("Yes, you got it", ""),
    "partly": ("Partly", "What to add or change"),
    "more": ("There's more", ""),
    "no_more": ("That's all", ""),
    "skip": ("Skip this", ""),
    "offer": ("Offer this request", "A request"),
    "choose": ("Give this as a gift", "Say it back in your own words"),
    "other_options": ("None fits right now", "What would make one possible (optional)"),
    "confirm": ("Yes, thank you", "A word of thanks (optional)"),
    "set_up": ("Begin", "Who, and about how old you were"),
    "enter_role": ("I'm in the role", "In your own words (optional)"),
    "ask": ("Ask", "The question in your words (optional)"),
    "answer": ("Send", "Your answer"),
    "exit_role": ("I'm myself again", "In your own words (optional)"),
    "summarize": ("Send my summary", "Your summary"),
    "complete": ("Yes, that's all", ""),
    "addition": ("There's more", "What to add"),
    "validate": ("Send", "How it makes sense"),
    "landed": ("Yes, it landed", ""),
    "empathize": ("Send", "Feeling words"),
    "confirmed": ("Yes, that's it", ""),
    "corrected": ("Not quite", "The feelings that fit better"),
    "link": ("Send", "How it shows up now"),
    "appreciate": ("Send", "Your appreciation"),
    "debrief": ("Done", "How you are (optional)"),
    "thank": ("Send", "Your thanks"),
    "swap": ("I'd like to give one back", ""),
    "finish": ("Finish for today", ""),
    "stop": ("Stop here", ""),
    "pause": ("Pause", ""),
    "time_out": ("I need a break", ""),
    "resume": ("We're ready to come back", ""),
    "abandon": ("End this conversation", ""),
}
INTERRUPTS: Final = frozenset({"pause", "time_out", "resume", "abandon", "stop"})


def task_for(step: str) -> str:
    """The task at ``step``; the mirror loop's steps share their words across exercises."""
    if step in TASKS:
        return TASKS[step]
    for ending, task in LOOP_TASKS.items():
        if step.endswith(ending):
            return task
    return ""


def fill(template: str, **names: str) -> str:
    """``template`` with the names put in; a name that is not given stays out."""
    for key, value in names.items():
        template = template.replace("{" + key + "}", value)
    return template
