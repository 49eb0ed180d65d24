"""The short private check before a Parent-Child Dialogue (domain.md §2.2, §4).

Before a person speaks as their younger self, they say privately whether the material is known
trauma and how stirred up they are (0 to 10). Known trauma or "not sure" earns a recommendation to
do it with a therapist, and a refusal to start alone where the couple's therapist asked for
that; distress above the limit is a soft pause: not now, perhaps with a therapist. Nothing here
is shown to the partner.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from attunement.domain.errors import InvalidInput, MoveNotAllowed

DISTRESS_MAX: Final = 10
DISTRESS_LIMIT: Final = 7  # above this, a soft pause (§2.2 "above a threshold")


class TraumaAnswer(StrEnum):
    NO = "no"
    YES = "yes"
    UNSURE = "unsure"


class Advice(StrEnum):
    GO = "go"
    WITH_THERAPIST = "with_therapist"  # recommended, not required


@dataclass(frozen=True, slots=True)
class PreCheck:
    trauma: TraumaAnswer
    distress: int

    def __post_init__(self) -> None:
        distress_rating(self.distress)


def distress_rating(value: int) -> int:
    """``value`` if it is on the 0 to 10 scale; InvalidInput otherwise."""
    if not 0 <= value <= DISTRESS_MAX:
        raise InvalidInput("parent_child.distress_range", limit=DISTRESS_MAX)
    return value


def soft_pause_due(distress: int) -> bool:
    """Whether a distress rating asks for a soft pause."""
    return distress > DISTRESS_LIMIT


def advise(check: PreCheck, *, supervised_only: bool) -> Advice:
    """Whether to start, and with what recommendation.

    Raises:
        MoveNotAllowed: ``parent_child.soft_pause`` when distress is above the limit;
            ``parent_child.therapist_only`` for trauma or "not sure" when the couple's
            therapist asked that this exercise wait for a session.
    """
    if soft_pause_due(check.distress):
        raise MoveNotAllowed("parent_child.soft_pause")
    if check.trauma is TraumaAnswer.NO:
        return Advice.GO
    if supervised_only:
        raise MoveNotAllowed("parent_child.therapist_only")
    return Advice.WITH_THERAPIST
