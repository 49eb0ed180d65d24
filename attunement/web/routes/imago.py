"""The Imago family's pages: the family page, a run, its moves, commitments, the time-out plan.

Handlers only translate: the services decide every rule and refuse with the domain family, which
``web/errors.py`` answers (another couple's run or commitment is the same 404 as a missing one).
A move's form carries the version it was made from and a random ``move_key``, like the Couple's
Dialogue; a refused request comes back with the person's words and the check of each criterion.
"""

from typing import Annotated, Final

from fastapi import APIRouter, Form
from pydantic import BaseModel, Field
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from attunement.domain.commitments import CheckIn
from attunement.domain.errors import InvalidInput
from attunement.domain.ids import PersonId
from attunement.domain.imago_runs import CommitmentId, ImagoKind, RunId
from attunement.domain.requests import check_request
from attunement.domain.sessions import DialogueMode
from attunement.domain.trauma_check import Advice, PreCheck, TraumaAnswer
from attunement.services import commitments, imago, parent_child, time_outs
from attunement.services.commitments import CheckInRequest
from attunement.web.breaks import break_links
from attunement.web.deps import CheckedInViewer, Uow, Viewer, Wiring
from attunement.web.imago_screen import build_screen, notes_for
from attunement.web.imago_words import ABOUT, TITLES
from attunement.web.pages import keep_form, render
from attunement.web.run_live import run_topic

router = APIRouter()


class PreCheckForm(BaseModel):
    mode: DialogueMode
    trauma: TraumaAnswer
    distress: int


#: The only words a ``?advice=`` may bring onto the run page (never free text from the URL).
ADVICE: Final = {
    "with_therapist": "parent_child.with_therapist",
    "soft_pause": "parent_child.soft_pause",
}


def _family_page(wiring: Wiring, viewer: PersonId) -> tuple[str, dict[str, object]]:
    context: dict[str, object] = {
        "kinds": [(kind.value, TITLES[kind], ABOUT[kind]) for kind in ImagoKind],
        "runs": imago.runs_of(wiring.new_uow(), viewer=viewer),
        "titles": {kind.value: TITLES[kind] for kind in ImagoKind},
        "commitments": commitments.commitments_of(wiring.new_uow(), viewer=viewer),
        "plan": time_outs.time_out_plan_of(wiring.new_uow(), viewer=viewer),
        "today": wiring.clock.now().date(),
        "me": viewer,
    }
    return "imago/family.html", context


@router.get("/imago")
def family(request: Request, viewer: Viewer, wiring: Wiring) -> Response:
    """The Imago exercises: start one, continue one, check in on commitments."""
    template, context = _family_page(wiring, viewer.id)
    return render(request, template, context)


@router.post("/imago/runs")
def start(
    kind: Annotated[ImagoKind, Form()],
    mode: Annotated[DialogueMode, Form()],
    viewer: CheckedInViewer,
    uow: Uow,
    wiring: Wiring,
) -> Response:
    """Start a run of ``kind`` with the viewer as the first sender, after their check-in."""
    if kind is ImagoKind.PARENT_CHILD:
        raise InvalidInput("parent_child.check_first")  # only through the private check
    run = imago.start_run(uow, kind=kind, by=viewer.id, mode=mode, clock=wiring.clock)
    return RedirectResponse(f"/imago/runs/{run}", status_code=303)


@router.post("/imago/parent-child")
def start_parent_child(
    request: Request,
    form: Annotated[PreCheckForm, Form()],
    viewer: CheckedInViewer,
    uow: Uow,
    wiring: Wiring,
) -> Response:
    """Start a Parent-Child Dialogue after the safety check-in and the sender's private check."""
    keep_form(request, lambda: _family_page(wiring, viewer.id))
    check = PreCheck(form.trauma, form.distress)
    run, advice = parent_child.start_parent_child(
        uow, by=viewer.id, mode=form.mode, check=check, clock=wiring.clock
    )
    suffix = "?advice=with_therapist" if advice is Advice.WITH_THERAPIST else ""
    return RedirectResponse(f"/imago/runs/{run}{suffix}", status_code=303)


@router.post("/imago/runs/{run_id}/distress")
def distress(
    run_id: str,
    distress: Annotated[int, Form()],
    viewer: Viewer,
    wiring: Wiring,
) -> Response:
    """A distress rating; above the limit the run pauses softly for both."""
    run = RunId(run_id)
    rating = parent_child.DistressRating(run, viewer.id, distress)
    paused = parent_child.rate_distress(
        wiring.new_uow(), rating, analyzer=wiring.analyzer, clock=wiring.clock
    )
    if paused:
        version = imago.run_view(wiring.new_uow(), run, viewer=viewer.id).state.version
        wiring.hub.publish(run_topic("imago", run), version)
    suffix = "?advice=soft_pause" if paused else ""
    return RedirectResponse(f"/imago/runs/{run}{suffix}", status_code=303)


