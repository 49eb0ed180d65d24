"""``attunement u-turn``: the U-turn in a terminal, with the feedback engine's notes."""

import pytest
import typer

from attunement.cli.app import app
from attunement.domain.exercises.u_turn import Move, Step
from attunement.services import u_turn
from attunement.services.clock import SYSTEM_CLOCK
from attunement.services.runs import RunRef

PASSWORD = "correct horse battery staple"
real_prompt = typer.prompt
SAM = ["--username", "sam", "--password", PASSWORD]

TO_THE_PART = [
    "1",
    "You never listen to me",  # what came out
    "1",  # a breath
    "1",
    "Heat in my face",  # what I notice inside
    "1",
    "a part that wants to be heard",
]
BACK_FOR_THE_PART = [
    "1",
    "to matter",  # what it needs
    "1",
    "I am curious about it",  # Self: on to the return
    "1",
    "A part of me felt unheard when you looked at your phone; it needs a minute of you.",
]


def typed(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


def test_a_solo_u_turn_ends_with_the_coachs_note(cli_env, runner, sam, uow):
    result = runner.invoke(app, ["u-turn", *SAM], input=typed(TO_THE_PART + BACK_FOR_THE_PART))

    assert result.exit_code == 0, result.output
    assert "Which part of you reacted?" in result.output  # the web's FIND_PART prompt
    assert "You spoke for a part rather than from it." in result.output
    [(_, state)] = u_turn.u_turns_of(uow, viewer=sam.id)
    assert state.step is Step.DONE
    assert state.part_name == "a part that wants to be heard"


def test_leaving_midway_and_coming_back_carries_on(cli_env, runner, sam, uow):
    first = runner.invoke(app, ["u-turn", *SAM], input=typed([*TO_THE_PART, "0"]))
    second = runner.invoke(app, ["u-turn", *SAM], input=typed(BACK_FOR_THE_PART))

    assert first.exit_code == 0, first.output
    assert "Everything so far is kept." in first.output
    assert "Carrying on where you left off." in second.output
    [(_, state)] = u_turn.u_turns_of(uow, viewer=sam.id)
    assert state.step is Step.DONE


def test_the_partner_takes_the_keyboard_to_say_back_what_they_heard(
    cli_env, runner, sam, alex, uow
):
    hand_over = ["h", "alex", PASSWORD, "1", "You felt unheard and need a minute of me."]
    keys = typed(TO_THE_PART + BACK_FOR_THE_PART + hand_over)
    result = runner.invoke(app, ["u-turn", "--with-partner", *SAM], input=keys)

    assert result.exit_code == 0, result.output
    assert "Pass the keyboard to Alex" in result.output
    [(_, state)] = u_turn.u_turns_of(uow, viewer=alex.id)
    assert state.mirror == "You felt unheard and need a minute of me."


@pytest.mark.usefixtures("cli_env", "sam", "casey")
def test_another_account_cannot_take_the_partners_turn(runner, alex, uow):
    wrong = ["h", "casey", PASSWORD]
    keys = typed(TO_THE_PART + BACK_FOR_THE_PART + wrong)
    refused = runner.invoke(app, ["u-turn", "--with-partner", *SAM], input=keys)
    [(_, kept)] = u_turn.u_turns_of(uow, viewer=alex.id)
    right = ["h", "alex", PASSWORD, "1", "I heard you."]
    allowed = runner.invoke(app, ["u-turn", *SAM], input=typed(right))

    assert refused.exit_code == 1
    assert isinstance(refused.exception, SystemExit)
    assert "that account is not Alex's" in refused.output
    assert kept.step is Step.PARTNER_RECEIVES
    assert allowed.exit_code == 0, allowed.output
    [(_, state)] = u_turn.u_turns_of(uow, viewer=alex.id)
    assert state.step is Step.DONE


def prompts_with_a_move_between(at: int, meanwhile):
    """typer's own prompt, but just before prompt number ``at`` someone else moves elsewhere."""
    asked: list[str] = []

    def prompt(*args, **kwargs):
        if len(asked) == at:
            meanwhile()
        asked.append(args[0])
        return real_prompt(*args, **kwargs)

    return prompt


@pytest.mark.usefixtures("cli_env")
def test_a_move_made_elsewhere_meanwhile_is_said_and_the_step_shown(runner, alex, uow, monkeypatch):
    def alex_mirrors_in_the_browser() -> None:
        [(run, _)] = u_turn.u_turns_of(uow, viewer=alex.id)
        ref = RunRef(run, u_turn.KIND, alex.id)
        u_turn.move_on_u_turn(uow, ref, Move.MIRROR, "I heard a part of you.", clock=SYSTEM_CLOCK)

    lines = [*TO_THE_PART, *BACK_FOR_THE_PART, "1"]  # Sam then skips the mirror
    prompt = prompts_with_a_move_between(len(lines) - 1, alex_mirrors_in_the_browser)
    monkeypatch.setattr(typer, "prompt", prompt)
    result = runner.invoke(app, ["u-turn", "--with-partner", *SAM], input=typed(lines))

    assert result.exit_code == 0, result.output
    assert "Things moved on while you were writing." in result.output
    assert "Heard: I heard a part of you." in result.output
    [(_, state)] = u_turn.u_turns_of(uow, viewer=alex.id)
    assert state.mirror == "I heard a part of you."
