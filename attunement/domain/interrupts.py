"""The global interrupts of domain.md §0.1, shared by every two-person exercise.

A time-out (the couple's code word or the button, §2.12), a pause (the Parent-Child Dialogue's
pause button), resuming, and abandoning. Either partner may call them at any running step and
nobody may refuse them; resuming re-enters the exact step that was left, which is always a
completed step because a move is applied whole or not at all. A safety hold accepts none of them:
only a person outside the run reopens it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Generic

from attunement.domain.errors import MoveNotAllowed
from attunement.domain.steps import MoveT, StepT


class Interrupt(StrEnum):
    TIME_OUT = "time_out"
    PAUSE = "pause"
    RESUME = "resume"
    ABANDON = "abandon"


@dataclass(frozen=True, slots=True)
class Stops(Generic[StepT]):
    """The steps of one exercise that the interrupts lead to or refuse to leave."""

    time_out: StepT
    abandoned: StepT
    done: StepT
    held: StepT
    paused: StepT | None = None  # only exercises with a pause button have one

    @property
    def finished(self) -> frozenset[StepT]:
        """Steps where nobody can move any more."""
        return frozenset({self.done, self.abandoned})

    @property
    def waiting(self) -> frozenset[StepT]:
        """Steps that wait for a resume."""
        return frozenset(s for s in (self.time_out, self.paused) if s is not None)

    def interrupt(
        self, kind: Interrupt, step: StepT, resumes_at: StepT | None
    ) -> tuple[StepT, StepT | None]:
        """The step and resume point after ``kind`` is called at ``step``.

        Raises:
            MoveNotAllowed: nothing is running (finished, held), or nothing waits for a resume.
        """
        if step in self.finished or step is self.held:
            raise MoveNotAllowed(step=step.value, move=kind.value)
        if kind is Interrupt.ABANDON:
            return self.abandoned, None
        if kind is Interrupt.RESUME:
            if step not in self.waiting or resumes_at is None:
                raise MoveNotAllowed(step=step.value, move=kind.value)
            return resumes_at, None
        target = self.time_out if kind is Interrupt.TIME_OUT else self.paused
        if target is None or step is target or (step in self.waiting and kind is Interrupt.PAUSE):
            raise MoveNotAllowed(step=step.value, move=kind.value)
        # A time-out called during a pause keeps the pause's return point: the run goes back to
        # the step the couple actually left, not to the pause.
        return target, resumes_at if step in self.waiting else step

    def offered(self, step: StepT) -> list[Interrupt]:
        """The interrupts either partner may call at ``step``, in a fixed order."""
        if step in self.finished or step is self.held:
            return []
        if step in self.waiting:
            kinds = [Interrupt.RESUME]
            if step is not self.time_out:
                kinds.append(Interrupt.TIME_OUT)
            return [*kinds, Interrupt.ABANDON]
        kinds = [Interrupt.TIME_OUT]
        if self.paused is not None:
            kinds.append(Interrupt.PAUSE)
        return [*kinds, Interrupt.ABANDON]


def as_interrupt(move: MoveT) -> Interrupt | None:
    """The interrupt an exercise's move stands for, if it is one (they share the values)."""
    try:
        return Interrupt(move.value)
    except ValueError:
        return None
