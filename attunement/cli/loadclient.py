"""One partner's device, as the load test and the cross-process tests drive it (issue 7).

It does what the dialogue page does, through the real forms: log in (with the CSRF token of the
log-in form), read its dialogue page once for the hidden fields, make moves, open the live socket
with the page's origin and cookie, and on each "moved to version n" fetch its own panel. It is
loopback-only by construction: it talks to the addresses it is given and ignores proxy settings.

A "busy, try again" answer (503 with ``Retry-After``) is what a browser's person would see and
send again: the device waits as told and resends the same request (a move keeps its
``move_key``, so it is made once), counting it in ``retried`` rather than as an error.
"""

import asyncio
import re
import secrets
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
from websockets.asyncio.client import ClientConnection, connect

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
ACTING_AS = re.compile(r'name="acting_as" value="([^"]+)"')
VERSION = re.compile(r'data-version="(\d+)"')
SESSION_COOKIE = "attunement_session"
TIMEOUT_SECONDS = 30.0
KEEP_IDLE_SECONDS = 60.0  # as a browser does; the servers keep connections a little longer
BUSY = 503
LONGEST_WAIT_SECONDS = 10.0  # a Retry-After longer than this is not waited out in full


class DeviceError(Exception):
    """The server answered this device with something a browser would show as an error."""

    def __init__(self, message: str, status: int = 0) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class Device:
    """A logged-in browser of one partner, against one app process."""

    base_url: str
    username: str
    password: str
    http: httpx.AsyncClient = field(init=False)
    csrf: str = ""
    acting_as: str = ""
    retried: int = 0  # requests sent again after a 503 with Retry-After

    def __post_init__(self) -> None:
        self.http = httpx.AsyncClient(
            base_url=self.base_url,
            trust_env=False,
            timeout=TIMEOUT_SECONDS,
            limits=httpx.Limits(keepalive_expiry=KEEP_IDLE_SECONDS),
        )

    async def log_in(self) -> None:
        """Log in through the real form, as a person would."""
        form = await self._get("/login")
        response = await self.http.post(
            "/login",
            data={"csrf_token": _csrf(form), "username": self.username, "password": self.password},
        )
        if response.status_code >= 400 or SESSION_COOKIE not in self.http.cookies:
            raise DeviceError(f"log-in refused for {self.username}", response.status_code)

    async def open_dialogue(self, dialogue: str) -> str:
        """Read the dialogue page once: its CSRF token and whom this device acts as."""
        page = await self._get(f"/dialogues/{dialogue}")
        self.csrf = _csrf(page)
        found = ACTING_AS.search(page)
        self.acting_as = found.group(1) if found else ""
        return page

    async def move(self, dialogue: str, move: str, version: int, text: str | None = None) -> int:
        """Make one move from ``version``; the version the dialogue reached."""
        fields = {
            "csrf_token": self.csrf,
            "move": move,
            "version": str(version),
            "move_key": secrets.token_urlsafe(12),
            "acting_as": self.acting_as,
            "text": text or "",
        }
        response = await self._send(
            "POST",
            f"/dialogues/{dialogue}/moves",
            data=fields,
            headers={"accept": "application/json"},
        )
        if response.status_code != 200:
            raise DeviceError(f"{move} refused: {response.text[:200]}", response.status_code)
        reached: int = response.json()["version"]
        return reached

    async def panel(self, dialogue: str) -> tuple[int, str]:
        """This device's own view of the dialogue now: its version and its HTML."""
        html = await self._get(f"/dialogues/{dialogue}/panel")
        found = VERSION.search(html)
        return (int(found.group(1)) if found else -1), html

    @asynccontextmanager
    async def live(self, dialogue: str, since: int = -1) -> AsyncIterator[ClientConnection]:
        """The dialogue's live socket, opened as the page opens it (same origin, same cookie)."""
        url = self.base_url.replace("http://", "ws://", 1)
        query = f"?since={since}" if since >= 0 else ""
        cookie = f"{SESSION_COOKIE}={self.http.cookies[SESSION_COOKIE]}"
        async with connect(
            f"{url}/dialogues/{dialogue}/live{query}",
            origin=self.base_url,  # type: ignore[arg-type]
            additional_headers={"cookie": cookie},
            proxy=None,
            open_timeout=TIMEOUT_SECONDS,
        ) as socket:
            yield socket

    async def close(self) -> None:
        """Let go of the HTTP connections."""
        await self.http.aclose()

    async def _send(self, method: str, path: str, **options: Any) -> httpx.Response:
        """One request; after "busy" (503, Retry-After) the same again, within the timeout."""
        deadline = time.monotonic() + TIMEOUT_SECONDS
        while True:
            response = await self.http.request(method, path, **options)
            wait = _retry_after(response)
            if wait is None or time.monotonic() + wait > deadline:
                return response
            self.retried += 1
            await asyncio.sleep(wait)

    async def _get(self, path: str) -> str:
        response = await self._send("GET", path)
        if response.status_code != 200:
            raise DeviceError(f"GET {path}", response.status_code)
        return response.text


def _retry_after(response: httpx.Response) -> float | None:
    """Seconds to wait before sending again, for a 503 that says so; None otherwise."""
    if response.status_code != BUSY:
        return None
    try:
        seconds = float(response.headers.get("retry-after", ""))
    except ValueError:
        return None
    return min(max(seconds, 0.0), LONGEST_WAIT_SECONDS)


def _csrf(page: str) -> str:
    found = TOKEN.search(page)
    if found is None:
        raise DeviceError("the page has no form with a CSRF token")
    return found.group(1)
