"""Live sockets for the two-person runs: Imago runs, the cycle map, U-turns (issue 4).

Each socket lives exactly like the dialogue's (web/watch.py): this site's own origin, a valid
session, and a run the person may see — through the same service read that serves the page, so
an outsider's socket is refused exactly as a missing run's. Then the socket only says "moved to
version n", the page fetches its own view, and the socket closes when the session ends.
"""

from fastapi import APIRouter, WebSocket

from attunement.domain.exercises.u_turn import UTurn
from attunement.domain.ids import RunId
from attunement.domain.imago_runs import RunId as ImagoRunId
from attunement.services import ifio, imago, u_turn
from attunement.services.runs import RunRef, read_run
from attunement.web.run_live import run_topic
from attunement.web.watch import VersionOf, serve

router = APIRouter()


def _imago(run: str) -> VersionOf:
    return lambda uow, viewer: imago.run_view(uow, ImagoRunId(run), viewer=viewer).state.version


def _cycle_map(run: str) -> VersionOf:
    return lambda uow, viewer: (
        ifio.cycle_map_of(uow, RunRef(RunId(run), ifio.CYCLE, viewer)).version
    )


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
