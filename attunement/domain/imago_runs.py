"""The two-person Imago exercises as one family of runs (domain.md §2.2, §2.3, §2.5.1, §3.1).

The Parent-Child Dialogue, the Behavior Change Request and the Appreciation Dialogue share a
shape: a sender and a receiver, a table of moves, the interrupts of §0.1 and the mirror loop. The
layers above store, move and show them through this one registry, so each exercise stays its own
module and none imports another (the import-linter independence contract).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Final, NewType

from attunement.domain.errors import MoveNotAllowed
from attunement.domain.exercises import appreciation, behavior_change, parent_child
from attunement.domain.ids import PersonId
from attunement.domain.steps import Text

RunId = NewType("RunId", str)
CommitmentId = NewType("CommitmentId", str)

ImagoRun = (
    parent_child.ParentChildDialogue
    | behavior_change.BehaviorChangeRequest
    | appreciation.AppreciationDialogue
)
ImagoMove = parent_child.Move | behavior_change.Move | appreciation.Move
ImagoStep = parent_child.Step | behavior_change.Step | appreciation.Step


class ImagoKind(StrEnum):
    PARENT_CHILD = "parent_child"
    BEHAVIOR_CHANGE = "behavior_change"
    APPRECIATION = "appreciation"


@dataclass(frozen=True, slots=True)
class Family:
    """What the layers above need to know about one kind of run."""

    machine: type[ImagoRun]
    step: type[ImagoStep]
    move: type[ImagoMove]
    mirror_steps: frozenset[str]
    waiting: frozenset[str]  # steps that wait for a resume (time-out, pause)
    finished: frozenset[str]
    held: str


FAMILIES: Final[Mapping[ImagoKind, Family]] = {
    ImagoKind.PARENT_CHILD: Family(
        parent_child.ParentChildDialogue,
        parent_child.Step,
        parent_child.Move,
        frozenset(parent_child.MIRROR_STEPS),
        frozenset(parent_child.STOPS.waiting),
        frozenset(parent_child.STOPS.finished),
        parent_child.Step.SAFETY_HOLD,
    ),
    ImagoKind.BEHAVIOR_CHANGE: Family(
        behavior_change.BehaviorChangeRequest,
        behavior_change.Step,
        behavior_change.Move,
        frozenset(behavior_change.MIRROR_STEPS),
        frozenset(behavior_change.STOPS.waiting),
        frozenset(behavior_change.STOPS.finished),
        behavior_change.Step.SAFETY_HOLD,
    ),
    ImagoKind.APPRECIATION: Family(
        appreciation.AppreciationDialogue,
        appreciation.Step,
        appreciation.Move,
        frozenset(appreciation.MIRROR_STEPS),
        frozenset(appreciation.STOPS.waiting),
        frozenset(appreciation.STOPS.finished),
        appreciation.Step.SAFETY_HOLD,
    ),
}


def kind_of(run: ImagoRun) -> ImagoKind:
    """The kind a run's machine belongs to."""
    return next(kind for kind, family in FAMILIES.items() if isinstance(run, family.machine))


def new_run(kind: ImagoKind, *, sender: PersonId, receiver: PersonId) -> ImagoRun:
    """A run of ``kind`` at its first step."""
    return FAMILIES[kind].machine(sender=sender, receiver=receiver)


def move_named(kind: ImagoKind, name: str) -> ImagoMove:
    """The move of ``kind`` called ``name``; ValueError for a name the kind does not have."""
    return FAMILIES[kind].move(name)


def apply_move(
    run: ImagoRun, name: str, by: PersonId, text: str | None = None, *, pick: int | None = None
) -> ImagoRun:
    """Make the move called ``name`` on ``run``; a name the run does not know is not allowed.

    Raises:
        MoveNotAllowed, NotYourMove, InvalidInput: as the run's own ``apply``.
    """
    kind = kind_of(run)
    try:
        move = move_named(kind, name)
    except ValueError:
        raise MoveNotAllowed(step=run.step.value, move=name[:40]) from None
    if isinstance(run, behavior_change.BehaviorChangeRequest):
        return run.apply(behavior_change.Move(move), by, text, pick=pick)
    if isinstance(run, parent_child.ParentChildDialogue):
        return run.apply(parent_child.Move(move), by, text)
    return run.apply(appreciation.Move(move), by, text)


def needs_text(run: ImagoRun, name: str) -> Text:
    """Whether the move called ``name`` carries words at the run's step."""
    try:
        move = move_named(kind_of(run), name)
    except ValueError:
        return Text.NONE
    if isinstance(run, behavior_change.BehaviorChangeRequest):
        return run.needs_text(behavior_change.Move(move))
    if isinstance(run, parent_child.ParentChildDialogue):
        return run.needs_text(parent_child.Move(move))
    return run.needs_text(appreciation.Move(move))


def legal_move_names(run: ImagoRun, by: PersonId) -> list[str]:
    """The names of the moves ``by`` may make now."""
    return [move.value for move in run.legal_moves(by)]
