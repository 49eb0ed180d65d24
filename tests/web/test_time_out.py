"""The time-out page over HTTP: call, private ready check, 404 for anyone else."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from attunement.services import time_outs
from attunement.web.deps import Components
from tests.fakes import FakeClock
from tests.web.forms import Page, csrf_of


@pytest.fixture
def wiring(app: FastAPI) -> Components:
    """The app's parts with a clock the test moves, so the break can end without waiting."""
    components: Components = replace(app.state.components, clock=FakeClock(datetime.now(UTC)))
    app.state.components = components
    return components


def call(client: TestClient) -> str:
    page = client.get("/imago")
    called = client.post("/time-outs", data={"csrf_token": csrf_of(page), "minutes": "20"})
    assert called.status_code == 200
    return str(called.url.path)


def press(client: TestClient, url: str, move: str) -> Page:
    page = client.get(url)
    version = page.text.split('name="version" value="')[1].split('"')[0]
    data = {"csrf_token": csrf_of(page), "move": move, "version": version}
    return client.post(f"{url}/moves", data=data)


def test_a_time_out_without_a_plan_is_refused(client_for, sam, alex, wiring):
    client = client_for(sam)
    page = client.get("/imago")
    refused = client.post("/time-outs", data={"csrf_token": csrf_of(page), "minutes": "20"})
    assert refused.status_code == 422
    time_outs.agree_time_out_plan(
        wiring.new_uow(), by=sam.person.id, code_word="pineapple", min_minutes=20,
        clock=wiring.clock,
    )  # fmt: skip
    assert "Call a time-out now" in client.get("/imago").text
    assert call(client).startswith("/time-outs/")


def test_the_ready_check_on_two_screens(client_for, sam, alex, casey, wiring):
    time_outs.agree_time_out_plan(
        wiring.new_uow(), by=sam.person.id, code_word="pineapple", min_minutes=20,
        clock=wiring.clock,
    )  # fmt: skip
    sam_client, alex_client = client_for(sam), client_for(alex)
    url = call(sam_client)
    assert "About 20 minutes" in alex_client.get(url).text
    clock_of(wiring).advance(timedelta(minutes=20))
    said = press(alex_client, url, "need_more")
    assert "one extra stretch" in said.text
    clock_of(wiring).advance(timedelta(minutes=20))
    ready = press(sam_client, url, "ready")
    assert "You said you" in ready.text
    assert "You said you" not in alex_client.get(url).text  # only your own answer
    assert "talk another time" in press(alex_client, url, "need_more").text
    other = client_for(casey)
    assert other.get(url).status_code == other.get("/time-outs/nothing").status_code == 404


def clock_of(wiring: Components) -> FakeClock:
    assert isinstance(wiring.clock, FakeClock)
    return wiring.clock
