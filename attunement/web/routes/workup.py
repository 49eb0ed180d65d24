"""The Imago Workup page: one's own workup only, private by default (domain.md §2.4).

There is no workup id in any address: each person reaches only their own, so there is nothing of
the partner's to ask for. Overlaps appear only once both partners have said yes, on both
screens without a reload: the hub carries the couple's sharing version, each screen refetches.
"""

from typing import Annotated

from fastapi import APIRouter, Form
from pydantic import BaseModel, Field
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from attunement.domain.exercises.workup import LISTS, Move
from attunement.domain.ids import PersonId
from attunement.services import workup
from attunement.web.deps import FreshViewer, Viewer, Wiring
from attunement.web.pages import keep_form, render
from attunement.web.run_live import sharing_topic
from attunement.web.workup_words import BUTTONS, LIST_TITLES, STEP_WORDS

router = APIRouter()


def _page(wiring: Wiring, viewer: PersonId, draft: str = "") -> tuple[str, dict[str, object]]:
    view = workup.workup_of(wiring.new_uow(), owner=viewer)
    step = view.workup.step
    context: dict[str, object] = {
        "view": view,
        "step": step.value,
        "guide": STEP_WORDS[step],
        "buttons": BUTTONS,
        "listed": view.workup.listed(LISTS[step]) if step in LISTS else [],
        "moves": [move.value for move in view.workup.legal_moves(viewer)],
        "summary": [(title, view.workup.listed(kind)) for kind, title in LIST_TITLES.items()],
        "draft": draft,
    }
    return "imago/workup.html", context


@router.get("/imago/workup")
def show(request: Request, viewer: Viewer, wiring: Wiring) -> Response:
    """The viewer's own workup."""
    template, context = _page(wiring, viewer.id)
    return render(request, template, context)


class WorkupForm(BaseModel):
    move: Move
    version: int
    text: str = Field(default="", max_length=3000)
    index: int | None = None


@router.post("/imago/workup/moves")
def move(
    request: Request, form: Annotated[WorkupForm, Form()], viewer: Viewer, wiring: Wiring
) -> Response:
    """Make one move on the viewer's own workup."""
    keep_form(request, lambda: _page(wiring, viewer.id, form.text))
    workup.workup_move(
        wiring.new_uow(),
        workup.WorkupMove(viewer.id, form.move, form.text or None, form.index, form.version),
        clock=wiring.clock,
    )
    return RedirectResponse("/imago/workup", status_code=303)


class ConsentForm(BaseModel):
    consent: bool


@router.post("/imago/workup/consent")
def consent(
    request: Request, form: Annotated[ConsentForm, Form()], viewer: FreshViewer, wiring: Wiring
) -> Response:
    """Say yes, or no again, to seeing overlaps; it changes sharing, so it needs re-login."""
    keep_form(request, lambda: _page(wiring, viewer.id))
    view = workup.set_overlap_consent(
        wiring.new_uow(), owner=viewer.id, consent=form.consent, clock=wiring.clock
    )
    if view.sharing.couple is not None:  # the partner's overlap view follows without a reload
        wiring.hub.publish(sharing_topic(view.sharing.couple), view.sharing.version)
    return RedirectResponse("/imago/workup#overlaps", status_code=303)


@router.get("/imago/workup/overlaps")
def overlaps(request: Request, viewer: Viewer, wiring: Wiring) -> Response:
    """Only the overlap section, fetched when the couple's sharing moved."""
    _, context = _page(wiring, viewer.id)
    return render(request, "imago/_overlaps.html", context)
