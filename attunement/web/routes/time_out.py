"""The couple's time-out on a page: call it, wait apart, each says ready or needs more (§2.12).

The break belongs to its two partners; for anyone else it is the same 404 as a page that never
existed. Each person sees only their own answer at the ready check.
"""

from typing import Annotated, Final

from fastapi import APIRouter, Form
from pydantic import BaseModel
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from attunement.domain.exercises.time_out import Move, Step
from attunement.domain.ids import PersonId, RunId
from attunement.services import time_out_runs
from attunement.services.runs import RunRef
from attunement.web.deps import Uow, Viewer, Wiring
from attunement.web.pages import keep_form, render

router = APIRouter()
KIND = time_out_runs.KIND

BUTTONS: Final = {
    Move.ACKNOWLEDGE: "I know; see you later",
    Move.READY: "I'm ready to come back",
    Move.NEED_MORE: "I need a bit more time",
    Move.RECONNECT: "Let's pick up where we left off",
    Move.RESCHEDULE: "Let's find another time",
}
SAYS: Final = {
    Step.CALLED: "A break was called. Go somewhere apart; breathe, walk, let your body settle.",
    Step.APART: "You're apart for now. Try not to rehearse the argument.",
    Step.READY_CHECK: "It's time. Are you ready to come back, or do you need a bit more?",
    Step.RETURN: "You're both ready. Whoever called the break starts again, gently.",
    Step.RESUMED: "You're back together. Go on where you left off.",
    Step.RESCHEDULED: "You'll talk another time. Agree when, once you're both calm.",
}

#: Where each family's waiting exercise lives, for the way back after the break.
WAY_BACK: Final = {
    "dialogue": "/dialogues",
    "imago": "/imago/runs",
    "cycle_map": "/cycle-maps",
    "u_turn": "/u-turns",
}


@router.post("/time-outs")
def call(minutes: Annotated[int, Form()], viewer: Viewer, uow: Uow, wiring: Wiring) -> Response:
    """Call a break now; nobody can refuse it."""
    run = time_out_runs.call_time_out(uow, by=viewer.id, minutes=minutes, clock=wiring.clock)
    return RedirectResponse(f"/time-outs/{run}", status_code=303)


def _page(wiring: Wiring, run: RunId, viewer: PersonId) -> tuple[str, dict[str, object]]:
    view = time_out_runs.time_out_view(
        wiring.new_uow(), RunRef(run, KIND, viewer), clock=wiring.clock
    )
    moves = [(move.value, BUTTONS[move]) for move in view.moves]
    waiting = time_out_runs.waiting_exercises(wiring.new_uow(), viewer=viewer)
    back = [(f"{WAY_BACK[family]}/{exercise}", family) for family, exercise in waiting]
    return "time_out/page.html", {
        "view": view,
        "says": SAYS[view.state.step],
        "moves": moves,
        "way_back": back,
    }


@router.get("/time-outs/{run_id}")
def show(request: Request, run_id: str, viewer: Viewer, wiring: Wiring) -> Response:
    """Where the break stands at this moment."""
    template, context = _page(wiring, RunId(run_id), viewer.id)
    return render(request, template, context)


class TimeOutForm(BaseModel):
    move: Move
    version: int


@router.post("/time-outs/{run_id}/moves")
def move(
    request: Request,
    run_id: str,
    form: Annotated[TimeOutForm, Form()],
    viewer: Viewer,
    wiring: Wiring,
) -> Response:
    """Say ready, need more, reconnect or reschedule."""
    run = RunId(run_id)
    keep_form(request, lambda: _page(wiring, run, viewer.id))
    ref = RunRef(run, KIND, viewer.id, form.version)
    time_out_runs.move_on_time_out(wiring.new_uow(), ref, form.move, clock=wiring.clock)
    return RedirectResponse(f"/time-outs/{run}", status_code=303)
