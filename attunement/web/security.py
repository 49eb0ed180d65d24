"""Cookies, CSRF tokens and the security headers every response carries.

The browser holds only a random session token; the services keep its hash. CSRF tokens are an
HMAC of that token under the server secret, so a page from another site cannot forge one and a
token is worthless once the session ends (security-reference.md §1.6). Before log-in, forms are
bound the same way to a random pre-session cookie.
"""

import hashlib
import hmac
import os
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any, Final

from starlette.datastructures import MutableHeaders
from starlette.responses import Response

SECRET_BYTES = 32
SAFE_METHODS: Final = frozenset({"GET", "HEAD", "OPTIONS"})

CONTENT_SECURITY_POLICY: Final = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "object-src 'none'",
        "frame-ancestors 'none'",
    ]
)

SECURITY_HEADERS: Final = {
    "cache-control": "no-store",
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
}


def load_secret_key(path: Path) -> bytes:
    """Read the server secret, making a fresh one (mode 0600) on first run."""
    if path.exists():
        key = path.read_bytes()
        if len(key) < SECRET_BYTES:
            raise ValueError(f"{path} holds fewer than {SECRET_BYTES} bytes")
        return key
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(SECRET_BYTES)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as secret_file:
        secret_file.write(key)
    return key


class CookieNames:
    """Cookie names and flags; behind HTTPS they get ``Secure`` and the ``__Host-`` prefix."""

    def __init__(self, *, secure: bool) -> None:
        self.secure = secure
        prefix = "__Host-" if secure else ""
        self.session = f"{prefix}attunement_session"
        self.pre_session = f"{prefix}attunement_pre"

    def set(self, response: Response, name: str, value: str) -> None:
        """Set a cookie the page's scripts cannot read and other sites do not send on POST."""
        response.set_cookie(
            name, value, path="/", httponly=True, samesite="lax", secure=self.secure
        )

    def clear(self, response: Response, name: str) -> None:
        """Remove a cookie with the same flags it was set with."""
        response.delete_cookie(name, path="/", httponly=True, samesite="lax", secure=self.secure)


class CsrfTokens:
    """Per-session CSRF tokens derived by HMAC from the session (or pre-session) token."""

    def __init__(self, secret: bytes) -> None:
        self._key = hmac.new(secret, b"attunement csrf", hashlib.sha256).digest()

    def token_for(self, seed: str) -> str:
        """The token every form bound to ``seed`` must carry."""
        return hmac.new(self._key, seed.encode(), hashlib.sha256).hexdigest()

    def accepts(self, seed: str | None, offered: str | None) -> bool:
        """Whether ``offered`` is the token for ``seed`` (constant-time)."""
        if not seed or not offered:
            return False
        return hmac.compare_digest(self.token_for(seed), offered)


def new_token() -> str:
    """A random, URL-safe token with 256 bits of entropy."""
    return secrets.token_urlsafe(SECRET_BYTES)


Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]


def add_security_headers(headers: MutableHeaders, policy: str = CONTENT_SECURITY_POLICY) -> None:
    """Put the house security headers on one response."""
    for name, value in SECURITY_HEADERS.items():
        headers[name] = value
    headers["content-security-policy"] = policy


class SecurityHeaders:
    """Pure ASGI middleware: every HTTP response leaves with the security headers.

    ``exit_origin`` is the neutral site of the quick exit: the exit form's redirect goes there,
    so ``form-action`` must allow it (browsers apply it to a form's redirects too).
    """

    def __init__(self, app: App, exit_origin: str = "") -> None:
        self.app = app
        self.policy = CONTENT_SECURITY_POLICY
        if exit_origin:
            self.policy = self.policy.replace(
                "form-action 'self'", f"form-action 'self' {exit_origin}"
            )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                add_security_headers(MutableHeaders(scope=message), self.policy)
            await send(message)

        await self.app(scope, receive, send_with_headers)
