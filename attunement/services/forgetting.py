"""Forgetting a departing person's words in the states they shared (issue 6, crypto-shredding).

A state two people share (an Imago run, a guided run of two, the couple's time-out plan) is
sealed once per member. Destroying the departing person's key makes only their own copy
unreadable; the other member's copy would still repeat what they typed in that exercise. So,
inside the deletion's own unit of work and before the key goes, each such state is read from the
departing person's copy, stripped of their words by the domain (``without_words_of``: each state
knows who wrote which field) and sealed again for the members who stay, and for no one else. The
step and structure stay, so the person who remains still sees the exercise and where it stopped.
The time-out plan cannot tell whose code word it is, so it goes (a plan needs two people anyway).
"""

from collections.abc import Mapping
from dataclasses import replace
from typing import Final, Protocol, Self

from attunement.domain.exercises.cycle_map import CycleMap
from attunement.domain.exercises.time_out import TimeOut
from attunement.domain.exercises.u_turn import UTurn
from attunement.domain.exercises.unburdening import Unburdening
from attunement.domain.ids import PersonId
from attunement.domain.stages import IfioProgramme
from attunement.services import ifio, time_out_runs, u_turn, unburdening
from attunement.services.uow import UnitOfWork
from attunement.store.states import from_json


class Shared(Protocol):
    """A state of several members that can drop the words of one of them."""

    def without_words_of(self, person: PersonId) -> Self: ...


#: Every guided run that may have more than one member, by the kind it is stored under.
JOINT_RUNS: Final[Mapping[str, type[Shared]]] = {
    u_turn.KIND: UTurn,
    ifio.CYCLE: CycleMap,
    ifio.PROGRAMME: IfioProgramme,
    unburdening.KIND: Unburdening,
    time_out_runs.KIND: TimeOut,
}


def forget_shared_words(uow: UnitOfWork, *, person: PersonId) -> None:
    """Rewrite every state ``person`` shares without their words, for the others only.

    Runs inside the caller's unit of work, while ``person`` still has their key and their
    couple (their own copy is the one read). A run keeps its last-active time: the rewrite is
    no move, and the list of runs keeps its order.
    """
    for kind, machine in JOINT_RUNS.items():
        for stored in uow.runs.of_member(kind, viewer=person):
            others = tuple(member for member in stored.members if member != person)
            if others:
                state = from_json(machine, stored.state).without_words_of(person)
                uow.runs.save(replace(stored, members=others), state, now=stored.updated_at)
    for run in uow.imago_runs.of_viewer(person):
        others = tuple(p for p in (run.state.sender, run.state.receiver) if p != person)
        if len(others) == 1:
            state = run.state.without_words_of(person)
            uow.imago_runs.save(run, state, now=run.updated_at, members=others)
    couple = uow.couples.of_member(person)
    if couple is not None:
        uow.time_out_plans.remove(couple.id)
