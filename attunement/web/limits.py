"""Rate limits on log-in, sign-up and invite codes that cannot lock a person out (issue 6).

Two windows of one minute each (ASVS 6.1.1, OWASP credential stuffing): attempts per client
address, and *failed* log-ins per account. The per-account limit is what an attacker could use
to lock someone out, so it does not apply to a browser that has already logged in to that
account: it carries a signed "known device" cookie (the OWASP device-cookie pattern). The
person's own phone still gets in while someone else hammers their username.

Where the windows live is a ``Windows``: in this process's memory (``MemoryWindows``, the
embedded default) or in Redis, shared by every worker (web/limits_redis.py, chosen by
``ATTUNEMENT_REDIS_URL``), so ``--workers 4`` does not give an attacker four times the tries.
The cookie's key is derived from the server secret file every worker reads, so a cookie set by
one worker is honoured by all.
"""

import hashlib
import hmac
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable
from typing import Protocol

WINDOW_SECONDS = 60.0
#: No limit: ``Windows.hit`` counts the attempt whatever the window already holds.
UNLIMITED = 0


class Windows(Protocol):
    """Sliding one-minute windows of attempts, one per key."""

    def hit(self, key: str, limit: int) -> int:
        """How many attempts ``key``'s window held; counts one more unless that reached ``limit``.

        Atomic: two workers racing for the last try cannot both get it. ``UNLIMITED`` always
        counts.
        """
        ...

    def size(self, key: str) -> int:
        """How many attempts ``key``'s window holds now, without counting one."""
        ...

    def close(self) -> None:
        """Let go of connections; called once when the app stops."""
        ...


class MemoryWindows:
    """Windows in this process's memory: right for one process, per process for several."""

    def __init__(self, now: Callable[[], float] = time.monotonic) -> None:
        self._now = now
        self._lock = threading.Lock()
        self._hits: defaultdict[str, deque[float]] = defaultdict(deque)

    def hit(self, key: str, limit: int) -> int:
        with self._lock:
            hits = self._recent(key)
            held = len(hits)
            if limit == UNLIMITED or held < limit:
                hits.append(self._now())
            return held

    def size(self, key: str) -> int:
        with self._lock:
            return len(self._recent(key))

    def close(self) -> None:
        """Nothing to let go of."""

    def _recent(self, key: str) -> deque[float]:
        hits = self._hits[key]
        cutoff = self._now() - WINDOW_SECONDS
        while hits and hits[0] <= cutoff:
            hits.popleft()
        return hits


def derived_key(secret: bytes, purpose: bytes) -> bytes:
    """A key for one purpose from the server secret, the same in every worker that reads it."""
    return hmac.new(secret, b"attunement " + purpose, hashlib.sha256).digest()


class RateLimiter:
    """The limits the routes ask about; ``windows`` decides where the counts live."""

    def __init__(
        self,
        per_minute: int = 10,
        *,
        secret: bytes,
        windows: Windows | None = None,
        now: Callable[[], float] = time.monotonic,
    ) -> None:
        if not secret:
            raise ValueError("the known-device cookie needs the server secret")
        self.per_minute = per_minute
        self.windows = windows or MemoryWindows(now)
        self._device_key = derived_key(secret, b"known device")

    def allow(self, key: str) -> bool:
        """Count one attempt for ``key``; False when it is over the limit."""
        return self.windows.hit(key, self.per_minute) < self.per_minute

    def over(self, key: str) -> bool:
        """Whether ``key`` is at the limit, without counting an attempt."""
        return self.windows.size(key) >= self.per_minute

    def count(self, key: str) -> None:
        """Record an attempt for ``key`` (a failed log-in)."""
        self.windows.hit(key, UNLIMITED)

    def device_token(self, username: str) -> str:
        """The value of the known-device cookie for ``username``."""
        return hmac.new(self._device_key, username.lower().encode(), hashlib.sha256).hexdigest()

    def known_device(self, username: str, offered: str | None) -> bool:
        return offered is not None and hmac.compare_digest(self.device_token(username), offered)

    def close(self) -> None:
        """Let go of the windows' connections."""
        self.windows.close()
