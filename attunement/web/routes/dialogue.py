"""The Couple's Dialogue screen: start one, show it, make a move (issue 2, items 4-5).

Handlers only translate: the services decide every rule and refuse with the domain family, which
``web/errors.py`` answers. A move's form carries the version it was made from (a stale tab is
refused and shown the latest state with its words kept) and a random ``move_key`` (a double
submit is made once). After each committed move the hub tells both screens to fetch their own
view again. Words that say the couple's code word lead to the time-out page instead.
"""

from typing import Annotated

from fastapi import APIRouter, Form
from pydantic import BaseModel, Field
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from attunement.domain.exercises.couples_dialogue import Move, Step
from attunement.domain.ids import DialogueId, PersonId
from attunement.domain.sessions import DialogueMode
from attunement.services import dialogue as dialogues
from attunement.web.breaks import break_links
from attunement.web.deps import CheckedInViewer, Uow, Viewer, VisibleDialogue, Wiring
from attunement.web.errors import wants_json
from attunement.web.pages import keep_form, render
from attunement.web.screen import build_screen

router = APIRouter()


@router.post("/dialogues")
def start(
    mode: Annotated[DialogueMode, Form()], viewer: CheckedInViewer, uow: Uow, wiring: Wiring
) -> Response:
    """Start a dialogue with the viewer as the first sender, after their private check-in."""
    dialogue_id = dialogues.start_dialogue(uow, by=viewer.id, mode=mode, clock=wiring.clock)
    return RedirectResponse(f"/dialogues/{dialogue_id}", status_code=303)


def _screen(wiring: Wiring, view: dialogues.DialogueView, viewer: PersonId) -> dict[str, object]:
    waiting = view.state.step is Step.TIMEOUT
    return {
        "screen": build_screen(view, viewer),
        **break_links(wiring, viewer, waiting=waiting),
    }


@router.get("/dialogues/{dialogue_id}")
def show(request: Request, view: VisibleDialogue, viewer: Viewer, wiring: Wiring) -> Response:
    """The dialogue as the viewer sees it."""
    return render(request, "dialogue/page.html", _screen(wiring, view, viewer.id))


@router.get("/dialogues/{dialogue_id}/panel")
def panel(request: Request, view: VisibleDialogue, viewer: Viewer, wiring: Wiring) -> Response:
    """Only the live part of the screen, fetched by the page when the hub says it moved."""
    return render(request, "dialogue/_live.html", _screen(wiring, view, viewer.id))


class MoveForm(BaseModel):
    """One move as a dialogue form sends it."""

    move: Move
    version: int
    move_key: str = Field(max_length=100)
    acting_as: str = Field(max_length=100)
    text: str = ""


@router.post("/dialogues/{dialogue_id}/moves")
def move(
    request: Request,
    dialogue_id: str,
    form: Annotated[MoveForm, Form()],
    viewer: Viewer,
    wiring: Wiring,
) -> Response:
    """Make one move; the partner's screen updates through the hub."""
    dialogue = DialogueId(dialogue_id)
    keep_form(request, lambda: _page_again(wiring, dialogue, viewer.id, form.text))
    done = dialogues.record_move(
        wiring.new_uow(),
        dialogues.MoveRequest(
            dialogue=dialogue,
            viewer=viewer.id,
            acting_as=PersonId(form.acting_as),
            move=form.move,
            text=form.text or None,
            expected_version=form.version,
            move_key=form.move_key,
        ),
        analyzer=wiring.analyzer,
        clock=wiring.clock,
    )
    if not done.replayed:
        wiring.hub.publish(dialogue, done.version)
    to_break = None if done.time_out is None else f"/time-outs/{done.time_out}"
    if wants_json(request):
        return JSONResponse({"dialogue": dialogue, "version": done.version, "time_out": to_break})
    return RedirectResponse(to_break or f"/dialogues/{dialogue}", status_code=303)


def _page_again(
    wiring: Wiring, dialogue: DialogueId, viewer: PersonId, draft: str
) -> tuple[str, dict[str, object]]:
    """The latest screen with the person's words kept, after a refused move."""
    view = dialogues.round_view(wiring.new_uow(), dialogue, viewer=viewer)
    return "dialogue/page.html", {**_screen(wiring, view, viewer), "draft": draft}
