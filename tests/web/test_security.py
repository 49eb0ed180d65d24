"""Security headers on every response, and CSRF on every state-changing request."""

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette.routing import BaseRoute

from attunement.web.deps import CSRF_EXEMPT
from tests.web.forms import csrf_of

HEADERS = {
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}


@pytest.mark.parametrize("path", ["/", "/login", "/signup", "/static/app.css", "/no-such-page"])
def test_every_response_carries_the_security_headers(path, client):
    response = client.get(path)

    for name, value in HEADERS.items():
        assert response.headers[name] == value
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy


def routes_of(router: Any) -> Iterator[BaseRoute]:
    for route in router.routes:
        included = getattr(route, "original_router", None)  # FastAPI wraps included routers
        yield from routes_of(included) if included is not None else [route]


def post_paths(app: FastAPI) -> list[str]:
    return sorted(
        route.path.replace("{dialogue_id}", "any")
        for route in routes_of(app)
        if isinstance(route, APIRoute)
        and "POST" in (route.methods or ())
        and route.path not in CSRF_EXEMPT  # the quick exit: tests/web/test_privacy.py
    )


def test_the_app_has_post_routes_to_check(app):
    assert len(post_paths(app)) >= 7


def test_every_post_without_a_token_is_403(app, client_for, sam):
    client = client_for(sam)
    for path in post_paths(app):
        response = client.post(path, data={"move": "mirror", "text": "hello"})

        assert response.status_code == 403, path
        assert "This form has expired or came from somewhere else" in response.text


def test_a_token_from_another_session_is_403(client_for, sam, casey):
    caseys_token = csrf_of(client_for(casey).get("/"))

    response = client_for(sam).post("/invite", data={"csrf_token": caseys_token})

    assert response.status_code == 403


def test_a_cross_site_post_is_403_even_with_a_token(client_for, sam):
    client = client_for(sam)
    token = csrf_of(client.get("/"))

    response = client.post(
        "/invite", data={"csrf_token": token}, headers={"sec-fetch-site": "cross-site"}
    )

    assert response.status_code == 403


def test_the_same_post_with_its_token_goes_through(client_for, sam):
    client = client_for(sam)

    response = client.post("/invite", data={"csrf_token": csrf_of(client.get("/"))})

    assert response.status_code == 200
    assert "Invitation code" in response.text


def test_the_token_can_travel_in_a_header(client_for, sam):
    client = client_for(sam)
    token = csrf_of(client.get("/"))

    response = client.post("/invite", headers={"x-csrf-token": token})

    assert response.status_code == 200
