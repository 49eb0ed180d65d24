"""Turn-taking tables shared by the two-person exercises (domain.md §0, §2).

Every exercise is a table from ``(step, move)`` to a ``Transition``: who may make the move, where
it leads and whether it carries words. ``Rules`` reads such a table once for all exercises, so the
refusals (a move outside the table, a move out of turn, words missing or too long) read the same
everywhere and only the table differs. Steps and moves stay each exercise's own ``StrEnum``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Generic, TypeVar

from attunement.domain.errors import InvalidInput, MoveNotAllowed, NotYourMove
from attunement.domain.ids import PersonId

MAX_TEXT = 2000  # a turn is "a few sentences"; far longer is a paragraph to split (§2.1)

StepT = TypeVar("StepT", bound=StrEnum)
MoveT = TypeVar("MoveT", bound=StrEnum)


class Role(StrEnum):
    SENDER = "sender"
    RECEIVER = "receiver"
    EITHER = "either"


class Text(StrEnum):
    """Whether a move carries words, and whether they may be left out."""

    NONE = "none"
    REQUIRED = "required"
    OPTIONAL = "optional"


@dataclass(frozen=True, slots=True)
class Transition(Generic[StepT]):
    by: Role
    to: StepT
    text: Text = Text.NONE


@dataclass(frozen=True, slots=True)
class Pair:
    """The two people of a run in their current roles."""

    sender: PersonId
    receiver: PersonId

    def person_in(self, role: Role) -> PersonId:
        """Who holds ``role`` (``EITHER`` is answered with the sender)."""
        return self.receiver if role is Role.RECEIVER else self.sender

    def check_member(self, by: PersonId, step: StrEnum) -> None:
        """Refuse anyone outside the pair, in the same words as a move out of turn."""
        if by not in (self.sender, self.receiver):
            raise NotYourMove(step=step.value)

    def may_act(self, role: Role, by: PersonId) -> bool:
        """Whether ``by`` may make a move that belongs to ``role``."""
        return by in (self.sender, self.receiver) and (
            role is Role.EITHER or by == self.person_in(role)
        )


@dataclass(frozen=True, slots=True)
class Rules(Generic[StepT, MoveT]):
    """One exercise's table plus the text limits of its moves."""

    table: Mapping[tuple[StepT, MoveT], Transition[StepT]]
    limits: Mapping[MoveT, int] = field(default_factory=dict)

    def arrow(
        self, step: StepT, move: MoveT, by: PersonId, pair: Pair, text: str | None
    ) -> Transition[StepT]:
        """The transition ``by`` takes with ``move``, after every check of the table.

        Raises:
            MoveNotAllowed: the move is not legal at this step.
            NotYourMove: the move is legal, but it is the other person's to make.
            InvalidInput: the words are missing, empty or too long.
        """
        pair.check_member(by, step)
        transition = self.table.get((step, move))
        if transition is None:
            raise MoveNotAllowed(step=step.value, move=move.value)
        if not pair.may_act(transition.by, by):
            raise NotYourMove(step=step.value, move=move.value)
        check_text(transition.text, text, limit=self.limits.get(move, MAX_TEXT))
        return transition

    def moves_for(self, step: StepT, by: PersonId, pair: Pair) -> list[MoveT]:
        """The table's moves ``by`` may make at ``step``, in table order."""
        return [
            move for (at, move), t in self.table.items() if at is step and pair.may_act(t.by, by)
        ]

    def owner(self, step: StepT, pair: Pair) -> PersonId | None:
        """The one person every move at ``step`` belongs to; None when either or nobody."""
        roles = {t.by for (at, _), t in self.table.items() if at is step}
        if len(roles) != 1 or Role.EITHER in roles:
            return None
        return pair.person_in(roles.pop())

    def needs_text(self, step: StepT, move: MoveT) -> Text:
        """Whether ``move`` at ``step`` carries words."""
        transition = self.table.get((step, move))
        return Text.NONE if transition is None else transition.text


def check_text(rule: Text, text: str | None, *, limit: int = MAX_TEXT) -> None:
    """Refuse missing, blank or overlong words where a move needs them."""
    words = (text or "").strip()
    if rule is Text.REQUIRED and not words:
        raise InvalidInput("turn.empty")
    if len(words) > limit:
        raise InvalidInput("turn.too_long", limit=limit, length=len(words))
