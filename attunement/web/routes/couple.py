"""Inviting a partner and joining with their code (issue 2, item 4).

The code is shown once, on the page that made it, and never stored in clear; a used, expired,
unknown or one's own code all get the same answer, so trying codes teaches nothing.
"""

from typing import Annotated

from fastapi import APIRouter, Form
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from attunement.services import couples
from attunement.web.deps import Uow, Viewer, Wiring, client_address, limit
from attunement.web.pages import keep_form, render

router = APIRouter()


@router.post("/invite")
def invite(request: Request, viewer: Viewer, uow: Uow, wiring: Wiring) -> Response:
    """Make a fresh one-time code and show it this once."""
    keep_form(request, lambda: ("couple/invite.html", {}))
    code = couples.invite_partner(uow, by=viewer.id, clock=wiring.clock)
    return render(request, "couple/invite.html", {"code": code})


@router.get("/join")
def join_page(request: Request, _viewer: Viewer) -> Response:
    """The form for the code a partner gave you."""
    return render(request, "couple/join.html")


@router.post("/join")
def join(
    request: Request,
    code: Annotated[str, Form(max_length=100)],
    viewer: Viewer,
    uow: Uow,
    wiring: Wiring,
) -> Response:
    """Join the couple whose code this is."""
    keep_form(request, lambda: ("couple/join.html", {"code": code}))
    limit(request, f"join:{client_address(request)}")
    limit(request, f"join-account:{viewer.id}")
    couples.join_couple(uow, by=viewer.id, code=code, clock=wiring.clock)
    return RedirectResponse("/", status_code=303)
