"""Quick exit, my sessions, log out everywhere, re-login, login history (issue 6 items 2, 3, 5)."""

import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from starlette.websockets import WebSocketDisconnect

from attunement.services import privacy
from tests.fakes import FakeClock
from tests.web.forms import csrf_of, make_move

ORIGIN = {"origin": "http://testserver"}
EXIT_URL = "https://www.bbc.co.uk/weather"


@pytest.fixture
def sam_client(client_for, sam):
    return client_for(sam)


@pytest.fixture
def clock(app, wiring):
    """Move the app's clock by hand (the sessions' times come from it)."""
    fake = FakeClock(datetime.now(UTC))
    app.state.components = replace(wiring, clock=fake)
    return fake


@pytest.mark.parametrize("path", ["/", "/login", "/signup", "/no-such-page"])
def test_every_page_has_the_quick_exit(client, path):
    page = client.get(path)

    assert 'action="/exit"' in page.text
    assert "/static/quick-exit.js" in page.text
    assert page.headers["cache-control"] == "no-store"


def test_quick_exit_logs_out_clears_the_browser_and_leaves(sam_client):
    response = sam_client.post("/exit", follow_redirects=False)  # no token: works from any page

    assert response.status_code == 303
    assert response.headers["location"] == EXIT_URL
    assert response.headers["clear-site-data"] == '"cache", "cookies", "storage"'
    assert "Hello, Sam" not in sam_client.get("/").text


def test_quick_exit_with_no_session_still_leaves(client):
    response = client.post("/exit", follow_redirects=False)

    assert response.headers["location"] == EXIT_URL


def test_logout_clears_site_data(sam_client):
    response = sam_client.post(
        "/logout", data={"csrf_token": csrf_of(sam_client.get("/"))}, follow_redirects=False
    )

    assert response.headers["clear-site-data"] == '"cache", "cookies", "storage"'


def test_my_sessions_lists_each_device_and_marks_this_one(client_for, sam):
    phone, laptop = client_for(sam), client_for(sam)

    page = laptop.get("/account/sessions").text

    assert page.count("<li>Since") == 2
    assert page.count("(this device)") == 1
    assert phone.get("/").status_code == 200


def test_log_out_everywhere_ends_every_session(client_for, sam):
    phone, laptop = client_for(sam), client_for(sam)

    response = laptop.post(
        "/account/sessions/end-all",
        data={"csrf_token": csrf_of(laptop.get("/account/sessions"))},
        follow_redirects=False,
    )

    assert response.headers["clear-site-data"]
    assert "Hello, Sam" not in phone.get("/").text
    assert "Hello, Sam" not in laptop.get("/").text


def test_log_out_everywhere_closes_live_sockets(client_for, sam, alex, dialogue):
    phone, laptop = client_for(sam), client_for(sam)
    with phone.websocket_connect(f"/dialogues/{dialogue}/live", headers=ORIGIN) as socket:
        socket.receive_json()
        laptop.post(
            "/account/sessions/end-all",
            data={"csrf_token": csrf_of(laptop.get("/account/sessions"))},
        )

        with pytest.raises(WebSocketDisconnect) as closed:
            socket.receive_json()

    assert closed.value.code == 1008


def test_log_out_everywhere_leaves_the_partner_logged_in(client_for, sam, alex):
    sams, alexs = client_for(sam), client_for(alex)

    sams.post(
        "/account/sessions/end-all", data={"csrf_token": csrf_of(sams.get("/account/sessions"))}
    )

    assert "Hello, Alex" in alexs.get("/").text


def test_an_idle_session_ends(sam_client, clock):
    clock.advance(timedelta(minutes=61))

    assert "Hello, Sam" not in sam_client.get("/").text


def test_a_used_session_outlives_the_idle_time(sam_client, clock):
    for _ in range(3):
        clock.advance(timedelta(minutes=40))
        assert "Hello, Sam" in sam_client.get("/").text


def test_a_session_ends_at_its_absolute_limit_however_used(sam_client, clock):
    for _ in range(24):
        clock.advance(timedelta(minutes=30))
        sam_client.get("/")

    assert "Hello, Sam" not in sam_client.get("/").text


def test_export_right_after_login_needs_no_second_password(sam_client):
    response = sam_client.get("/account/export.json")

    assert response.status_code == 200
    assert response.json()["account"]["username"] == "sam"


def test_export_later_asks_for_the_password_again(sam_client, clock):
    clock.advance(timedelta(minutes=6))

    response = sam_client.get("/account/export.json", follow_redirects=False)

    assert response.status_code == 303
    assert response.headers["location"] == "/account/confirm?next=/account/export.json"


def test_the_password_again_lets_the_export_go_ahead(sam_client, sam, clock):
    clock.advance(timedelta(minutes=6))
    form = sam_client.get("/account/confirm?next=/account/export.json")

    response = sam_client.post(
        "/account/confirm",
        data={
            "csrf_token": csrf_of(form),
            "password": sam.password,
            "next": "/account/export.json",
        },
    )

    assert response.status_code == 200
    assert response.json()["account"]["username"] == "sam"


