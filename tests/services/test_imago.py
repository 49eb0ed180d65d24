"""Use cases of the Imago runs: a request through to a commitment, privacy, code word, recap."""

from datetime import timedelta

import pytest

from attunement.domain.commitments import CheckIn
from attunement.domain.errors import InvalidInput, NotFound, NotYourMove, PausedForSafety, StaleView
from attunement.domain.exercises.behavior_change import Step as RequestStep
from attunement.domain.exercises.parent_child import Step as ChildStep
from attunement.domain.imago_runs import ImagoKind, RunId
from attunement.domain.sessions import DialogueMode
from attunement.services import commitments, imago, time_outs
from attunement.services.commitments import CheckInRequest
from tests.fakes import URGENT_MARKER, SafetyMarkerAnalyzer

REQUESTS = (
    "Sit with me for coffee for 15 minutes before work, twice a week for the next four weeks",
    "Text me when you leave the office, every weekday for two weeks",
    "Ask me one question about my day each evening for the next four weeks",
)


def loop(words: str) -> list[tuple[str, str, str | None]]:
    return [
        ("sam", "say", words),
        ("alex", "mirror", f"You said: {words}"),
        ("sam", "accurate", None),
        ("sam", "no_more", None),
    ]


TO_CHOOSE = [
    ("sam", "request_appointment", "mornings"),
    ("alex", "accept_now", None),
    *loop("When you scroll at breakfast, I sit alone."),
    *loop("I feel lonely."),
    ("sam", "skip", None),
    *loop("I want to feel you're glad to start the day with me."),
    *[("sam", "offer", text) for text in REQUESTS],
    ("alex", "mirror", "Coffee, a text, a question."),
    ("sam", "accurate", None),
]


@pytest.fixture
def play(uow, clock, sam, alex):
    cast = {"sam": sam, "alex": alex}

    def move(run, who, name, text=None, **fields) -> imago.RunView:
        person = cast[who] if isinstance(who, str) else who
        acting_as = fields.pop("acting_as", person)
        request = imago.RunMove(
            run=run, viewer=person.id, acting_as=acting_as.id, move=name, text=text, **fields
        )
        analyzer = fields.pop("analyzer", SafetyMarkerAnalyzer())
        return imago.make_run_move(uow, request, analyzer=analyzer, clock=clock)

    def many(run, moves):
        view = None
        for who, name, text in moves:
            view = move(run, who, name, text)
        return view

    move.many = many  # type: ignore[attr-defined]
    return move


def start(
    uow, clock, person, kind=ImagoKind.BEHAVIOR_CHANGE, mode=DialogueMode.TWO_DEVICES
) -> RunId:
    return imago.start_run(uow, kind=kind, by=person.id, mode=mode, clock=clock)


def test_a_confirmed_request_becomes_a_commitment_both_partners_see(uow, clock, sam, alex, play):
    run = start(uow, clock, sam)
    play.many(run, TO_CHOOSE)
    play(run, "alex", "choose", "I'll text you when I leave work, weekdays.", pick=1)
    view = play(run, "sam", "confirm", "Thank you.")

    assert view.state.step is RequestStep.FOLLOW_UP
    for person in (sam, alex):
        (stored,) = commitments.commitments_of(uow, viewer=person.id)
        assert stored.commitment.request == REQUESTS[1]
        assert stored.commitment.ends_on == clock.now().date() + timedelta(days=14)


def test_check_ins_are_recorded_by_either_and_seen_by_both(uow, clock, sam, alex, play):
    run = start(uow, clock, sam)
    play.many(run, TO_CHOOSE)
    play(run, "alex", "choose", "Coffee twice a week.", pick=0)
    play(run, "sam", "confirm")
    (stored,) = commitments.commitments_of(uow, viewer=sam.id)

    clock.advance(timedelta(days=7))
    commitments.record_check_in(
        uow, CheckInRequest(stored.id, alex.id, CheckIn.DONE, "Both mornings."), clock=clock
    )
    clock.advance(timedelta(minutes=5))
    commitments.record_check_in(uow, CheckInRequest(stored.id, sam.id, CheckIn.PARTLY), clock=clock)

    (seen,) = commitments.commitments_of(uow, viewer=sam.id)
    assert [(f.by, f.status) for f in seen.commitment.follow_ups] == [
        (alex.id, CheckIn.DONE),
        (sam.id, CheckIn.PARTLY),
    ]


def test_an_outsider_cannot_see_or_check_in_on_a_commitment(uow, clock, sam, casey, play):
    run = start(uow, clock, sam)
    play.many(run, TO_CHOOSE)
    play(run, "alex", "choose", "Coffee twice a week.", pick=0)
    play(run, "sam", "confirm")
    (stored,) = commitments.commitments_of(uow, viewer=sam.id)

    assert commitments.commitments_of(uow, viewer=casey.id) == []
    with pytest.raises(NotFound):
        commitments.record_check_in(
            uow, CheckInRequest(stored.id, casey.id, CheckIn.DONE), clock=clock
        )


def test_another_couples_run_is_not_found_and_the_couples_own_is(uow, clock, sam, casey):
    run = start(uow, clock, sam)
    with pytest.raises(NotFound) as missing:
        imago.run_view(uow, RunId("no-such-run"), viewer=casey.id)
    with pytest.raises(NotFound) as hidden:
        imago.run_view(uow, run, viewer=casey.id)
    assert missing.value.message_key == hidden.value.message_key
    assert imago.run_view(uow, run, viewer=sam.id).id == run
    assert imago.runs_of(uow, viewer=casey.id) == []


