"""The live feedback panel: the analyzer's findings phrased as coaching (domain.md §6).

Shown only to the person who wrote the turn (§6.8: address only the speaker). It leads with what
went well and offers one concrete suggestion; the numbers stay advice, because only the sender's
answer moves the dialogue on (§0.1, invariant 1).
"""

from dataclasses import dataclass
from typing import Final

from attunement.domain.analysis import ResponseAnalysis, TurnAnalysis, UtteranceAnalysis
from attunement.domain.exercises.couples_dialogue import Move

REFLECTIONS: Final = frozenset({Move.MIRROR, Move.SUMMARIZE})
RECEIVER_WORDS: Final = frozenset({Move.MIRROR, Move.SUMMARIZE, Move.VALIDATE, Move.EMPATHIZE})
SENDER_WORDS: Final = frozenset({Move.CHUNK_DONE, Move.PARTLY, Move.CORRECTED})

HORSEMAN_NAMES: Final = {
    "criticism": "a criticism of the person",
    "contempt": "some contempt or sarcasm",
    "defensiveness": "some defending",
    "stonewalling": "some shutting down",
}


@dataclass(frozen=True, slots=True)
class Feedback:
    """What the panel shows; empty tuples and ``None`` hide their rows."""

    heading: str
    went_well: str
    suggestion: str | None = None
    score: int | None = None  # percent, for the bar
    score_words: str | None = None
    missed: tuple[str, ...] = ()
    added: tuple[str, ...] = ()
    feelings_missed: tuple[str, ...] = ()
    validation_present: bool | None = None
    feelings_named: tuple[str, ...] = ()
    horsemen: tuple[str, ...] = ()
    rewrite: str | None = None


def score_words(score: float) -> str:
    """A mirror score as words a person can use."""
    if score >= 0.8:
        return "Very close to what was said"
    if score >= 0.55:
        return "Most of it came through"
    if score >= 0.3:
        return "Some of it came through"
    return "A little came through so far"


def feedback_for(move: Move, analysis: TurnAnalysis | None) -> Feedback | None:
    """Coaching for one turn; None when the move has nothing to coach or no analysis."""
    if analysis is None:
        return None
    if move in RECEIVER_WORDS and analysis.response is not None:
        return _for_receiver(move, analysis.response)
    if move in SENDER_WORDS:
        return _for_sender(analysis.utterance)
    return None


def _for_receiver(move: Move, response: ResponseAnalysis) -> Feedback:
    if move in REFLECTIONS:
        return _for_reflection(move, response)
    if move is Move.VALIDATE:
        return _for_validation(response)
    return _for_empathy(response)


def _for_reflection(move: Move, response: ResponseAnalysis) -> Feedback:
    mirror = response.mirror
    if mirror.missed:
        suggestion: str | None = f"Next time, try to include \u201c{mirror.missed[0]}\u201d too."
    elif mirror.added:
        suggestion = "Try leaving out what you added; keep to what you heard."
    elif mirror.feelings_missed:
        suggestion = f"Try using their own feeling word: \u201c{mirror.feelings_missed[0]}\u201d."
    else:
        suggestion = None
    return Feedback(
        heading="About your mirror" if move is Move.MIRROR else "About your summary",
        went_well=_mirror_went_well(response),
        suggestion=suggestion,
        score=round(mirror.score * 100),
        score_words=score_words(mirror.score),
        missed=mirror.missed,
        added=mirror.added,
        feelings_missed=mirror.feelings_missed,
    )


def _mirror_went_well(response: ResponseAnalysis) -> str:
    if response.mirror.score >= 0.55:
        return "You stayed close to their words. That helps them feel heard."
    return "You took the time to reflect instead of answering. That's the heart of it."


def _for_validation(response: ResponseAnalysis) -> Feedback:
    present = response.validation.present
    return Feedback(
        heading="About your validation",
        went_well=(
            "You told them they make sense. That can be a real relief to hear."
            if present
            else "You stayed with their side of it, which isn't easy."
        ),
        suggestion=None
        if present
        else "Try saying plainly that it makes sense, with a reason: \u201cbecause \u2026\u201d",
        validation_present=present,
    )


def _for_empathy(response: ResponseAnalysis) -> Feedback:
    named = response.empathy.feelings_named
    return Feedback(
        heading="About your empathy",
        went_well=(
            f"You offered feeling words ({', '.join(named)}). That's what reaches people."
            if named
            else "You tried to imagine their side. That matters."
        ),
        suggestion=None
        if named
        else "Try a single feeling word, like lonely, scared, hurt or relieved.",
        feelings_named=named,
    )


def _for_sender(utterance: UtteranceAnalysis) -> Feedback:
    present = utterance.horsemen.present()
    if not present:
        return Feedback(
            heading="About what you said",
            went_well="You spoke about your own experience. That makes it easier to hear.",
        )
    suggestion = (
        "It may land more gently said like this:"
        if utterance.rewrite
        else "Try saying what happened and how it was for you, starting with \u201cI\u201d."
    )
    return Feedback(
        heading="About what you said",
        went_well="You shared something that matters to you.",
        suggestion=f"We noticed {HORSEMAN_NAMES[present[0]]}. {suggestion}",
        horsemen=tuple(present),
        rewrite=utterance.rewrite,
    )
