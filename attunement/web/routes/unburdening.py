"""Unburdening, led by the couple's invited therapist, one step per screen (domain.md §2.7).

The client opens a run from their own part's card; without a therapist the start is refused
with words they can act on. The run answers 404 to anyone but its client and the therapist
the couple has now, byte-identical to a page that never existed. The client may invite their
partner as a quiet witness of the steps they choose; the witness has a read-only screen of its
own. Every screen follows the run live: the hub carries only the version, and each screen
fetches its own view.
"""

from typing import Annotated, Final

from fastapi import APIRouter, Form
from pydantic import BaseModel, Field
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from attunement.domain.exercises.unburdening import (
    FINISHED,
    SHAREABLE,
    TRANSITIONS,
    Move,
    Step,
    Unburdening,
)
from attunement.domain.guided import Words
from attunement.domain.ids import PartId, PersonId, RunId
from attunement.services import unburdening
from attunement.web.deps import Uow, Viewer, Wiring
from attunement.web.guided_flow import FlowWords, Page, StepForm, make_step, move_forms
from attunement.web.pages import render
from attunement.web.run_live import run_topic
from attunement.web.unburdening_words import BUTTONS, FIELDS, PROMPTS, QUIET, STEP_NAMES

router = APIRouter()
FLOW: Final = FlowWords(BUTTONS, FIELDS, QUIET)
ORDER: Final = [step for step in Step if step in SHAREABLE]


@router.post("/parts/{part_id}/unburdening")
def start(part_id: str, viewer: Viewer, uow: Uow, wiring: Wiring) -> Response:
    """Open a run for one of the viewer's own parts, with their therapist attached."""
    run = unburdening.start_unburdening(uow, part=PartId(part_id), by=viewer.id, clock=wiring.clock)
    return RedirectResponse(f"/unburdening/{run}", status_code=303)


@router.get("/unburdening")
def index(request: Request, viewer: Viewer, uow: Uow) -> Response:
    """The viewer's runs, as client, as therapist, or as the invited witness."""
    runs = unburdening.runs_for(uow, viewer=viewer.id)
    return render(request, "unburdening/index.html", {"runs": runs, "me": viewer.id})


def _page(wiring: Wiring, run: RunId, viewer: PersonId, draft: str = "") -> Page:
    state = unburdening.unburdening_of(wiring.new_uow(), run, viewer=viewer)
    return "unburdening/page.html", {
        "run": run,
        "state": state,
        "prompt": PROMPTS[state.step],
        **move_forms(FLOW, state.legal_moves(viewer), lambda move: _words(state, move)),
        "therapist_view": viewer == state.therapist,
        "finished": state.step in FINISHED,
        "draft": draft,
        "shareable": [(step.value, STEP_NAMES[step], step in state.shared) for step in ORDER],
    }


def _words(state: Unburdening, move: Move) -> Words:
    transition = TRANSITIONS.get((state.step, move))
    return Words.NONE if transition is None else transition.words


@router.get("/unburdening/{run_id}")
def show(request: Request, run_id: str, viewer: Viewer, wiring: Wiring) -> Response:
    """Where the run is, and the moves that are the viewer's to make."""
    template, context = _page(wiring, RunId(run_id), viewer.id)
    return render(request, template, context)


@router.get("/unburdening/{run_id}/panel")
def panel(request: Request, run_id: str, viewer: Viewer, wiring: Wiring) -> Response:
    """Only the live part of the run, fetched when the hub says it moved."""
    _, context = _page(wiring, RunId(run_id), viewer.id)
    return render(request, "unburdening/_live.html", context)


class UnburdeningForm(StepForm):
    move: Move


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

    def make() -> None:
        request_ = unburdening.UnburdeningMove(
            run, viewer.id, form.move, form.text or None, form.version
        )
        moved = unburdening.make_unburdening_move(wiring.new_uow(), request_, clock=wiring.clock)
        wiring.hub.publish(run_topic(unburdening.KIND, run), moved.version)

    return make_step(
        request,
        again=lambda: _page(wiring, run, viewer.id, form.text),
        make=make,
        to=f"/unburdening/{run}",
    )


class WitnessForm(BaseModel):
    version: int
    shared: list[Step] = Field(default_factory=list, max_length=len(Step))


@router.post("/unburdening/{run_id}/witness")
def invite(
    request: Request,
    run_id: str,
    form: Annotated[WitnessForm, Form()],
    viewer: Viewer,
    wiring: Wiring,
) -> Response:
    """The client chooses the steps their partner may witness (none: the partner stays out)."""
    run = RunId(run_id)

    def make() -> None:
        choice = unburdening.WitnessInvite(run, viewer.id, frozenset(form.shared), form.version)
        invited = unburdening.invite_witness(wiring.new_uow(), choice, clock=wiring.clock)
        wiring.hub.publish(run_topic(unburdening.KIND, run), invited.version)

    return make_step(
        request, again=lambda: _page(wiring, run, viewer.id), make=make, to=f"/unburdening/{run}"
    )


def _witness_page(wiring: Wiring, run: RunId, viewer: PersonId) -> Page:
    state = unburdening.witness_view(wiring.new_uow(), run, viewer=viewer)
    return "unburdening/witness.html", {
        "run": run,
        "state": state,
        "step_name": STEP_NAMES.get(state.step, "") if state.witness_sees_step() else "",
        "reached": [STEP_NAMES[step] for step in state.reached if step in STEP_NAMES],
        "finished": state.step in FINISHED,
    }


@router.get("/unburdening/{run_id}/witness")
def witness(request: Request, run_id: str, viewer: Viewer, wiring: Wiring) -> Response:
    """The invited partner's read-only screen: the steps the client chose to share."""
    template, context = _witness_page(wiring, RunId(run_id), viewer.id)
    return render(request, template, context)


@router.get("/unburdening/{run_id}/witness/panel")
def witness_panel(request: Request, run_id: str, viewer: Viewer, wiring: Wiring) -> Response:
    """Only the live part of the witness's screen."""
    _, context = _witness_page(wiring, RunId(run_id), viewer.id)
    return render(request, "unburdening/_witness_live.html", context)