def test_a_refused_request_saves_nothing(uow, clock, sam, play):
    run = start(uow, clock, sam)
    play.many(run, TO_CHOOSE[:-5])
    before = imago.run_view(uow, run, viewer=sam.id)
    with pytest.raises(InvalidInput):
        play(run, "sam", "offer", "Stop scrolling at breakfast")
    after = imago.run_view(uow, run, viewer=sam.id)
    assert after.state == before.state
    assert after.turns == before.turns


def test_a_resent_move_is_made_once(uow, clock, sam, play):
    run = start(uow, clock, sam)
    play(run, "sam", "request_appointment", "mornings", move_key="k1")
    again = play(run, "sam", "request_appointment", "mornings", move_key="k1")
    assert again.state.version == 1


def test_a_stale_screen_and_acting_for_the_partner_on_two_devices_are_refused(
    uow, clock, sam, alex, play
):
    run = start(uow, clock, sam)
    with pytest.raises(StaleView):
        play(run, "sam", "request_appointment", "mornings", expected_version=3)
    with pytest.raises(NotYourMove):
        play(run, "alex", "request_appointment", "mornings", acting_as=sam)
    assert play(run, "sam", "request_appointment", "x", expected_version=0).state.version == 1


def test_on_one_device_either_partner_acts_for_whoever_is_due(uow, clock, sam, alex, play):
    run = start(uow, clock, sam, mode=DialogueMode.ONE_DEVICE)
    play(run, "sam", "request_appointment", "mornings")
    assert play(run, "sam", "accept_now", acting_as=alex).state.step is RequestStep.FRUSTRATION


def test_the_code_word_pauses_the_run_and_resuming_shows_the_last_mirror(
    uow, clock, sam, alex, play
):
    time_outs.agree_time_out_plan(
        uow, by=alex.id, code_word="pineapple", min_minutes=20, clock=clock
    )
    run = start(uow, clock, sam, kind=ImagoKind.PARENT_CHILD)
    play.many(
        run,
        [
            ("sam", "set_up", "my mother"),
            ("alex", "enter_role", None),
            ("alex", "ask", None),
            ("sam", "answer", "The house was quiet."),
            ("alex", "mirror", "The house was quiet for you."),
        ],
    )
    paused = play(run, "sam", "partly", "Pineapple. I need a minute.")
    assert paused.state.step is ChildStep.TIMEOUT
    assert paused.recap == "The house was quiet for you."

    assert paused.back_at == clock.now() + timedelta(minutes=20)
    with pytest.raises(InvalidInput) as too_soon:
        play(run, "alex", "resume")
    assert too_soon.value.message_key == "time_out.too_soon"

    clock.advance(timedelta(minutes=20))
    back = play(run, "alex", "resume")
    assert back.back_at is None
    assert back.state.step is ChildStep.MIRROR_CHECK  # the exact step the code word was said at
    assert back.recap == "The house was quiet for you."
    assert play(run, "sam", "accurate").recap is None


def test_the_code_word_calls_the_couples_break_and_is_not_kept(uow, clock, sam, alex, play):
    time_outs.agree_time_out_plan(
        uow, by=sam.id, code_word="pineapple", min_minutes=20, clock=clock
    )
    run = start(uow, clock, sam, kind=ImagoKind.APPRECIATION)
    paused = play(run, "sam", "request_appointment", "Pineapple, sorry")
    assert paused.time_out is not None
    assert paused.state.resumes_at.value == "REQUEST_APPOINTMENT"
    for person in (sam, alex):
        assert not [t for t in imago.run_view(uow, run, viewer=person.id).turns if t.text]


def test_without_a_plan_the_word_is_just_a_word(uow, clock, sam, play):
    run = start(uow, clock, sam, kind=ImagoKind.APPRECIATION)
    view = play(run, "sam", "request_appointment", "pineapple?")
    assert view.state.step.value == "APPOINTMENT_RESPONSE"


def test_urgent_words_hold_the_run_and_are_kept_from_the_partner(uow, clock, sam, alex, play):
    run = start(uow, clock, sam, kind=ImagoKind.APPRECIATION)
    play(run, "sam", "request_appointment", None)
    play(run, "alex", "accept_now")
    held = play(run, "sam", "appreciate", f"words {URGENT_MARKER}")

    assert held.state.step.value == "SAFETY_HOLD"
    assert not [t for t in imago.run_view(uow, run, viewer=alex.id).turns if t.text]
    assert [t for t in imago.run_view(uow, run, viewer=sam.id).turns if t.text]
    with pytest.raises(PausedForSafety):
        play(run, "alex", "abandon")


def test_a_run_needs_both_partners(uow, clock, morgan):
    with pytest.raises(InvalidInput):
        start(uow, clock, morgan)


def test_a_plan_with_an_unusable_word_is_refused(uow, clock, sam, alex):
    with pytest.raises(InvalidInput):
        time_outs.agree_time_out_plan(uow, by=sam.id, code_word="42", min_minutes=20, clock=clock)
    assert time_outs.time_out_plan_of(uow, viewer=alex.id) is None
