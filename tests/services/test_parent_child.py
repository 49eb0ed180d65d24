"""Parent-Child safeguards: the therapist's setting, the private check, the soft pause."""

import pytest

from attunement.domain.errors import MoveNotAllowed, NotFound
from attunement.domain.imago_runs import ImagoKind, RunId
from attunement.domain.sessions import DialogueMode
from attunement.domain.trauma_check import Advice, PreCheck, TraumaAnswer
from attunement.services import imago, parent_child, therapists
from attunement.services.parent_child import DistressRating

UNSURE = PreCheck(TraumaAnswer.UNSURE, 3)


def start(uow, clock, by, check=UNSURE) -> tuple[RunId, Advice]:
    return parent_child.start_parent_child(
        uow, by=by.id, mode=DialogueMode.TWO_DEVICES, check=check, clock=clock
    )


def test_unsure_without_a_safeguard_starts_with_a_recommendation(uow, clock, sam, alex):
    run, advice = start(uow, clock, sam)
    assert advice is Advice.WITH_THERAPIST
    assert imago.run_view(uow, run, viewer=alex.id).kind is ImagoKind.PARENT_CHILD


@pytest.mark.usefixtures("alex")
def test_the_therapists_safeguard_refuses_an_unsupervised_start(uow, clock, sam, jordan, couple):
    parent_child.set_supervised(uow, couple.id, therapist=jordan.id, on=True, clock=clock)
    with pytest.raises(MoveNotAllowed):
        start(uow, clock, sam)
    assert start(uow, clock, sam, PreCheck(TraumaAnswer.NO, 3))[1] is Advice.GO  # twin


def test_the_safeguard_ends_with_the_therapist(uow, clock, sam, jordan, couple):
    parent_child.set_supervised(uow, couple.id, therapist=jordan.id, on=True, clock=clock)
    therapists.revoke_therapist(uow, by=couple.partner_of(sam.id), clock=clock)
    assert start(uow, clock, sam)[1] is Advice.WITH_THERAPIST


def test_an_uninvited_therapist_cannot_set_it(uow, clock, morgan, couple, sam):
    with pytest.raises(NotFound):
        parent_child.set_supervised(uow, couple.id, therapist=morgan.id, on=True, clock=clock)
    assert parent_child.supervised_only(uow, viewer=sam.id) is False


def test_high_distress_pauses_softly_for_both(uow, clock, sam, alex, analyzer):
    run, _ = start(uow, clock, sam)
    calm = parent_child.rate_distress(
        uow, DistressRating(run, alex.id, 4), analyzer=analyzer, clock=clock
    )
    assert calm is False
    assert imago.run_view(uow, run, viewer=sam.id).state.step.value == "SETUP"
    paused = parent_child.rate_distress(
        uow, DistressRating(run, alex.id, 9), analyzer=analyzer, clock=clock
    )
    assert paused is True
    assert imago.run_view(uow, run, viewer=sam.id).state.step.value == "PAUSED"


@pytest.mark.usefixtures("alex")
def test_an_outsider_cannot_rate_on_the_run(uow, clock, sam, casey, analyzer):
    run, _ = start(uow, clock, sam)
    with pytest.raises(NotFound):
        parent_child.rate_distress(
            uow, DistressRating(run, casey.id, 2), analyzer=analyzer, clock=clock
        )
