"""Unburdening, led by the couple's invited therapist, one step per screen (domain.md §2.7).

The client opens a run from their own part's card; without a therapist the start is refused
with words they can act on. The run answers 404 to anyone but its client and the therapist
the couple has now, byte-identical to a page that never existed.
"""

from typing import Annotated

from fastapi import APIRouter, Form
from pydantic import BaseModel, Field
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from attunement.domain.exercises.unburdening import FINISHED, TRANSITIONS, Move, Unburdening
from attunement.domain.guided import Words
from attunement.domain.ids import PartId, PersonId, RunId
from attunement.services import unburdening
from attunement.web.deps import Uow, Viewer, Wiring
from attunement.web.pages import keep_form, render
from attunement.web.unburdening_words import BUTTONS, FIELDS, PROMPTS, QUIET

router = APIRouter()


@router.post("/parts/{part_id}/unburdening")
def start(part_id: str, viewer: Viewer, uow: Uow, wiring: Wiring) -> Response:
    """Open a run for one of the viewer's own parts, with their therapist attached."""
    run = unburdening.start_unburdening(uow, part=PartId(part_id), by=viewer.id, clock=wiring.clock)
    return RedirectResponse(f"/unburdening/{run}", status_code=303)


@router.get("/unburdening")
def index(request: Request, viewer: Viewer, uow: Uow) -> Response:
    """The viewer's runs, as client or as therapist."""
    runs = unburdening.runs_for(uow, viewer=viewer.id)
    return render(request, "unburdening/index.html", {"runs": runs})


def _page(
    wiring: Wiring, run: RunId, viewer: PersonId, draft: str = ""
) -> tuple[str, dict[str, object]]:
    state = unburdening.unburdening_of(wiring.new_uow(), run, viewer=viewer)
    moves = state.legal_moves(viewer)
    return "unburdening/page.html", {
        "run": run,
        "state": state,
        "prompt": PROMPTS[state.step],
        "main_moves": [_form(state, m) for m in moves if m not in QUIET],
        "quiet_moves": [_form(state, m) for m in moves if m in QUIET],
        "therapist_view": viewer == state.therapist,
        "finished": state.step in FINISHED,
        "draft": draft,
    }


def _form(state: Unburdening, move: Move) -> dict[str, object]:
    transition = TRANSITIONS.get((state.step, move))
    words = Words.NONE if transition is None else transition.words
    return {
        "move": move.value,
        "button": BUTTONS[move],
        "field": FIELDS.get(move, "") if words is not Words.NONE else "",
        "required": words is Words.REQUIRED,
    }


@router.get("/unburdening/{run_id}")
def show(request: Request, run_id: str, viewer: Viewer, wiring: Wiring) -> Response:
    """Where the run is, and the moves that are the viewer's to make."""
    template, context = _page(wiring, RunId(run_id), viewer.id)
    return render(request, template, context)


class UnburdeningForm(BaseModel):
    move: Move
    version: int
    text: str = Field(default="", max_length=20_000)


@router.post("/unburdening/{run_id}/moves")
def move(
    request: Request,
    run_id: str,
    form: Annotated[UnburdeningForm, Form()],
    viewer: Viewer,
    wiring: Wiring,
) -> Response:
    """Make one move; a refused move shows the current step again with the words kept."""
    run = RunId(run_id)
    keep_form(request, lambda: _page(wiring, run, viewer.id, form.text))
    unburdening.make_unburdening_move(
        wiring.new_uow(),
        unburdening.UnburdeningMove(run, viewer.id, form.move, form.text or None, form.version),
        clock=wiring.clock,
    )
    return RedirectResponse(f"/unburdening/{run}", status_code=303)
