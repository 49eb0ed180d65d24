"""The U-turn and speaking for a part (issue 4; domain.md §2.9, §6.7).

The feedback engine's reading (blended, or speaking for a part) is shown to the person who
wrote the words, never to the partner; the partner sees only what was said to them.
"""

from typing import Annotated

from fastapi import APIRouter, Form
from pydantic import BaseModel, Field
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from attunement.domain.exercises.u_turn import FINISHED, Move, Step
from attunement.domain.guided import Words
from attunement.domain.ids import PersonId, RunId
from attunement.services import parts, u_turn
from attunement.services.runs import RunRef
from attunement.web.breaks import break_links
from attunement.web.deps import Uow, Viewer, Wiring
from attunement.web.ifio_words import (
    U_TURN_BUTTONS,
    U_TURN_PARTNER_WAITS,
    U_TURN_PROMPTS,
    U_TURN_STARTED_BLENDED,
)
from attunement.web.pages import keep_form, render
from attunement.web.run_live import run_topic

router = APIRouter()
QUIET = frozenset({Move.PAUSE, Move.ABANDON, Move.SKIP_MIRROR})


@router.post("/u-turns")
def start(
    with_partner: Annotated[str, Form(max_length=10)], viewer: Viewer, uow: Uow, wiring: Wiring
) -> Response:
    """Start a U-turn, alone or with the partner there to receive it."""
    partner = (
        parts.partner_of(wiring.new_uow(), person=viewer.id) if with_partner == "yes" else None
    )
    run = u_turn.start_u_turn(uow, by=viewer.id, partner=partner, clock=wiring.clock)
    return RedirectResponse(f"/u-turns/{run}", status_code=303)


def _page(
    wiring: Wiring, run: RunId, viewer: PersonId, draft: str = ""
) -> tuple[str, dict[str, object]]:
    view = u_turn.u_turn_view(
        wiring.new_uow(), RunRef(run, u_turn.KIND, viewer), analyzer=wiring.analyzer
    )
    state = view.state
    forms = []
    for move in state.legal_moves(viewer):
        words = state.needs_words(move)
        forms.append(
            {
                "move": move.value,
                "button": U_TURN_BUTTONS[move],
                "field": "Your words" if words is not Words.NONE else "",
                "required": words is Words.REQUIRED,
                "quiet": move in QUIET,
            }
        )
    return "ifio/u_turn.html", {
        "run": run,
        "view": view,
        "state": state,
        "mine": viewer == state.person,
        "prompt": U_TURN_PROMPTS[state.step],
        "started_blended_words": U_TURN_STARTED_BLENDED,
        "partner_waits_words": U_TURN_PARTNER_WAITS,
        "forms": forms,
        "finished": state.step in FINISHED,
        "draft": draft,
        **break_links(wiring, viewer, waiting=state.step is Step.TIMEOUT),
    }


@router.get("/u-turns/{run_id}")
def show(request: Request, run_id: str, viewer: Viewer, wiring: Wiring) -> Response:
    """The current step of the U-turn."""
    template, context = _page(wiring, RunId(run_id), viewer.id)
    return render(request, template, context)


@router.get("/u-turns/{run_id}/panel")
def panel(request: Request, run_id: str, viewer: Viewer, wiring: Wiring) -> Response:
    """Only the live part of the U-turn, fetched when the other partner moved (issue 4)."""
    _, context = _page(wiring, RunId(run_id), viewer.id)
    return render(request, "ifio/_u_turn_live.html", context)


class UTurnForm(BaseModel):
    move: Move
    version: int
    text: str = Field(default="", max_length=20_000)


@router.post("/u-turns/{run_id}/moves")
def move(
    request: Request,
    run_id: str,
    form: Annotated[UTurnForm, Form()],
    viewer: Viewer,
    wiring: Wiring,
) -> Response:
    """Make one move; refusals show the step again with the words kept."""
    run = RunId(run_id)
    keep_form(request, lambda: _page(wiring, run, viewer.id, form.text))
    ref = RunRef(run, u_turn.KIND, viewer.id, form.version)
    paused = u_turn.pause_u_turn_for_break(
        wiring.new_uow(),
        ref,
        form.move,
        form.text or None,
        analyzer=wiring.analyzer,
        clock=wiring.clock,
    )
    if paused is not None:  # the button or the code word: both go to the couple's break
        wiring.hub.publish(run_topic(u_turn.KIND, run), paused[1])
        return RedirectResponse(f"/time-outs/{paused[0]}", status_code=303)
    moved = u_turn.move_on_u_turn(
        wiring.new_uow(), ref, form.move, form.text or None, clock=wiring.clock
    )
    wiring.hub.publish(run_topic(u_turn.KIND, run), moved.version)
    return RedirectResponse(f"/u-turns/{run}", status_code=303)
