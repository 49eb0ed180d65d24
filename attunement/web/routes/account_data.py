"""Your data: export everything of your own, or delete your account (issue 5, item 4).

Exports are made on request and downloaded directly; both exports and deleting need a re-login
within the last few minutes (issue 6), deleting asks for the password again, logs the person
out everywhere and destroys their data key (crypto-shredding). Nothing here can reach the
partner's data.
"""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Form
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from attunement.services import account_data
from attunement.services.account_data import Erasure
from attunement.web.deps import FreshViewer, Viewer, Wiring, components_of
from attunement.web.pages import keep_form, render

router = APIRouter()


@router.get("/account")
def account_page(request: Request, _viewer: Viewer) -> Response:
    """Links to the exports and the form to delete the account."""
    return render(request, "account/page.html")


@router.get("/account/export.json")
def export_json(viewer: FreshViewer, wiring: Wiring) -> Response:
    """All of the viewer's own data as a JSON download."""
    data = account_data.export_person(wiring.new_uow(), person=viewer.id, clock=wiring.clock)
    return Response(
        json.dumps(data, indent=2, ensure_ascii=False),
        media_type="application/json",
        headers={"content-disposition": 'attachment; filename="attunement-export.json"'},
    )


@router.get("/account/scores.csv")
def export_scores(viewer: FreshViewer, wiring: Wiring) -> Response:
    """The viewer's own scores as a CSV download."""
    text = account_data.scores_csv(wiring.new_uow(), person=viewer.id, clock=wiring.clock)
    return Response(
        text,
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": 'attachment; filename="attunement-scores.csv"'},
    )


@router.post("/account/delete")
def delete(
    request: Request,
    password: Annotated[str, Form(max_length=200)],
    viewer: FreshViewer,
    wiring: Wiring,
) -> Response:
    """Delete the viewer's account after a fresh re-login and the password given again."""
    keep_form(request, lambda: ("account/page.html", {}))
    erasure = Erasure(person=viewer.id, password=password)
    account_data.delete_account(wiring.new_uow(), erasure, hasher=wiring.hasher, clock=wiring.clock)
    wiring.hub.disconnect(viewer.id)  # close this person's live screens, in every process
    response = RedirectResponse("/", status_code=303)
    cookies = components_of(request).cookies
    cookies.clear(response, cookies.session)
    response.headers["clear-site-data"] = '"cache", "cookies", "storage"'
    return response
