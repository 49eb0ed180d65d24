"""Sign up, log in, log out (issue 2, item 4).

The browser gets a fresh random session token at log-in (never reused from before), and a log-out
revokes it on the server and clears what the browser kept (security-reference.md §1.6).
"""

import logging
from typing import Annotated

from fastapi import APIRouter, Form
from pydantic import BaseModel, Field
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from attunement.domain.errors import InvalidInput
from attunement.domain.people import AccountKind
from attunement.services import accounts
from attunement.web.deps import (
    MaybeViewer,
    RateLimited,
    Uow,
    Wiring,
    client_address,
    components_of,
    limit,
    session_token,
)
from attunement.web.pages import keep_form, render

router = APIRouter()
log = logging.getLogger(__name__)
#: Set after a successful log-in; exempts this browser from the per-account failure limit.
DEVICE_COOKIE = "attunement_device"

Text = Annotated[str, Form()]


@router.get("/signup")
def signup_page(request: Request, viewer: MaybeViewer) -> Response:
    """The sign-up form."""
    if viewer is not None:
        return RedirectResponse("/", status_code=303)
    return render(request, "accounts/signup.html")


class SignUpForm(BaseModel):
    """An empty field reaches the services, which say kindly what is missing."""

    username: str = Field(default="", max_length=200)
    display_name: str = Field(default="", max_length=200)
    password: str = Field(default="", max_length=1000)
    kind: AccountKind = AccountKind.PARTNER  # therapists link to a couple only by its code


@router.post("/signup")
def signup(
    request: Request, form: Annotated[SignUpForm, Form()], uow: Uow, wiring: Wiring
) -> Response:
    """Make an account and log straight in."""
    limit(request, f"signup:{client_address(request)}")
    kept: dict[str, object] = {
        "username": form.username,
        "display_name": form.display_name,
    }  # never the password
    keep_form(request, lambda: ("accounts/signup.html", kept))
    accounts.sign_up(
        uow,
        username=form.username,
        display_name=form.display_name,
        password=form.password,
        hasher=wiring.hasher,
        kind=form.kind,
    )
    return _log_in(request, form.username, form.password, wiring)


@router.get("/login")
def login_page(request: Request, viewer: MaybeViewer) -> Response:
    """The log-in form."""
    if viewer is not None:
        return RedirectResponse("/", status_code=303)
    return render(request, "accounts/login.html")


@router.post("/login")
def login(request: Request, username: Text, password: Text, wiring: Wiring) -> Response:
    """Check the password and start a session."""
    keep_form(request, lambda: ("accounts/login.html", {"username": username}))
    limit(request, f"login:{client_address(request)}")
    account = f"account:{username.strip().lower()}"
    known = wiring.limiter.known_device(username, request.cookies.get(DEVICE_COOKIE))
    if not known and wiring.limiter.over(account):
        raise RateLimited  # a browser that has logged in here before is never held back
    try:
        return _log_in(request, username, password, wiring)
    except InvalidInput:
        wiring.limiter.count(account)
        raise


@router.post("/logout")
def logout(request: Request, uow: Uow) -> Response:
    """End this session on the server and in the browser."""
    token = session_token(request)
    if token is not None:
        accounts.log_out(uow, token)
    response = RedirectResponse("/login", status_code=303)
    cookies = components_of(request).cookies
    cookies.clear(response, cookies.session)
    # Drafts live in sessionStorage; a shared device should keep nothing after log-out.
    response.headers["clear-site-data"] = '"cache", "cookies", "storage"'
    return response


def _log_in(request: Request, username: str, password: str, wiring: Wiring) -> Response:
    result = accounts.log_in(
        wiring.new_uow(),
        username=username,
        password=password,
        hasher=wiring.hasher,
        clock=wiring.clock,
        lifetime=wiring.lifetime,
    )
    response = RedirectResponse("/", status_code=303)
    wiring.cookies.set(response, wiring.cookies.session, result.token)
    wiring.cookies.clear(response, wiring.cookies.pre_session)
    wiring.cookies.set(response, DEVICE_COOKIE, wiring.limiter.device_token(result.person.username))
    log.info("login ok from a %s device", "known" if DEVICE_COOKIE in request.cookies else "new")
    return response
