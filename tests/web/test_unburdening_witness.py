"""The partner as witness of an unburdening, and every screen following the run live (#4)."""

import pytest
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from attunement.domain.ids import RunId
from attunement.services import unburdening
from tests.web.forms import Page, csrf_of
from tests.web.test_unburdening import answer, exile, start

__all__ = ["exile"]  # the fixture, shared with the unburdening screens' tests
ORIGIN = {"origin": "http://testserver"}


def share(client: TestClient, url: str, *steps: str) -> Page:
    page = client.get(url)
    version = page.text.split('name="version" value="')[1].split('"')[0]
    data = {"csrf_token": csrf_of(page), "version": version, "shared": list(steps)}
    return client.post(f"{url}/witness", data=data)


@pytest.fixture
def begun(client_for, sam, jordan, exile):
    """A run Jordan has begun, at Sam's meeting with the exile."""
    url = start(client_for(sam), exile)
    answer(client_for(jordan), url, "begin")
    return url


@pytest.mark.usefixtures("alex")
def test_the_invited_partner_witnesses_the_shared_steps_only(client_for, sam, alex, begun):
    sam_client, alex_client = client_for(sam), client_for(alex)
    assert share(sam_client, begun, "WITNESS").status_code == 200
    answer(sam_client, begun, "feel_toward", "tender and curious")

    seen = alex_client.get(f"{begun}/witness")
    assert seen.status_code == 200
    assert "Witnessing what it wants known" in seen.text
    assert "tender and curious" not in seen.text
    assert f"{begun}/witness" in alex_client.get("/unburdening").text


def test_a_step_not_shared_reads_as_kept_private(client_for, sam, alex, jordan, begun):
    sam_client = client_for(sam)
    share(sam_client, begun, "WITNESS")
    answer(sam_client, begun, "feel_toward", "tender")
    answer(client_for(jordan), begun, "witnessed")  # now at DO_OVER, which Sam did not share

    seen = client_for(alex).get(f"{begun}/witness")
    assert "A step your partner keeps to themselves" in seen.text
    assert "Giving it what it needed" not in seen.text
    assert "Witnessing what it wants known" in seen.text  # the shared step reached stays listed


def test_the_after_note_never_reaches_the_witness(request, client_for, wiring, sam, begun):
    alex, jordan = request.getfixturevalue("alex"), request.getfixturevalue("jordan")
    sam_client, jordan_client = client_for(sam), client_for(jordan)
    share(sam_client, begun, "WITNESS", "INTEGRATE")
    answer(sam_client, begun, "feel_toward", "tender")
    for move in ("witnessed", "skip_do_over", "retrieved", "not_ready", "protectors_checked"):
        answer(jordan_client, begun, move)
    answer(sam_client, begun, "write_note", "my very own note")

    run = RunId(begun.rsplit("/", 1)[1])
    kept = unburdening.unburdening_of(wiring.new_uow(), run, viewer=sam.person.id)
    assert kept.after_note == "my very own note"
    seen = client_for(alex).get(f"{begun}/witness")
    assert seen.status_code == 200
    assert "my very own note" not in seen.text


@pytest.mark.parametrize("outsider", ["alex", "casey", "morgan", "jordan"])
def test_without_an_invitation_the_witness_screen_is_the_missing_404(
    request, client_for, outsider, begun
):
    client = client_for(request.getfixturevalue(outsider))
    seen, missing = client.get(f"{begun}/witness"), client.get("/unburdening/nothing/witness")
    assert seen.status_code == missing.status_code == 404
    assert seen.content == missing.content


def test_sharing_no_step_keeps_the_partner_out_again(client_for, sam, alex, begun):
    sam_client, alex_client = client_for(sam), client_for(alex)
    share(sam_client, begun, "WITNESS")
    assert alex_client.get(f"{begun}/witness").status_code == 200
    share(sam_client, begun)
    assert alex_client.get(f"{begun}/witness").status_code == 404


@pytest.mark.usefixtures("alex")
def test_only_the_client_chooses_a_witness(client_for, sam, jordan, begun):
    refused = share(client_for(jordan), begun, "WITNESS")
    assert refused.status_code == 409
    assert share(client_for(sam), begun, "WITNESS").status_code == 200


@pytest.mark.usefixtures("alex")
def test_an_outsider_cannot_choose_a_witness_for_sams_run(client_for, casey, sam, begun):
    casey_client = client_for(casey)
    data = {"csrf_token": csrf_of(casey_client.get("/imago")), "version": "1", "shared": "WITNESS"}
    refused = casey_client.post(f"{begun}/witness", data=data)
    missing = casey_client.post("/unburdening/nothing/witness", data=data)
    assert refused.status_code == missing.status_code == 404
    assert refused.content == missing.content
    assert share(client_for(sam), begun, "WITNESS").status_code == 200


def test_each_step_reaches_the_therapist_and_the_witness_as_a_version_only(
    client_for, sam, alex, jordan, begun
):
    sam_client = client_for(sam)
    share(sam_client, begun, "WITNESS")
    jordan_client, alex_client = client_for(jordan), client_for(alex)
    with (
        jordan_client.websocket_connect(f"{begun}/live", headers=ORIGIN) as therapist,
        alex_client.websocket_connect(f"{begun}/live", headers=ORIGIN) as witness,
    ):
        start_version = therapist.receive_json()["version"]
        assert witness.receive_json()["version"] == start_version

        answer(sam_client, begun, "feel_toward", "tender and curious")

        for socket in (therapist, witness):
            message = socket.receive_text()
            assert f'"version":{start_version + 1}' in message.replace(" ", "")
            assert "tender" not in message
    panel = alex_client.get(f"{begun}/witness/panel")
    assert f'data-version="{start_version + 1}"' in panel.text
    assert "tender" not in panel.text
    assert f'data-version="{start_version + 1}"' in jordan_client.get(f"{begun}/panel").text


@pytest.mark.parametrize("intruder", ["alex", "casey", "morgan"])
def test_no_one_uninvited_can_watch_the_run(intruder, request, client_for, begun):
    client = client_for(request.getfixturevalue(intruder))
    with (
        pytest.raises(WebSocketDisconnect) as refused,
        client.websocket_connect(f"{begun}/live", headers=ORIGIN),
    ):
        pass
    assert refused.value.code == 1008
    assert client.get(f"{begun}/panel").status_code == 404
