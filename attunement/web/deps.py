"""Dependencies every route shares: the wiring, the viewer, the visible dialogue, CSRF.

``VisibleDialogue`` is the one place that answers "missing or not yours" for a dialogue: it asks
the services for the dialogue *as this viewer*, which raise ``NotFound`` for both, so no handler
repeats the check (style.md §3, §5).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends
from fastapi.templating import Jinja2Templates
from starlette.requests import HTTPConnection, Request

from attunement.domain.analysis import Analyzer
from attunement.domain.clock import Clock
from attunement.domain.ids import DialogueId, PartId
from attunement.domain.parts import Part
from attunement.domain.people import Person
from attunement.services import parts
from attunement.services.accounts import SessionLifetime, person_for_token
from attunement.services.dialogue import DialogueView, round_view
from attunement.services.passwords import Hasher
from attunement.services.privacy import confirmed_at, recently_confirmed
from attunement.services.safety import joint_work as safety_status
from attunement.services.uow import UnitOfWork
from attunement.web.limits import RateLimiter
from attunement.web.live import LiveHub
from attunement.web.security import SAFE_METHODS, CookieNames, CsrfTokens

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"


@dataclass(frozen=True, slots=True)
class Components:
    """What ``create_app`` wires together once; routes reach it through ``Wiring``."""

    new_uow: Callable[[], UnitOfWork]
    hasher: Hasher
    clock: Clock
    lifetime: SessionLifetime
    analyzer: Analyzer
    hub: LiveHub
    csrf: CsrfTokens
    cookies: CookieNames
    templates: Jinja2Templates
    limiter: RateLimiter
    exit_url: str = "https://www.bbc.co.uk/weather"
    locale: str = "US"
    require_check_in: bool = True
    #: How often, at most, an open live socket asks whether its session still works.
    recheck_seconds: float = 60.0


class LoginRequired(Exception):
    """No valid session: the person is sent to the log-in page."""


class CsrfRefused(Exception):
    """A state-changing request without a valid CSRF token (or sent from another site)."""


class RateLimited(Exception):
    """Too many attempts from this address or at this account; try again in a minute."""


def limit(connection: HTTPConnection, key: str) -> None:
    """Count one attempt for ``key`` (prefixed by what it limits); RateLimited when over."""
    if not components_of(connection).limiter.allow(key):
        raise RateLimited


def client_address(connection: HTTPConnection) -> str:
    """The peer address; behind a proxy, configure uvicorn's --forwarded-allow-ips."""
    return connection.client.host if connection.client else "unknown"


class ConfirmRequired(Exception):
    """A sensitive action needs the password again first (re-login, ASVS 7.5.3)."""


#: The quick exit must work even from a stale page: logging someone out is all it can do.
CSRF_EXEMPT = frozenset({"/exit"})


def components_of(connection: HTTPConnection) -> Components:
    """The app's wiring."""
    components: Components = connection.app.state.components
    return components


async def _wiring(connection: HTTPConnection) -> Components:
    """``components_of`` as a dependency, on the event loop (issue 7).

    FastAPI runs a plain ``def`` dependency in a worker thread; one that does no I/O is
    cheaper as ``async def``, without the hand-off there and back on every request.
    """
    return components_of(connection)


Wiring = Annotated[Components, Depends(_wiring)]


async def new_uow(components: Wiring) -> UnitOfWork:
    """A fresh unit of work for this request (not opened yet: no I/O, so on the event loop)."""
    return components.new_uow()


Uow = Annotated[UnitOfWork, Depends(new_uow)]


def session_token(connection: HTTPConnection) -> str | None:
    """The session token the browser sent, if any."""
    return connection.cookies.get(components_of(connection).cookies.session) or None


def person_or_none(connection: HTTPConnection, components: Wiring) -> Person | None:
    """The logged-in person, or None; kept on the request for the page's header."""
    token = session_token(connection)
    person = None
    if token is not None:
        person = person_for_token(
            components.new_uow(), token, clock=components.clock, lifetime=components.lifetime
        )
    connection.state.person = person
    return person


MaybeViewer = Annotated[Person | None, Depends(person_or_none)]


async def require_person(person: MaybeViewer) -> Person:
    """The logged-in person; anyone else is sent to log in (no I/O: on the event loop)."""
    if person is None:
        raise LoginRequired
    return person


Viewer = Annotated[Person, Depends(require_person)]


def visible_dialogue(dialogue_id: str, viewer: Viewer, uow: Uow) -> DialogueView:
    """The dialogue as ``viewer``'s screen shows it; ``NotFound`` when missing *or* not theirs."""
    return round_view(uow, DialogueId(dialogue_id), viewer=viewer.id)


VisibleDialogue = Annotated[DialogueView, Depends(visible_dialogue)]


def csrf_seed(connection: HTTPConnection) -> str | None:
    """The cookie value CSRF tokens are bound to: the session, else the pre-session."""
    cookies = components_of(connection).cookies
    return connection.cookies.get(cookies.session) or connection.cookies.get(cookies.pre_session)


async def verify_csrf(connection: HTTPConnection) -> None:
    """Refuse any state-changing request without the token bound to this browser's cookie.

    Applied to the whole app, so a new POST route is covered without remembering to ask.
    """
    if not isinstance(connection, Request) or connection.method in SAFE_METHODS:
        return
    if connection.url.path in CSRF_EXEMPT:
        return
    if connection.headers.get("sec-fetch-site") == "cross-site":
        raise CsrfRefused
    offered = connection.headers.get(CSRF_HEADER)
    if offered is None:
        form = await connection.form()
        value = form.get(CSRF_FIELD)
        offered = value if isinstance(value, str) else None
    if not components_of(connection).csrf.accepts(csrf_seed(connection), offered):
        raise CsrfRefused


def visible_part(part_id: str, viewer: Viewer, uow: Uow) -> Part:
    """The part as ``viewer`` may see it; ``NotFound`` when missing *or* not theirs to see."""
    return parts.visible_part(uow, PartId(part_id), viewer=viewer.id)


VisiblePart = Annotated[Part, Depends(visible_part)]


def require_fresh_login(connection: HTTPConnection, viewer: Viewer, components: Wiring) -> Person:
    """The viewer, if they entered their password in the last few minutes; else re-login."""
    token = session_token(connection)
    when = None if token is None else confirmed_at(components.new_uow(), token=token)
    if not recently_confirmed(when, clock=components.clock):
        raise ConfirmRequired
    return viewer


FreshViewer = Annotated[Person, Depends(require_fresh_login)]


class CheckInRequired(Exception):
    """A first joint exercise waits for the person's private check-in (domain.md §4.2)."""


def require_checked_in(viewer: Viewer, components: Wiring) -> Person:
    """The viewer, once they have taken the private check-in (when the setting asks for it)."""
    needed = components.require_check_in
    if needed and not safety_status(components.new_uow(), person=viewer.id).checked_in:
        raise CheckInRequired
    return viewer


CheckedInViewer = Annotated[Person, Depends(require_checked_in)]
