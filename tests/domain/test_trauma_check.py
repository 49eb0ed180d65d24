"""The private check before a Parent-Child Dialogue: go, recommend, refuse, soft pause."""

import pytest

from attunement.domain.errors import InvalidInput, MoveNotAllowed
from attunement.domain.trauma_check import (
    DISTRESS_LIMIT,
    Advice,
    PreCheck,
    TraumaAnswer,
    advise,
)


def test_no_known_trauma_and_calm_goes_ahead():
    assert advise(PreCheck(TraumaAnswer.NO, 2), supervised_only=True) is Advice.GO


@pytest.mark.parametrize("answer", [TraumaAnswer.YES, TraumaAnswer.UNSURE])
def test_trauma_or_unsure_recommends_a_therapist(answer):
    assert advise(PreCheck(answer, 2), supervised_only=False) is Advice.WITH_THERAPIST


@pytest.mark.parametrize("answer", [TraumaAnswer.YES, TraumaAnswer.UNSURE])
def test_the_therapists_safeguard_refuses_to_start_alone(answer):
    with pytest.raises(MoveNotAllowed) as refused:
        advise(PreCheck(answer, 2), supervised_only=True)
    assert refused.value.message_key == "parent_child.therapist_only"


def test_distress_above_the_limit_is_a_soft_pause():
    with pytest.raises(MoveNotAllowed) as refused:
        advise(PreCheck(TraumaAnswer.NO, DISTRESS_LIMIT + 1), supervised_only=False)
    assert refused.value.message_key == "parent_child.soft_pause"


def test_distress_at_the_limit_still_goes_ahead():
    assert advise(PreCheck(TraumaAnswer.NO, DISTRESS_LIMIT), supervised_only=False) is Advice.GO


@pytest.mark.parametrize("distress", [-1, 11])
def test_a_rating_off_the_scale_is_refused(distress):
    with pytest.raises(InvalidInput):
        PreCheck(TraumaAnswer.NO, distress)
