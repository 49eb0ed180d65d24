"""Reconnecting to the live socket (issue 7, item 2): the page says what it saw last, the socket
answers with where the dialogue is now, and versions on one socket never go back."""

import pytest
from starlette.websockets import WebSocketDisconnect

from tests.web.forms import make_move

ORIGIN = {"origin": "http://testserver"}


@pytest.fixture
def sam_client(client_for, sam):
    return client_for(sam)


@pytest.fixture
def alex_client(client_for, alex):
    return client_for(alex)


def test_a_screen_that_missed_moves_is_told_the_current_version_at_once(
    dialogue, sam_client, alex_client
):
    with alex_client.websocket_connect(f"/dialogues/{dialogue}/live", headers=ORIGIN) as socket:
        assert socket.receive_json()["version"] == 0
    make_move(sam_client, dialogue, "request_appointment", "Dinner last night")
    make_move(alex_client, dialogue, "accept_now")

    live = f"/dialogues/{dialogue}/live?since=0"
    with alex_client.websocket_connect(live, headers=ORIGIN) as socket:
        assert socket.receive_json() == {"dialogue": dialogue, "version": 2}


def test_an_up_to_date_screen_is_still_answered_when_it_reconnects(dialogue, alex_client):
    with alex_client.websocket_connect(
        f"/dialogues/{dialogue}/live?since=0", headers=ORIGIN
    ) as socket:
        assert socket.receive_json() == {"dialogue": dialogue, "version": 0}


def test_a_late_nudge_for_an_older_version_is_not_sent(app, dialogue, sam_client, alex_client):
    make_move(sam_client, dialogue, "request_appointment", "Dinner last night")
    with alex_client.websocket_connect(f"/dialogues/{dialogue}/live", headers=ORIGIN) as socket:
        assert socket.receive_json()["version"] == 1
        app.state.components.hub.publish(dialogue, 1)  # a duplicate arriving late
        make_move(alex_client, dialogue, "accept_now")

        assert socket.receive_json()["version"] == 2


def test_a_version_newer_than_the_last_is_sent(app, dialogue, alex_client):
    with alex_client.websocket_connect(f"/dialogues/{dialogue}/live", headers=ORIGIN) as socket:
        socket.receive_json()
        app.state.components.hub.publish(dialogue, 1)

        assert socket.receive_json()["version"] == 1


def test_a_malformed_since_is_refused(dialogue, alex_client):
    with (
        pytest.raises(WebSocketDisconnect),
        alex_client.websocket_connect(
            f"/dialogues/{dialogue}/live?since=soon", headers=ORIGIN
        ) as socket,
    ):
        socket.receive_json()
