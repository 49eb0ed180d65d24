"""Invitation codes, homework, dashboard alerts, notes and the therapist's self-check."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from attunement.domain.change import Track, TrackReason, TrackStatus
from attunement.domain.errors import InvalidInput
from attunement.domain.ids import CoupleId, PersonId
from attunement.domain.therapist import (
    CODE_LIFETIME,
    MAX_NOTE,
    Alert,
    HomeworkKind,
    Invitation,
    SelfCheck,
    check_note,
    code_digest,
    couple_alerts,
    format_code,
    set_homework,
)

SAM, JORDAN, MORGAN = PersonId("sam"), PersonId("jordan"), PersonId("morgan")
NOW = datetime(2026, 11, 25, 10, tzinfo=UTC)
TODAY = NOW.date()


def invitation() -> Invitation:
    return Invitation(CoupleId("c1"), code_digest("ABCD-EFGH"), created_by=SAM, created_at=NOW)


def test_a_code_is_grouped_base32_of_the_random_bytes():
    code = format_code(bytes(range(16)))

    assert code == "AAAQ-EAYE-AUDA-OCAJ-BIFQ-YDIO-B4"
    assert len(code.replace("-", "")) == 26  # 128 bits


def test_a_code_matches_whatever_the_case_spacing_and_lookalike_digits():
    assert code_digest("abcd efgh") == code_digest("ABCD-EFGH")
    assert code_digest("AB0D-EFGH") == code_digest("ABOD-EFGH")
    assert code_digest("ABCD-EFGH") != code_digest("ABCD-EFGJ")


def test_a_fresh_code_is_redeemed_once():
    used = invitation().redeem(JORDAN, NOW + timedelta(hours=1))

    assert used.redeemed_by == JORDAN
    assert used.redeemed_at == NOW + timedelta(hours=1)


def test_a_used_code_does_not_work_again():
    used = invitation().redeem(JORDAN, NOW)

    with pytest.raises(InvalidInput) as refused:
        used.redeem(MORGAN, NOW)

    assert refused.value.message_key == "therapist.code_not_valid"


def test_an_expired_code_does_not_work():
    with pytest.raises(InvalidInput, match=r"therapist.code_not_valid"):
        invitation().redeem(JORDAN, NOW + CODE_LIFETIME)


def test_a_code_works_until_just_before_it_expires():
    used = invitation().redeem(JORDAN, NOW + CODE_LIFETIME - timedelta(seconds=1))

    assert used.redeemed_by == JORDAN


def test_homework_is_set_for_a_known_exercise_and_a_day_not_yet_past():
    homework = set_homework("couples_dialogue", TODAY, "  About the weekend.  ", by=JORDAN, at=NOW)

    assert homework.kind is HomeworkKind.COUPLES_DIALOGUE
    assert homework.note == "About the weekend."
    assert not homework.overdue(TODAY)
    assert homework.overdue(TODAY + timedelta(days=1))


@pytest.mark.parametrize(
    ("kind", "due", "note", "key"),
    [
        ("tarot", TODAY, "", "homework.unknown_kind"),
        ("couples_dialogue", TODAY - timedelta(days=1), "", "homework.due_in_past"),
        ("couples_dialogue", TODAY, "x" * 501, "error.too_long"),
    ],
)
def test_unusable_homework_is_refused(kind, due, note, key):
    with pytest.raises(InvalidInput) as refused:
        set_homework(kind, due, note, by=JORDAN, at=NOW)

    assert refused.value.message_key == key


def test_done_homework_is_never_overdue():
    homework = set_homework("couples_dialogue", TODAY, "", by=JORDAN, at=NOW)
    done = replace(homework, done_at=NOW)

    assert not done.overdue(TODAY + timedelta(days=3))


def status(track: Track) -> TrackStatus:
    return TrackStatus(4, 20, track, TrackReason.STEADY)


def test_alerts_come_most_urgent_first_each_once():
    late = set_homework("couples_dialogue", TODAY, "", by=JORDAN, at=NOW)

    alerts = couple_alerts(
        held=True,
        tracks=[status(Track.ALLIANCE_CONCERN), status(Track.NOT_ON_TRACK),
                status(Track.NOT_ON_TRACK)],
        homework=[late],
        today=TODAY + timedelta(days=1),
    )  # fmt: skip

    assert alerts == (
        Alert.NEEDS_ATTENTION,
        Alert.NOT_ON_TRACK,
        Alert.ALLIANCE_CONCERN,
        Alert.MISSED_HOMEWORK,
    )


def test_a_quiet_couple_has_no_alerts():
    on_time = set_homework("couples_dialogue", TODAY, "", by=JORDAN, at=NOW)

    alerts = couple_alerts(
        held=False, tracks=[status(Track.ON_TRACK)], homework=[on_time], today=TODAY
    )

    assert alerts == ()


def test_a_note_is_trimmed_and_must_say_something():
    assert check_note("  Talked about money.\n") == "Talked about money."
    with pytest.raises(InvalidInput, match=r"error.empty"):
        check_note("   ")
    with pytest.raises(InvalidInput, match=r"error.too_long"):
        check_note("x" * (MAX_NOTE + 1))


def test_a_self_check_needs_at_least_one_answer():
    check = SelfCheck.written("my rescuer", "", " when Alex cried ")

    assert check == SelfCheck("my rescuer", "", "when Alex cried")
    with pytest.raises(InvalidInput, match=r"error.empty"):
        SelfCheck.written("", " ", "")
    with pytest.raises(InvalidInput, match=r"error.too_long"):
        SelfCheck.written("x" * 2001, "", "")
