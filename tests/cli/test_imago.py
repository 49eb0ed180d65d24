"""``attunement bcr-check`` and ``attunement imago``: a request checked, a run in a terminal."""

from attunement.cli.app import app
from attunement.domain.exercises.appreciation import Step
from attunement.services import imago

LOGIN = ("sam", "correct horse battery staple")

# (choice, words) for whoever's turn it is: a whole Appreciation Dialogue.
APPRECIATION = [
    ("1", "Have you got a minute?"),  # Sam asks
    ("1", None),  # Alex: yes, now
    ("1", "When you warmed the car this morning I felt looked after."),
    ("1", "You felt looked after when I warmed the car."),
    ("1", None),  # Sam: you got it
    ("2", None),  # Sam: that's all
    ("1", "Thank you for telling me."),
    ("1", None),  # finish
]


def keyboard(steps) -> str:
    lines = list(LOGIN)
    for choice, words in steps:
        lines.append(choice)
        if words is not None:
            lines.append(words)
    return "\n".join(lines) + "\n"


def test_a_good_request_passes_every_criterion(runner):
    result = runner.invoke(
        app, ["bcr-check", "Text me when you leave the office, every weekday for two weeks"]
    )
    assert result.exit_code == 0, result.output
    assert result.output.count("ok  ") == 6


def test_a_request_that_fails_says_what_to_change_and_exits_1(runner):
    result = runner.invoke(app, ["bcr-check", "Stop scrolling at breakfast"])
    assert result.exit_code == 1
    assert "FIX positive: Turn it around" in result.output
    assert '("Stop")' in result.output
    assert "FIX time_limited" in result.output


def test_two_people_finish_an_appreciation_at_one_keyboard(cli_env, runner, sam, uow):
    result = runner.invoke(app, ["imago", "appreciation"], input=keyboard(APPRECIATION))

    assert result.exit_code == 0, result.output
    assert "Sam's turn" in result.output
    assert "Alex's turn" in result.output
    [run] = imago.runs_of(uow, viewer=sam.id)
    assert run.state.step is Step.DONE


def test_a_choice_outside_the_list_is_asked_again(cli_env, runner, sam, uow):
    result = runner.invoke(
        app, ["imago", "appreciation"], input=keyboard([("9", None), *APPRECIATION])
    )
    assert result.exit_code == 0, result.output
    assert "choose one of the numbers" in result.output
