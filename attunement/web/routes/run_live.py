"""Live sockets for the shared runs: Imago runs, the cycle map, U-turns, unburdening (issue 4).

Each handshake is checked like the dialogue's (routes/live.py): this site's own origin, a
valid session, and a run the person may see — through the same service read that serves the
page, so an outsider's socket is refused exactly as a missing run's. Then the socket only says
"moved to version n", and the page fetches its own view.
"""

import asyncio
import logging
from collections.abc import Callable

from fastapi import APIRouter, WebSocket, WebSocketDisconnect
from starlette.concurrency import run_in_threadpool
from starlette.status import WS_1008_POLICY_VIOLATION

from attunement.domain.errors import NotFound
from attunement.domain.exercises.u_turn import UTurn
from attunement.domain.ids import DialogueId, PersonId, RunId
from attunement.domain.imago_runs import RunId as ImagoRunId
from attunement.services import ifio, imago, u_turn, unburdening, workup
from attunement.services.accounts import person_for_token
from attunement.services.runs import RunRef, read_run
from attunement.services.uow import UnitOfWork
from attunement.web.deps import components_of, session_token
from attunement.web.live import RESYNC, Moved, Resync
from attunement.web.routes.live import same_origin
from attunement.web.run_live import run_topic, sharing_topic

log = logging.getLogger(__name__)
router = APIRouter()
VersionOf = Callable[[UnitOfWork, PersonId], int]


def _imago(run: str) -> VersionOf:
    return lambda uow, viewer: imago.run_view(uow, ImagoRunId(run), viewer=viewer).state.version


def _cycle_map(run: str) -> VersionOf:
    return lambda uow, viewer: (
        ifio.cycle_map_of(uow, RunRef(RunId(run), ifio.CYCLE, viewer)).version
    )


def _unburdening(run: str) -> VersionOf:
    return lambda uow, viewer: unburdening.version_for(uow, RunId(run), viewer=viewer)


def _u_turn(run: str) -> VersionOf:
    return lambda uow, viewer: read_run(uow, RunRef(RunId(run), u_turn.KIND, viewer), UTurn).version


async def _watcher(websocket: WebSocket) -> PersonId | None:
    """The person behind this handshake: this site's origin and a valid session, else None."""
    token = session_token(websocket)
    if not same_origin(websocket) or token is None:
        return None
    wiring = components_of(websocket)
    person = await run_in_threadpool(
        person_for_token, wiring.new_uow(), token, clock=wiring.clock, lifetime=wiring.lifetime
    )
    return None if person is None else person.id


async def _version(websocket: WebSocket, viewer: PersonId, version_of: VersionOf) -> int | None:
    """The run's version now, or None when ``viewer`` may not see it."""
    wiring = components_of(websocket)
    try:
        return await run_in_threadpool(version_of, wiring.new_uow(), viewer)
    except NotFound:
        return None


async def _serve(
    websocket: WebSocket, topic: DialogueId, version_of: VersionOf, since: int
) -> None:
    """Tell this screen each time the run on ``topic`` moves, until it goes away."""
    viewer = await _watcher(websocket)
    if viewer is None or await _version(websocket, viewer, version_of) is None:
        log.info("live run socket refused")
        await websocket.close(code=WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    async with components_of(websocket).hub.subscribe(topic) as moves:
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
                version = (
                    event.version
                    if isinstance(event, Moved)
                    else await _version(websocket, viewer, version_of)
                )
                if version is None:
                    break  # no longer theirs to see
                if isinstance(event, Resync) or version > last:
                    await websocket.send_json(Moved(topic, version).to_json())
                    last = max(last, version)
        finally:
            listener.cancel()


async def _until_closed(websocket: WebSocket) -> None:
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        return


@router.websocket("/imago/runs/{run_id}/live")
async def imago_live(websocket: WebSocket, run_id: str, since: int = -1) -> None:
    """An Imago run's screen: Parent-Child, Behavior Change Request, Appreciation."""
    await _serve(websocket, run_topic("imago", run_id), _imago(run_id), since)


@router.websocket("/cycle-maps/{run_id}/live")
async def cycle_map_live(websocket: WebSocket, run_id: str, since: int = -1) -> None:
    """A protective-cycle map both partners fill in."""
    await _serve(websocket, run_topic(ifio.CYCLE, run_id), _cycle_map(run_id), since)


@router.websocket("/u-turns/{run_id}/live")
async def u_turn_live(websocket: WebSocket, run_id: str, since: int = -1) -> None:
    """A U-turn the partner hears and mirrors."""
    await _serve(websocket, run_topic(u_turn.KIND, run_id), _u_turn(run_id), since)


@router.websocket("/unburdening/{run_id}/live")
async def unburdening_live(websocket: WebSocket, run_id: str, since: int = -1) -> None:
    """An unburdening run, for its client, its therapist, and the witness the client invited."""
    await _serve(websocket, run_topic(unburdening.KIND, run_id), _unburdening(run_id), since)


@router.websocket("/imago/workup/live")
async def workup_live(websocket: WebSocket, since: int = -1) -> None:
    """The overlap view of a couple's workups: moves when either partner's consent changes."""
    viewer = await _watcher(websocket)
    wiring = components_of(websocket)
    sharing = (
        None
        if viewer is None
        else await run_in_threadpool(workup.sharing_of, wiring.new_uow(), viewer=viewer)
    )
    if sharing is None or sharing.couple is None:
        log.info("live workup socket refused")
        await websocket.close(code=WS_1008_POLICY_VIOLATION)
        return
    topic = sharing_topic(sharing.couple)
    await _serve(websocket, topic, lambda uow, v: workup.sharing_of(uow, viewer=v).version, since)
