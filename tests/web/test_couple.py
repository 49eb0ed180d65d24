"""Inviting a partner with a one-time code, and joining with it."""

from fastapi.testclient import TestClient

from tests.web.conftest import _sign_up
from tests.web.forms import Page, csrf_of, invitation_code


def invite(client: TestClient) -> Page:
    return client.post("/invite", data={"csrf_token": csrf_of(client.get("/"))})


def join(client: TestClient, code: str) -> Page:
    return client.post("/join", data={"csrf_token": csrf_of(client.get("/join")), "code": code})


def test_an_invitation_shows_a_code_once(client_for, sam):
    client = client_for(sam)

    code = invitation_code(invite(client))

    assert len(code) >= 12
    assert code not in client.get("/").text


def test_the_partner_joins_with_the_code(client_for, sam, casey, wiring):
    robin = _sign_up(wiring, "robin")
    code = invitation_code(invite(client_for(sam)))

    response = join(client_for(robin), code)

    assert response.status_code == 200
    assert "You and Sam are connected." in response.text
    assert "You and Robin are connected." in client_for(sam).get("/").text


def test_a_reused_code_is_refused_and_kept_in_the_form(client_for, sam, wiring):
    code = invitation_code(invite(client_for(sam)))
    join(client_for(_sign_up(wiring, "robin")), code)

    response = join(client_for(_sign_up(wiring, "kim")), code)

    assert response.status_code == 422
    assert "That code didn" in response.text
    assert f'value="{code}"' in response.text


def test_someone_already_connected_cannot_invite_again(client_for, alex):
    response = invite(client_for(alex))

    assert response.status_code == 422
    assert "already connected" in response.text
