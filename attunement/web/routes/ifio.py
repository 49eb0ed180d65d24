"""IFIO for the couple: the stage page and the cycle map (issue 4; domain.md §2.8, §2.10).

Both belong to the couple; anyone else gets the same 404 as a page that never existed. The
cycle map is drawn by the app as a picture, and each partner writes only their own steps.
"""

from typing import Annotated

from fastapi import APIRouter, Form
from markupsafe import Markup
from pydantic import BaseModel, Field
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from attunement.domain.exercises.cycle_map import NEEDS_AT, TRANSITIONS, CycleMap, Move
from attunement.domain.exercises.cycle_map import Step as CycleStep
from attunement.domain.guided import Words
from attunement.domain.ids import PersonId, RunId
from attunement.domain.stages import SIGNS, Sign
from attunement.services import couples, ifio, u_turn
from attunement.services.ifio import CycleMove
from attunement.services.runs import RunRef
from attunement.web.breaks import break_links
from attunement.web.deps import Uow, Viewer, Wiring
from attunement.web.ifio_words import CYCLE_BUTTONS, CYCLE_PROMPTS, STAGES
from attunement.web.ifio_words import SIGNS as SIGN_WORDS
from attunement.web.pages import keep_form, render
from attunement.web.pictures.cycle_map import cycle_map_svg
from attunement.web.run_live import run_topic

router = APIRouter()


def _names(wiring: Wiring, viewer: PersonId) -> dict[PersonId, str]:
    view = couples.couple_view(wiring.new_uow(), viewer=viewer)
    if view is None:
        return {}
    names = {view.me.id: view.me.display_name}
    if view.partner is not None:
        names[view.partner.id] = view.partner.display_name
    return names


@router.get("/ifio")
def programme(request: Request, viewer: Viewer, wiring: Wiring) -> Response:
    """Where the couple is in the five stages, and what shows readiness for the next."""
    run, state = ifio.programme_of(wiring.new_uow(), viewer=viewer.id, clock=wiring.clock)
    names = _names(wiring, viewer.id)
    signs = [
        {
            "sign": sign.value,
            "words": SIGN_WORDS[sign],
            "met": [names.get(p, "") for p in state.partners if (sign, p) in state.met],
            "mine_met": (sign, viewer.id) in state.met,
        }
        for sign in SIGNS[state.stage]
    ]
    context = {
        "run": run,
        "state": state,
        "stages": STAGES,
        "signs": signs,
        "can_confirm": viewer.id in state.deciders() and state.ready(),
        "maps": ifio.cycle_maps_of(wiring.new_uow(), viewer=viewer.id),
        "u_turns": u_turn.u_turns_of(wiring.new_uow(), viewer=viewer.id),
    }
    return render(request, "ifio/programme.html", context)


@router.post("/ifio/{run_id}/signs")
def record_sign(
    run_id: str,
    sign: Annotated[Sign, Form()],
    version: Annotated[int, Form()],
    viewer: Viewer,
    wiring: Wiring,
) -> Response:
    """Tick one of the viewer's own readiness signs."""
    ref = RunRef(RunId(run_id), ifio.PROGRAMME, viewer.id, version)
    ifio.record_sign(wiring.new_uow(), ref, sign, clock=wiring.clock)
    return RedirectResponse("/ifio", status_code=303)


@router.post("/ifio/{run_id}/advance")
def advance(
    run_id: str, version: Annotated[int, Form()], viewer: Viewer, wiring: Wiring
) -> Response:
    """Agree to move on to the next stage."""
    ref = RunRef(RunId(run_id), ifio.PROGRAMME, viewer.id, version)
    ifio.confirm_advance(wiring.new_uow(), ref, clock=wiring.clock)
    return RedirectResponse("/ifio", status_code=303)


