"""Sign up, log in, log out: cookies, refusals that keep the form, and revoked sessions."""

import httpx2
import pytest
from fastapi.testclient import TestClient

from attunement.settings import Settings
from attunement.web.app import create_app
from tests.web.conftest import PASSWORD
from tests.web.forms import csrf_of


def sign_up(client: TestClient, **fields: str) -> httpx2.Response:
    form = client.get("/signup")
    data = {"username": "sam", "display_name": "Sam", "password": PASSWORD, **fields}
    return client.post("/signup", data={"csrf_token": csrf_of(form), **data})


def test_it_signs_up_and_logs_straight_in(client):
    response = sign_up(client)

    assert response.status_code == 200
    assert "Hello, Sam" in response.text


def test_the_session_cookie_is_httponly_and_lax(client):
    response = sign_up(client, username="robin")

    cookie = next(h for h in response.history[0].headers.get_list("set-cookie") if "session" in h)
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    assert "Secure" not in cookie


def test_behind_https_the_cookie_is_secure_with_the_host_prefix(settings, analyzer):
    secure = Settings(**{**settings.model_dump(), "secure_cookies": True})
    with TestClient(create_app(secure, analyzer=analyzer), base_url="https://testserver") as c:
        response = sign_up(c, username="robin")

    cookies = response.history[0].headers.get_list("set-cookie")
    session = next(h for h in cookies if "attunement_session" in h)
    assert session.startswith("__Host-attunement_session=")
    assert "Secure" in session


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"username": "x"}, "3 to 40 characters"),
        ({"password": "short"}, "at least 10 characters"),
        ({"display_name": ""}, "1 to 60 characters"),
    ],
)
def test_a_refused_sign_up_keeps_the_form_but_never_the_password(client, fields, words):
    response = sign_up(client, **{"display_name": "Samantha", **fields})

    assert response.status_code == 422
    assert words in response.text
    assert PASSWORD not in response.text
    assert "Samantha" in response.text or fields.get("display_name") == ""


def test_a_taken_username_is_refused(client, sam):
    response = sign_up(client, username="sam")

    assert response.status_code == 422
    assert "already in use" in response.text


def test_a_wrong_password_is_refused_the_same_as_an_unknown_user(client, sam):
    token = csrf_of(client.get("/login"))

    wrong = client.post(
        "/login", data={"csrf_token": token, "username": "sam", "password": "x" * 12}
    )
    unknown = client.post(
        "/login", data={"csrf_token": token, "username": "nobody", "password": "x" * 12}
    )

    assert wrong.status_code == unknown.status_code == 422
    assert wrong.text.replace('value="sam"', 'value="nobody"') == unknown.text


def test_the_right_password_logs_in(client_for, sam):
    assert "Hello, Sam" in client_for(sam).get("/").text


def test_log_out_ends_the_session_on_the_server(client_for, sam, app):
    client = client_for(sam)
    stolen = dict(client.cookies)

    response = client.post("/logout", data={"csrf_token": csrf_of(client.get("/"))})
    replay = TestClient(app, cookies=stolen).get("/", follow_redirects=False)

    assert response.history[0].headers["clear-site-data"]
    assert "Log in" in response.text
    assert "Hello, Sam" not in replay.text


def test_pages_that_need_a_login_send_visitors_to_it(client):
    response = client.get("/join", follow_redirects=False)

    assert response.status_code == 303
    assert response.headers["location"] == "/login"


def test_a_logged_in_person_skips_the_login_page(client_for, sam):
    assert "Hello, Sam" in client_for(sam).get("/login").text
