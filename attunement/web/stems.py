"""What each step of the Couple's Dialogue says on screen: the stem, the hint, the buttons.

Written in our own words (domain.md §2.1 describes the stems without quoting them). ``{sender}``
and ``{receiver}`` are filled with first names; the person acting reads ``GUIDES``, the person
waiting reads ``WAITING``.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from attunement.domain.exercises.couples_dialogue import Move, Step


@dataclass(frozen=True, slots=True)
class Guide:
    """What the person acting at a step sees: what to do, and a stem to start from."""

    task: str
    stem: str = ""


@dataclass(frozen=True, slots=True)
class MoveWords:
    """The button for a move and, when it carries words, the label of its text box."""

    button: str
    label: str = ""


GUIDES: Final[Mapping[Step, Guide]] = {
    Step.REQUEST_APPOINTMENT: Guide(
        "Ask {receiver} for a time to talk. Name the topic in a few words.",
        "I'd like to talk about … Is now a good time?",
    ),
    Step.APPOINTMENT_RESPONSE: Guide(
        "{sender} would like to talk. Say yes to now, or offer a time that works soon.",
        "Yes, I'm ready to listen now.",
    ),
    Step.SCHEDULED: Guide("When you're both ready, start the conversation."),
    Step.SEND: Guide(
        "Say one piece of what's on your mind, a few sentences, starting with \u201cI\u201d.",
        "When …, I felt … What I'd like is …",
    ),
    Step.MIRROR: Guide(
        "Say back what you heard, in {sender}'s words as much as you can. Leave your side "
        "for your own turn.",
        "If I got that, you said … Did I get it?",
    ),
    Step.MIRROR_CHECK: Guide("Did {receiver} get what you said?"),
    Step.ASK_MORE: Guide(
        "{receiver} asks: \u201cIs there more about that?\u201d",
        "Take your time. The important part often comes second.",
    ),
    Step.SUMMARY: Guide(
        "Gather everything {sender} said into one summary, then ask if that was all of it.",
        "Let me see if I got all of it … Did I get it all?",
    ),
    Step.SUMMARY_CHECK: Guide("Is that all of it?"),
    Step.VALIDATE: Guide(
        "Tell {sender} how it makes sense, and why. You don't have to agree to see their logic.",
        "You make sense to me, because …",
    ),
    Step.VALIDATE_CHECK: Guide("Did that land for you?"),
    Step.EMPATHIZE: Guide(
        "Imagine how {sender} might feel. Offer a feeling word or two, and check.",
        "I imagine you might feel … Is that close?",
    ),
    Step.EMPATHIZE_CHECK: Guide("Are those your feelings?"),
    Step.CLOSE: Guide(
        "You were heard. Close with something you appreciate about {receiver} or this talk.",
        "Something I appreciate about you is …",
    ),
    Step.CLOSE_REPLY: Guide(
        "Close with something you appreciate about {sender} or this talk.",
        "Thank you for telling me. Something I appreciate is …",
    ),
    Step.SWAP_OFFER: Guide(
        "Well done, both of you. {receiver} may take a turn to be heard, now or after a break.",
    ),
    Step.TIMEOUT: Guide(
        "You're taking a break. Breathe, move, drink some water. Come back when you're both ready."
    ),
    Step.SAFETY_HOLD: Guide(
        "This conversation is paused. Take care of yourself; you can come back to it later."
    ),
    Step.ABANDONED: Guide("This conversation has ended. You can start a new one any time."),
    Step.DONE: Guide("You finished this conversation. Thank you both for listening."),
}

WAITING: Final[Mapping[Step, str]] = {
    Step.REQUEST_APPOINTMENT: "{sender} is choosing a topic to talk about.",
    Step.APPOINTMENT_RESPONSE: "{receiver} is answering your request to talk.",
    Step.SCHEDULED: "You agreed on a time. {receiver} starts when you're both ready.",
    Step.SEND: "{sender} is writing. Listen with curiosity; your side can wait for your turn.",
    Step.MIRROR: "{receiver} is saying back what they heard.",
    Step.MIRROR_CHECK: "{sender} is checking whether your mirror caught it.",
    Step.ASK_MORE: "{sender} is deciding whether there's more.",
    Step.SUMMARY: "{receiver} is gathering everything into a summary.",
    Step.SUMMARY_CHECK: "{sender} is checking your summary.",
    Step.VALIDATE: "{receiver} is saying how it makes sense.",
    Step.VALIDATE_CHECK: "{sender} is checking whether that landed.",
    Step.EMPATHIZE: "{receiver} is imagining how you might feel.",
    Step.EMPATHIZE_CHECK: "{sender} is checking the feelings you offered.",
    Step.CLOSE: "{sender} is writing an appreciation.",
    Step.CLOSE_REPLY: "{receiver} is writing an appreciation.",
}

MOVES: Final[Mapping[Move, MoveWords]] = {
    Move.REQUEST_APPOINTMENT: MoveWords("Ask to talk", "Topic"),
    Move.ACCEPT_NOW: MoveWords("Yes, now works"),
    Move.SCHEDULE: MoveWords("Offer a later time", "When would suit you?"),
    Move.CHUNK_DONE: MoveWords("Send", "What you'd like to say"),
    Move.MIRROR: MoveWords("Send my mirror", "Your mirror"),
    Move.ACCURATE: MoveWords("Yes, you got it"),
    Move.PARTLY: MoveWords("Partly \u2014 here's what I'd add", "What I'd add or change"),
    Move.MORE: MoveWords("Yes, there's more"),
    Move.NO_MORE: MoveWords("No, that's all for now"),
    Move.SUMMARIZE: MoveWords("Send my summary", "Your summary"),
    Move.COMPLETE: MoveWords("Yes, that's all of it"),
    Move.ADDITION: MoveWords("There's something to add"),
    Move.VALIDATE: MoveWords("Send", "How it makes sense to you"),
    Move.ASK_CLARIFY: MoveWords("Ask to hear more first", "What would you like to understand?"),
    Move.LANDED: MoveWords("Yes, that landed"),
    Move.EMPATHIZE: MoveWords("Send", "The feelings you imagine"),
    Move.CONFIRMED: MoveWords("Yes, that's how I feel"),
    Move.CORRECTED: MoveWords("Close \u2014 here's how it feels", "How it feels for me"),
    Move.APPRECIATE: MoveWords("Send my appreciation", "Your appreciation"),
    Move.SWAP: MoveWords("I'd like my turn to be heard"),
    Move.FINISH: MoveWords("Let's stop here for today"),
    Move.TIME_OUT: MoveWords("I need a break"),
    Move.RESUME: MoveWords("We're ready to come back"),
    Move.ABANDON: MoveWords("End this conversation"),
}

#: Moves shown as small buttons below the main ones, for either partner (domain.md §0.1).
INTERRUPTS: Final = frozenset({Move.TIME_OUT, Move.ABANDON})


def fill(template: str, *, sender: str, receiver: str) -> str:
    """Put first names into a stem."""
    return template.format(sender=sender, receiver=receiver)