@router.post("/cycle-maps")
def start_cycle_map(viewer: Viewer, uow: Uow, wiring: Wiring) -> Response:
    """Open a new map of the couple's cycle."""
    run = ifio.start_cycle_map(uow, by=viewer.id, clock=wiring.clock)
    return RedirectResponse(f"/cycle-maps/{run}", status_code=303)


def _cycle_page(
    wiring: Wiring, run: RunId, viewer: PersonId, draft: str = ""
) -> tuple[str, dict[str, object]]:
    cycle = ifio.cycle_map_of(wiring.new_uow(), RunRef(run, ifio.CYCLE, viewer))
    names = _names(wiring, viewer)
    who = names.get(cycle.owner_of_current(), "")
    forms = [_cycle_form(cycle, move, viewer) for move in cycle.legal_moves(viewer)]
    picture = Markup(cycle_map_svg(cycle, names))  # noqa: S704 - the picture escapes every label
    return "ifio/cycle_map.html", {
        "run": run,
        "cycle": cycle,
        "picture": picture,
        "prompt": CYCLE_PROMPTS[cycle.step].format(who=who),
        "forms": forms,
        "draft": draft,
        **break_links(wiring, viewer, waiting=cycle.step is CycleStep.PAUSED),
    }


def _cycle_form(cycle: CycleMap, move: Move, viewer: PersonId) -> dict[str, object]:
    arrow = TRANSITIONS.get((cycle.step, move))
    words = Words.NONE if arrow is None else arrow.words
    steps = range(len(cycle.steps))
    at = [i for i in steps if move is Move.SIGHTED or cycle.steps[i].owner == viewer]
    return {
        "move": move.value,
        "button": CYCLE_BUTTONS[move],
        "field": "Your words" if words is not Words.NONE else "",
        "required": words is Words.REQUIRED,
        "at": [(i, f"Step {i + 1}") for i in at] if move in NEEDS_AT else [],
    }


@router.get("/cycle-maps/{run_id}")
def cycle_map(request: Request, run_id: str, viewer: Viewer, wiring: Wiring) -> Response:
    """The map so far, as a picture, and the viewer's next moves."""
    template, context = _cycle_page(wiring, RunId(run_id), viewer.id)
    return render(request, template, context)


@router.get("/cycle-maps/{run_id}/panel")
def cycle_panel(request: Request, run_id: str, viewer: Viewer, wiring: Wiring) -> Response:
    """Only the live part of the map, fetched when the partner moved (issue 4)."""
    _, context = _cycle_page(wiring, RunId(run_id), viewer.id)
    return render(request, "ifio/_cycle_live.html", context)


class CycleForm(BaseModel):
    move: Move
    version: int
    text: str = Field(default="", max_length=20_000)
    at: int | None = None


@router.post("/cycle-maps/{run_id}/moves")
def cycle_move(
    request: Request,
    run_id: str,
    form: Annotated[CycleForm, Form()],
    viewer: Viewer,
    wiring: Wiring,
) -> Response:
    """Make one move on the map; refusals show the map again with the words kept."""
    run = RunId(run_id)
    keep_form(request, lambda: _cycle_page(wiring, run, viewer.id, form.text))
    ref = RunRef(run, ifio.CYCLE, viewer.id, form.version)
    said = CycleMove(form.move, form.text or None, form.at)
    paused = ifio.pause_cycle_map_for_break(
        wiring.new_uow(), ref, said, analyzer=wiring.analyzer, clock=wiring.clock
    )
    if paused is not None:  # the button or the code word: both go to the couple's break
        wiring.hub.publish(run_topic(ifio.CYCLE, run), paused[1])
        return RedirectResponse(f"/time-outs/{paused[0]}", status_code=303)
    moved = ifio.move_on_cycle_map(
        wiring.new_uow(), ref, said, analyzer=wiring.analyzer, clock=wiring.clock
    )
    wiring.hub.publish(run_topic(ifio.CYCLE, run), moved.version)
    return RedirectResponse(f"/cycle-maps/{run}", status_code=303)
