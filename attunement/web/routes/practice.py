"""The therapist's side: dashboard, joining, summary, homework, notes, self-check (issue 5).

Every couple route goes through the services' ``found_client``: a therapist the couple did not
invite, or one they revoked, and anyone who is not a therapist, get the same 404 as for a couple
that never existed. Notes and self-checks are shown only to their author.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Form
from markupsafe import Markup
from pydantic import BaseModel, Field
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from attunement.domain.errors import NotFound
from attunement.domain.ids import CoupleId
from attunement.domain.people import AccountKind, Person
from attunement.domain.therapist import HomeworkKind, SelfCheck
from attunement.services import practice, therapists
from attunement.services.instruments import SESSION_RATING, WEEKLY_CHECK_IN, shipped
from attunement.services.practice import CoupleSummary, HomeworkPlan
from attunement.web.deps import Uow, Viewer, Wiring
from attunement.web.pages import keep_form, render
from attunement.web.routes.progress import gap_chart, outcome_chart, skill_chart

router = APIRouter()
Text = Annotated[str, Form(max_length=6000)]


def therapist(viewer: Person) -> Person:
    """The viewer, if a therapist; anyone else finds nothing here."""
    if viewer.kind is not AccountKind.THERAPIST:
        raise NotFound
    return viewer


@router.get("/practice")
def dashboard(request: Request, viewer: Viewer, uow: Uow, wiring: Wiring) -> Response:
    """The therapist's couples, alerts first, with their last activity."""
    cards = practice.dashboard(uow, therapist=therapist(viewer).id, clock=wiring.clock)
    return render(request, "practice/dashboard.html", {"cards": cards})


@router.post("/practice/join")
def join(
    request: Request, code: Annotated[str, Form(max_length=100)], viewer: Viewer, uow: Uow,
    wiring: Wiring,
) -> Response:  # fmt: skip
    """Redeem a couple's one-time code and open their page."""
    keep_form(
        request,
        lambda: (
            "practice/dashboard.html",
            {
                "cards": practice.dashboard(
                    wiring.new_uow(), therapist=viewer.id, clock=wiring.clock
                ),
                "code": code,
            },
        ),
    )
    couple = therapists.join_as_therapist(uow, by=viewer.id, code=code, clock=wiring.clock)
    return RedirectResponse(f"/practice/couples/{couple}", status_code=303)


@router.get("/practice/couples/{couple_id}")
def summary(request: Request, couple_id: str, viewer: Viewer, uow: Uow, wiring: Wiring) -> Response:
    """The one-page pre-session summary, with the forms for homework, notes and self-check."""
    found = practice.couple_summary(
        uow, CoupleId(couple_id), therapist=viewer.id, clock=wiring.clock
    )
    return render(request, "practice/couple.html", _page(found, wiring))


@router.get("/practice/couples/{couple_id}/print")
def print_view(
    request: Request, couple_id: str, viewer: Viewer, uow: Uow, wiring: Wiring
) -> Response:
    """The summary as a page to print or save as PDF (private notes left out)."""
    found = practice.couple_summary(
        uow, CoupleId(couple_id), therapist=viewer.id, clock=wiring.clock
    )
    return render(request, "practice/print.html", _page(found, wiring))


class HomeworkForm(BaseModel):
    kind: str = Field(max_length=40)
    due: date
    note: str = Field(default="", max_length=2000)


class SelfCheckForm(BaseModel):
    parts_stirred: str = Field(default="", max_length=6000)
    felt_with: str = Field(default="", max_length=6000)
    back_to_self: str = Field(default="", max_length=6000)


@router.post("/practice/couples/{couple_id}/homework")
def homework(
    request: Request, couple_id: str, form: Annotated[HomeworkForm, Form()], viewer: Viewer,
    wiring: Wiring,
) -> Response:  # fmt: skip
    """Set an exercise as homework with a due date."""
    _keep(request, couple_id, viewer, wiring, form.model_dump(mode="json"))
    plan = HomeworkPlan(form.kind, form.due, form.note)
    practice.assign_homework(
        wiring.new_uow(), CoupleId(couple_id), plan, therapist=viewer.id, clock=wiring.clock
    )
    return RedirectResponse(f"/practice/couples/{couple_id}", status_code=303)


@router.post("/practice/couples/{couple_id}/notes")
def note(request: Request, couple_id: str, text: Text, viewer: Viewer, wiring: Wiring) -> Response:
    """Keep a private session note."""
    _keep(request, couple_id, viewer, wiring, {"note_text": text})
    practice.write_note(
        wiring.new_uow(), CoupleId(couple_id), text, therapist=viewer.id, clock=wiring.clock
    )
    return RedirectResponse(f"/practice/couples/{couple_id}#notes", status_code=303)


@router.post("/practice/couples/{couple_id}/self-checks")
def self_check(
    request: Request, couple_id: str, form: Annotated[SelfCheckForm, Form()], viewer: Viewer,
    wiring: Wiring,
) -> Response:  # fmt: skip
    """Keep the therapist's post-session self-check."""
    _keep(request, couple_id, viewer, wiring, form.model_dump())
    check = SelfCheck.written(form.parts_stirred, form.felt_with, form.back_to_self)
    practice.write_self_check(
        wiring.new_uow(), CoupleId(couple_id), check, therapist=viewer.id, clock=wiring.clock
    )
    return RedirectResponse(f"/practice/couples/{couple_id}#notes", status_code=303)


def _keep(
    request: Request, couple_id: str, viewer: Person, wiring: Wiring,
    kept: dict[str, str] | None = None,
) -> None:  # fmt: skip
    """On refusal, show the couple's page again with the therapist's words in their form."""

    def again() -> tuple[str, dict[str, object]]:
        found = practice.couple_summary(
            wiring.new_uow(), CoupleId(couple_id), therapist=viewer.id, clock=wiring.clock
        )
        return "practice/couple.html", {**_page(found, wiring), "kept": kept or {}}

    keep_form(request, again)


def _page(found: CoupleSummary, wiring: Wiring) -> dict[str, object]:
    check, rating = shipped(WEEKLY_CHECK_IN), shipped(SESSION_RATING)
    charts: dict[str, Markup | None] = {
        "outcomes": outcome_chart("outcomes", check, found.outcomes),
        "gap": gap_chart("gap", check, found.outcomes),
        "ratings": outcome_chart("ratings", rating, found.ratings),
    }
    skills = [
        (name, skill_chart(f"skills-{n}", weeks)) for n, (name, weeks) in enumerate(found.skills)
    ]
    today: date = wiring.clock.now().date()
    return {
        "summary": found,
        "charts": charts,
        "skills": skills,
        "kinds": list(HomeworkKind),
        "today": today,
        "kept": {},
    }
