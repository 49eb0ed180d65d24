"""The Redis hub: a move published by one process reaches the screens of another (issue 7).

Two ``RedisHub`` objects on one event loop stand for two processes: they share nothing but the
Redis channel. Each test gets a channel of its own, so runs on a shared Redis never cross.
"""

import asyncio
import json
import os
import secrets

import pytest
import redis

from attunement.domain.ids import DialogueId
from attunement.web.live import CLOSE, Moved, Resync
from attunement.web.live_redis import RedisHub, decode, decode_revoke, encode, encode_revoke
from tests.conftest import POSTGRES_URL
from tests.web.running import run

REDIS_URL = os.environ.get("ATTUNEMENT_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
WAIT_SECONDS = 10.0
DIALOGUE = DialogueId("d-1")

needs_redis = pytest.mark.skipif(not POSTGRES_URL, reason="runs with the PostgreSQL suite")


def test_a_channel_message_carries_only_the_dialogue_and_version():
    assert decode(encode(DIALOGUE, 3)) == (DIALOGUE, 3)


@pytest.mark.parametrize(
    "data", [b"not json", b"[1, 2]", b'{"dialogue": 1, "version": 2}', b'{"dialogue": "d"}']
)
def test_a_malformed_channel_message_is_ignored(data):
    assert decode(data) is None


def test_a_revoke_message_carries_only_the_person():
    assert json.loads(encode_revoke("p-1")) == {"revoke": "p-1"}
    assert decode_revoke(encode_revoke("p-1")) == "p-1"
    assert decode(encode_revoke("p-1")) is None  # never mistaken for a move


@pytest.mark.parametrize(
    "data", [b"not json", b'{"revoke": 1}', b'{"revoke": ""}', encode(DIALOGUE, 3).encode()]
)
def test_anything_but_a_revoke_message_revokes_nobody(data):
    assert decode_revoke(data) is None


def hubs(name: str = "") -> tuple[RedisHub, RedisHub]:
    channel = f"attunement:test:{secrets.token_hex(6)}"
    listener_url = f"{REDIS_URL}?client_name={name}" if name else REDIS_URL
    return RedisHub(REDIS_URL, channel=channel), RedisHub(listener_url, channel=channel)


async def opened(*hubs: RedisHub) -> None:
    for hub in hubs:
        await hub.open()


async def closed(*hubs: RedisHub) -> None:
    for hub in hubs:
        await hub.close()


@pytest.mark.postgres
@needs_redis
def test_a_move_published_in_one_process_reaches_a_screen_in_another():
    async def scenario() -> list[object]:
        first, second = hubs()
        await opened(first, second)
        try:
            async with second.subscribe(DIALOGUE) as moves:
                await asyncio.to_thread(first.publish, DIALOGUE, 1)
                await asyncio.to_thread(first.publish, DIALOGUE, 2)
                return [await asyncio.wait_for(moves.get(), WAIT_SECONDS) for _ in range(2)]
        finally:
            await closed(first, second)

    assert run(scenario()) == [Moved(DIALOGUE, 1), Moved(DIALOGUE, 2)]


@pytest.mark.postgres
@needs_redis
def test_a_screen_on_another_dialogue_hears_nothing():
    async def scenario() -> object:
        first, second = hubs()
        await opened(first, second)
        try:
            async with second.subscribe(DialogueId("other")) as other, second.subscribe(DIALOGUE):
                await asyncio.to_thread(first.publish, DIALOGUE, 1)
                await asyncio.to_thread(first.publish, DialogueId("other"), 5)
                return await asyncio.wait_for(other.get(), WAIT_SECONDS)
        finally:
            await closed(first, second)

    assert run(scenario()) == Moved(DialogueId("other"), 5)


@pytest.mark.postgres
@needs_redis
def test_after_a_lost_connection_every_screen_is_told_to_resync():
    name = f"attunement-test-{secrets.token_hex(6)}"

    async def scenario() -> list[object]:
        first, second = hubs(name)
        await opened(first, second)
        try:
            async with second.subscribe(DIALOGUE) as moves:
                await asyncio.to_thread(_kill_clients_named, name)
                resync = await asyncio.wait_for(moves.get(), WAIT_SECONDS)
                await asyncio.to_thread(first.publish, DIALOGUE, 4)
                return [resync, await asyncio.wait_for(moves.get(), WAIT_SECONDS)]
        finally:
            await closed(first, second)

    resync, moved = run(scenario())
    assert isinstance(resync, Resync)
    assert moved == Moved(DIALOGUE, 4)


@pytest.mark.postgres
@needs_redis
def test_logging_out_everywhere_in_one_process_closes_the_screens_in_another():
    async def scenario() -> tuple[object, object]:
        first, second = hubs()
        await opened(first, second)
        try:
            async with (
                second.subscribe(DIALOGUE, "sam") as sams,
                second.subscribe(DIALOGUE, "alex") as alexs,
            ):
                assert await asyncio.to_thread(first.disconnect, "sam") == 0  # none held here
                told_sam = await asyncio.wait_for(sams.get(), WAIT_SECONDS)
                await asyncio.to_thread(first.publish, DIALOGUE, 7)
                return told_sam, await asyncio.wait_for(alexs.get(), WAIT_SECONDS)
        finally:
            await closed(first, second)

    told_sam, told_alex = run(scenario())
    assert told_sam == Moved(DIALOGUE, CLOSE)
    assert told_alex == Moved(DIALOGUE, 7)  # the partner's screen is not closed, only nudged


def test_logging_out_everywhere_while_redis_is_unreachable_still_closes_local_screens():
    hub = RedisHub("redis://127.0.0.1:1/0")

    async def scenario() -> object:
        async with hub.subscribe(DIALOGUE, "sam") as sams:
            assert hub.disconnect("sam") == 1  # the publish fails and is logged, not raised
            return await asyncio.wait_for(sams.get(), WAIT_SECONDS)

    assert run(scenario()) == Moved(DIALOGUE, CLOSE)
    run(hub.close())


def test_a_publish_while_redis_is_unreachable_loses_only_the_nudge():
    hub = RedisHub("redis://127.0.0.1:1/0")  # nothing listens on port 1

    hub.publish(DIALOGUE, 1)  # logged, not raised: the move itself is already committed
    run(hub.close())


def _kill_clients_named(name: str) -> None:
    admin = redis.Redis.from_url(REDIS_URL)
    try:
        for client in admin.client_list():
            if client.get("name") == name:
                admin.client_kill_filter(_id=client["id"])
    finally:
        admin.close()
