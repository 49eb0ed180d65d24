"""``attunement six-fs``: the 6 Fs in a terminal fill the same card the browser does."""

import pytest

from attunement.cli.app import app
from attunement.domain.exercises.six_fs import SixFs, Step
from attunement.domain.parts import CardField, PartRole
from attunement.services import check_ins, parts, six_fs
from attunement.services.runs import runs_of

LOGIN = ["--username", "sam", "--password", "correct horse battery staple"]

# One answer per line: the number chosen, then the words the move asks for.
UP_TO_FEEL_TOWARD = [
    "1",
    "Last night when Alex was late",  # the moment
    "1",
    "A tight chest",  # where I notice it
    "1",  # I'm with it
    "2",
    "Small and fierce, it says watch out",  # what it's like
]
REST = [
    "1",
    "I feel annoyed with it",  # no Self word: the part that answered is asked to step back
    "1",  # it stepped back
    "1",
    "I am curious about it",
    "1",
    "It keeps me from being caught off guard",  # its job
    "1",
    "That I will be hurt again",  # its fear
    "5",  # thank it and close
    "1",
    "",  # finish, nothing to remember
]


@pytest.fixture
def guard(uow, sam, clock):
    return parts.name_part(uow, owner=sam.id, name="the guard", role=PartRole.MANAGER, clock=clock)


def typed(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


def test_a_whole_six_fs_fills_the_parts_card(cli_env, runner, sam, uow, guard):
    result = runner.invoke(app, ["six-fs", guard.id, *LOGIN], input=typed(UP_TO_FEEL_TOWARD + REST))

    assert result.exit_code == 0, result.output
    assert "Could it step back a little" in result.output  # the web's UNBLEND prompt
    assert "Words that sound like another part: annoyed." in result.output
    assert "Finished. What you learned is on the guard's card." in result.output
    card = parts.visible_part(uow, guard.id, viewer=sam.id)
    assert card.card()[CardField.BODY_LOCATION] == "A tight chest"
    assert card.card()[CardField.FEARS] == "That I will be hurt again"


def test_closing_the_terminal_midway_carries_on_at_the_same_step(cli_env, runner, sam, uow, guard):
    first = runner.invoke(app, ["six-fs", guard.id, *LOGIN], input=typed(UP_TO_FEEL_TOWARD))
    [(run, kept)] = runs_of(uow, six_fs.KIND, SixFs, viewer=sam.id)
    second = runner.invoke(app, ["six-fs", guard.id, *LOGIN], input=typed(REST))

    assert first.exit_code != 0  # the input ran out, as when a terminal is closed
    assert kept.step is Step.FEEL_TOWARD
    assert second.exit_code == 0, second.output
    assert "Carrying on where you left off." in second.output
    assert six_fs.six_fs_of(uow, run, viewer=sam.id).step is Step.DONE
    assert len(runs_of(uow, six_fs.KIND, SixFs, viewer=sam.id)) == 1


def test_an_empty_answer_is_refused_in_words_and_asked_again(cli_env, runner, sam, uow, guard):
    lines = ["1", "", "x", "1", "Last night"]
    result = runner.invoke(app, ["six-fs", guard.id, *LOGIN], input=typed([*lines, "0"]))

    assert result.exit_code == 0, result.output
    assert "Write a few words first" in result.output
    assert "Please choose one of the numbers shown." in result.output
    assert result.exception is None
    [(_, state)] = runs_of(uow, six_fs.KIND, SixFs, viewer=sam.id)
    assert state.step is Step.FIND
    assert state.trailhead == "Last night"


@pytest.fixture
def sulker(uow, alex, clock):
    return parts.name_part(
        uow, owner=alex.id, name="the sulker", role=PartRole.MANAGER, clock=clock
    )


def test_someone_elses_part_is_refused_and_ones_own_is_not(cli_env, runner, uow, guard, sulker):
    alexs = ["--username", "alex", "--password", "correct horse battery staple"]
    refused = runner.invoke(app, ["six-fs", guard.id, *alexs], input="0\n")
    allowed = runner.invoke(app, ["six-fs", sulker.id, *alexs], input="0\n")

    assert refused.exit_code == 1
    assert isinstance(refused.exception, SystemExit)  # one line from the CLI, not a crash
    assert "couldn't find" in refused.output
    assert runs_of(uow, six_fs.KIND, SixFs, viewer=guard.owner) == []
    assert allowed.exit_code == 0, allowed.output
    assert "the sulker" in allowed.output


def test_check_in_before_and_after_a_session(cli_env, runner, sam, uow, guard):
    before = ["2", "1", "2", "1", "1", "2", "1", "1", ""]
    after = ["3", "3", "3", "3", "2", "2", "3", "3", "the guard"]
    keys = typed(before + UP_TO_FEEL_TOWARD + REST + after)
    result = runner.invoke(app, ["six-fs", guard.id, "--check-in", *LOGIN], input=keys)

    assert result.exit_code == 0, result.output
    taken = check_ins.check_ins_of(uow, viewer=sam.id)
    assert [t.check_in.moment.value for t in taken] == ["before", "after"]
    assert taken[1].check_in.part_present == "the guard"
