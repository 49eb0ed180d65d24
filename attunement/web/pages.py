"""Rendering a page: the template, the viewer, the CSRF token, and the kept form on refusal.

Every page goes through ``render`` so each form carries a CSRF token bound to this browser. A
browser without any cookie yet gets a random pre-session cookie here, so the sign-up and log-in
forms are protected too. ``keep_form`` lets a route name the page to show again, with the
person's words, when the services refuse (``web/errors.py`` calls it).
"""

from collections.abc import Callable, Mapping
from typing import Final

from starlette.requests import Request
from starlette.responses import Response

from attunement.domain.people import Person
from attunement.web.deps import components_of, csrf_seed
from attunement.web.security import new_token

#: Builds (template, context) for the form to show again; called from ``web/errors.py``.
FormPage = Callable[[], tuple[str, dict[str, object]]]

FORM_PAGE: Final = "form_page"


def viewer_of(request: Request) -> Person | None:
    """The person the ``Viewer``/``MaybeViewer`` dependency found, if it ran."""
    person: Person | None = getattr(request.state, "person", None)
    return person


def render(
    request: Request,
    template: str,
    context: Mapping[str, object] | None = None,
    *,
    status: int = 200,
) -> Response:
    """Render ``template`` with the viewer and a CSRF token for its forms."""
    components = components_of(request)
    seed = csrf_seed(request)
    fresh_seed = None
    if seed is None:
        seed = fresh_seed = new_token()
    page = {
        "viewer": viewer_of(request),
        "csrf_token": components.csrf.token_for(seed),
        "exit_url": components.exit_url,
        **(context or {}),
    }
    response = components.templates.TemplateResponse(request, template, page, status_code=status)
    if fresh_seed is not None:
        components.cookies.set(response, components.cookies.pre_session, fresh_seed)
    return response


def keep_form(request: Request, page: FormPage) -> None:
    """Name the page to show again, words kept, if this request is refused."""
    setattr(request.state, FORM_PAGE, page)


def kept_form(request: Request) -> FormPage | None:
    """The page a route asked to show again on refusal, if any."""
    page: FormPage | None = getattr(request.state, FORM_PAGE, None)
    return page
