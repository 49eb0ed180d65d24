"""In-process fan-out of "this dialogue moved" to the screens watching it (style.md §3).

Only ``{"dialogue": id, "version": n}`` travels through the hub. Each screen then fetches its
own view, because the partner must never receive a withheld turn or another's feedback
(domain.md §4.6); a shared broadcast of turn text could not keep that promise. Publishing is
thread-safe: the sync routes run in a thread pool, the sockets on the event loop. Beyond one
process the same interface would sit on Redis pub/sub (architecture.md, Scale).
"""

import asyncio
import threading
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

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


@dataclass(eq=False, slots=True)
class _Subscriber:
    loop: asyncio.AbstractEventLoop
    queue: asyncio.Queue[Moved]
    person: str | None = None

    def offer(self, moved: Moved) -> None:
        if self.queue.full():
            self.queue.get_nowait()
        self.queue.put_nowait(moved)


class LiveHub:
    """Subscribers per dialogue; ``publish`` may be called from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscribers: defaultdict[DialogueId, set[_Subscriber]] = defaultdict(set)

    @asynccontextmanager
    async def subscribe(
        self, dialogue: DialogueId, person: str | None = None
    ) -> AsyncIterator[asyncio.Queue[Moved]]:
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
