"""Rate limits shared by every app process through Redis (issue 6, with issue 7's workers).

Two apps made from the same settings stand for two workers of ``attunement serve --workers 2``:
the same database, the same secret file, the same Redis, and nothing else in common. Each test's
secret is new, so its keys in Redis (an HMAC under that secret) are its own.
"""

import os
import threading
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from attunement.settings import Settings
from attunement.web.app import create_app
from attunement.web.limits import UNLIMITED, RateLimiter
from attunement.web.limits_redis import RedisWindows
from tests.conftest import POSTGRES_URL
from tests.web.forms import csrf_of
from tests.web.test_limits import log_in

REDIS_URL = os.environ.get("ATTUNEMENT_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
LIMIT = 5

needs_redis = pytest.mark.skipif(not POSTGRES_URL, reason="runs with the PostgreSQL suite")
pytestmark = [pytest.mark.postgres, needs_redis]


@pytest.fixture
def workers(settings: Settings, analyzer) -> Iterator[tuple[FastAPI, FastAPI]]:
    """Two apps on one database, one secret file and one Redis, as two workers are."""
    shared = settings.model_copy(update={"redis_url": REDIS_URL, "rate_limit_per_minute": LIMIT})
    first, second = (create_app(shared, analyzer=analyzer) for _ in range(2))
    with TestClient(first), TestClient(second):  # runs start-up and shut-down of both
        yield first, second


def at(app: FastAPI, address: str = "10.0.0.1") -> TestClient:
    return TestClient(app, client=(address, 50000))


def test_log_ins_from_one_address_count_together_on_every_worker(workers, sam):
    first, second = workers
    browsers = [at(first), at(second)]

    answers = [log_in(browsers[n % 2], "sam", "wrong password!").status_code for n in range(7)]

    assert answers == [422] * LIMIT + [429, 429]  # alone, each worker would have allowed 4 more


def test_another_address_is_not_held_back_by_the_first(workers, sam):
    first, second = workers
    for n in range(LIMIT + 1):
        log_in(at(first if n % 2 else second), "casey", "wrong password!")

    assert log_in(at(first), "sam", sam.password).status_code == 429
    assert log_in(at(second, "10.0.0.2"), "sam", sam.password).status_code == 303


def test_guessing_on_every_worker_cannot_lock_out_the_owners_device(workers, sam):
    first, second = workers
    own_phone = at(first, "192.168.1.5")
    assert log_in(own_phone, "sam", sam.password).status_code == 303  # cookie set by worker 1
    own_phone.post("/logout", data={"csrf_token": csrf_of(own_phone.get("/"))})
    for n in range(LIMIT):  # someone else's failures, from many addresses, on both workers
        log_in(at(first if n % 2 else second, f"10.0.1.{n}"), "sam", "wrong password!")

    stranger = at(second, "10.0.2.1")
    assert log_in(stranger, "sam", sam.password).status_code == 429
    own_phone_on_second = at(second, "192.168.1.5")
    own_phone_on_second.cookies.update(own_phone.cookies)
    assert log_in(own_phone_on_second, "sam", sam.password).status_code == 303  # worker 2 agrees


def test_two_workers_racing_for_the_last_tries_get_exactly_the_limit(settings):
    secret = os.urandom(32)
    windows = [RedisWindows(REDIS_URL, secret=secret) for _ in range(2)]
    limiters = [RateLimiter(LIMIT, secret=secret, windows=w) for w in windows]
    allowed: list[bool] = []
    start = threading.Barrier(40)

    def attempt(n: int) -> None:
        start.wait()
        allowed.append(limiters[n % 2].allow("login:10.0.0.1"))

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for window in windows:
        window.close()

    assert allowed.count(True) == LIMIT


def test_redis_holds_neither_the_username_nor_the_address():
    import redis

    windows = RedisWindows(REDIS_URL, secret=os.urandom(32), prefix="attunement:test-limit:")
    windows.hit("account:sam-private-name", UNLIMITED)
    client = redis.Redis.from_url(REDIS_URL)
    keys = [key.decode() for key in client.scan_iter("attunement:test-limit:*")]
    client.delete(*keys)
    client.close()
    windows.close()

    assert len(keys) == 1
    assert "sam" not in keys[0]
