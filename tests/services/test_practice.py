"""The therapist's dashboard, summary, homework, private notes and self-check (issue 5)."""

from dataclasses import dataclass
from datetime import timedelta

import pytest

from attunement.domain.errors import InvalidInput, NotFound
from attunement.domain.exercises.couples_dialogue import Move
from attunement.domain.people import Couple, Person
from attunement.domain.safety import ScreenAnswers
from attunement.domain.therapist import Alert, SelfCheck
from attunement.services import measures, practice, safety, therapists
from attunement.services.instruments import WEEKLY_CHECK_IN
from attunement.services.measures import CheckIn
from attunement.services.practice import HomeworkPlan
from attunement.store.measures import Sharing
from attunement.store.uow import SqlUnitOfWork
from tests.dialogues import ROUND
from tests.fakes import URGENT_MARKER, FakeClock, SafetyMarkerAnalyzer
from tests.services.test_measures import answers


@dataclass(frozen=True)
class Practice:
    """Sam and Alex with their therapist Jordan, on this test's database and clock."""

    uow: SqlUnitOfWork
    clock: FakeClock
    couple: Couple
    sam: Person
    alex: Person
    jordan: Person


@pytest.fixture
def cast(request, uow) -> Practice:
    names = ("clock", "couple", "sam", "alex", "jordan")
    return Practice(uow, *(request.getfixturevalue(name) for name in names))


def homework_form(clock: FakeClock, days: int = 3) -> HomeworkPlan:
    return HomeworkPlan("couples_dialogue", clock.now().date() + timedelta(days=days), "")


def test_the_dashboard_lists_the_couple_without_alerts(uow, clock, couple, jordan):
    (card,) = practice.dashboard(uow, therapist=jordan.id, clock=clock)

    assert card.client.names() == "Sam & Alex"
    assert card.alerts == ()


def test_an_uninvited_therapist_has_an_empty_dashboard(uow, clock, couple, jordan, morgan):
    assert practice.dashboard(uow, therapist=morgan.id, clock=clock) == []


def test_a_shared_fall_shows_not_on_track_and_a_private_one_does_not(cast):
    uow, clock, couple, sam, alex, jordan = (
        cast.uow, cast.clock, cast.couple, cast.sam, cast.alex, cast.jordan
    )  # fmt: skip
    for person, sharing in ((sam, Sharing(with_therapist=True)), (alex, Sharing())):
        for level in (3, 1):
            measures.check_in(
                uow, CheckIn(WEEKLY_CHECK_IN, answers(level), sharing), by=person.id, clock=clock
            )
            clock.advance(timedelta(days=7))

    summary = practice.couple_summary(uow, couple.id, therapist=jordan.id, clock=clock)

    assert summary.alerts == (Alert.NOT_ON_TRACK,)
    assert [p.person.id for p in summary.outcomes] == [sam.id]  # Alex kept theirs private
    assert summary.last_activity == clock.now() - timedelta(days=21)  # not Alex's private ones


def test_a_safety_hold_reaches_the_therapist_only_as_needs_attention(cast, talk):
    uow, clock, couple, sam, alex, jordan = (
        cast.uow, cast.clock, cast.couple, cast.sam, cast.alex, cast.jordan
    )  # fmt: skip
    loud = talk.judged_by(SafetyMarkerAnalyzer())
    dialogue = loud.start(sam)
    loud.play(dialogue, sam, Move.REQUEST_APPOINTMENT, "Tonight")
    loud.play(dialogue, alex, Move.ACCEPT_NOW)
    loud.play(dialogue, sam, Move.CHUNK_DONE, f"Something happened {URGENT_MARKER}")

    summary = practice.couple_summary(uow, couple.id, therapist=jordan.id, clock=clock)

    assert summary.alerts == (Alert.NEEDS_ATTENTION,)


@pytest.mark.parametrize("afraid", [True, False])
def test_a_private_check_in_reaches_the_therapist_only_as_needs_attention(cast, afraid):
    uow, clock, couple, alex, jordan = cast.uow, cast.clock, cast.couple, cast.alex, cast.jordan
    said = frozenset({"afraid"}) if afraid else frozenset()
    safety.take_screen(uow, person=alex.id, answers=ScreenAnswers(said, ""), clock=clock)

    summary = practice.couple_summary(uow, couple.id, therapist=jordan.id, clock=clock)

    assert (Alert.NEEDS_ATTENTION in summary.alerts) is afraid


def test_homework_is_set_seen_by_the_couple_and_marked_done(cast):
    uow, clock, couple, sam, alex, jordan = (
        cast.uow, cast.clock, cast.couple, cast.sam, cast.alex, cast.jordan
    )  # fmt: skip
    practice.assign_homework(uow, couple.id, homework_form(clock), therapist=jordan.id, clock=clock)

    (seen,) = practice.homework_of(uow, viewer=alex.id)
    practice.mark_homework_done(uow, seen.id, by=sam.id, clock=clock)

    (done,) = practice.homework_of(uow, viewer=alex.id)
    assert done.homework.done_at == clock.now()


