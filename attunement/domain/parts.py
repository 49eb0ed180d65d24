"""Parts, burdens, relations and Self-energy: the IFS vocabulary as data (domain.md §1.2, §3.4).

Self is not a part, so there is no ``Part`` for it and no class named after it: Self-energy is
measured (``SelfEnergy``, the 8 Cs of §2.11) and drawn at the centre of the map. Roles are the
person's own guesses and may stay ``UNKNOWN``. Everything here is private until its owner shares
it, one part at a time (``visibility.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Final

from attunement.domain.errors import InvalidInput
from attunement.domain.ids import PartId, PersonId
from attunement.domain.visibility import Visibility

MAX_NAME: Final = 60
MAX_FIELD: Final = 1000
MAX_LIST: Final = 20  # triggers or burdens on one card; more belongs in a journal
MAX_TRUST: Final = 3
RATING_MAX: Final = 4  # §2.11: "a small scale (e.g. 0 to 4)"


class PartRole(StrEnum):
    MANAGER = "manager"
    FIREFIGHTER = "firefighter"
    EXILE = "exile"
    UNKNOWN = "unknown"

    @property
    def protects(self) -> bool:
        """Managers and firefighters are the two families of protectors (§1.2)."""
        return self in (PartRole.MANAGER, PartRole.FIREFIGHTER)


class CardField(StrEnum):
    """The free-text lines of a part's card; the 6 Fs answers fill them (§2.6 "What to store")."""

    BODY_LOCATION = "body_location"
    DESCRIPTION = "description"
    FELT_AGE = "felt_age"
    DOES = "does"
    FEARS = "fears"


class Permission(StrEnum):
    """Whether a protector allows going further toward what it protects (gate for §2.7)."""

    NONE = "none"
    ASKED = "asked"
    GRANTED = "granted"
    REFUSED = "refused"


class BurdenKind(StrEnum):
    FEELING = "feeling"
    BELIEF = "belief"
    SENSATION = "sensation"


class BurdenOrigin(StrEnum):
    PERSONAL = "personal"
    LEGACY = "legacy"


class BurdenStatus(StrEnum):
    CARRIED = "carried"
    WITNESSED = "witnessed"
    RELEASED = "released"  # only a therapist-led unburdening sets this (§3.4)


class RelationKind(StrEnum):
    PROTECTS = "protects"
    POLARIZED_WITH = "polarized_with"
    CONCERNED_ABOUT = "concerned_about"
    TRIGGERS_PARTNER_PART = "triggers_partner_part"


class SelfQuality(StrEnum):
    """The 8 Cs, signs that Self is present (§1.2)."""

    CURIOSITY = "curiosity"
    CALM = "calm"
    CLARITY = "clarity"
    COMPASSION = "compassion"
    CONFIDENCE = "confidence"
    COURAGE = "courage"
    CREATIVITY = "creativity"
    CONNECTEDNESS = "connectedness"


def clean_text(text: str | None, *, limit: int = MAX_FIELD, key: str = "part.field") -> str:
    """The stripped text, refused when longer than ``limit``."""
    words = (text or "").strip()
    if len(words) > limit:
        raise InvalidInput(f"{key}_too_long", limit=limit, length=len(words))
    return words


@dataclass(frozen=True, slots=True)
class Burden:
    kind: BurdenKind
    description: str
    origin: BurdenOrigin = BurdenOrigin.PERSONAL
    status: BurdenStatus = BurdenStatus.CARRIED

    @staticmethod
    def carried(kind: BurdenKind, description: str, origin: BurdenOrigin) -> Burden:
        """A burden as first noticed; its words are required."""
        words = clean_text(description, key="part.burden")
        if not words:
            raise InvalidInput("part.burden_empty")
        return Burden(kind=kind, description=words, origin=origin)


