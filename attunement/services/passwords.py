"""Password hashing with Argon2id (security-reference.md §1.6, OWASP password storage).

The cost comes from settings at the edge; tests lower it but never skip the check.
"""

from typing import Protocol

import argon2
from argon2.exceptions import InvalidHashError, VerificationError


class Hasher(Protocol):
    def hash(self, password: str) -> str:
        """A salted hash of ``password`` to store."""
        ...

    def verify(self, password_hash: str, password: str) -> bool:
        """True when ``password`` matches ``password_hash``."""
        ...

    def needs_rehash(self, password_hash: str) -> bool:
        """True when ``password_hash`` was made with weaker or other settings."""
        ...


class PasswordHasher:
    """Argon2id with one lane, so a small memory cost is allowed in tests."""

    def __init__(self, time_cost: int, memory_kib: int) -> None:
        self._argon2 = argon2.PasswordHasher(
            time_cost=time_cost, memory_cost=memory_kib, parallelism=1, type=argon2.Type.ID
        )

    def hash(self, password: str) -> str:
        """A salted Argon2id hash of ``password``."""
        return self._argon2.hash(password)

    def verify(self, password_hash: str, password: str) -> bool:
        """True when ``password`` matches; a damaged hash is a mismatch, not a crash."""
        try:
            return self._argon2.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, password_hash: str) -> bool:
        """True when ``password_hash`` was made with other cost settings than these."""
        try:
            return self._argon2.check_needs_rehash(password_hash)
        except InvalidHashError:
            return True
