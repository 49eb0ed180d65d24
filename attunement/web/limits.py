"""Rate limits on log-in, sign-up and invite codes that cannot lock a person out (issue 6).

Two windows of one minute each (ASVS 6.1.1, OWASP credential stuffing): attempts per client
address, and *failed* log-ins per account. The per-account limit is what an attacker could use
to lock someone out, so it does not apply to a browser that has already logged in to that
account: it carries a signed "known device" cookie (the OWASP device-cookie pattern). The
person's own phone still gets in while someone else hammers their username.
"""

import hashlib
import hmac
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable

WINDOW_SECONDS = 60.0


class RateLimiter:
    """Sliding one-minute windows kept in memory (one process; Redis would share them)."""

    def __init__(
        self, per_minute: int = 10, now: Callable[[], float] = time.monotonic, secret: bytes = b""
    ) -> None:
        self.per_minute = per_minute
        self._now = now
        self._secret = secret or hashlib.sha256(str(id(self)).encode()).digest()
        self._lock = threading.Lock()
        self._hits: defaultdict[str, deque[float]] = defaultdict(deque)

    def allow(self, key: str) -> bool:
        """Count one attempt for ``key``; False when it is over the limit."""
        with self._lock:
            hits = self._recent(key)
            if len(hits) >= self.per_minute:
                return False
            hits.append(self._now())
            return True

    def over(self, key: str) -> bool:
        """Whether ``key`` is at the limit, without counting an attempt."""
        with self._lock:
            return len(self._recent(key)) >= self.per_minute

    def count(self, key: str) -> None:
        """Record an attempt for ``key`` (a failed log-in)."""
        with self._lock:
            self._recent(key).append(self._now())

    def device_token(self, username: str) -> str:
        """The value of the known-device cookie for ``username``."""
        return hmac.new(self._secret, username.lower().encode(), hashlib.sha256).hexdigest()

    def known_device(self, username: str, offered: str | None) -> bool:
        return offered is not None and hmac.compare_digest(self.device_token(username), offered)

    def _recent(self, key: str) -> deque[float]:
        hits = self._hits[key]
        cutoff = self._now() - WINDOW_SECONDS
        while hits and hits[0] <= cutoff:
            hits.popleft()
        return hits
