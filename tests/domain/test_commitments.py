"""A chosen request as a commitment: its dates, its check-ins and who may record them."""

from datetime import date, timedelta

import pytest

from attunement.domain.commitments import (
    DEFAULT_HORIZON_DAYS,
    MAX_NOTE,
    CheckIn,
    Commitment,
    FollowUp,
)
from attunement.domain.errors import InvalidInput, NotYourMove
from attunement.domain.ids import PersonId

SAM = PersonId("sam")
ALEX = PersonId("alex")
CASEY = PersonId("casey")
START = date(2026, 11, 25)


def commitment(request: str = "Text me when you leave work, each weekday for two weeks"):
    return Commitment.begin(
        requester=SAM, giver=ALEX, request=request, restatement="I'll text you.", on=START
    )


def test_the_commitment_runs_for_the_requests_own_horizon():
    assert commitment().ends_on == START + timedelta(days=14)


def test_a_request_without_a_horizon_gets_the_default():
    assert commitment("Text me").ends_on == START + timedelta(days=DEFAULT_HORIZON_DAYS)


def test_check_ins_fall_weekly_and_on_the_last_day():
    assert commitment().check_in_days() == [START + timedelta(days=7), START + timedelta(days=14)]
    short = commitment("Hug me each morning this week")
    assert short.check_in_days() == [START + timedelta(days=7)]


def test_the_next_check_in_is_on_or_after_today():
    assert commitment().next_check_in(START + timedelta(days=8)) == START + timedelta(days=14)
    assert commitment().next_check_in(START + timedelta(days=15)) is None
    assert commitment().is_over(START + timedelta(days=15))
    assert not commitment().is_over(START + timedelta(days=14))


@pytest.mark.parametrize("by", [SAM, ALEX])
def test_both_partners_record_check_ins_and_both_see_them(by):
    today = START + timedelta(days=7)
    done = commitment().record(
        FollowUp(today, CheckIn.PARTLY, by, "Three of five days."), today=today
    )
    assert done.follow_ups == (FollowUp(today, CheckIn.PARTLY, by, "Three of five days."),)


def test_an_outsider_cannot_record():
    with pytest.raises(NotYourMove):
        commitment().record(FollowUp(START, CheckIn.DONE, CASEY), today=START)


@pytest.mark.parametrize("offset", [-1, 3, 20])
def test_a_day_before_the_start_in_the_future_or_after_the_end_is_refused(offset):
    today = START + timedelta(days=2)
    day = START + timedelta(days=offset)
    with pytest.raises(InvalidInput) as refused:
        commitment().record(FollowUp(day, CheckIn.DONE, SAM), today=max(today, day - timedelta(1)))
    assert refused.value.message_key == "commitment.day_outside"


def test_one_check_in_per_person_per_day():
    once = commitment().record(FollowUp(START, CheckIn.DONE, SAM), today=START)
    with pytest.raises(InvalidInput) as refused:
        once.record(FollowUp(START, CheckIn.NOT_YET, SAM), today=START)
    assert refused.value.message_key == "commitment.already_recorded"
    assert len(once.record(FollowUp(START, CheckIn.DONE, ALEX), today=START).follow_ups) == 2


def test_a_long_note_is_refused():
    with pytest.raises(InvalidInput):
        commitment().record(FollowUp(START, CheckIn.DONE, SAM, "x" * (MAX_NOTE + 1)), today=START)
