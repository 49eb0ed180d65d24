"""``attunement cycle-map``: both partners map their cycle at one keyboard; text and SVG."""

import pytest

from attunement.cli.app import app
from attunement.domain.exercises.cycle_map import Step
from attunement.services import ifio

PASSWORD = "correct horse battery staple"
SAM = ["--username", "sam", "--password", PASSWORD]
ALEX = ["--username", "alex", "--password", PASSWORD]

SAMS_TURN = [
    "1",
    "Alex comes home late without texting",
    "1",
    "scared and alone",
    "1",
    "I criticise",
    "1",  # Alex reacts to that
]
ALEXS_TURN = [
    "alex",
    PASSWORD,  # the keyboard passes to Alex
    "1",
    "not good enough",
    "1",
    "I withdraw",
    "2",  # that leads back to the start
    "2",  # my steps are right
    "h",
    "",  # Sam logged in at the start: the turn just passes back
]
ENDING = [
    "2",  # Sam: my steps are right
    "1",
    "fear of being left",
    "1",  # about step 1
    "2",  # we've guessed enough
    "1",
    "The chase",
    "",  # Alex is at the keyboard already
    "2",  # the name works for me
    "2",  # not now
]


def typed(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


@pytest.mark.usefixtures("cli_env", "sam")
def test_two_partners_map_the_whole_loop_and_draw_it(runner, alex, uow, tmp_path):
    picture = tmp_path / "cycle.svg"
    keys = typed(SAMS_TURN + ALEXS_TURN + ENDING)
    result = runner.invoke(app, ["cycle-map", "--svg", str(picture), *SAM], input=keys)

    assert result.exit_code == 0, result.output
    [(_, cycle)] = ifio.cycle_maps_of(uow, viewer=alex.id)
    assert cycle.step is Step.MAPPED
    assert cycle.name == "The chase"
    assert "1. Sam, inside: scared and alone" in result.output
    assert "guards: fear of being left" in result.output
    assert "sets off Alex" in result.output
    assert "and round again" in result.output
    assert picture.read_text().startswith("<svg")
    assert "The chase" in picture.read_text()


def test_stopping_at_the_partners_turn_keeps_the_map_for_them(cli_env, runner, sam, alex, uow):
    first = runner.invoke(app, ["cycle-map", *SAM], input=typed([*SAMS_TURN, ""]))
    second = runner.invoke(app, ["cycle-map", *ALEX], input=typed([*ALEXS_TURN[2:4], "0"]))
    drawn = runner.invoke(app, ["cycle-map", "--draw", *SAM])

    assert first.exit_code == 0, first.output
    assert "Everything so far is kept." in first.output
    assert "Carrying on where you left off." in second.output
    [(_, cycle)] = ifio.cycle_maps_of(uow, viewer=sam.id)
    assert cycle.step is Step.PROTECTOR_MOVE
    assert drawn.exit_code == 0, drawn.output
    assert "Alex, inside: not good enough" in drawn.output


def test_a_partners_step_cannot_be_taken_by_another_account(cli_env, runner, sam, casey, uow):
    wrong = runner.invoke(app, ["cycle-map", *SAM], input=typed([*SAMS_TURN, "casey", PASSWORD]))
    [(_, cycle)] = ifio.cycle_maps_of(uow, viewer=sam.id)

    assert wrong.exit_code == 1
    assert "that account is not Alex's" in wrong.output
    assert cycle.step is Step.FEELING
    assert cycle.steps[-1].inner_feeling == ""


def test_a_picture_that_cannot_be_written_is_said_in_words(cli_env, runner, sam, alex, tmp_path):
    nowhere = tmp_path / "missing" / "cycle.svg"
    result = runner.invoke(app, ["cycle-map", "--svg", str(nowhere), *SAM], input="0\n")

    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert "could not write" in result.output
    assert "the map itself is kept" in result.output


@pytest.mark.usefixtures("cli_env", "sam")
def test_a_sighting_on_a_step_of_the_map_is_kept_and_one_off_the_map_is_not(runner, alex, uow):
    runner.invoke(app, ["cycle-map", *SAM], input=typed([*SAMS_TURN, ""]))
    too_soon = runner.invoke(app, ["cycle-map", "--caught-at", "1", *ALEX])
    runner.invoke(app, ["cycle-map", *SAM], input=typed(ALEXS_TURN + ENDING))
    refused = runner.invoke(app, ["cycle-map", "--caught-at", "9", *ALEX])
    allowed = runner.invoke(app, ["cycle-map", "--caught-at", "2", *ALEX])

    assert too_soon.exit_code == 1
    assert "not finished yet" in too_soon.output
    assert refused.exit_code == 1
    assert isinstance(refused.exception, SystemExit)
    assert "choose one of the steps on the map." in refused.output
    assert allowed.exit_code == 0, allowed.output
    assert "Noted: you caught it at step 2." in allowed.output
    [(_, cycle)] = ifio.cycle_maps_of(uow, viewer=alex.id)
    assert cycle.sightings == (1,)
