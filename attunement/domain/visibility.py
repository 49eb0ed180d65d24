"""Who may see what: private by default, shared one item at a time (domain.md §3, §3.4).

The rule is written twice — here as a pure function, and as a SQL filter in the repositories —
and a property test on random worlds keeps the two in agreement (style.md §6). The partner is
the adversary we design for (security-reference.md §0): sharing with the therapist shows an
item to the therapist and to nobody else, and the partner never learns an item exists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

from attunement.domain.ids import PersonId


class Visibility(StrEnum):
    PRIVATE = "private"
    SHARED_WITH_PARTNER = "shared_with_partner"
    SHARED_WITH_THERAPIST = "shared_with_therapist"


class Owned(Protocol):
    """Anything a person owns and may share: a part, a check-in, a U-turn record."""

    @property
    def owner(self) -> PersonId: ...

    @property
    def visibility(self) -> Visibility: ...


@dataclass(frozen=True, slots=True)
class Viewer:
    """A person and the people whose shared items may reach them.

    ``partners`` holds the people this viewer is in a couple with, ``clients`` the partners of
    the couples that invited this viewer as their therapist; both come from the couple records.
    """

    person: PersonId
    partners: frozenset[PersonId] = field(default_factory=frozenset)
    clients: frozenset[PersonId] = field(default_factory=frozenset)


def may_see(viewer: Viewer, item: Owned) -> bool:
    """True when ``viewer`` may read ``item``: its owner, or the one audience it was shared with."""
    if item.owner == viewer.person:
        return True
    if item.visibility is Visibility.SHARED_WITH_PARTNER:
        return item.owner in viewer.partners
    if item.visibility is Visibility.SHARED_WITH_THERAPIST:
        return item.owner in viewer.clients
    return False
