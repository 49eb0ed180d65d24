"""Unburdening use cases: only with the couple's therapist, only a therapist run releases."""

import pytest

from attunement.domain.errors import MoveNotAllowed, NotFound, NotYourMove
from attunement.domain.exercises.unburdening import Move, Step, Unburdening
from attunement.domain.parts import (
    BurdenKind,
    BurdenOrigin,
    BurdenStatus,
    PartRole,
    Permission,
    RelationKind,
)
from attunement.services import parts, therapists, unburdening
from attunement.services.parts import NewBurden
from attunement.services.unburdening import UnburdeningMove


@pytest.fixture
def exile(uow, sam, clock):
    part = parts.name_part(
        uow, owner=sam.id, name="the little one", role=PartRole.EXILE, clock=clock
    )
    burden = NewBurden(BurdenKind.BELIEF, "not good enough", BurdenOrigin.PERSONAL)
    return parts.add_burden(uow, part.id, by=sam.id, burden=burden, clock=clock)


def grant(uow, clock, part) -> None:
    with uow:
        uow.parts.save(part.with_permission(Permission.GRANTED), now=clock.now())
        uow.commit()


def move(uow, clock, run, by, step: tuple[Move, str | None]) -> Unburdening:
    request = UnburdeningMove(run, by.id, step[0], step[1])
    return unburdening.make_unburdening_move(uow, request, clock=clock)


def test_without_a_therapist_the_start_is_refused(uow, clock, sam, exile):
    grant(uow, clock, exile)
    with pytest.raises(MoveNotAllowed) as refused:
        unburdening.start_unburdening(uow, part=exile.id, by=sam.id, clock=clock)
    assert refused.value.message_key == "unburdening.needs_therapist"


def test_with_the_invited_therapist_it_starts(uow, clock, sam, jordan, exile):
    grant(uow, clock, exile)
    run = unburdening.start_unburdening(uow, part=exile.id, by=sam.id, clock=clock)
    state = unburdening.unburdening_of(uow, run, viewer=jordan.id)
    assert (state.client, state.therapist, state.step) == (sam.id, jordan.id, Step.READY)


def test_without_the_protectors_yes_it_is_refused(uow, clock, sam, jordan, exile):
    with pytest.raises(MoveNotAllowed) as refused:
        unburdening.start_unburdening(uow, part=exile.id, by=sam.id, clock=clock)
    assert refused.value.message_key == "unburdening.needs_permission"


def test_a_protectors_yes_opens_the_way(uow, clock, sam, jordan, exile):
    guard = parts.name_part(uow, owner=sam.id, name="the guard", role=PartRole.MANAGER, clock=clock)
    parts.relate(uow, by=sam.id, link=(guard.id, exile.id), kind=RelationKind.PROTECTS, clock=clock)
    grant(uow, clock, guard)
    assert unburdening.start_unburdening(uow, part=exile.id, by=sam.id, clock=clock)


@pytest.fixture
def run(uow, clock, sam, jordan, exile):
    grant(uow, clock, exile)
    return unburdening.start_unburdening(uow, part=exile.id, by=sam.id, clock=clock)


@pytest.mark.parametrize("outsider", ["morgan", "alex", "casey"])
def test_anyone_else_finds_no_run(request, uow, run, outsider):
    with pytest.raises(NotFound):
        unburdening.unburdening_of(uow, run, viewer=request.getfixturevalue(outsider).id)


def test_a_let_go_therapist_finds_no_run_but_the_client_still_does(uow, clock, run, sam, jordan):
    therapists.revoke_therapist(uow, by=sam.id, clock=clock)
    with pytest.raises(NotFound):
        unburdening.unburdening_of(uow, run, viewer=jordan.id)
    assert unburdening.unburdening_of(uow, run, viewer=sam.id).step is Step.READY
    assert unburdening.runs_for(uow, viewer=jordan.id) == []


def walk_to_unburden(uow, clock, run, sam, jordan) -> Unburdening:
    move(uow, clock, run, jordan, (Move.BEGIN, None))
    move(uow, clock, run, sam, (Move.FEEL_TOWARD, "tender and curious"))
    move(uow, clock, run, jordan, (Move.WITNESSED, None))
    move(uow, clock, run, jordan, (Move.SKIP_DO_OVER, None))
    return move(uow, clock, run, jordan, (Move.RETRIEVED, None))


@pytest.fixture
def at_unburden(uow, clock, run, sam, jordan):
    walk_to_unburden(uow, clock, run, sam, jordan)
    return run


def test_the_therapist_run_releases_the_burden(uow, clock, at_unburden, jordan, exile):
    state = move(uow, clock, at_unburden, jordan, (Move.RELEASED, "to the light"))
    assert state.step is Step.INVITE
    card = parts.visible_part(uow, exile.id, viewer=exile.owner)
    assert [b.status for b in card.burdens] == [BurdenStatus.RELEASED]


def test_the_client_cannot_release_it(uow, clock, at_unburden, sam, exile):
    run = at_unburden
    with pytest.raises(NotYourMove):
        move(uow, clock, run, sam, (Move.RELEASED, None))
    card = parts.visible_part(uow, exile.id, viewer=sam.id)
    assert [b.status for b in card.burdens] == [BurdenStatus.CARRIED]


def test_pause_and_resume_return_to_the_exact_step(uow, clock, run, sam, jordan):
    walk_to_unburden(uow, clock, run, sam, jordan)
    assert move(uow, clock, run, sam, (Move.PAUSE, None)).step is Step.PAUSED
    with pytest.raises(NotYourMove):
        move(uow, clock, run, sam, (Move.RESUME, None))
    assert move(uow, clock, run, jordan, (Move.RESUME, None)).step is Step.UNBURDEN
