"""A couple's side of working with a therapist: invite with a code, let go, homework (issue 5).

Either partner may invite and either may revoke; revoking takes effect on the therapist's very
next request. The code is shown once, on the page that made it, and stored only as a digest.
"""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from attunement.domain.ids import PersonId
from attunement.services import couples, practice, therapists
from attunement.web.deps import Uow, Viewer, Wiring
from attunement.web.pages import keep_form, render

router = APIRouter()


@router.get("/therapist")
def therapist_page(request: Request, viewer: Viewer, wiring: Wiring) -> Response:
    """Who the couple's therapist is, how to invite or let go, and the homework."""
    return render(request, "therapist/page.html", _context(wiring, viewer.id))


@router.post("/therapist/invite")
def invite(request: Request, viewer: Viewer, uow: Uow, wiring: Wiring) -> Response:
    """Make a one-time code for the therapist and show it this once."""
    keep_form(request, lambda: ("therapist/page.html", _context(wiring, viewer.id)))
    code = therapists.invite_therapist(uow, by=viewer.id, clock=wiring.clock)
    return render(request, "therapist/page.html", {**_context(wiring, viewer.id), "code": code})


@router.post("/therapist/revoke")
def revoke(viewer: Viewer, uow: Uow, wiring: Wiring) -> Response:
    """End the therapist's access now."""
    therapists.revoke_therapist(uow, by=viewer.id, clock=wiring.clock)
    return RedirectResponse("/therapist", status_code=303)


@router.post("/homework/{homework_id}/done")
def homework_done(homework_id: str, viewer: Viewer, uow: Uow, wiring: Wiring) -> Response:
    """Mark a homework of the viewer's couple done."""
    practice.mark_homework_done(uow, homework_id, by=viewer.id, clock=wiring.clock)
    return RedirectResponse("/therapist", status_code=303)


def _context(wiring: Wiring, person: PersonId) -> dict[str, object]:
    return {
        "couple": couples.couple_view(wiring.new_uow(), viewer=person, clock=wiring.clock),
        "therapist": therapists.therapist_of(wiring.new_uow(), viewer=person),
        "homework": practice.homework_of(wiring.new_uow(), viewer=person),
        "today": wiring.clock.now().date(),
    }
