"""Weekly series, the gap between partners, and skill curves from stored turn analyses."""

from datetime import UTC, date, datetime

import pytest

from attunement.domain.analysis import (
    EmpathyCheck,
    Horsemen,
    MirrorCheck,
    ResponseAnalysis,
    TurnAnalysis,
    UtteranceAnalysis,
    ValidationCheck,
)
from attunement.domain.progress import (
    JudgedTurn,
    Skill,
    partner_gaps,
    skill_curves,
    week_of,
    weekly,
)

MONDAY = date(2026, 11, 16)
NEXT_MONDAY = date(2026, 11, 23)


def at(day: int, hour: int = 9) -> datetime:
    return datetime(2026, 11, day, hour, tzinfo=UTC)


def test_a_week_starts_on_monday():
    assert week_of(at(16)) == MONDAY
    assert week_of(at(22, 23)) == MONDAY
    assert week_of(at(23, 0)) == NEXT_MONDAY


def test_a_week_answered_twice_keeps_the_later_answer():
    points = weekly([(at(18), 30.0), (at(17), 20.0), (at(24), 33.0), (at(20), None)])

    assert points == [(MONDAY, 30.0), (NEXT_MONDAY, 33.0)]


def test_the_gap_counts_only_weeks_both_partners_answered():
    sam = [(MONDAY, 30.0), (NEXT_MONDAY, 36.0)]
    alex = [(NEXT_MONDAY, 28.5)]

    assert partner_gaps(sam, alex) == [(NEXT_MONDAY, 7.5)]
    assert partner_gaps(alex, sam) == [(NEXT_MONDAY, 7.5)]


def reply(mirror: float, validation: float, empathy: float) -> TurnAnalysis:
    return TurnAnalysis(
        response=ResponseAnalysis(
            mirror=MirrorCheck(score=mirror),
            validation=ValidationCheck(present=validation >= 0.5, score=validation),
            empathy=EmpathyCheck(present=empathy >= 0.5, score=empathy),
        )
    )


CRITICAL = TurnAnalysis(utterance=UtteranceAnalysis(horsemen=Horsemen(criticism=0.8)))
PLAIN = TurnAnalysis()


def test_skill_curves_average_each_skill_over_the_replies_that_practised_it():
    turns = [
        JudgedTurn(at(16), reply(0.8, 0.1, 0.1), Skill.MIRROR),
        JudgedTurn(at(17), reply(0.6, 0.2, 0.2), Skill.MIRROR),
        JudgedTurn(at(17), reply(0.1, 0.9, 0.3), Skill.VALIDATION),
        JudgedTurn(at(18), CRITICAL),
        JudgedTurn(at(24), reply(0.5, 0.0, 0.7), Skill.EMPATHY),
        JudgedTurn(at(25), PLAIN),
    ]

    first, second = skill_curves(turns)

    assert first.week == MONDAY
    assert first.turns == 4
    assert first.mirror == pytest.approx(0.7)
    assert first.validation == pytest.approx(0.9)
    assert first.empathy is None  # nobody practised empathy that week
    assert first.horsemen_rate == pytest.approx(0.25)
    assert second.week == NEXT_MONDAY
    assert (second.mirror, second.validation) == (None, None)
    assert second.empathy == pytest.approx(0.7)
    assert second.horsemen_rate == 0


def test_a_turn_labelled_with_a_skill_but_without_a_response_is_skipped():
    (week,) = skill_curves([JudgedTurn(at(16), PLAIN, Skill.MIRROR)])

    assert week.mirror is None
    assert week.turns == 1


def test_no_turns_give_no_curve():
    assert skill_curves([]) == []
