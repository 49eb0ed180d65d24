"""Overlaps appear on the partner's screen without a reload once both said yes (#4)."""

import pytest
from starlette.websockets import WebSocketDisconnect

from tests.web.test_workup import consent, fill, workup_move

ORIGIN = {"origin": "http://testserver"}


def test_the_second_yes_reaches_the_first_partners_screen_as_a_version(client_for, sam, alex):
    sam_client, alex_client = client_for(sam), client_for(alex)
    fill(sam_client)
    workup_move(sam_client, "next")  # to the partner's hard traits
    workup_move(sam_client, "add", "cold at times")
    consent(sam_client)
    before = sam_client.get("/imago/workup/overlaps")
    assert "Waiting for your partner to say yes too." in before.text
    assert "↔" not in before.text

    with sam_client.websocket_connect("/imago/workup/live", headers=ORIGIN) as socket:
        first = socket.receive_json()["version"]
        consent(alex_client)
        message = socket.receive_text()

    assert "cold" not in message  # only a version travels
    assert f'"version":{first + 1}' in message.replace(" ", "")
    after = sam_client.get("/imago/workup/overlaps")
    assert "distant when worried ↔ cold at times" in after.text
    assert f'data-version="{first + 1}"' in after.text


@pytest.mark.usefixtures("alex")
def test_the_overlap_view_is_each_persons_own(client_for, sam):
    sam_client = client_for(sam)
    fill(sam_client, partner_trait="distant when worried")
    consent(sam_client)
    panel = client_for(sam).get("/imago/workup/overlaps")
    assert panel.status_code == 200
    assert "Waiting for your partner" in panel.text


def test_someone_without_a_couple_cannot_watch_any_sharing(client_for, morgan):
    client = client_for(morgan)
    with (
        pytest.raises(WebSocketDisconnect) as refused,
        client.websocket_connect("/imago/workup/live", headers=ORIGIN),
    ):
        pass
    assert refused.value.code == 1008


def test_another_couples_yes_never_reaches_sams_screen(client_for, sam, alex, casey):
    with client_for(sam).websocket_connect("/imago/workup/live", headers=ORIGIN) as socket:
        assert socket.receive_json()["version"] == 0
        casey_client = client_for(casey)
        for _ in range(3):  # Casey's own couple's sharing, on its own topic, up to version 3
            consent(casey_client)
        consent(client_for(alex))
        assert socket.receive_json()["version"] == 1  # Alex's yes, and nothing of Casey's
