"""The couple's code word pauses a Couple's Dialogue right after the turn that says it (#4)."""

from attunement.domain.exercises.couples_dialogue import Move, Step
from attunement.services import time_outs
from tests.dialogues import ROUND


def test_saying_the_code_word_calls_a_time_out_and_resume_returns_to_the_step(
    talk, uow, clock, sam, alex
):
    time_outs.agree_time_out_plan(
        uow, by=sam.id, code_word="pineapple", min_minutes=20, clock=clock
    )
    dialogue = talk.start(sam)
    talk.play_all(dialogue, {"sam": sam, "alex": alex}, ROUND[:4])

    paused = talk.play(dialogue, sam, Move.PARTLY, "Pineapple. Sorry, I need a break.")
    assert paused.view.state.step is Step.TIMEOUT
    assert paused.view.state.resumes_at is Step.MIRROR

    back = talk.play(dialogue, alex, Move.RESUME)
    assert back.view.state.step is Step.MIRROR


def test_without_the_word_the_dialogue_goes_on(talk, uow, clock, sam, alex):
    time_outs.agree_time_out_plan(
        uow, by=sam.id, code_word="pineapple", min_minutes=20, clock=clock
    )
    dialogue = talk.start(sam)
    talk.play_all(dialogue, {"sam": sam, "alex": alex}, ROUND[:4])

    assert talk.play(dialogue, sam, Move.PARTLY, "Pine, not apple.").view.state.step is Step.MIRROR
