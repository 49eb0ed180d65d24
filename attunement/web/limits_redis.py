"""Rate-limit windows in Redis, shared by every app process (issue 6; issue 7's ``--workers``).

One sorted set per key, scored by Redis's own clock in milliseconds, so workers whose clocks
disagree still share one window. A Lua script trims the window, counts it and adds the attempt
in one step: Redis runs a script atomically, so two workers racing for the last try cannot both
get it. Each set expires a minute after its last attempt.

Keys are an HMAC of what they limit (``login:<address>``, ``account:<username>``) under a key
derived from the server secret, so Redis never holds a username or an address in the clear.

If Redis cannot be reached, the limit falls back to this process's memory and says so in the
log: a limit per process is weaker, but refusing everyone, or no one, would be worse.
"""

import hashlib
import hmac
import logging
import secrets

import redis

from attunement.web.limits import WINDOW_SECONDS, MemoryWindows, derived_key

PREFIX = "attunement:limit:"
TIMEOUT_SECONDS = 1.0
log = logging.getLogger(__name__)

#: KEYS[1] the window; ARGV: window in ms, limit (0: none), member ("" only reads the size).
HIT = """
local now = redis.call('TIME')
local now_ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local window = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now_ms - window)
local held = redis.call('ZCARD', KEYS[1])
local limit = tonumber(ARGV[2])
if ARGV[3] ~= '' and (limit == 0 or held < limit) then
    redis.call('ZADD', KEYS[1], now_ms, ARGV[3])
    redis.call('PEXPIRE', KEYS[1], window)
end
return held
"""


class RedisWindows:
    """``Windows`` on Redis; this process's memory stands in while Redis is unreachable."""

    def __init__(self, url: str, *, secret: bytes, prefix: str = PREFIX) -> None:
        # A log-in must not hang on an unreachable Redis: give up soon and use the fallback.
        self._client = redis.Redis.from_url(
            url, socket_timeout=TIMEOUT_SECONDS, socket_connect_timeout=TIMEOUT_SECONDS
        )
        self._script = self._client.register_script(HIT)
        self._key = derived_key(secret, b"rate limit keys")
        self._prefix = prefix
        self._fallback = MemoryWindows()

    def hit(self, key: str, limit: int) -> int:
        """Count one attempt unless ``limit`` was reached; how many the window held."""
        try:
            return self._run(key, limit, secrets.token_hex(8))
        except redis.RedisError:
            log.warning("rate limits are per process while Redis is unreachable")
            return self._fallback.hit(key, limit)

    def size(self, key: str) -> int:
        """How many attempts the window holds now."""
        try:
            return self._run(key, 0, "")
        except redis.RedisError:
            log.warning("rate limits are per process while Redis is unreachable")
            return self._fallback.size(key)

    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()

    def _run(self, key: str, limit: int, member: str) -> int:
        name = self._prefix + hmac.new(self._key, key.encode(), hashlib.sha256).hexdigest()
        held = self._script(keys=[name], args=[int(WINDOW_SECONDS * 1000), limit, member])
        return int(held)
