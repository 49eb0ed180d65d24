"""The live socket of a dialogue screen (issue 2, item 5).

The handshake is refused unless it carries a valid session cookie, comes from this site's own
origin (a page elsewhere cannot open it with the person's cookie: cross-site WebSocket hijacking)
and names a dialogue the person may see. Then the socket only ever says "moved to version n";
the page fetches its own view, so nothing private can travel through a shared channel.

Reconnecting (issue 7, item 2): the page sends the last version it saw as ``?since=n``; the
socket subscribes first and only then reads the current version and sends it at once, so a move
made while the page was away, or while the socket was being set up, is never missed.
"""

import asyncio
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect
from starlette.concurrency import run_in_threadpool
from starlette.status import WS_1008_POLICY_VIOLATION

from attunement.domain.errors import NotFound
from attunement.domain.ids import DialogueId, PersonId
from attunement.services.accounts import person_for_token
from attunement.services.dialogue import dialogue_version
from attunement.web.deps import components_of, session_token
from attunement.web.live import CLOSE, RESYNC, Moved, Resync

log = logging.getLogger(__name__)
router = APIRouter()


def same_origin(websocket: WebSocket) -> bool:
    """Whether the handshake's Origin is this server's own scheme and host."""
    origin = websocket.headers.get("origin")
    host = websocket.headers.get("host")
    if not origin or not host:
        return False
    scheme = "https" if websocket.url.scheme == "wss" else "http"
    return origin == f"{scheme}://{host}"


async def _watcher(websocket: WebSocket) -> PersonId | None:
    """The person behind this handshake, if it may watch anything at all."""
    if not same_origin(websocket):
        return None
    token = session_token(websocket)
    if token is None:
        return None
    wiring = components_of(websocket)
    person = await run_in_threadpool(
        person_for_token, wiring.new_uow(), token, clock=wiring.clock, lifetime=wiring.lifetime
    )
    return None if person is None else person.id


async def _version_for(websocket: WebSocket, dialogue: DialogueId, viewer: PersonId) -> int | None:
    """The dialogue's version now, or None when ``viewer`` may not see it."""
    wiring = components_of(websocket)
    try:
        return await run_in_threadpool(dialogue_version, wiring.new_uow(), dialogue, viewer=viewer)
    except NotFound:
        return None


@router.websocket("/dialogues/{dialogue_id}/live")
async def live(websocket: WebSocket, dialogue_id: str, since: int = -1) -> None:
    """Tell this screen each time its dialogue moves, starting with where it is now."""
    dialogue = DialogueId(dialogue_id)
    viewer = await _watcher(websocket)
    if viewer is None or await _version_for(websocket, dialogue, viewer) is None:
        log.info("live socket refused")
        await websocket.close(code=WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    async with components_of(websocket).hub.subscribe(dialogue, viewer) as moves:
        moves.put_nowait(RESYNC)  # read the version only now that no move can slip past
        listener = asyncio.ensure_future(_until_closed(websocket))
        last = since
        try:
            while not listener.done():
                waiting = asyncio.ensure_future(moves.get())
                await asyncio.wait({waiting, listener}, return_when=asyncio.FIRST_COMPLETED)
                if not waiting.done():
                    waiting.cancel()
                    break
                event = waiting.result()
                if isinstance(event, Moved) and event.version == CLOSE:  # logged out everywhere
                    await websocket.close(code=WS_1008_POLICY_VIOLATION)
                    break
                moved = await _as_moved(websocket, dialogue, viewer, event)
                if moved is None:
                    break
                # A resync is always answered; a move only if newer, so versions never go back.
                if isinstance(event, Resync) or moved.version > last:
                    await websocket.send_json(moved.to_json())
                    last = max(last, moved.version)
        finally:
            listener.cancel()


async def _as_moved(
    websocket: WebSocket, dialogue: DialogueId, viewer: PersonId, event: Moved | Resync
) -> Moved | None:
    """The move to announce: a resync reads the version afresh (None: no longer visible)."""
    if isinstance(event, Moved):
        return event
    version = await _version_for(websocket, dialogue, viewer)
    return None if version is None else Moved(dialogue, version)


async def _until_closed(websocket: WebSocket) -> None:
    """Read (and ignore) until the browser goes away; the socket only speaks one way."""
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        return
