"""How partners sit for a dialogue, the turns they take, and what a reply answers (domain.md §3.2).

A ``Turn`` is one move of one person, kept in order (``DialogueTurn``); the partner never sees a
withheld turn nor the speaker's safety reading (§4.6). ``what_was_said`` picks the sender's
words a receiver's reply is judged against, so the analyzer compares a mirror with the chunk it
mirrors (§6.1), and a summary, validation or empathy with everything sent this round (§2.1).
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from attunement.domain.analysis import Safety, TurnAnalysis
from attunement.domain.exercises.couples_dialogue import CouplesDialogue, Move, Role, Step
from attunement.domain.ids import PersonId, TurnId


class DialogueMode(StrEnum):
    """Pass-and-play on one screen, or each partner on their own device."""

    ONE_DEVICE = "one_device"
    TWO_DEVICES = "two_devices"


@dataclass(frozen=True, slots=True)
class Turn:
    """One move in a dialogue; ``text`` is empty for moves without words."""

    id: TurnId
    index: int
    round: int
    speaker: PersonId
    role: Role
    step: Step
    move: Move
    text: str
    analysis: TurnAnalysis | None
    withheld: bool
    created_at: datetime


#: Receiver moves judged against the sender's chunks of the round (§2.1).
ANSWERS_THE_ROUND = frozenset({Move.SUMMARIZE, Move.VALIDATE, Move.ASK_CLARIFY, Move.EMPATHIZE})


def as_the_partner_sees_it(analysis: TurnAnalysis) -> TurnAnalysis:
    """The feedback on a turn without what is the speaker's alone.

    The partner may see how a mirror or a validation landed (it is advice to the sender, who
    decides, §0.1), but never a safety reading of the other's words (§4.6) nor the rewrite the
    coach offered the speaker before sending (§2.1).
    """
    utterance = replace(analysis.utterance, safety=Safety(), rewrite=None)
    return replace(analysis, utterance=utterance)


def role_of(state: CouplesDialogue, person: PersonId) -> Role:
    """The role ``person`` holds in the current round."""
    return Role.RECEIVER if person == state.receiver else Role.SENDER


def what_was_said(
    state: CouplesDialogue, move: Move, by: PersonId, turns: Sequence[Turn]
) -> str | None:
    """The sender's words that ``move`` by ``by`` replies to; None when it replies to nothing.

    A mirror answers the latest chunk plus the sender's corrections of it ("partly"); a
    summary, validation or empathy answers every chunk of this round; the receiver's closing
    appreciation answers the sender's. Withheld words are never anyone's reference.
    """
    if by != state.receiver or by == state.sender:
        return None
    sent = [
        turn
        for turn in turns
        if turn.round == state.round
        and turn.speaker == state.sender
        and turn.text
        and not turn.withheld
    ]
    chunks = [turn for turn in sent if turn.move is Move.CHUNK_DONE]
    if move is Move.MIRROR and chunks:
        latest = chunks[-1]
        corrections = [
            turn.text
            for turn in sent
            if turn.index > latest.index and turn.step is Step.MIRROR_CHECK
        ]
        return " ".join([latest.text, *corrections])
    if move in ANSWERS_THE_ROUND and chunks:
        return " ".join(turn.text for turn in chunks)
    appreciations = [turn.text for turn in sent if turn.move is Move.APPRECIATE]
    if move is Move.APPRECIATE and appreciations:
        return appreciations[-1]
    return None
