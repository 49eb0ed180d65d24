"""The 6 Fs guided flow, one step per screen (issue 4; domain.md §2.6).

Each screen carries the version it was made from, so an old tab is refused and shown the
current step with the person's words kept. The run belongs to its explorer alone: for anyone
else it answers the same 404 as a page that never existed.
"""

from typing import Annotated, Final

from fastapi import APIRouter, Form
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from attunement.domain.exercises.six_fs import FINISHED, Move
from attunement.domain.feel_toward import FeelToward
from attunement.domain.ids import PartId, PersonId, RunId
from attunement.services import six_fs
from attunement.web.deps import Uow, Viewer, Wiring
from attunement.web.guided_flow import FlowWords, Page, StepForm, make_step, move_forms
from attunement.web.pages import render
from attunement.web.six_fs_words import BUTTONS, FIELDS, PROMPTS, QUIET

router = APIRouter()


@router.post("/parts/{part_id}/six-fs")
def start(part_id: str, viewer: Viewer, uow: Uow, wiring: Wiring) -> Response:
    """Begin the 6 Fs with one of the viewer's own parts."""
    run = six_fs.start_six_fs(uow, part=PartId(part_id), by=viewer.id, clock=wiring.clock)
    return RedirectResponse(f"/six-fs/{run}", status_code=303)


FLOW: Final = FlowWords(BUTTONS, FIELDS, QUIET)


def _page(wiring: Wiring, run: RunId, viewer: PersonId, draft: str = "") -> Page:
    state = six_fs.six_fs_of(wiring.new_uow(), run, viewer=viewer)
    reading: FeelToward | None = state.feel_toward[-1][1] if state.feel_toward else None
    return "six_fs/page.html", {
        "run": run,
        "state": state,
        "prompt": PROMPTS[state.step].format(name=state.target.name),
        **move_forms(FLOW, state.legal_moves(viewer), state.needs_words),
        "reading": reading,
        "finished": state.step in FINISHED,
        "draft": draft,
    }


@router.get("/six-fs/{run_id}")
def show(request: Request, run_id: str, viewer: Viewer, wiring: Wiring) -> Response:
    """The current step: one question, the answers it allows."""
    template, context = _page(wiring, RunId(run_id), viewer.id)
    return render(request, template, context)


class SixFsForm(StepForm):
    move: Move


@router.post("/six-fs/{run_id}/moves")
def move(
    request: Request,
    run_id: str,
    form: Annotated[SixFsForm, Form()],
    viewer: Viewer,
    wiring: Wiring,
) -> Response:
    """Make one move; refused moves show the current step again with the words kept."""
    run = RunId(run_id)
    return make_step(
        request,
        again=lambda: _page(wiring, run, viewer.id, form.text),
        make=lambda: six_fs.make_six_fs_move(
            wiring.new_uow(),
            six_fs.SixFsMove(run, viewer.id, form.move, form.text or None, form.version),
            clock=wiring.clock,
        ),
        to=f"/six-fs/{run}",
    )