@dataclass(frozen=True, slots=True)
class Part:
    """One part of one person, as that person describes it (§3.4)."""

    id: PartId
    owner: PersonId
    name: str
    role: PartRole = PartRole.UNKNOWN
    body_location: str = ""
    description: str = ""
    felt_age: str = ""
    does: str = ""
    fears: str = ""
    triggers: tuple[str, ...] = ()
    burdens: tuple[Burden, ...] = ()
    trust_level: int = 0
    permission: Permission = Permission.NONE
    visibility: Visibility = Visibility.PRIVATE

    @staticmethod
    def named(part_id: PartId, owner: PersonId, name: str, role: PartRole) -> Part:
        """A new, private part with the name its owner chose."""
        return Part(id=part_id, owner=owner, name=check_name(name), role=role)

    def renamed(self, name: str, role: PartRole) -> Part:
        return replace(self, name=check_name(name), role=role)

    def with_answer(self, field: CardField, text: str | None) -> Part:
        """The card with one line rewritten (an empty answer clears it)."""
        changes: dict[str, str] = {field.value: clean_text(text)}
        return replace(self, **changes)  # type: ignore[arg-type]

    def with_trigger(self, text: str) -> Part:
        words = clean_text(text, key="part.trigger")
        if not words:
            raise InvalidInput("part.trigger_empty")
        if len(self.triggers) >= MAX_LIST:
            raise InvalidInput("part.list_full", limit=MAX_LIST)
        return replace(self, triggers=(*self.triggers, words))

    def with_burden(self, burden: Burden) -> Part:
        if len(self.burdens) >= MAX_LIST:
            raise InvalidInput("part.list_full", limit=MAX_LIST)
        return replace(self, burdens=(*self.burdens, burden))

    def with_trust(self, level: int) -> Part:
        if not 0 <= level <= MAX_TRUST:
            raise InvalidInput("part.trust_range", limit=MAX_TRUST)
        return replace(self, trust_level=level)

    def with_burdens_released(self) -> Part:
        """Every burden set down; only a therapist-led unburdening calls this (§3.4)."""
        released = tuple(replace(b, status=BurdenStatus.RELEASED) for b in self.burdens)
        return replace(self, burdens=released)

    def with_permission(self, permission: Permission) -> Part:
        """A protector's answer about going further is recorded, never overridden (§2.6)."""
        return replace(self, permission=permission)

    def shared_as(self, visibility: Visibility) -> Part:
        return replace(self, visibility=visibility)

    def card(self) -> Mapping[CardField, str]:
        """The card's free-text lines, in the order a person reads them."""
        return {field: getattr(self, field.value) for field in CardField}


def check_name(name: str | None) -> str:
    """A part's name: the owner's own words, short enough to label a map."""
    words = clean_text(name, limit=MAX_NAME, key="part.name")
    if not words:
        raise InvalidInput("part.name_empty")
    return words


@dataclass(frozen=True, slots=True)
class Relation:
    """A line on the map between two parts; ``cross_person`` links partners' parts (IFIO)."""

    from_part: PartId
    to_part: PartId
    kind: RelationKind

    @staticmethod
    def between(a: Part, b: Part, kind: RelationKind) -> Relation:
        """A relation drawn by the owner of ``a``; only a cross-person kind may join two people.

        Raises:
            InvalidInput: a part related to itself, or the kind does not fit the owners.
        """
        if a.id == b.id:
            raise InvalidInput("part.relation_to_itself")
        cross = kind is RelationKind.TRIGGERS_PARTNER_PART
        if cross == (a.owner == b.owner):
            raise InvalidInput("part.relation_kind")
        return Relation(from_part=a.id, to_part=b.id, kind=kind)

    @property
    def cross_person(self) -> bool:
        """True for IFIO links between partners; shown only when both parts are visible."""
        return self.kind is RelationKind.TRIGGERS_PARTNER_PART


@dataclass(frozen=True, slots=True)
class SelfEnergy:
    """One rating per C on 0..4; a self-observation aid, not a clinical score (§2.11, §7.10)."""

    ratings: tuple[int, ...]

    def __post_init__(self) -> None:
        if len(self.ratings) != len(SelfQuality):
            raise InvalidInput("check_in.ratings_count", limit=len(SelfQuality))
        if any(not 0 <= r <= RATING_MAX for r in self.ratings):
            raise InvalidInput("check_in.rating_range", limit=RATING_MAX)

    @staticmethod
    def rated(ratings: Mapping[SelfQuality, int]) -> SelfEnergy:
        """Ratings by quality; a quality left out counts as 0 (not noticed right now)."""
        return SelfEnergy(tuple(ratings.get(quality, 0) for quality in SelfQuality))

    def of(self, quality: SelfQuality) -> int:
        return self.ratings[list(SelfQuality).index(quality)]

    def mean(self) -> float:
        return sum(self.ratings) / len(self.ratings)

    def lowest(self) -> tuple[SelfQuality, ...]:
        """The qualities rated lowest, for a gentle "which part is here?" prompt."""
        floor = min(self.ratings)
        return tuple(q for q, r in zip(SelfQuality, self.ratings, strict=True) if r == floor)
