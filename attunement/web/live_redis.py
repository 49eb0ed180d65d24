"""The live fan-out across processes, on Redis pub/sub (issue 7, item 2).

Every app process subscribes once, at start, to one channel and hands what arrives to its own
``LocalHub``; ``publish`` sends to the channel, so a move made on process 1 reaches a screen on
process 2 (and the mover's own screens, by the same road). Only ``{"dialogue", "version"}`` is
sent, as in-process: Redis never carries what anyone wrote. "Log out everywhere" sends
``{"revoke": person id}`` on the same channel, and every process closes that person's screens.

Pub/sub delivers at most once. A message is only "fetch your view again", so a lost one costs a
screen nothing as long as it hears some later version: when the subscription drops, the hub
reconnects and tells every screen in the process to re-read its version (``RESYNC``). A screen
that reconnects tells the route its last version and gets the current one at once.
"""

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager

import redis
import redis.asyncio as aioredis
from redis.asyncio.client import PubSub

from attunement.domain.ids import DialogueId
from attunement.web.live import Event, LocalHub

CHANNEL = "attunement:live"
RETRY_SECONDS = (0.1, 0.5, 1.0, 2.0, 5.0)
log = logging.getLogger(__name__)


def encode(dialogue: DialogueId, version: int) -> str:
    """The message on the channel: the same two fields a screen receives."""
    return json.dumps({"dialogue": dialogue, "version": version})


def encode_revoke(person: str) -> str:
    """The message that closes ``person``'s screens in every process: the id and nothing else."""
    return json.dumps({"revoke": person})


def _parsed(data: bytes | str) -> dict[str, object] | None:
    try:
        message = json.loads(data)
    except ValueError:
        return None
    return message if isinstance(message, dict) else None


def decode_revoke(data: bytes | str) -> str | None:
    """The person whose screens must close, from a revoke message; None for anything else."""
    person = (_parsed(data) or {}).get("revoke")
    return person if isinstance(person, str) and person else None


def decode(data: bytes | str) -> tuple[DialogueId, int] | None:
    """The dialogue and version of a channel message; None for anything malformed."""
    message = _parsed(data)
    if message is None:
        return None
    dialogue, version = message.get("dialogue"), message.get("version")
    if not isinstance(dialogue, str) or not isinstance(version, int):
        return None
    return DialogueId(dialogue), version


class RedisHub:
    """A ``LiveHub`` whose ``publish`` reaches the screens of every process on the channel."""

    def __init__(self, url: str, *, channel: str = CHANNEL) -> None:
        self._channel = channel
        self._local = LocalHub()
        # Routes publish from the thread pool: a blocking client, with its own thread-safe pool.
        self._publisher = redis.Redis.from_url(url)
        self._client = aioredis.Redis.from_url(url)
        self._listener: asyncio.Task[None] | None = None

    def subscribe(
        self, dialogue: DialogueId, person: str | None = None
    ) -> AbstractAsyncContextManager[asyncio.Queue[Event]]:
        """A queue of this dialogue's moves, made in any process."""
        return self._local.subscribe(dialogue, person)

    def publish(self, dialogue: DialogueId, version: int) -> None:
        """Send the move to every process; a Redis outage loses only this nudge, not the move."""
        try:
            self._publisher.publish(self._channel, encode(dialogue, version))
        except redis.RedisError:
            log.warning("could not publish a live update; screens will catch up on reconnect")

    def disconnect(self, person: str) -> int:
        """Close ``person``'s screens in every process (log out everywhere); how many here.

        This process's screens close at once, without waiting for Redis. If Redis is down, the
        other processes' screens still close within a minute: each socket checks its session
        (web/watch.py), and the revoked session no longer works.
        """
        closed = self._local.disconnect(person)
        try:
            self._publisher.publish(self._channel, encode_revoke(person))
        except redis.RedisError:
            log.warning("could not tell other processes to close screens; their checks will")
        return closed

    def watching(self, dialogue: DialogueId) -> int:
        """How many screens in this process watch ``dialogue``."""
        return self._local.watching(dialogue)

    async def open(self) -> None:
        """Subscribe before the app takes requests, so no move made after start is missed."""
        pubsub = await self._subscribed()
        self._listener = asyncio.create_task(self._listen(pubsub), name="attunement-live-redis")

    async def close(self) -> None:
        """Stop listening and close both clients."""
        if self._listener is not None:
            self._listener.cancel()
            await asyncio.gather(self._listener, return_exceptions=True)
            self._listener = None
        await self._client.aclose()
        self._publisher.close()

    async def _subscribed(self) -> PubSub:
        """A pub/sub connection whose subscription Redis has confirmed."""
        pubsub = self._client.pubsub()
        await pubsub.subscribe(self._channel)
        while True:
            message = await pubsub.get_message(timeout=5.0)
            if message is not None and message["type"] == "subscribe":
                return pubsub

    async def _listen(self, pubsub: PubSub) -> None:
        """Deliver channel messages locally; after a lost connection, resubscribe and resync."""
        while True:
            try:
                async for data in _messages(pubsub):
                    self._deliver(data)
            except (redis.RedisError, OSError):
                log.warning("lost the live channel; reconnecting")
            finally:
                await _close_quietly(pubsub)
            pubsub = await self._reconnect()
            self._local.resync_all()

    def _deliver(self, data: bytes | str) -> None:
        """Hand one channel message to this process's screens; ignore anything malformed."""
        moved = decode(data)
        if moved is not None:
            self._local.publish(*moved)
            return
        person = decode_revoke(data)
        if person is not None:
            self._local.disconnect(person)

    async def _reconnect(self) -> PubSub:
        """Subscribe again, waiting a little longer after each failure."""
        attempt = 0
        while True:
            await asyncio.sleep(RETRY_SECONDS[min(attempt, len(RETRY_SECONDS) - 1)])
            try:
                return await self._subscribed()
            except (redis.RedisError, OSError):
                attempt += 1


async def _messages(pubsub: PubSub) -> AsyncIterator[bytes | str]:
    """The payloads of the channel's messages, until the connection fails."""
    async for message in pubsub.listen():
        if message["type"] == "message":
            yield message["data"]


async def _close_quietly(pubsub: PubSub) -> None:
    try:
        await pubsub.aclose()  # type: ignore[no-untyped-call]
    except (redis.RedisError, OSError):
        log.debug("the old live channel was already gone")
