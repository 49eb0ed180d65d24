"""One place turns refusals and bugs into responses; a bug shows nothing but a reference."""

import logging
import sqlite3

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.exc import OperationalError

from attunement.cli.loadclient import Device
from attunement.cli.loadseed import PASSWORD
from attunement.cli.loadtest import Plan, _seed, _server_env
from attunement.cli.processes import app_server
from attunement.domain.errors import InvalidInput, NotFound
from attunement.store.migrate import upgrade
from attunement.web.security import load_secret_key
from tests.web.forms import move_fields
from tests.web.running import run


def add_route(app: FastAPI, path: str, error: Exception) -> None:
    def fail() -> None:
        raise error

    app.add_api_route(path, fail)


def test_a_bug_is_a_neutral_500_with_a_reference(app, caplog):
    add_route(app, "/explode", RuntimeError("secret detail about Sam"))
    caplog.set_level(logging.ERROR)

    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/explode")

    assert response.status_code == 500
    assert "Nothing you did caused it" in response.text
    assert "secret detail" not in response.text
    assert "Traceback" not in response.text
    assert response.headers["cache-control"] == "no-store"
    assert "content-security-policy" in response.headers
    reference = response.text.split("<code>")[1].split("</code>")[0]
    assert reference in caplog.text
    assert "secret detail about Sam" in caplog.text


def test_a_refusal_has_its_words_not_its_key(app, client):
    add_route(app, "/refuse", InvalidInput("turn.empty"))

    response = client.get("/refuse")

    assert response.status_code == 422
    assert "Write a few words first" in response.text
    assert "turn.empty" not in response.text


def test_every_404_reads_the_same(app, client):
    add_route(app, "/missing-thing", NotFound("dialogue.not_found"))

    assert client.get("/missing-thing").content == client.get("/no-such-route").content


def test_json_callers_get_the_key_and_the_words(app, client):
    add_route(app, "/refuse", InvalidInput("turn.empty"))

    response = client.get("/refuse", headers={"accept": "application/json"})

    assert response.json() == {
        "error": "turn.empty",
        "message": "Write a few words first, then send them.",
    }


def test_an_unusable_form_is_a_kind_422(client_for, sam, dialogue):
    client = client_for(sam)
    fields = move_fields(client.get(f"/dialogues/{dialogue}"), "time_out")

    response = client.post(f"/dialogues/{dialogue}/moves", data={**fields, "move": "shout"})

    assert response.status_code == 422
    assert "needs another look" in response.text


@pytest.fixture
def settings(settings):
    """A SQLite writer waits a fifth of a second for the lock here, not five."""
    return settings.model_copy(update={"sqlite_busy_timeout_ms": 200})


@pytest.fixture
def other_writer(settings):
    """Another writer on the same SQLite file (a second process, a backup) that holds the lock."""
    writer = sqlite3.connect(settings.resolved_database_url().removeprefix("sqlite:///"))
    writer.isolation_level = None
    yield writer
    writer.close()


def test_a_change_the_busy_database_cannot_take_is_503_with_the_words_kept(
    client_for, sam, dialogue, other_writer
):
    client = client_for(sam)
    fields = move_fields(client.get(f"/dialogues/{dialogue}"), "request_appointment")
    fields["text"] = "Our weekend plans"
    moves = f"/dialogues/{dialogue}/moves"

    other_writer.execute("BEGIN IMMEDIATE")
    page = client.post(moves, data=fields)
    as_json = client.post(moves, data=fields, headers={"accept": "application/json"})
    other_writer.rollback()

    assert page.status_code == as_json.status_code == 503
    assert page.headers["retry-after"] == as_json.headers["retry-after"] == "2"
    assert "send it again in a few seconds" in page.text
    assert "Our weekend plans" in page.text  # the words are still on the screen
    assert "Traceback" not in page.text
    assert as_json.json()["error"] == "error.busy"
    assert "Our weekend plans" not in client.get(f"/dialogues/{dialogue}/panel").text


def test_the_same_change_sent_again_once_the_lock_is_free_is_saved_once(
    client_for, sam, dialogue, other_writer
):
    client = client_for(sam)
    fields = move_fields(client.get(f"/dialogues/{dialogue}"), "request_appointment")
    fields["text"] = "Our weekend plans"
    moves, json = f"/dialogues/{dialogue}/moves", {"accept": "application/json"}
    other_writer.execute("BEGIN IMMEDIATE")
    refused = client.post(moves, data=fields, headers=json)
    other_writer.rollback()

    first = client.post(moves, data=fields, headers=json)
    again = client.post(moves, data=fields, headers=json)

    assert refused.status_code == 503
    assert (first.status_code, again.status_code) == (200, 200)
    assert first.json()["version"] == again.json()["version"] == 1


def test_reading_goes_on_while_another_writer_holds_the_lock(
    client_for, sam, dialogue, other_writer
):
    client = client_for(sam)
    other_writer.execute("BEGIN IMMEDIATE")

    panel = client.get(f"/dialogues/{dialogue}/panel")
    page = client.get(f"/dialogues/{dialogue}")

    assert (panel.status_code, page.status_code) == (200, 200)
    assert 'data-version="0"' in panel.text


def test_any_other_database_failure_is_a_bug_not_busy(app):
    add_route(app, "/disk", OperationalError("UPDATE", {}, sqlite3.OperationalError("disk I/O")))

    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/disk")

    assert response.status_code == 500
    assert "retry-after" not in response.headers
    assert "Nothing you did caused it" in response.text


def test_a_busy_answer_over_real_http_keeps_the_connection_for_the_next_request(tmp_path):
    """The 503 leaves the kept-alive connection open: a 500 would make uvicorn close it, and
    a device's next request on it could meet a reset (the resets seen under load, issue 7)."""
    url = f"sqlite:///{tmp_path / 'attunement.sqlite3'}"
    upgrade(url)
    [couple] = _seed(url, 1, tmp_path / "data.key")
    load_secret_key(tmp_path / "secret.key")
    plan = Plan(1, 5.0, 2.0, 1, url, "", "lexical")
    env = _server_env(plan, url, tmp_path) | {"ATTUNEMENT_SQLITE_BUSY_TIMEOUT_MS": "200"}

    async def busy_then_free(server_url: str) -> tuple[int, int, object, object]:
        device = Device(server_url, couple.sender, PASSWORD)
        await device.log_in()
        await device.open_dialogue(couple.dialogue)
        fields = {"csrf_token": device.csrf, "move": "request_appointment", "version": "0",
                  "move_key": "k1", "acting_as": device.acting_as, "text": "Money"}  # fmt: skip
        writer = sqlite3.connect(tmp_path / "attunement.sqlite3", isolation_level=None)
        writer.execute("BEGIN IMMEDIATE")
        busy = await device.http.post(f"/dialogues/{couple.dialogue}/moves", data=fields)
        busy_end = _local_end(busy)
        writer.rollback()
        writer.close()
        panel = await device.http.get(f"/dialogues/{couple.dialogue}/panel")
        panel_end = _local_end(panel)
        await device.close()
        return busy.status_code, panel.status_code, busy_end, panel_end

    with app_server(env) as server:
        busy, panel, first, second = run(busy_then_free(server.url))

    assert (busy, panel) == (503, 200)
    assert first == second  # the same connection carried both


def _local_end(response: httpx.Response) -> object:
    return response.extensions["network_stream"].get_extra_info("client_addr")
