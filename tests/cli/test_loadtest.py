"""``attunement loadtest`` (issue 7, item 3): a tiny run of the real harness, and its bounds."""

import re

import pytest

from attunement.cli.app import app
from attunement.cli.loadstats import percentile


def test_a_small_run_on_the_embedded_default_delivers_every_turn(runner):
    result = runner.invoke(
        app,
        ["loadtest", "--couples", "2", "--interval", "0.5", "--seconds", "2", "--processes", "1"],
    )

    assert result.exit_code == 0, result.output
    measured = re.search(r"(\d+) turns,", result.output)
    assert measured is not None
    assert int(measured.group(1)) > 0, result.output  # how many depends on the machine
    assert "errors: 0 (none)" in result.output, result.output
    assert "lost turns: 0, missing from view: 0, duplicated: 0, out of order: 0" in result.output


def test_several_processes_without_redis_are_refused(runner):
    result = runner.invoke(app, ["loadtest", "--processes", "2"])

    assert result.exit_code == 1
    assert "--redis-url" in result.output


@pytest.mark.parametrize("option", [["--couples", "501"], ["--seconds", "181"]])
def test_a_run_is_bounded(runner, option):
    result = runner.invoke(app, ["loadtest", *option])

    assert result.exit_code == 2


def test_percentiles_are_nearest_rank():
    values = [float(v) for v in range(1, 101)]

    assert (percentile(values, 0.5), percentile(values, 0.99), percentile(values, 1.0)) == (
        50.0,
        99.0,
        100.0,
    )