def test_a_wrong_password_again_is_refused_and_recorded(sam_client, clock):
    clock.advance(timedelta(minutes=6))
    form = sam_client.get("/account/confirm")

    response = sam_client.post(
        "/account/confirm", data={"csrf_token": csrf_of(form), "password": "not it at all"}
    )

    assert response.status_code == 422
    assert "wrong password" in sam_client.get("/account/sessions").text


def test_re_login_never_sends_the_person_to_another_site(sam_client, sam):
    form = sam_client.get("/account/confirm")

    response = sam_client.post(
        "/account/confirm",
        data={"csrf_token": csrf_of(form), "password": sam.password, "next": "//evil.example"},
        follow_redirects=False,
    )

    assert response.headers["location"] == "/"


def test_deleting_later_asks_for_the_password_again(sam_client, clock):
    clock.advance(timedelta(minutes=6))
    form = sam_client.get("/account")

    response = sam_client.post(
        "/account/delete",
        data={"csrf_token": csrf_of(form), "password": "anything"},
        follow_redirects=False,
    )

    assert response.headers["location"] == "/account/confirm?next=/account"
    assert "Hello, Sam" in sam_client.get("/").text


def test_login_history_shows_my_logins_and_failures(client, client_for, sam):
    form = client.get("/login")
    client.post(
        "/login", data={"csrf_token": csrf_of(form), "username": "sam", "password": "wrong one!"}
    )

    page = client_for(sam).get("/account/sessions").text

    assert "wrong password" in page
    assert "logged in" in page


def test_login_history_is_mine_alone(client, client_for, sam, alex):
    form = client.get("/login")
    client.post(
        "/login", data={"csrf_token": csrf_of(form), "username": "sam", "password": "wrong one!"}
    )

    assert "wrong password" not in client_for(alex).get("/account/sessions").text


def test_changing_what_is_shared_later_asks_for_the_password_again(sam_client, clock):
    clock.advance(timedelta(minutes=6))
    form = sam_client.get("/imago/workup")

    response = sam_client.post(
        "/imago/workup/consent",
        data={"csrf_token": csrf_of(form), "consent": "true"},
        follow_redirects=False,
    )

    assert response.headers["location"] == "/account/confirm?next=/imago/workup"


def test_logging_out_shows_in_my_history(client_for, sam):
    phone, laptop = client_for(sam), client_for(sam)

    phone.post("/logout", data={"csrf_token": csrf_of(phone.get("/"))})

    assert "logged out" in laptop.get("/account/sessions").text


@pytest.fixture
def quick_checks(app, clock):
    """Sockets ask about their session every 50 ms instead of every minute."""
    app.state.components = replace(app.state.components, recheck_seconds=0.05)


def test_an_open_socket_closes_when_its_session_goes_idle(
    quick_checks, clock, client_for, sam, dialogue
):
    phone = client_for(sam)
    with phone.websocket_connect(f"/dialogues/{dialogue}/live", headers=ORIGIN) as socket:
        socket.receive_json()
        clock.advance(timedelta(minutes=61))  # watching a screen is not using the session

        with pytest.raises(WebSocketDisconnect) as closed:
            socket.receive_json()

    assert closed.value.code == 1008


def test_an_open_socket_of_a_used_session_stays_open(
    quick_checks, clock, client_for, sam, dialogue
):
    phone = client_for(sam)
    with phone.websocket_connect(f"/dialogues/{dialogue}/live", headers=ORIGIN) as socket:
        socket.receive_json()
        clock.advance(timedelta(minutes=40))
        phone.get("/")  # the person uses the app: the idle time starts again
        clock.advance(timedelta(minutes=40))
        time.sleep(0.2)  # several session checks
        make_move(phone, dialogue, "request_appointment", "Dinner last night")

        assert socket.receive_json()["version"] == 1


def test_an_open_socket_closes_at_the_absolute_limit(
    quick_checks, clock, client_for, sam, dialogue
):
    phone = client_for(sam)
    with phone.websocket_connect(f"/dialogues/{dialogue}/live", headers=ORIGIN) as socket:
        socket.receive_json()
        for _ in range(24):
            clock.advance(timedelta(minutes=30))
            phone.get("/")

        with pytest.raises(WebSocketDisconnect) as closed:
            socket.receive_json()

    assert closed.value.code == 1008


def test_after_a_lost_revoke_message_the_next_resync_closes_the_socket(client_for, sam, dialogue):
    phone = client_for(sam)
    wiring = phone.app.state.components
    with phone.websocket_connect(f"/dialogues/{dialogue}/live", headers=ORIGIN) as socket:
        socket.receive_json()
        # Revoked in the database only, as when Redis dropped the revoke message for this process.
        privacy.log_out_everywhere(wiring.new_uow(), person=sam.id, clock=wiring.clock)
        wiring.hub.resync_all()  # what the Redis hub does after it reconnects

        with pytest.raises(WebSocketDisconnect) as closed:
            socket.receive_json()

    assert closed.value.code == 1008


def test_a_resync_of_a_working_session_only_repeats_the_version(client_for, sam, dialogue):
    phone = client_for(sam)
    with phone.websocket_connect(f"/dialogues/{dialogue}/live", headers=ORIGIN) as socket:
        socket.receive_json()
        phone.app.state.components.hub.resync_all()

        assert socket.receive_json() == {"dialogue": dialogue, "version": 0}
