"""People and the couple they form (domain.md §3.1).

A person has one account; a couple holds exactly two partners once the invited partner joins.
Until then ``partner_b`` is empty and the couple is not ``complete``: joint exercises need both.
"""

from dataclasses import dataclass
from enum import StrEnum

from attunement.domain.ids import CoupleId, PersonId


class AccountKind(StrEnum):
    PARTNER = "partner"
    THERAPIST = "therapist"


@dataclass(frozen=True, slots=True)
class Person:
    id: PersonId
    username: str
    display_name: str
    kind: AccountKind


@dataclass(frozen=True, slots=True)
class Couple:
    """Two partners; ``partner_a`` made the couple by inviting, ``partner_b`` joined."""

    id: CoupleId
    partner_a: PersonId
    partner_b: PersonId | None

    def members(self) -> tuple[PersonId, ...]:
        """The partners present so far, inviter first."""
        return (self.partner_a,) if self.partner_b is None else (self.partner_a, self.partner_b)

    @property
    def complete(self) -> bool:
        """True once both partners are in; joint exercises start only then."""
        return self.partner_b is not None

    def partner_of(self, person: PersonId) -> PersonId | None:
        """The other partner of ``person``; None when absent or ``person`` is not a member."""
        if person == self.partner_a:
            return self.partner_b
        if person == self.partner_b:
            return self.partner_a
        return None
