"""The Parent-Child pre-check over HTTP: recommend, refuse when the therapist asked, soft pause."""

import pytest
from fastapi.testclient import TestClient

from tests.web.forms import Page, csrf_of


def begin(client: TestClient, trauma: str, distress: int = 2) -> Page:
    return client.post("/imago/parent-child", data=check(client, trauma, distress))


def begun_at(client: TestClient, trauma: str) -> str:
    """The run's address the browser lands on after the check."""
    started = client.post("/imago/parent-child", data=check(client, trauma, 2))
    assert started.status_code == 200
    return str(started.url.path)


def check(client: TestClient, trauma: str, distress: int) -> dict[str, str]:
    page = client.get("/imago")
    return {
        "csrf_token": csrf_of(page),
        "mode": "two_devices",
        "trauma": trauma,
        "distress": str(distress),
    }


def safeguard(client: TestClient, couple_id: str, on: bool) -> Page:
    page = client.get(f"/practice/couples/{couple_id}")
    data = {"csrf_token": csrf_of(page), "on": "true" if on else "false"}
    return client.post(f"/practice/couples/{couple_id}/parent-child-safeguard", data=data)


def test_the_family_page_asks_privately_first(client_for, sam, alex):
    page = client_for(sam).get("/imago")
    assert "your partner won't see this" in page.text
    assert 'action="/imago/parent-child"' in page.text


def test_unsure_starts_with_a_recommendation_only_the_sender_sees(client_for, sam, alex):
    sam_client = client_for(sam)
    assert "good to do it with a therapist" in begin(sam_client, "unsure").text
    run = begun_at(sam_client, "unsure")
    assert "good to do it with a therapist" not in client_for(alex).get(run).text


def test_the_invited_therapist_can_ask_it_to_wait(client_for, sam, alex, jordan, couple_id):
    assert safeguard(client_for(jordan), couple_id, on=True).status_code == 200
    refused = begin(client_for(sam), "yes")
    assert refused.status_code == 409
    assert "wait for a session" in refused.text
    assert begin(client_for(sam), "no").status_code == 200  # the permitted twin


@pytest.mark.usefixtures("alex", "jordan")
def test_an_uninvited_therapist_gets_404(client_for, sam, morgan, couple_id):
    morgan_client = client_for(morgan)
    page = morgan_client.get("/practice")
    response = morgan_client.post(
        f"/practice/couples/{couple_id}/parent-child-safeguard",
        data={"csrf_token": csrf_of(page), "on": "true"},
    )
    assert response.status_code == 404
    assert begin(client_for(sam), "yes").status_code == 200


@pytest.mark.parametrize(("distress", "paused"), [(9, True), (5, False)])
def test_high_distress_pauses_the_run_softly(client_for, sam, alex, distress, paused):
    sam_client = client_for(sam)
    run = begun_at(sam_client, "no")
    page = sam_client.get(run)
    rated = sam_client.post(
        f"{run}/distress", data={"csrf_token": csrf_of(page), "distress": str(distress)}
    )
    assert rated.status_code == 200
    assert ("better continued with a therapist" in rated.text) is paused


def test_distress_too_high_to_start_is_a_soft_pause(client_for, sam, alex):
    refused = begin(client_for(sam), "no", distress=9)
    assert refused.status_code == 409
    assert "pause here" in refused.text


def test_the_plain_start_cannot_skip_the_check(client_for, sam, alex):
    client = client_for(sam)
    page = client.get("/imago")
    skipped = client.post(
        "/imago/runs",
        data={"csrf_token": csrf_of(page), "kind": "parent_child", "mode": "two_devices"},
    )
    assert skipped.status_code == 422
    assert "private check" in skipped.text
    assert begin(client, "no").status_code == 200
