"""Live sockets for the shared runs: Imago runs, the cycle map, U-turns, unburdening (issue 4).

Each socket lives exactly like the dialogue's (web/watch.py): this site's own origin, a valid
session, and a run the person may see — through the same service read that serves the page, so
an outsider's socket is refused exactly as a missing run's. Then the socket only says "moved to
version n", the page fetches its own view, and the socket closes when the session ends.
"""

import logging

from fastapi import APIRouter, WebSocket
from starlette.concurrency import run_in_threadpool
from starlette.status import WS_1008_POLICY_VIOLATION

from attunement.domain.exercises.u_turn import UTurn
from attunement.domain.ids import RunId
from attunement.domain.imago_runs import RunId as ImagoRunId
from attunement.services import ifio, imago, u_turn, unburdening, workup
from attunement.services.runs import RunRef, read_run
from attunement.web.deps import components_of
from attunement.web.run_live import run_topic, sharing_topic
from attunement.web.watch import VersionOf, serve, watcher_of

log = logging.getLogger(__name__)
router = APIRouter()


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


@router.websocket("/imago/runs/{run_id}/live")
async def imago_live(websocket: WebSocket, run_id: str, since: int = -1) -> None:
    """An Imago run's screen: Parent-Child, Behavior Change Request, Appreciation."""
    await serve(websocket, run_topic("imago", run_id), _imago(run_id), since)


@router.websocket("/cycle-maps/{run_id}/live")
async def cycle_map_live(websocket: WebSocket, run_id: str, since: int = -1) -> None:
    """A protective-cycle map both partners fill in."""
    await serve(websocket, run_topic(ifio.CYCLE, run_id), _cycle_map(run_id), since)


@router.websocket("/u-turns/{run_id}/live")
async def u_turn_live(websocket: WebSocket, run_id: str, since: int = -1) -> None:
    """A U-turn the partner hears and mirrors."""
    await serve(websocket, run_topic(u_turn.KIND, run_id), _u_turn(run_id), since)


@router.websocket("/unburdening/{run_id}/live")
async def unburdening_live(websocket: WebSocket, run_id: str, since: int = -1) -> None:
    """An unburdening run, for its client, its therapist, and the witness the client invited."""
    await serve(websocket, run_topic(unburdening.KIND, run_id), _unburdening(run_id), since)


@router.websocket("/imago/workup/live")
async def workup_live(websocket: WebSocket, since: int = -1) -> None:
    """The overlap view of a couple's workups: moves when either partner's consent changes."""
    found = await watcher_of(websocket)
    wiring = components_of(websocket)
    sharing = (
        None
        if found is None
        else await run_in_threadpool(workup.sharing_of, wiring.new_uow(), viewer=found.person)
    )
    if sharing is None or sharing.couple is None:
        log.info("live workup socket refused")
        await websocket.close(code=WS_1008_POLICY_VIOLATION)
        return
    topic = sharing_topic(sharing.couple)
    await serve(websocket, topic, lambda uow, v: workup.sharing_of(uow, viewer=v).version, since)