def test_missed_homework_is_an_alert(uow, clock, couple, jordan):
    practice.assign_homework(
        uow, couple.id, homework_form(clock, 1), therapist=jordan.id, clock=clock
    )
    clock.advance(timedelta(days=2))

    summary = practice.couple_summary(uow, couple.id, therapist=jordan.id, clock=clock)

    assert summary.alerts == (Alert.MISSED_HOMEWORK,)


def test_homework_of_another_couple_cannot_be_marked_done(uow, clock, couple, jordan, casey):
    practice.assign_homework(uow, couple.id, homework_form(clock), therapist=jordan.id, clock=clock)
    (theirs,) = practice.couple_summary(uow, couple.id, therapist=jordan.id, clock=clock).homework

    with pytest.raises(NotFound):
        practice.mark_homework_done(uow, theirs.id, by=casey.id, clock=clock)
    assert (
        practice.couple_summary(uow, couple.id, therapist=jordan.id, clock=clock)
        .homework[0]
        .homework.done_at
        is None
    )


def test_an_uninvited_therapist_can_set_no_homework(uow, clock, couple, jordan, morgan):
    with pytest.raises(NotFound):
        practice.assign_homework(
            uow, couple.id, homework_form(clock), therapist=morgan.id, clock=clock
        )


def test_a_homework_date_in_the_past_is_refused(uow, clock, couple, jordan):
    with pytest.raises(InvalidInput, match=r"homework\.due_in_past"):
        practice.assign_homework(
            uow, couple.id, homework_form(clock, -1), therapist=jordan.id, clock=clock
        )


def test_notes_and_self_checks_are_read_back_by_their_author_alone(uow, clock, couple, jordan):
    practice.write_note(uow, couple.id, "Talked about money.", therapist=jordan.id, clock=clock)
    clock.advance(timedelta(minutes=5))
    check = SelfCheck.written("my rescuer part", "when Alex cried", "breathing")
    practice.write_self_check(uow, couple.id, check, therapist=jordan.id, clock=clock)

    writing = practice.couple_summary(uow, couple.id, therapist=jordan.id, clock=clock).writing

    assert [(w.note, w.check) for w in writing] == [(None, check), ("Talked about money.", None)]


def test_a_later_therapist_does_not_read_the_earlier_ones_notes(cast, morgan):
    uow, clock, couple, sam, jordan = cast.uow, cast.clock, cast.couple, cast.sam, cast.jordan
    practice.write_note(uow, couple.id, "Private to Jordan.", therapist=jordan.id, clock=clock)
    code = therapists.invite_therapist(uow, by=sam.id, clock=clock)
    therapists.join_as_therapist(uow, by=morgan.id, code=code, clock=clock)

    summary = practice.couple_summary(uow, couple.id, therapist=morgan.id, clock=clock)

    assert summary.writing == []
    with pytest.raises(NotFound):  # Jordan's link ended when Morgan's began
        practice.couple_summary(uow, couple.id, therapist=jordan.id, clock=clock)


def test_skill_curves_come_from_each_partners_dialogue_turns(cast, talk):
    uow, clock, couple, sam, alex, jordan = (
        cast.uow, cast.clock, cast.couple, cast.sam, cast.alex, cast.jordan
    )  # fmt: skip
    dialogue = talk.start(sam)
    talk.play_all(dialogue, {"sam": sam, "alex": alex}, ROUND)

    summary = practice.couple_summary(uow, couple.id, therapist=jordan.id, clock=clock)

    skills = dict(summary.skills)
    (alex_week,) = skills["Alex"]
    assert alex_week.mirror is not None
    assert alex_week.validation is not None
    assert alex_week.empathy is not None
    assert skills["Sam"][0].mirror is None  # Sam sent; Sam did not mirror


def test_the_dashboard_costs_the_same_queries_however_many_check_ins(cast, queries):
    uow, clock, sam = cast.uow, cast.clock, cast.sam
    shared = CheckIn(WEEKLY_CHECK_IN, answers(2), Sharing(with_therapist=True))
    measures.check_in(uow, shared, by=sam.id, clock=clock)
    queries.reset()
    practice.dashboard(uow, therapist=cast.jordan.id, clock=clock)
    one = queries.count
    for _ in range(3):
        clock.advance(timedelta(days=7))
        measures.check_in(uow, shared, by=sam.id, clock=clock)

    queries.reset()
    practice.dashboard(uow, therapist=cast.jordan.id, clock=clock)

    assert queries.count == one
    assert one <= 15
