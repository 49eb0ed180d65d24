"""One live socket's life, shared by the dialogue's and the runs' screens (issues 2, 4, 6, 7).

The handshake is refused unless it carries a valid session cookie, comes from this site's own
origin (a page elsewhere cannot open it with the person's cookie: cross-site WebSocket hijacking)
and names a topic the person may see. Then the socket only ever says "moved to version n"; the
page fetches its own view, so nothing private can travel through a shared channel.

Reconnecting (issue 7): the page sends the last version it saw as ``?since=n``; the socket
subscribes first and only then reads the current version, so no move is missed.

Ending (issue 6, ASVS 8.3.2): "log out everywhere" closes the person's sockets in every process
through the hub. Besides, a socket never outlives its session: it asks again (without marking
the session used, so watching does not keep an idle session alive) when the session would time
out, at least every ``recheck_seconds``, and whenever the hub says moves may have been missed.
"""

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fastapi import WebSocket, WebSocketDisconnect
from starlette.concurrency import run_in_threadpool
from starlette.status import WS_1008_POLICY_VIOLATION

from attunement.domain.errors import NotFound
from attunement.domain.ids import DialogueId, PersonId
from attunement.services.accounts import person_for_token, session_ends_at
from attunement.services.uow import UnitOfWork
from attunement.web.deps import components_of, session_token
from attunement.web.live import CLOSE, RESYNC, Event, Moved, Resync

log = logging.getLogger(__name__)
#: The topic's version as ``viewer`` sees it; raises NotFound when it is not theirs to see.
VersionOf = Callable[[UnitOfWork, PersonId], int]


@dataclass(frozen=True, slots=True)
class Watcher:
    person: PersonId
    token: str


def same_origin(websocket: WebSocket) -> bool:
    """Whether the handshake's Origin is this server's own scheme and host."""
    origin = websocket.headers.get("origin")
    host = websocket.headers.get("host")
    if not origin or not host:
        return False
    scheme = "https" if websocket.url.scheme == "wss" else "http"
    return origin == f"{scheme}://{host}"


async def watcher_of(websocket: WebSocket) -> Watcher | None:
    """The person behind this handshake: this site's origin and a valid session, else None."""
    token = session_token(websocket)
    if not same_origin(websocket) or token is None:
        return None
    wiring = components_of(websocket)
    person = await run_in_threadpool(
        person_for_token, wiring.new_uow(), token, clock=wiring.clock, lifetime=wiring.lifetime
    )
    return None if person is None else Watcher(person.id, token)


async def _version(websocket: WebSocket, viewer: PersonId, version_of: VersionOf) -> int | None:
    """The topic's version now, or None when ``viewer`` may not see it."""
    wiring = components_of(websocket)
    try:
        return await run_in_threadpool(version_of, wiring.new_uow(), viewer)
    except NotFound:
        return None


async def _session_ends(websocket: WebSocket, token: str) -> datetime | None:
    wiring = components_of(websocket)
    return await run_in_threadpool(
        session_ends_at, wiring.new_uow(), token, clock=wiring.clock, lifetime=wiring.lifetime
    )


async def serve(websocket: WebSocket, topic: DialogueId, version_of: VersionOf, since: int) -> None:
    """Tell this screen each time ``topic`` moves, until it goes away or its session ends."""
    watcher = await watcher_of(websocket)
    if watcher is None or await _version(websocket, watcher.person, version_of) is None:
        log.info("live socket refused")
        await websocket.close(code=WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    async with components_of(websocket).hub.subscribe(topic, watcher.person) as moves:
        moves.put_nowait(RESYNC)  # read the version only now that no move can slip past
        listener = asyncio.ensure_future(_until_closed(websocket))
        socket = _Socket(websocket, topic, version_of, watcher, moves, listener, since)
        # The handshake has just checked (and used) the session: the next check can wait.
        socket.check_at = (
            asyncio.get_running_loop().time() + components_of(websocket).recheck_seconds
        )
        try:
            if not await socket.relay():
                await websocket.close(code=WS_1008_POLICY_VIOLATION)
        finally:
            listener.cancel()


@dataclass(slots=True)
class _Socket:
    """One accepted socket: what it watches, for whom, and when to ask about the session."""

    websocket: WebSocket
    topic: DialogueId
    version_of: VersionOf
    watcher: Watcher
    moves: asyncio.Queue[Event]
    listener: asyncio.Future[Any]
    last: int
    check_at: float = 0.0  # event-loop time of the next session check
    greeted: bool = False  # the first resync (put there by ``serve``) has been answered

    async def relay(self) -> bool:
        """Pass versions on; True when the browser left, False when the socket must close."""
        while not self.listener.done():
            event = await self._next()
            if event is None:
                return self.listener.done()
            if isinstance(event, Moved) and event.version == CLOSE:  # logged out everywhere
                return False
            if isinstance(event, Resync) and self.greeted:
                self.check_at = 0.0  # moves may have been missed, and so may a revocation
                if not await self._session_alive():
                    return False
            version = (
                event.version
                if isinstance(event, Moved)
                else await _version(self.websocket, self.watcher.person, self.version_of)
            )
            if version is None:
                return False  # no longer theirs to see
            # A resync is always answered; a move only if newer, so versions never go back.
            if isinstance(event, Resync) or version > self.last:
                await self.websocket.send_json(Moved(self.topic, version).to_json())
                self.last = max(self.last, version)
                self.greeted = True
        return True

    async def _next(self) -> Event | None:
        """The next event; None when the browser left or the session ended meanwhile."""
        loop = asyncio.get_running_loop()
        while await self._session_alive():
            waiting: asyncio.Future[Any] = asyncio.ensure_future(self.moves.get())
            await asyncio.wait(
                {waiting, self.listener},
                timeout=max(self.check_at - loop.time(), 0.0),
                return_when=asyncio.FIRST_COMPLETED,
            )
            if waiting.done():
                event: Event = waiting.result()
                return event
            waiting.cancel()
            if self.listener.done():
                return None
        return None

    async def _session_alive(self) -> bool:
        """Whether the session still works, asking the database only when a check is due."""
        loop = asyncio.get_running_loop()
        if loop.time() < self.check_at:
            return True
        ends = await _session_ends(self.websocket, self.watcher.token)
        if ends is None:
            return False
        wiring = components_of(self.websocket)
        left = (ends - wiring.clock.now()).total_seconds()
        self.check_at = loop.time() + min(wiring.recheck_seconds, left)
        return True


async def _until_closed(websocket: WebSocket) -> None:
    """Read (and ignore) until the browser goes away; the socket only speaks one way."""
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        return