@router.get("/imago/runs/{run_id}")
def show(
    request: Request, run_id: str, viewer: Viewer, wiring: Wiring, advice: str = ""
) -> Response:
    """The run as the viewer sees it (404 when missing or another couple's)."""
    view = imago.run_view(wiring.new_uow(), RunId(run_id), viewer=viewer.id)
    advice_key = ADVICE.get(advice) if view.kind is ImagoKind.PARENT_CHILD else None
    context = {**_screen(wiring, view, viewer.id), "advice": advice_key, "kind": view.kind.value}
    return render(request, "imago/run.html", context)


def _screen(wiring: Wiring, view: imago.RunView, viewer: PersonId) -> dict[str, object]:
    waiting = view.state.step.value == imago.TIMEOUT_STEP
    return {
        "screen": build_screen(view, viewer),
        **break_links(wiring, viewer, waiting=waiting),
    }


@router.get("/imago/runs/{run_id}/panel")
def panel(request: Request, run_id: str, viewer: Viewer, wiring: Wiring) -> Response:
    """Only the live part of the run, fetched by the page when the partner moved."""
    view = imago.run_view(wiring.new_uow(), RunId(run_id), viewer=viewer.id)
    return render(request, "imago/_live.html", _screen(wiring, view, viewer.id))


class RunMoveForm(BaseModel):
    move: str = Field(max_length=40)
    version: int
    move_key: str = Field(max_length=100)
    acting_as: str = Field(max_length=100)
    text: str = ""
    pick: int | None = None


@router.post("/imago/runs/{run_id}/moves")
def move(
    request: Request,
    run_id: str,
    form: Annotated[RunMoveForm, Form()],
    viewer: Viewer,
    wiring: Wiring,
) -> Response:
    """Make one move and show the run again."""
    run = RunId(run_id)
    keep_form(request, lambda: _run_again(wiring, run, viewer.id, form))
    moved = imago.make_run_move(
        wiring.new_uow(),
        imago.RunMove(
            run=run,
            viewer=viewer.id,
            acting_as=PersonId(form.acting_as),
            move=form.move,
            text=form.text or None,
            pick=form.pick,
            expected_version=form.version,
            move_key=form.move_key,
        ),
        analyzer=wiring.analyzer,
        clock=wiring.clock,
    )
    wiring.hub.publish(run_topic("imago", run), moved.state.version)
    if moved.time_out is not None:  # the code word: both go to the couple's break (§2.12)
        return RedirectResponse(f"/time-outs/{moved.time_out}", status_code=303)
    return RedirectResponse(f"/imago/runs/{run}", status_code=303)


def _run_again(
    wiring: Wiring, run: RunId, viewer: PersonId, form: RunMoveForm
) -> tuple[str, dict[str, object]]:
    """The latest screen with the person's words kept, and a refused request's check."""
    view = imago.run_view(wiring.new_uow(), run, viewer=viewer)
    context: dict[str, object] = {**_screen(wiring, view, viewer), "draft": form.text}
    if form.move == "offer" and form.text.strip():
        context["draft_notes"] = notes_for(check_request(form.text))
    return "imago/run.html", context


class CheckInForm(BaseModel):
    status: CheckIn
    note: str = Field(default="", max_length=1000)


@router.post("/imago/commitments/{commitment_id}/check-ins")
def check_in(
    request: Request,
    commitment_id: str,
    form: Annotated[CheckInForm, Form()],
    viewer: Viewer,
    wiring: Wiring,
) -> Response:
    """Record today's check-in on a commitment; both partners see it."""
    keep_form(request, lambda: _family_page(wiring, viewer.id))
    commitments.record_check_in(
        wiring.new_uow(),
        CheckInRequest(CommitmentId(commitment_id), viewer.id, form.status, form.note),
        clock=wiring.clock,
    )
    return RedirectResponse("/imago#commitments", status_code=303)


class PlanForm(BaseModel):
    code_word: str = Field(max_length=100)
    minutes: int


@router.post("/imago/time-out-plan")
def time_out_plan(
    request: Request, form: Annotated[PlanForm, Form()], viewer: Viewer, wiring: Wiring
) -> Response:
    """Agree the couple's code word and the shortest break."""
    keep_form(request, lambda: _family_page(wiring, viewer.id))
    time_outs.agree_time_out_plan(
        wiring.new_uow(),
        by=viewer.id,
        code_word=form.code_word,
        min_minutes=form.minutes,
        clock=wiring.clock,
    )
    return RedirectResponse("/imago#time-out", status_code=303)
