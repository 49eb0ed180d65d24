"""Fan-out of "this dialogue moved" to the screens watching it (style.md §3; issue 7, item 2).

Only ``{"dialogue": id, "version": n}`` travels through a hub. Each screen then fetches its
own view, because the partner must never receive a withheld turn or another's feedback
(domain.md §4.6); a shared broadcast of turn text could not keep that promise. Publishing is
thread-safe: the sync routes run in a thread pool, the sockets on the event loop.

``LiveHub`` is the interface the routes use. ``LocalHub`` (here, the embedded default) fans out
inside one process; ``RedisHub`` (web/live_redis.py, chosen by ``ATTUNEMENT_REDIS_URL``) carries
the same message between processes. A queue may also yield ``RESYNC``: the hub may have missed
moves (its Redis connection dropped), so the screen must be told the version afresh.
"""

import asyncio
import threading
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from typing import Final, Protocol

from attunement.domain.ids import DialogueId

QUEUE_LIMIT = 32  # a screen that falls this far behind only needs the newest version anyway


@dataclass(frozen=True, slots=True)
class Moved:
    dialogue: DialogueId
    version: int

    def to_json(self) -> dict[str, object]:
        """The message a screen receives."""
        return {"dialogue": self.dialogue, "version": self.version}


#: The version a screen receives when its person logged out everywhere: close the socket.
CLOSE = -1


class Resync:
    """Queue item meaning "moves may have been missed": read the version from the database."""

    __slots__ = ()


RESYNC: Final = Resync()
Event = Moved | Resync


class LiveHub(Protocol):
    """What the routes need of a fan-out, whatever carries it."""

    def subscribe(
        self, dialogue: DialogueId, person: str | None = None
    ) -> AbstractAsyncContextManager[asyncio.Queue[Event]]:
        """A queue of this dialogue's moves (watched by ``person``) while the ``with`` runs."""
        ...

    def publish(self, dialogue: DialogueId, version: int) -> None:
        """Tell every screen on ``dialogue``, in any process, that it reached ``version``."""
        ...

    def disconnect(self, person: str) -> int:
        """Close every screen of ``person`` in every process (log out everywhere); count here."""
        ...

    def watching(self, dialogue: DialogueId) -> int:
        """How many screens in this process are subscribed to ``dialogue``."""
        ...

    async def open(self) -> None:
        """Connect whatever the hub needs; called once when the app starts."""
        ...

    async def close(self) -> None:
        """Let go of connections; called once when the app stops."""
        ...


@dataclass(eq=False, slots=True)
class _Subscriber:
    loop: asyncio.AbstractEventLoop
    queue: asyncio.Queue[Event]
    person: str | None = None

    def offer(self, event: Event) -> None:
        if self.queue.full():
            self.queue.get_nowait()
        self.queue.put_nowait(event)


class LocalHub:
    """Subscribers per dialogue in this process; ``publish`` may be called from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscribers: defaultdict[DialogueId, set[_Subscriber]] = defaultdict(set)

    @asynccontextmanager
    async def subscribe(
        self, dialogue: DialogueId, person: str | None = None
    ) -> AsyncIterator[asyncio.Queue[Event]]:
        """A queue of this dialogue's moves, for as long as the ``with`` block runs."""
        subscriber = _Subscriber(asyncio.get_running_loop(), asyncio.Queue(QUEUE_LIMIT), person)
        with self._lock:
            self._subscribers[dialogue].add(subscriber)
        try:
            yield subscriber.queue
        finally:
            with self._lock:
                self._subscribers[dialogue].discard(subscriber)
                if not self._subscribers[dialogue]:
                    del self._subscribers[dialogue]

    def publish(self, dialogue: DialogueId, version: int) -> None:
        """Tell every screen on ``dialogue`` that it reached ``version``."""
        moved = Moved(dialogue, version)
        with self._lock:
            subscribers = list(self._subscribers.get(dialogue, ()))
        for subscriber in subscribers:
            subscriber.loop.call_soon_threadsafe(subscriber.offer, moved)

    def resync_all(self) -> None:
        """Tell every screen in this process to ask for its version again."""
        with self._lock:
            subscribers = [s for group in self._subscribers.values() for s in group]
        for subscriber in subscribers:
            subscriber.loop.call_soon_threadsafe(subscriber.offer, RESYNC)

    def disconnect(self, person: str) -> int:
        """Tell every screen of ``person`` to close (log out everywhere); how many there were."""
        with self._lock:
            mine = [
                (dialogue, subscriber)
                for dialogue, subscribers in self._subscribers.items()
                for subscriber in subscribers
                if subscriber.person == person
            ]
        for dialogue, subscriber in mine:
            subscriber.loop.call_soon_threadsafe(subscriber.offer, Moved(dialogue, CLOSE))
        return len(mine)

    def watching(self, dialogue: DialogueId) -> int:
        """How many screens are subscribed to ``dialogue`` (for tests and logs)."""
        with self._lock:
            return len(self._subscribers.get(dialogue, ()))

    async def open(self) -> None:
        """Nothing to connect: the fan-out lives in this process."""

    async def close(self) -> None:
        """Nothing to let go of."""
