"""Loading and saving a guided run for one move, in one transaction (issue 4).

Every IFS/IFIO exercise stores its machine whole; a move reads it as the mover, checks the screen
was current, applies the move, and writes it back under the version it was read at, so two tabs
or two partners never overwrite each other silently. A run the mover is not a member of is
``NotFound``, exactly like a missing one.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, TypeVar

from attunement.domain.clock import Clock
from attunement.domain.errors import NotFound, StaleView
from attunement.domain.ids import PersonId, RunId
from attunement.services.uow import UnitOfWork
from attunement.store.inner_runs import StoredRun
from attunement.store.states import from_json


class Versioned(Protocol):
    @property
    def version(self) -> int: ...


S = TypeVar("S", bound=Versioned)


@dataclass(frozen=True, slots=True)
class RunRef:
    """Which run, of which kind and machine, as whom, from which screen."""

    run: RunId
    kind: str
    viewer: PersonId
    expected_version: int | None = None


def read_run(uow: UnitOfWork, ref: RunRef, machine: type[S]) -> S:
    """The run's state; NotFound when missing or ``viewer`` is not a member."""
    with uow:
        stored = uow.runs.get(ref.run, ref.kind, viewer=ref.viewer)
    if stored is None:
        raise NotFound("part.not_found")
    return from_json(machine, stored.state)


def change_run(
    uow: UnitOfWork, ref: RunRef, machine: type[S], change: Callable[[S], S], *, clock: Clock
) -> S:
    """Apply ``change`` to the stored state and save it; nothing is saved if it refuses.

    Raises:
        NotFound: missing, or ``viewer`` is not a member.
        StaleView: the screen was made before the latest move.
    """
    with uow:
        stored, state = current_run(uow, ref, machine)
        after = change(state)
        uow.runs.save(stored, after, now=clock.now())
        uow.commit()
    return after


def current_run(uow: UnitOfWork, ref: RunRef, machine: type[S]) -> tuple[StoredRun, S]:
    """The run to change, inside an open unit of work; as ``change_run`` refuses."""
    stored = uow.runs.get(ref.run, ref.kind, viewer=ref.viewer)
    if stored is None:
        raise NotFound("part.not_found")
    state = from_json(machine, stored.state)
    if ref.expected_version not in (None, state.version):
        raise StaleView("error.stale")
    return stored, state


def runs_of(
    uow: UnitOfWork, kind: str, machine: type[S], *, viewer: PersonId
) -> list[tuple[RunId, S]]:
    """``viewer``'s runs of ``kind``, oldest first."""
    with uow:
        stored = uow.runs.of_member(kind, viewer=viewer)
    return [(run.id, from_json(machine, run.state)) for run in stored]
