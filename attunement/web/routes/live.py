"""The live socket of a dialogue screen (issue 2, item 5).

The handshake is refused unless it carries a valid session cookie, comes from this site's own
origin (a page elsewhere cannot open it with the person's cookie: cross-site WebSocket hijacking)
and names a dialogue the person may see. Then the socket only ever says "moved to version n";
the page fetches its own view, so nothing private can travel through a shared channel.
"""

import asyncio
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect
from starlette.concurrency import run_in_threadpool
from starlette.status import WS_1008_POLICY_VIOLATION

from attunement.domain.errors import NotFound
from attunement.domain.ids import DialogueId
from attunement.services.accounts import person_for_token
from attunement.services.dialogue import dialogue_view
from attunement.web.deps import components_of, session_token
from attunement.web.live import CLOSE, Moved

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


async def _version_for(websocket: WebSocket, dialogue: DialogueId) -> tuple[str, int] | None:
    """The watcher and the dialogue's version if this handshake may watch it, else None."""
    if not same_origin(websocket):
        return None
    token = session_token(websocket)
    if token is None:
        return None
    wiring = components_of(websocket)
    person = await run_in_threadpool(
        person_for_token, wiring.new_uow(), token, clock=wiring.clock, lifetime=wiring.lifetime
    )
    if person is None:
        return None
    try:
        view = await run_in_threadpool(dialogue_view, wiring.new_uow(), dialogue, viewer=person.id)
    except NotFound:
        return None
    return person.id, view.state.version


@router.websocket("/dialogues/{dialogue_id}/live")
async def live(websocket: WebSocket, dialogue_id: str) -> None:
    """Tell this screen each time its dialogue moves."""
    dialogue = DialogueId(dialogue_id)
    found = await _version_for(websocket, dialogue)
    if found is None:
        log.info("live socket refused")
        await websocket.close(code=WS_1008_POLICY_VIOLATION)
        return
    person, version = found
    await websocket.accept()
    async with components_of(websocket).hub.subscribe(dialogue, person) as moves:
        # The version now, so a screen rendered just before a move still catches up.
        await websocket.send_json(Moved(dialogue, version).to_json())
        listener = asyncio.ensure_future(_until_closed(websocket))
        try:
            while not listener.done():
                waiting = asyncio.ensure_future(moves.get())
                await asyncio.wait({waiting, listener}, return_when=asyncio.FIRST_COMPLETED)
                if not waiting.done():
                    waiting.cancel()
                    break
                if waiting.result().version == CLOSE:  # logged out everywhere
                    await websocket.close(code=WS_1008_POLICY_VIOLATION)
                    break
                await websocket.send_json(waiting.result().to_json())
        finally:
            listener.cancel()


async def _until_closed(websocket: WebSocket) -> None:
    """Read (and ignore) until the browser goes away; the socket only speaks one way."""
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        return
