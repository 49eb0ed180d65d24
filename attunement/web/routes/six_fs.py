"""The 6 Fs guided flow, one step per screen (issue 4; domain.md §2.6).

Each screen carries the version it was made from, so an old tab is refused and shown the
current step with the person's words kept. The run belongs to its explorer alone: for anyone
else it answers the same 404 as a page that never existed.
"""

from typing import Annotated

from fastapi import APIRouter, Form
from pydantic import BaseModel, Field
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from attunement.domain.exercises.six_fs import FINISHED, Move, SixFs
from attunement.domain.feel_toward import FeelToward
from attunement.domain.guided import Words
from attunement.domain.ids import PartId, PersonId, RunId
from attunement.services import six_fs
from attunement.web.deps import Uow, Viewer, Wiring
from attunement.web.pages import keep_form, render
from attunement.web.six_fs_words import BUTTONS, FIELDS, PROMPTS, QUIET

router = APIRouter()


@router.post("/parts/{part_id}/six-fs")
def start(part_id: str, viewer: Viewer, uow: Uow, wiring: Wiring) -> Response:
    """Begin the 6 Fs with one of the viewer's own parts."""
    run = six_fs.start_six_fs(uow, part=PartId(part_id), by=viewer.id, clock=wiring.clock)
    return RedirectResponse(f"/six-fs/{run}", status_code=303)


def _page(
    wiring: Wiring, run: RunId, viewer: PersonId, draft: str = ""
) -> tuple[str, dict[str, object]]:
    state = six_fs.six_fs_of(wiring.new_uow(), run, viewer=viewer)
    moves = state.legal_moves(viewer)
    reading: FeelToward | None = state.feel_toward[-1][1] if state.feel_toward else None
    return "six_fs/page.html", {
        "run": run,
        "state": state,
        "prompt": PROMPTS[state.step].format(name=state.target.name),
        "main_moves": [_form(state, m) for m in moves if m not in QUIET],
        "quiet_moves": [_form(state, m) for m in moves if m in QUIET],
        "reading": reading,
        "finished": state.step in FINISHED,
        "draft": draft,
    }


def _form(state: SixFs, move: Move) -> dict[str, object]:
    words = state.needs_words(move)
    return {
        "move": move.value,
        "button": BUTTONS[move],
        "field": FIELDS.get(move, "") if words is not Words.NONE else "",
        "required": words is Words.REQUIRED,
    }


@router.get("/six-fs/{run_id}")
def show(request: Request, run_id: str, viewer: Viewer, wiring: Wiring) -> Response:
    """The current step: one question, the answers it allows."""
    template, context = _page(wiring, RunId(run_id), viewer.id)
    return render(request, template, context)


class SixFsForm(BaseModel):
    move: Move
    version: int
    text: str = Field(default="", max_length=20_000)


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
    keep_form(request, lambda: _page(wiring, run, viewer.id, form.text))
    six_fs.make_six_fs_move(
        wiring.new_uow(),
        six_fs.SixFsMove(run, viewer.id, form.move, form.text or None, form.version),
        clock=wiring.clock,
    )
    return RedirectResponse(f"/six-fs/{run}", status_code=303)
