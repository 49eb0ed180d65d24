"""The live socket: Sam's move reaches Alex's screen; refusals and outsiders reach no one."""

import pytest
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from attunement.web.live import LiveHub
from tests.web.forms import make_move, move_fields

ORIGIN = {"origin": "http://testserver"}


@pytest.fixture
def sam_client(client_for, sam):
    return client_for(sam)


@pytest.fixture
def alex_client(client_for, alex):
    return client_for(alex)


def test_sams_move_reaches_alexs_screen(dialogue, sam_client, alex_client):
    with alex_client.websocket_connect(f"/dialogues/{dialogue}/live", headers=ORIGIN) as socket:
        assert socket.receive_json() == {"dialogue": dialogue, "version": 0}

        make_move(sam_client, dialogue, "request_appointment", "Dinner last night")

        assert socket.receive_json() == {"dialogue": dialogue, "version": 1}


def test_the_socket_carries_no_words(dialogue, sam_client, alex_client):
    with alex_client.websocket_connect(f"/dialogues/{dialogue}/live", headers=ORIGIN) as socket:
        socket.receive_json()
        make_move(sam_client, dialogue, "request_appointment", "Dinner last night")

        message = socket.receive_text()

    assert "Dinner" not in message


def test_a_refused_move_reaches_no_one(dialogue, sam_client, alex_client):
    with alex_client.websocket_connect(f"/dialogues/{dialogue}/live", headers=ORIGIN) as socket:
        socket.receive_json()
        fields = move_fields(sam_client.get(f"/dialogues/{dialogue}"), "time_out")
        refused = sam_client.post(f"/dialogues/{dialogue}/moves", data={**fields, "move": "mirror"})
        make_move(sam_client, dialogue, "request_appointment", "Dinner last night")

        # The first message after the refusal is the accepted move's.
        assert refused.status_code == 409
        assert socket.receive_json()["version"] == 1


@pytest.mark.parametrize("intruder", ["casey", "morgan"])
def test_an_outsider_cannot_watch_the_dialogue(intruder, request, client_for, dialogue):
    client = client_for(request.getfixturevalue(intruder))

    with (
        pytest.raises(WebSocketDisconnect) as refused,
        client.websocket_connect(f"/dialogues/{dialogue}/live", headers=ORIGIN),
    ):
        pass

    assert refused.value.code == 1008


def test_a_socket_without_a_session_is_refused(app, dialogue):
    with (
        pytest.raises(WebSocketDisconnect),
        TestClient(app).websocket_connect(f"/dialogues/{dialogue}/live", headers=ORIGIN),
    ):
        pass


def test_a_socket_opened_from_another_site_is_refused(dialogue, alex_client):
    evil = {"origin": "https://elsewhere.example"}
    with (
        pytest.raises(WebSocketDisconnect),
        alex_client.websocket_connect(f"/dialogues/{dialogue}/live", headers=evil),
    ):
        pass


def test_a_socket_without_an_origin_is_refused(dialogue, alex_client):
    with (
        pytest.raises(WebSocketDisconnect),
        alex_client.websocket_connect(f"/dialogues/{dialogue}/live"),
    ):
        pass


def test_the_hub_forgets_a_screen_when_it_closes(app, dialogue, alex_client):
    hub: LiveHub = app.state.components.hub
    with alex_client.websocket_connect(f"/dialogues/{dialogue}/live", headers=ORIGIN) as socket:
        socket.receive_json()
        assert hub.watching(dialogue) == 1
    # The server notices the close before the client's portal returns from the block.
    hub.publish(dialogue, 99)  # nobody is subscribed: nothing to deliver, nothing raised
