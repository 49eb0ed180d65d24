"""``attunement dialogue``: a whole round in a terminal, two people at one keyboard."""

from attunement.cli.app import app
from attunement.domain.exercises.couples_dialogue import Step
from attunement.services import dialogue, time_outs
from attunement.services.clock import SystemClock

SAM_SAYS = "When you were on your phone at dinner I felt lonely."

# (choice, words) per step, for whoever's turn it is; the first choice is the way forward.
ROUND = [
    ("1", "dinner"),  # Sam asks for an appointment
    ("1", None),  # Alex: yes, now
    ("1", SAM_SAYS),  # Sam sends
    ("1", "If I got that, you felt lonely when I was on my phone at dinner. Did I get it?"),
    ("1", None),  # Sam: accurate
    ("2", None),  # Sam: no more
    ("1", "So at dinner my phone left you lonely. Is that all?"),
    ("1", None),  # complete
    ("1", "That makes sense, because you wanted my attention."),
    ("1", None),  # landed
    ("1", "I imagine you felt lonely and unimportant."),
    ("1", None),  # confirmed
    ("1", "Thank you for telling me."),
    ("1", "Thank you for listening."),
    ("1", None),  # finish
]


def keyboard(steps, *, login=("sam", "correct horse battery staple")) -> str:
    lines = list(login)
    for choice, words in steps:
        lines.append(choice)
        if words is not None:
            lines.append(words)
    return "\n".join(lines) + "\n"


def test_two_people_finish_a_round_at_one_keyboard(cli_env, runner, sam, uow):
    result = runner.invoke(app, ["dialogue"], input=keyboard(ROUND))

    assert result.exit_code == 0, result.output
    assert "You finished this conversation" in result.output
    [summary] = dialogue.dialogues_of(uow, viewer=sam.id)
    view = dialogue.dialogue_view(uow, summary.id, viewer=sam.id)
    assert view.state.step is Step.DONE
    assert [turn.text for turn in view.turns][1] == SAM_SAYS


def test_the_screen_says_whose_turn_it_is_and_offers_a_stem(cli_env, runner, sam):
    result = runner.invoke(app, ["dialogue"], input=keyboard(ROUND))

    assert "Sam's turn" in result.output
    assert "Alex's turn" in result.output
    assert "Did I get it?" in result.output


def test_a_mirror_gets_feedback_after_it_is_sent(cli_env, runner, sam):
    result = runner.invoke(app, ["dialogue"], input=keyboard(ROUND))

    assert "%)" in result.output  # the mirror's score, in words and percent


def test_an_overlong_message_is_refused_and_the_round_goes_on(cli_env, runner, sam, uow):
    steps = [*ROUND[:2], ("1", "a" * 20_000), *ROUND[2:]]

    result = runner.invoke(app, ["dialogue"], input=keyboard(steps))

    assert result.exit_code == 0, result.output
    assert "2000" in result.output or "2,000" in result.output
    [summary] = dialogue.dialogues_of(uow, viewer=sam.id)
    assert summary.step is Step.DONE


def test_a_wrong_password_is_one_clear_line(cli_env, runner, sam, uow):
    result = runner.invoke(app, ["dialogue"], input=keyboard([], login=("sam", "wrong password")))

    assert result.exit_code == 1
    assert "do not match an account" in result.output
    assert dialogue.dialogues_of(uow, viewer=sam.id) == []


def test_someone_without_a_partner_is_told_to_invite_first(cli_env, runner, morgan):
    result = runner.invoke(
        app, ["dialogue"], input=keyboard([], login=("morgan", "correct horse battery staple"))
    )

    assert result.exit_code == 1
    assert "invite your partner" in result.output


def test_the_code_word_calls_the_break_and_says_how_to_come_back(cli_env, runner, sam, uow):
    time_outs.agree_time_out_plan(
        uow, by=sam.id, code_word="pineapple", min_minutes=20, clock=SystemClock()
    )
    steps = [*ROUND[:2], ("1", "pineapple, I need to stop")]

    result = runner.invoke(app, ["dialogue"], input=keyboard(steps))

    [summary] = dialogue.dialogues_of(uow, viewer=sam.id)
    assert "Your break has begun: about 20 minutes" in result.output
    assert f"attunement dialogue --resume {summary.id}" in result.output
    view = dialogue.dialogue_view(uow, summary.id, viewer=sam.id)
    assert view.state.step is Step.TIMEOUT
    assert "pineapple" not in [turn.text for turn in view.turns]


def test_without_a_plan_the_words_are_sent_and_no_break_is_called(cli_env, runner, sam, uow):
    steps = [*ROUND[:2], ("1", "pineapple, I need to stop")]

    result = runner.invoke(app, ["dialogue"], input=keyboard(steps))

    assert "Your break has begun" not in result.output
    [summary] = dialogue.dialogues_of(uow, viewer=sam.id)
    view = dialogue.dialogue_view(uow, summary.id, viewer=sam.id)
    assert "pineapple, I need to stop" in [turn.text for turn in view.turns]
