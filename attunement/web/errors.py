"""The one place refusals and failures become responses (style.md §5; datasette's handler).

The domain's refusal family maps to a status and to a page or JSON: ``NotFound`` 404, refused
moves, stale views and safety holds 409, ``InvalidInput`` 422 with the form shown again and the
person's words kept. A 404 never depends on what was asked for, so another couple's dialogue
reads byte for byte like one that never existed. A bug becomes a neutral 500 with a reference
id; its details go only to the log. The embedded SQLite database too busy to take a change in
time is no bug: 503 with ``Retry-After`` (issue 7), nothing saved, the person's words kept.
"""

import logging
import secrets
from typing import Final

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from sqlalchemy.exc import OperationalError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from attunement.domain.errors import (
    AttunementError,
    InvalidInput,
    MoveNotAllowed,
    NotFound,
    PausedForSafety,
    StaleView,
)
from attunement.store.engine import is_busy
from attunement.web.deps import (
    CheckInRequired,
    ConfirmRequired,
    CsrfRefused,
    LoginRequired,
    RateLimited,
)
from attunement.web.messages import words
from attunement.web.pages import FormPage, kept_form, render
from attunement.web.security import add_security_headers

log = logging.getLogger(__name__)

STATUS: Final[tuple[tuple[type[AttunementError], int], ...]] = (
    (NotFound, 404),
    (InvalidInput, 422),
    (StaleView, 409),
    (PausedForSafety, 409),
    (MoveNotAllowed, 409),
)
#: Where a re-login sends a person back to, for a sensitive form (it cannot resend the POST).
AFTER_CONFIRM: Final = {
    "/account/delete": "/account",
    "/imago/workup/consent": "/imago/workup",
}
TITLES: Final = {
    403: "We didn't send that",
    404: "Not found",
    405: "Not available",
    409: "Things have moved on",
    422: "Let's look at that again",
    429: "Let's pause for a minute",
    500: "Something went wrong",
    503: "A moment, please",
}
#: Seconds a client should wait before sending a change the busy database could not take.
RETRY_AFTER_SECONDS: Final = 2


def status_of(error: AttunementError) -> int:
    """The HTTP status for a refusal."""
    for family, status in STATUS:
        if isinstance(error, family):
            return status
    return 400


def wants_json(request: Request) -> bool:
    """True when the caller asked for JSON rather than a page (the live view's fetches)."""
    return "application/json" in request.headers.get("accept", "")


def page(request: Request, status: int, key: str) -> Response:
    """A plain error page (or JSON) saying what happened and what to do now."""
    message = words(key)
    if wants_json(request):
        return JSONResponse({"error": key, "message": message}, status_code=status)
    context = {"title": TITLES.get(status, TITLES[409]), "message": message}
    return render(request, "errors/error.html", context, status=status)


async def refused(request: Request, error: Exception) -> Response:
    """A refusal from the domain or the services."""
    assert isinstance(error, AttunementError)  # noqa: S101 - registered for this family only
    status = status_of(error)
    form_page = kept_form(request)
    if status == 404:
        return page(request, 404, "error.not_found")  # one answer, whatever was asked for
    if form_page is None or wants_json(request):
        return page(request, status, error.message_key)
    template, context = await run_in_threadpool(form_page)
    context["error"] = words(error.message_key, error.params)
    return render(request, template, context, status=status)


async def login_required(request: Request, _error: Exception) -> Response:
    """No session: pages send the person to log in, JSON callers get 401."""
    if wants_json(request):
        return page(request, 401, "login.required")
    return RedirectResponse("/login", status_code=303)


async def csrf_refused(request: Request, _error: Exception) -> Response:
    """A form without its token, or sent from another site."""
    log.info("csrf refused path=%s", request.url.path)
    return page(request, 403, "error.csrf")


async def http_error(request: Request, error: Exception) -> Response:
    """Starlette's own errors: an unknown address reads like any other 404."""
    assert isinstance(error, HTTPException)  # noqa: S101 - registered for this type only
    if error.status_code == 404:
        return page(request, 404, "error.not_found")
    return page(request, error.status_code, "error.method")


async def unusable_request(request: Request, _error: Exception) -> Response:
    """A request the routes cannot read at all (a missing field, an unknown move)."""
    return page(request, 422, "error.invalid_input")


async def failed(request: Request, error: Exception) -> Response:
    """A bug: a neutral page with a reference id; the traceback goes to the log only."""
    reference = secrets.token_hex(4)
    log.error("unhandled error reference=%s path=%s", reference, request.url.path, exc_info=error)
    context = {"title": TITLES[500], "message": words("error.server"), "reference": reference}
    try:
        response = render(request, "errors/error.html", context, status=500)
    except Exception:  # the page itself failed; a plain answer is still owed
        log.exception("error page failed reference=%s", reference)
        response = Response(f"Something went wrong. Reference: {reference}", status_code=500)
    # The server-error middleware sits outside ours, so this response needs its headers here.
    add_security_headers(response.headers)
    return response


async def busy(request: Request, error: Exception) -> Response:
    """The database could not take this change in time: 503, send it again shortly.

    Registered for ``OperationalError`` so the connection stays open (a handler for
    ``Exception`` makes the server close it); any other database failure is a bug (500).
    """
    if not is_busy(error):
        return await failed(request, error)
    log.warning("database busy path=%s", request.url.path)
    response = None
    form_page = kept_form(request)
    if form_page is not None and not wants_json(request):
        response = await _form_again(request, form_page, 503, "error.busy")
    response = response or page(request, 503, "error.busy")
    response.headers["retry-after"] = str(RETRY_AFTER_SECONDS)
    return response


async def _form_again(
    request: Request, form_page: FormPage, status: int, key: str
) -> Response | None:
    """The refused form's page again with the person's words; None if it cannot be read now."""
    try:
        template, context = await run_in_threadpool(form_page)
    except OperationalError:
        return None
    context["error"] = words(key)
    return render(request, template, context, status=status)


async def rate_limited(request: Request, _error: Exception) -> Response:
    """Too many tries: the same answer for an address and for an account."""
    return page(request, 429, "error.too_many")


async def check_in_required(request: Request, _error: Exception) -> Response:
    """The first joint exercise waits for the person's own private check-in."""
    if wants_json(request):
        return page(request, 409, "safety.check_in_first")
    return RedirectResponse("/safety/check-in", status_code=303)


async def confirm_required(request: Request, _error: Exception) -> Response:
    """A sensitive action: ask for the password again, then come back."""
    if wants_json(request):
        return page(request, 401, "login.confirm")
    path = request.url.path
    back = path if request.method == "GET" else AFTER_CONFIRM.get(path, "/")
    return RedirectResponse(f"/account/confirm?next={back}", status_code=303)


def install(app: FastAPI) -> None:
    """Register every handler on ``app``."""
    app.add_exception_handler(AttunementError, refused)
    app.add_exception_handler(LoginRequired, login_required)
    app.add_exception_handler(CsrfRefused, csrf_refused)
    app.add_exception_handler(RateLimited, rate_limited)
    app.add_exception_handler(ConfirmRequired, confirm_required)
    app.add_exception_handler(CheckInRequired, check_in_required)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(OperationalError, busy)
    app.add_exception_handler(RequestValidationError, unusable_request)
    app.add_exception_handler(Exception, failed)
