"""One place turns refusals and bugs into responses; a bug shows nothing but a reference."""

import logging

from fastapi import FastAPI
from fastapi.testclient import TestClient

from attunement.domain.errors import InvalidInput, NotFound
from tests.web.forms import move_fields


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
