"""``attunement loadtest`` (issue 7, item 3): a tiny run of the real harness, and its bounds."""

import re

import httpx
import pytest

from attunement.cli.app import app
from attunement.cli.loadclient import Device, DeviceError
from attunement.cli.loadstats import percentile
from tests.web.running import run


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


def device_answered_by(*answers: httpx.Response) -> tuple[Device, list[bytes]]:
    """A device whose server is a function giving ``answers`` in turn; and what it was sent."""
    queue, sent = list(answers), []

    def server(request: httpx.Request) -> httpx.Response:
        sent.append(request.read())
        return queue.pop(0)

    device = Device("http://127.0.0.1:9", "sam", "a password")
    device.http = httpx.AsyncClient(base_url=device.base_url, transport=httpx.MockTransport(server))
    return device, sent


def test_a_busy_answer_is_waited_out_and_the_same_move_sent_again():
    busy = httpx.Response(503, headers={"retry-after": "0"}, json={"error": "error.busy"})
    device, sent = device_answered_by(busy, httpx.Response(200, json={"version": 3}))

    reached = run(device.move("d1", "chunk_done", 2, "I felt left out."))

    assert (reached, device.retried) == (3, 1)
    assert sent[0] == sent[1]  # the same move key: the server makes it once


def test_a_503_without_retry_after_is_an_error_not_a_retry():
    device, sent = device_answered_by(httpx.Response(503), httpx.Response(200, json={"version": 3}))

    with pytest.raises(DeviceError) as failed:
        run(device.move("d1", "chunk_done", 2, "I felt left out."))

    assert (failed.value.status, device.retried, len(sent)) == (503, 0, 1)
