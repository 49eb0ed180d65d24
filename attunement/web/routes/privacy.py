"""Quick exit, my sessions, re-login and my login history (issue 6).

The quick exit ends the session on the server, tells the browser to forget everything it kept
for this site (``Clear-Site-Data``) and goes to a neutral site; the page's script has already
blanked the screen. Export and deletion live in routes/account_data.py (issue 5) and need the
password entered in the last few minutes (``FreshViewer``).
"""

from typing import Annotated

from fastapi import APIRouter, Form
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from attunement.services import accounts, privacy
from attunement.web.deps import Viewer, Wiring, session_token
from attunement.web.pages import keep_form, render

router = APIRouter()

CLEAR_SITE_DATA = '"cache", "cookies", "storage"'


def _forget_browser(request: Request, response: Response) -> Response:
    cookies = request.app.state.components.cookies
    cookies.clear(response, cookies.session)
    response.headers["clear-site-data"] = CLEAR_SITE_DATA
    return response


@router.post("/exit")
def quick_exit(request: Request, wiring: Wiring) -> Response:
    """Leave at once: log out here, clear the browser's copy, show a neutral site."""
    token = session_token(request)
    if token is not None:
        accounts.log_out(wiring.new_uow(), token, clock=wiring.clock)
    return _forget_browser(request, RedirectResponse(wiring.exit_url, status_code=303))


@router.get("/account/sessions")
def sessions_page(request: Request, viewer: Viewer, wiring: Wiring) -> Response:
    """Where I am logged in, with a way to end all of it."""
    token = session_token(request) or ""
    listing = privacy.sessions_of(
        wiring.new_uow(), person=viewer.id, token=token, clock=wiring.clock
    )
    history = privacy.login_history(wiring.new_uow(), person=viewer.id)
    return render(request, "privacy/sessions.html", {"sessions": listing, "history": history})


@router.post("/account/sessions/end-all")
async def end_all(request: Request, viewer: Viewer, wiring: Wiring) -> Response:
    """Log out everywhere: every session, and every open live screen, at once."""
    await run_in_threadpool(
        privacy.log_out_everywhere, wiring.new_uow(), person=viewer.id, clock=wiring.clock
    )
    await run_in_threadpool(wiring.hub.disconnect, viewer.id)  # every process; may block
    return _forget_browser(request, RedirectResponse("/login", status_code=303))


@router.get("/account/confirm")
def confirm_page(request: Request, _viewer: Viewer, next: str = "/") -> Response:
    """Ask for the password again before a sensitive action."""
    return render(request, "privacy/confirm.html", {"next": _local(next)})


@router.post("/account/confirm")
def confirm(
    request: Request,
    password: Annotated[str, Form(max_length=1000)],
    viewer: Viewer,
    wiring: Wiring,
    next: Annotated[str, Form(max_length=200)] = "/",
) -> Response:
    """Check the password again, then go on to where the person was going."""
    keep_form(request, lambda: ("privacy/confirm.html", {"next": _local(next)}))
    privacy.confirm_password(
        wiring.new_uow(),
        person=viewer.id,
        token=session_token(request) or "",
        password=password,
        hasher=wiring.hasher,
        clock=wiring.clock,
    )
    return RedirectResponse(_local(next), status_code=303)


def _local(target: str) -> str:
    """Only a path on this site (never another site) may follow a re-login."""
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"
