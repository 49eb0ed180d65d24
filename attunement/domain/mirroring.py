"""The mirror loop several exercises share: say, mirror, check, "is there more?" (domain.md §2.1).

The sender says a piece; the receiver mirrors it; only the sender says whether it landed (a
*partly* answer, with what to add, sends the receiver back to the mirror); then the sender says
whether there is more (back to saying) or not (on to the step after the loop). Each exercise names
its own four steps and six moves and gets the loop's arrows for its table from ``mirror_loop``;
the Parent-Child Dialogue uses it once per question, the Behavior Change Request once per part of
the frustration, the Appreciation Dialogue once per appreciation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic

from attunement.domain.steps import MoveT, Role, StepT, Text, Transition


@dataclass(frozen=True, slots=True)
class LoopSteps(Generic[StepT]):
    say: StepT
    mirror: StepT
    check: StepT
    more: StepT


@dataclass(frozen=True, slots=True)
class LoopMoves(Generic[MoveT]):
    say: MoveT
    mirror: MoveT
    accurate: MoveT
    partly: MoveT
    more: MoveT
    no_more: MoveT


def mirror_loop(
    steps: LoopSteps[StepT], moves: LoopMoves[MoveT], *, then: StepT
) -> dict[tuple[StepT, MoveT], Transition[StepT]]:
    """The six arrows of one mirror loop, ending at ``then`` when the sender has no more."""
    s, r = Role.SENDER, Role.RECEIVER
    return {
        (steps.say, moves.say): Transition(s, steps.mirror, Text.REQUIRED),
        (steps.mirror, moves.mirror): Transition(r, steps.check, Text.REQUIRED),
        (steps.check, moves.accurate): Transition(s, steps.more),
        (steps.check, moves.partly): Transition(s, steps.mirror, Text.REQUIRED),
        (steps.more, moves.more): Transition(s, steps.say),
        (steps.more, moves.no_more): Transition(s, then),
    }


@dataclass(frozen=True, slots=True)
class Said:
    """One written turn as the recap sees it: the step it was written at, and its words."""

    step: str
    text: str


def last_mirror(turns: Sequence[Said], mirror_steps: frozenset[str]) -> Said | None:
    """The latest mirror written before a pause, for the recap shown when the couple resumes.

    After a time-out the couple returns to the exact step they left (§0.1, §2.12); reading the
    last thing the receiver reflected is the quickest way back into the conversation.
    """
    for turn in reversed(turns):
        if turn.step in mirror_steps:
            return turn
    return None
