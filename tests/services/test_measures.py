"""Check-ins: kept for their author, shared only where chosen, and read back as progress."""

from datetime import timedelta

import pytest

from attunement.domain.change import Track, TrackReason
from attunement.domain.clock import Clock
from attunement.domain.errors import InvalidInput, NotFound
from attunement.domain.measures import Administration
from attunement.domain.people import Person
from attunement.services import measures
from attunement.services.instruments import SESSION_RATING, WEEKLY_CHECK_IN
from attunement.services.measures import CheckIn
from attunement.services.uow import UnitOfWork
from attunement.store.measures import Sharing

NOBODY = Sharing()

ALL_TWOS = dict.fromkeys(
    ["glad", "needs_met", "count_on", "doubted_word", "long_view", "want_effort",
     "close_inside", "close_touch", "sharp_words", "found_way_back", "worn_out", "energy_left"],
    2,
)  # fmt: skip


def answers(level: int) -> dict[str, int | None]:
    """Every item answered so that its *scored* value is ``level`` (reverse keys undone)."""
    reverse = {"doubted_word", "sharp_words", "worn_out"}
    return {key: (4 - level if key in reverse else level) for key in ALL_TWOS}


def check_in(
    uow: UnitOfWork, clock: Clock, person: Person, level: int, sharing: Sharing = NOBODY
) -> Administration:
    return measures.check_in(
        uow, CheckIn(WEEKLY_CHECK_IN, answers(level), sharing), by=person.id, clock=clock
    )


def test_a_check_in_is_scored_with_reverse_keys(uow, clock, sam):
    given = check_in(uow, clock, sam, 3)

    assert given.score.total == 36  # 12 items scored 3
    assert given.score.subscale("trust") == 6


def test_a_skipped_question_is_prorated(uow, clock, sam):
    partial = {**answers(3), "glad": None, "close_touch": None}

    given = measures.check_in(
        uow, CheckIn(WEEKLY_CHECK_IN, partial, Sharing()), by=sam.id, clock=clock
    )

    assert given.score.total == pytest.approx(36.0)  # 30 over 10 answered, times 12
    assert given.score.subscale("satisfaction") is None  # 1 of 2 is below 80 %


def test_a_therapist_cannot_fill_in_a_check_in(uow, clock, morgan):
    with pytest.raises(InvalidInput) as refused:
        check_in(uow, clock, morgan, 3)

    assert refused.value.message_key == "measures.partners_only"


def test_an_unknown_instrument_is_not_found(uow, clock, sam):
    with pytest.raises(NotFound):
        measures.check_in(uow, CheckIn("other", {}, Sharing()), by=sam.id, clock=clock)


def test_sam_sees_own_progress_and_not_alexs_private_check_ins(uow, clock, sam, alex):
    check_in(uow, clock, sam, 3)
    check_in(uow, clock, alex, 1)

    view = measures.progress_view(uow, viewer=sam.id)

    assert [p.person.id for p in view.outcomes] == [sam.id]
    assert view.partner is not None
    assert view.partner.id == alex.id


def test_alexs_shared_check_ins_appear_beside_sams(uow, clock, sam, alex):
    check_in(uow, clock, sam, 3)
    check_in(uow, clock, alex, 1, Sharing(with_partner=True))

    view = measures.progress_view(uow, viewer=sam.id)

    assert [(p.person.id, p.weeks[-1][1]) for p in view.outcomes] == [(sam.id, 36), (alex.id, 12)]


def test_sharing_with_the_therapist_does_not_share_with_the_partner(uow, clock, sam, alex):
    check_in(uow, clock, alex, 1, Sharing(with_therapist=True))

    view = measures.progress_view(uow, viewer=sam.id)

    assert view.outcomes == []


def test_another_couple_never_sees_a_shared_check_in(uow, clock, sam, alex, casey):
    check_in(uow, clock, alex, 1, Sharing(with_partner=True, with_therapist=True))

    view = measures.progress_view(uow, viewer=casey.id)

    assert view.outcomes == []


def test_a_reliable_fall_flags_not_on_track(uow, clock, sam, alex):
    check_in(uow, clock, sam, 3)
    clock.advance(timedelta(days=7))
    check_in(uow, clock, sam, 2)  # 36 -> 24: a fall of 12 > 6

    (mine,) = measures.progress_view(uow, viewer=sam.id).outcomes

    assert (mine.track.status, mine.track.reason) == (
        Track.NOT_ON_TRACK,
        TrackReason.FELL_FROM_START,
    )
    assert mine.change is not None
    assert mine.change.reliable
    assert len(mine.weeks) == 2


def test_a_low_session_rating_is_an_alliance_concern(uow, clock, sam):
    low = dict.fromkeys(["heard", "respected", "mattered", "fit"], 2)
    measures.check_in(uow, CheckIn(SESSION_RATING, low, Sharing()), by=sam.id, clock=clock)

    (mine,) = measures.progress_view(uow, viewer=sam.id).ratings

    assert mine.track.status is Track.ALLIANCE_CONCERN
