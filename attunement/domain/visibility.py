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


class Sharing(StrEnum):
    """What an owner may do about who sees one item: every change is theirs alone, at once.

    An item reaches at most one audience (``Visibility``), so sharing with one audience takes
    it from the other. ``UNSHARE`` takes it back from whoever had it; a ``REVOKE_*`` takes it
    back from that audience only and leaves any other share as it was (security-reference.md
    §6: either partner may revoke sharing unilaterally, with immediate effect).
    """

    SHARE_WITH_PARTNER = "share_with_partner"
    SHARE_WITH_THERAPIST = "share_with_therapist"
    UNSHARE = "unshare"
    REVOKE_PARTNER = "revoke_partner"
    REVOKE_THERAPIST = "revoke_therapist"

    @classmethod
    def toward(cls, visibility: Visibility) -> Sharing:
        """The change that leaves an item at ``visibility`` from any state (the share form)."""
        return _TOWARD[visibility]


_TOWARD = {
    Visibility.PRIVATE: Sharing.UNSHARE,
    Visibility.SHARED_WITH_PARTNER: Sharing.SHARE_WITH_PARTNER,
    Visibility.SHARED_WITH_THERAPIST: Sharing.SHARE_WITH_THERAPIST,
}
_SETS = {change: visibility for visibility, change in _TOWARD.items()}
_REVOKED = {
    Sharing.REVOKE_PARTNER: Visibility.SHARED_WITH_PARTNER,
    Sharing.REVOKE_THERAPIST: Visibility.SHARED_WITH_THERAPIST,
}


class NotTheOwner(Exception):
    """Someone other than an item's owner tried to change who sees it (a bug upstream)."""


def reshared(item: Owned, *, by: PersonId, change: Sharing) -> Visibility:
    """The item's visibility once ``by`` makes ``change``; only the owner may make one.

    Raises:
        NotTheOwner: ``by`` does not own ``item``. The services never get here for another's
            item (for them it does not exist); this guards the rule in one place.
    """
    if by != item.owner:
        raise NotTheOwner
    if change in _REVOKED:
        revoked = item.visibility is _REVOKED[change]
        return Visibility.PRIVATE if revoked else item.visibility
    return _SETS[change]
