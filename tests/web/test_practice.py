"""The therapist's pages: every couple route answers only the therapist the couple invited.

The sweep runs every route under /practice/couples/ for Jordan (invited), Morgan (a therapist
nobody invited), Sam (a partner of the couple) and Casey (another couple's partner): only Jordan
gets through; everyone else gets the 404 they would get for a couple that does not exist, byte
for byte, and a refused write changes nothing.
"""

from datetime import timedelta
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from attunement.services import practice, therapists
from attunement.web.deps import Components
from attunement.web.routes import practice as practice_routes
from tests.web.conftest import Persona
from tests.web.forms import csrf_of

NO_SUCH_COUPLE = "0" * 32


def routes(couple_id: str, due: str) -> list[tuple[str, str, dict[str, str]]]:
    """(method, path, form) for every couple route of the therapist's side."""
    base = f"/practice/couples/{couple_id}"
    return [
        ("GET", base, {}),
        ("GET", f"{base}/print", {}),
        ("POST", f"{base}/homework", {"kind": "couples_dialogue", "due": due, "note": "canary-hw"}),
        ("POST", f"{base}/notes", {"text": "canary-note"}),
        ("POST", f"{base}/self-checks", {"parts_stirred": "canary-part", "felt_with": "",
                                         "back_to_self": ""}),
    ]  # fmt: skip


def test_the_sweep_covers_every_couple_route():
    declared = {
        (method, route.path)
        for route in practice_routes.router.routes
        if isinstance(route, APIRoute) and route.path.startswith("/practice/couples/")
        for method in route.methods or ()
    }
    swept = {(m, p.replace("COUPLE", "{couple_id}")) for m, p, _ in routes("COUPLE", "")}

    assert declared == swept


def send(client: TestClient, method: str, path: str, form: dict[str, str]) -> Any:
    if method == "GET":
        return client.get(path)
    token = csrf_of(client.get("/account"))
    return client.post(path, data={**form, "csrf_token": token}, follow_redirects=False)


def due_date(wiring: Components) -> str:
    return (wiring.clock.now().date() + timedelta(days=3)).isoformat()


@pytest.mark.parametrize("index", range(5))
@pytest.mark.parametrize("intruder", ["morgan", "sam", "casey"])
def test_anyone_but_the_invited_therapist_gets_the_404_of_a_missing_couple(
    index, intruder, request, couple_id, client_for
):
    wiring, jordan = request.getfixturevalue("wiring"), request.getfixturevalue("jordan")
    client = client_for(request.getfixturevalue(intruder))
    method, path, form = routes(couple_id, due_date(wiring))[index]
    _, missing, _ = routes(NO_SUCH_COUPLE, due_date(wiring))[index]

    response = send(client, method, path, form)
    never_existed = send(client, method, missing, form)

    assert response.status_code == 404
    assert response.content == never_existed.content
    assert "Sam" not in response.text.replace(client_name(request, intruder), "")
    summary = practice.couple_summary(
        wiring.new_uow(), couple_id, therapist=jordan.person.id, clock=wiring.clock
    )
    assert summary.homework == []
    assert summary.writing == []  # Jordan's own notes: the intruder added none


def client_name(request: pytest.FixtureRequest, persona: str) -> str:
    found: Persona = request.getfixturevalue(persona)
    return found.person.display_name


@pytest.mark.parametrize("index", range(5))
def test_the_invited_therapist_gets_through_every_route(
    index, request, couple_id, jordan, client_for
):
    wiring = request.getfixturevalue("wiring")
    client = client_for(jordan)
    method, path, form = routes(couple_id, due_date(wiring))[index]

    response = send(client, method, path, form)

    assert response.status_code == (200 if method == "GET" else 303)
    if method == "GET":
        assert "Sam &amp; Alex" in response.text


def test_after_revocation_the_therapist_gets_404_at_once(
    couple_id, sam, jordan, client_for, wiring
):
    client = client_for(jordan)
    assert client.get(f"/practice/couples/{couple_id}").status_code == 200

    therapists.revoke_therapist(wiring.new_uow(), by=sam.person.id, clock=wiring.clock)

    assert client.get(f"/practice/couples/{couple_id}").status_code == 404
    assert "Sam" not in client.get("/practice").text


def test_a_partner_has_no_dashboard(sam, client_for):
    assert client_for(sam).get("/practice").status_code == 404


def test_the_dashboard_lists_the_invited_couple(jordan, client_for):
    page = client_for(jordan).get("/practice")

    assert page.status_code == 200
    assert "Sam &amp; Alex" in page.text


def test_an_uninvited_therapist_sees_an_empty_dashboard(jordan, morgan, client_for):
    page = client_for(morgan).get("/practice")

    assert "Sam" not in page.text
    assert "No couple has invited you yet" in page.text


def test_a_therapist_joins_with_the_couples_code(alex, morgan, client_for, wiring, couple_id):
    code = therapists.invite_therapist(wiring.new_uow(), by=alex.person.id, clock=wiring.clock)
    client = client_for(morgan)

    joined = client.post(
        "/practice/join", data={"code": code, "csrf_token": csrf_of(client.get("/practice"))}
    )

    assert joined.status_code == 200
    assert joined.url.path == f"/practice/couples/{couple_id}"


def test_a_wrong_code_keeps_the_form_and_says_why(morgan, client_for):
    client = client_for(morgan)

    refused = client.post(
        "/practice/join",
        data={"code": "NOPE-NOPE", "csrf_token": csrf_of(client.get("/practice"))},
    )

    assert refused.status_code == 422
    assert "That code didn&#39;t work" in refused.text
    assert 'value="NOPE-NOPE"' in refused.text


def test_a_note_is_shown_to_its_author_and_never_to_the_couple(couple_id, jordan, sam, client_for):
    therapist = client_for(jordan)
    therapist.post(
        f"/practice/couples/{couple_id}/notes",
        data={"text": "canary-note-1", "csrf_token": csrf_of(therapist.get("/practice"))},
    )

    assert "canary-note-1" in therapist.get(f"/practice/couples/{couple_id}").text
    assert "canary-note-1" not in therapist.get(f"/practice/couples/{couple_id}/print").text
    partner = client_for(sam)
    for page in ("/", "/progress", "/therapist", "/account/export.json"):
        assert "canary-note-1" not in partner.get(page).text


def test_an_empty_self_check_is_refused_with_the_form_kept(couple_id, jordan, client_for):
    client = client_for(jordan)

    refused = client.post(
        f"/practice/couples/{couple_id}/self-checks",
        data={"parts_stirred": " ", "felt_with": "", "back_to_self": "",
              "csrf_token": csrf_of(client.get("/practice"))},
    )  # fmt: skip

    assert refused.status_code == 422
    assert "Write a few words first" in refused.text
