"""Schemathesis over the OpenAPI schema, as each role: no input makes the server fail.

The schema is served only by an app built with ``openapi=True`` (tests); production has none.
For every operation and every role (A, B, C, T2, anonymous) Hypothesis draws requests from the
schema, sends them with that role's session cookie and CSRF header, and checks the answer is
never a 5xx (security-reference.md §4.1 S5). Ending sessions and deleting accounts go last.
"""

from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attunement.web.app import create_app
from tests.figures import record
from tests.web.forms import csrf_of

EXAMPLES = 8
LAST = {"/account/sessions/end-all": 1, "/exit": 1, "/logout": 1, "/account/delete": 2}
COUNTS = {"requests": 0, "server_errors": 0}


@pytest.fixture
def app(settings, analyzer):
    return create_app(settings, analyzer=analyzer, openapi=True)


def test_production_serves_no_schema(settings, analyzer):
    with TestClient(create_app(settings, analyzer=analyzer)) as production:
        assert production.get("/openapi.json").status_code == 404


def test_the_test_app_serves_the_schema(app):
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)

    assert len(list(schema.get_all_operations())) >= 20


def credentials(client_for, persona, client) -> tuple[dict[str, str], dict[str, str]]:
    """(cookies, headers) a browser of ``persona`` (None: anonymous) sends."""
    browser = client if persona is None else client_for(persona)
    home = browser.get("/")
    page = home if 'name="csrf_token"' in home.text else browser.get("/login")
    return dict(browser.cookies), {"x-csrf-token": csrf_of(page)}


def operations(app) -> list[Any]:
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    found: list[Any] = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
    return sorted(found, key=lambda op: (LAST.get(op.path, 0), op.path, op.method))


def fuzz(operation, cookies: dict[str, str], headers: dict[str, str], failures: list[str]) -> None:
    """Send ``EXAMPLES`` drawn requests to ``operation``; note every 5xx."""

    @settings(
        max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(data=st.data())
    def send(data):
        case = data.draw(operation.as_strategy())
        response = case.call(cookies=cookies, headers=headers)
        COUNTS["requests"] += 1
        if response.status_code >= 500:
            COUNTS["server_errors"] += 1
            failures.append(f"{case.method} {case.formatted_path}: {response.status_code}")

    send()


@pytest.mark.slow
@pytest.mark.parametrize("role", ["A", "B", "C", "T2", "anon"])
def test_no_request_from_any_role_is_a_server_error(role, app, client_for, client, request):
    names = {"A": "sam", "B": "alex", "C": "casey", "T2": "morgan"}
    persona = None if role == "anon" else request.getfixturevalue(names[role])
    request.getfixturevalue("dialogue")  # the couple has a dialogue to aim at
    failures: list[str] = []
    for operation in operations(app):
        cookies, headers = credentials(client_for, persona, client)
        fuzz(operation, cookies, headers, failures)
    if role == "anon":
        record("S5 schemathesis, 5 roles", examples_per_operation=EXAMPLES, **COUNTS)
    assert failures == []
