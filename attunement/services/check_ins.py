"""The Self-energy check-in as use cases: take one, read one's own over time (§2.11).

A check-in is private to the person who took it: there is no way for anyone else to read it,
not even as a number, and its gate is advice to that person alone.
"""

from dataclasses import dataclass
from datetime import datetime

from attunement.domain.clock import Clock
from attunement.domain.exercises.self_check_in import Gate, Moment, Move, SelfCheckIn, Step
from attunement.domain.ids import PersonId
from attunement.domain.parts import SelfEnergy
from attunement.services.uow import UnitOfWork
from attunement.store.states import from_json

KIND = "self_check_in"
MAX_EXERCISE = 32


@dataclass(frozen=True, slots=True)
class NewCheckIn:
    """What the check-in form sends; ``part_present`` may be left empty."""

    energy: SelfEnergy
    moment: Moment = Moment.ALONE
    exercise: str = ""
    part_present: str = ""


@dataclass(frozen=True, slots=True)
class TakenCheckIn:
    at: datetime
    check_in: SelfCheckIn

    @property
    def gate(self) -> Gate | None:
        return self.check_in.gate()


def take_check_in(
    uow: UnitOfWork, *, by: PersonId, answers: NewCheckIn, clock: Clock
) -> TakenCheckIn:
    """Rate the 8 Cs, optionally name the part most present, and keep the result.

    Raises:
        InvalidInput: a rating out of range, or a part name too long.
    """
    state = SelfCheckIn(by, answers.moment, answers.exercise[:MAX_EXERCISE])
    state = state.apply(Move.BEGIN, by).apply(Move.RATE, by, energy=answers.energy)
    if answers.part_present.strip():
        state = state.apply(Move.NAME_PART, by, answers.part_present)
    else:
        state = state.apply(Move.SKIP, by)
    now = clock.now()
    with uow:
        uow.runs.add(KIND, (by,), state, now=now)
        uow.commit()
    return TakenCheckIn(now, state)


def check_ins_of(uow: UnitOfWork, *, viewer: PersonId) -> list[TakenCheckIn]:
    """``viewer``'s own finished check-ins, oldest first."""
    with uow:
        runs = uow.runs.of_member(KIND, viewer=viewer)
    taken = [TakenCheckIn(run.created_at, from_json(SelfCheckIn, run.state)) for run in runs]
    return [t for t in taken if t.check_in.step is Step.RESULT and t.check_in.person == viewer]
