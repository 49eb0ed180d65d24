"""Live Imago runs on two devices: Sam's move reaches Alex's screen; nothing else travels."""

import pytest
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from attunement.domain.imago_runs import ImagoKind, RunId
from attunement.domain.sessions import DialogueMode
from attunement.services import imago
from tests.web.forms import Page, csrf_of, move_fields

ORIGIN = {"origin": "http://testserver"}


@pytest.fixture
def run(wiring, sam, alex) -> RunId:
    return imago.start_run(
        wiring.new_uow(),
        kind=ImagoKind.APPRECIATION,
        by=sam.person.id,
        mode=DialogueMode.TWO_DEVICES,
        clock=wiring.clock,
    )


def act(client: TestClient, run: RunId, move: str, text: str) -> Page:
    fields = move_fields(client.get(f"/imago/runs/{run}"), move)
    return client.post(f"/imago/runs/{run}/moves", data={**fields, "text": text})


def test_sams_move_reaches_alexs_screen_without_words(client_for, sam, alex, run):
    sam_client, alex_client = client_for(sam), client_for(alex)
    with alex_client.websocket_connect(f"/imago/runs/{run}/live", headers=ORIGIN) as socket:
        assert socket.receive_json() == {"dialogue": f"imago:{run}", "version": 0}

        act(sam_client, run, "request_appointment", "after dinner")

        message = socket.receive_text()
    assert '"version":1' in message.replace(" ", "")
    assert "dinner" not in message
    panel = alex_client.get(f"/imago/runs/{run}/panel")
    assert panel.status_code == 200
    assert 'class="live-inner" data-version="1"' in panel.text


def test_a_refused_move_reaches_no_one(client_for, sam, alex, run):
    sam_client, alex_client = client_for(sam), client_for(alex)
    with alex_client.websocket_connect(f"/imago/runs/{run}/live", headers=ORIGIN) as socket:
        socket.receive_json()
        fields = move_fields(sam_client.get(f"/imago/runs/{run}"), "request_appointment")
        refused = sam_client.post(
            f"/imago/runs/{run}/moves", data={**fields, "move": "mirror", "text": "x"}
        )
        act(sam_client, run, "request_appointment", "after dinner")

        assert refused.status_code == 409
        assert socket.receive_json()["version"] == 1  # the accepted move's, not the refusal's


@pytest.mark.parametrize("intruder", ["casey", "morgan"])
def test_an_outsider_cannot_watch_the_run(intruder, request, client_for, run):
    client = client_for(request.getfixturevalue(intruder))
    with (
        pytest.raises(WebSocketDisconnect) as refused,
        client.websocket_connect(f"/imago/runs/{run}/live", headers=ORIGIN),
    ):
        pass
    assert refused.value.code == 1008
    assert client.get(f"/imago/runs/{run}/panel").status_code == 404


def test_a_socket_from_another_site_is_refused(client_for, alex, run):
    evil = {"origin": "https://elsewhere.example"}
    with (
        pytest.raises(WebSocketDisconnect),
        client_for(alex).websocket_connect(f"/imago/runs/{run}/live", headers=evil),
    ):
        pass


def cycle_move(client: TestClient, url: str, move: str, text: str) -> Page:
    page = client.get(url)
    version = page.text.split('name="version" value="')[1].split('"')[0]
    data = {"csrf_token": csrf_of(page), "move": move, "version": version, "text": text}
    return client.post(f"{url}/moves", data=data)


def test_the_cycle_map_moves_reach_the_partner_and_refusals_do_not(client_for, sam, alex):
    sam_client, alex_client = client_for(sam), client_for(alex)
    started = sam_client.post("/cycle-maps", data={"csrf_token": csrf_of(sam_client.get("/ifio"))})
    url = started.url.path
    with alex_client.websocket_connect(f"{url}/live", headers=ORIGIN) as socket:
        assert socket.receive_json()["version"] == 0
        refused = cycle_move(alex_client, url, "describe_move", "Sam sends messages")
        cycle_move(sam_client, url, "describe_trigger", "Alex comes home late")

        assert refused.status_code == 409
        message = socket.receive_json()
    assert message["version"] == 1  # the accepted move's, never the refusal's
    assert "late" not in str(message)
    assert 'data-version="1"' in alex_client.get(f"{url}/panel").text


def test_an_outsider_cannot_watch_the_cycle_map(client_for, sam, alex, casey):
    sam_client = client_for(sam)
    started = sam_client.post("/cycle-maps", data={"csrf_token": csrf_of(sam_client.get("/ifio"))})
    with (
        pytest.raises(WebSocketDisconnect) as refused,
        client_for(casey).websocket_connect(f"{started.url.path}/live", headers=ORIGIN),
    ):
        pass
    assert refused.value.code == 1008


def test_a_u_turn_move_reaches_the_partner_without_words(client_for, sam, alex):
    sam_client, alex_client = client_for(sam), client_for(alex)
    started = sam_client.post(
        "/u-turns", data={"csrf_token": csrf_of(sam_client.get("/ifio")), "with_partner": "yes"}
    )
    url = started.url.path
    with alex_client.websocket_connect(f"{url}/live", headers=ORIGIN) as socket:
        assert socket.receive_json()["version"] == 0
        refused = cycle_move(alex_client, url, "notice", "Alex is late")  # not Alex's U-turn
        cycle_move(sam_client, url, "notice", "You never listen to me!")

        assert refused.status_code in {403, 409}
        message = socket.receive_json()
    assert message["version"] == 1
    assert "listen" not in str(message)
    assert alex_client.get(f"{url}/panel").status_code == 200


def test_logging_out_everywhere_closes_a_run_socket_too(client_for, sam, alex, run):
    phone, laptop, alex_client = client_for(sam), client_for(sam), client_for(alex)
    with (
        phone.websocket_connect(f"/imago/runs/{run}/live", headers=ORIGIN) as sams,
        alex_client.websocket_connect(f"/imago/runs/{run}/live", headers=ORIGIN) as alexs,
    ):
        sams.receive_json()
        alexs.receive_json()
        laptop.post(
            "/account/sessions/end-all",
            data={"csrf_token": csrf_of(laptop.get("/account/sessions"))},
        )
        with pytest.raises(WebSocketDisconnect) as closed:
            sams.receive_json()
        act(client_for(sam), run, "request_appointment", "after dinner")  # a new log-in

        assert alexs.receive_json()["version"] == 1  # the partner's screen lives on

    assert closed.value.code == 1008
