"""Reading our own pages in tests: the CSRF token, a move's form, the invitation code."""

import re
from typing import Protocol

from fastapi.testclient import TestClient

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
FIELD = re.compile(r'<input type="hidden" name="(\w+)" value="([^"]*)">')


class Address(Protocol):
    @property
    def path(self) -> str: ...


class Page(Protocol):
    """What the tests read of a response (TestClient's own type lives in httpx2)."""

    @property
    def text(self) -> str: ...

    @property
    def status_code(self) -> int: ...

    @property
    def url(self) -> Address: ...


def csrf_of(response: Page) -> str:
    """The CSRF token of the first form on a page."""
    found = TOKEN.search(response.text)
    assert found, "the page has no form with a CSRF token"
    return found.group(1)


def move_fields(response: Page, move: str) -> dict[str, str]:
    """The hidden fields of the form for ``move`` on a dialogue page."""
    marker = f'name="move" value="{move}"'
    at = response.text.find(marker)
    assert at >= 0, f"no form for {move} on this page"
    start = response.text.rfind("<form", 0, at)
    end = response.text.find("</form>", at)
    return dict(FIELD.findall(response.text[start:end]))


def make_move(client: TestClient, dialogue: str, move: str, text: str | None = None) -> Page:
    """Make ``move`` through the form on the current page, as a browser would."""
    fields = move_fields(client.get(f"/dialogues/{dialogue}"), move)
    if text is not None:
        fields["text"] = text
    return client.post(f"/dialogues/{dialogue}/moves", data=fields)


def invitation_code(response: Page) -> str:
    """The one-time code on the invitation page."""
    found = re.search(r'class="code"[^>]*>([^<]+)<', response.text)
    assert found, "the page shows no invitation code"
    return found.group(1).strip()
