"""The private check-in and the help pages (issue 6 item 1; domain.md §4.2-4.8).

Every person gets the same questions, the same pages and the same next step whatever they
answer, so neither the partner nor anyone looking at the screen or its history can tell what was
said (§4.6). A "yes" pauses joint exercises for the couple, which both partners then see only
as the same neutral notice.
"""

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from attunement.domain.safety import QUESTIONS, ScreenAnswers, resources_for
from attunement.services import safety
from attunement.web.deps import Viewer, Wiring
from attunement.web.pages import render

router = APIRouter()

NOTE_MAX = 2000


@router.get("/safety/check-in")
def check_in_page(request: Request, _viewer: Viewer) -> Response:
    """The private check-in: first, is it safe to answer now?"""
    return render(request, "safety/check_in.html", {"questions": QUESTIONS})


@router.post("/safety/check-in")
async def check_in(request: Request, viewer: Viewer, wiring: Wiring) -> Response:
    """Store the answers (sealed) and go to the same help page whatever they were."""
    form = await request.form()
    if form.get("safe_now") == "yes":
        note = form.get("note")
        answers = ScreenAnswers(
            yes=frozenset(q.key for q in QUESTIONS if form.get(q.key) == "yes"),
            note=note[:NOTE_MAX] if isinstance(note, str) else "",
        )
        await run_in_threadpool(
            safety.take_screen, wiring.new_uow(), person=viewer.id, answers=answers,
            clock=wiring.clock,
        )  # fmt: skip
    return RedirectResponse("/safety/help", status_code=303)


@router.get("/safety/help")
def help_page(request: Request, _viewer: Viewer, wiring: Wiring) -> Response:
    """Help lines and what the app can and cannot do: the same page for every person."""
    return render(request, "safety/help.html", {"resource_sets": resources_for(wiring.locale)})


@router.get("/safety/plan")
def plan_page(request: Request, _viewer: Viewer, wiring: Wiring) -> Response:
    """Thinking through a safety plan, privately."""
    return render(request, "safety/plan.html", {"resource_sets": resources_for(wiring.locale)})
