"""``attunement check-in``: the 8 Cs rated in a terminal, and the history drawn as text."""

from attunement.cli.app import app
from attunement.services import check_ins

SAM = ["--username", "sam", "--password", "correct horse battery staple"]


def test_a_check_in_is_kept_and_drawn(cli_env, runner, sam, uow):
    taken = runner.invoke(
        app,
        ["check-in", "take", "--moment", "before", "--exercise", "six_fs", *SAM],
        input="3\n3\n2\n4\n3\n2\n3\n4\nthe worrier\n",
    )
    drawn = runner.invoke(app, ["check-in", "history", *SAM])

    assert taken.exit_code == 0, taken.output
    assert "a good amount of Self" in taken.output  # the web's advice, mean 3.0
    [kept] = check_ins.check_ins_of(uow, viewer=sam.id)
    assert kept.check_in.energy is not None
    assert kept.check_in.energy.ratings == (3, 3, 2, 4, 3, 2, 3, 4)
    assert kept.check_in.part_present == "the worrier"
    assert drawn.exit_code == 0, drawn.output
    assert " o " + "\u2588" * 12 + "\u00b7" * 4 + " 3.0 six_fs" in drawn.output
    assert "curiosity 3" in drawn.output


def test_a_rating_off_the_scale_is_asked_again(cli_env, runner, sam, uow):
    result = runner.invoke(
        app, ["check-in", "take", *SAM], input="7\nlots\n1\n0\n0\n1\n0\n0\n1\n0\n\n"
    )

    assert result.exit_code == 0, result.output
    assert result.output.count("Each rating goes from 0 to 4.") == 2
    assert "Some parts seem close to the surface" in result.output
    [kept] = check_ins.check_ins_of(uow, viewer=sam.id)
    assert kept.check_in.energy is not None
    assert kept.check_in.energy.ratings == (1, 0, 0, 1, 0, 0, 1, 0)


def test_the_history_is_only_ones_own(cli_env, runner, sam, alex, uow):
    runner.invoke(app, ["check-in", "take", *SAM], input="2\n2\n2\n2\n2\n2\n2\n2\n\n")
    alexs = ["--username", "alex", "--password", "correct horse battery staple"]
    theirs = runner.invoke(app, ["check-in", "history", *alexs])
    mine = runner.invoke(app, ["check-in", "history", *SAM])

    assert theirs.exit_code == 1
    assert "no check-ins yet" in theirs.output
    assert mine.exit_code == 0, mine.output
    assert "2.0" in mine.output
