"""Rate limits on log-in, sign-up and invite codes that lock nobody out (issue 6 item 6)."""

import hashlib
import hmac
from dataclasses import replace

import pytest

from attunement.web.limits import RateLimiter
from attunement.web.limits_redis import RedisWindows
from tests.web.forms import csrf_of

LIMIT = 5


@pytest.fixture
def limited(app, wiring):
    app.state.components = replace(wiring, limiter=RateLimiter(LIMIT, secret=b"k" * 32))


def log_in(client, username: str, password: str):
    form = client.get("/login")
    return client.post(
        "/login",
        data={"csrf_token": csrf_of(form), "username": username, "password": password},
        follow_redirects=False,
    )


def test_too_many_logins_from_one_address_are_refused(limited, client, sam):
    answers = [log_in(client, "sam", "wrong password!").status_code for _ in range(LIMIT + 1)]

    assert answers == [422] * LIMIT + [429]


def test_guessing_at_an_account_cannot_lock_its_owners_device_out(limited, app, sam):
    from fastapi.testclient import TestClient

    own_phone = TestClient(app)
    assert log_in(own_phone, "sam", sam.password).status_code == 303
    own_phone.post("/logout", data={"csrf_token": csrf_of(own_phone.get("/"))})
    limiter = app.state.components.limiter
    for _ in range(LIMIT):
        limiter.count("account:sam")  # someone else's failures, from many addresses

    assert log_in(own_phone, "sam", sam.password).status_code == 303
    stranger = TestClient(app, client=("10.0.0.9", 50000))
    assert log_in(stranger, "sam", sam.password).status_code == 429


def test_sign_up_floods_are_refused(limited, client):
    answers = []
    for n in range(LIMIT + 1):
        form = client.get("/signup")
        response = client.post(
            "/signup",
            data={"csrf_token": csrf_of(form), "username": f"x{n}", "display_name": "X",
                  "password": "short"},
        )  # fmt: skip
        answers.append(response.status_code)

    assert answers[-1] == 429
    assert 429 not in answers[:-1]


def test_guessing_invite_codes_is_refused(limited, client_for, casey):
    client = client_for(casey)
    answers = []
    for n in range(LIMIT + 1):
        form = client.get("/join")
        answers.append(
            client.post(
                "/join", data={"csrf_token": csrf_of(form), "code": f"guess-{n}"}
            ).status_code
        )

    assert answers[-1] == 429


def test_the_limiter_forgets_after_a_minute():
    now = [0.0]
    limiter = RateLimiter(2, now=lambda: now[0], secret=b"k" * 32)
    assert limiter.allow("k")
    assert limiter.allow("k")
    assert not limiter.allow("k")

    now[0] = 61.0

    assert limiter.allow("k")


def test_the_known_device_cookie_is_the_same_from_every_limiter_with_the_same_secret():
    one, other = RateLimiter(secret=b"k" * 32), RateLimiter(secret=b"k" * 32)

    assert one.known_device("Sam", other.device_token("sam"))
    assert not RateLimiter(secret=b"j" * 32).known_device("sam", one.device_token("sam"))


def test_the_known_device_cookie_is_not_the_server_secret_itself():
    secret = b"k" * 32
    token = RateLimiter(secret=secret).device_token("sam")

    assert token != hmac.new(secret, b"sam", hashlib.sha256).hexdigest()


def test_a_limiter_without_the_server_secret_is_refused():
    with pytest.raises(ValueError, match="secret"):
        RateLimiter(secret=b"")


def test_without_redis_the_limit_holds_in_this_process():
    limiter = RateLimiter(
        2, secret=b"k" * 32, windows=RedisWindows("redis://127.0.0.1:1/0", secret=b"k" * 32)
    )

    assert [limiter.allow("k") for _ in range(3)] == [True, True, False]
    limiter.close()
