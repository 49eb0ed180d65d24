"""The Imago Workup as a state machine for one person (domain.md §2.4).

The owner consents, then fills short lists one step at a time: who raised them, those people's
positive and negative traits as experienced in childhood (marking the most influential), what they
most wanted and did not get, recurring frustrations, the feelings and their own reactions. The
synthesis step offers a draft ``imago`` summary (``domain/imago.py``) that the owner may edit;
the optional partner profile lists the partner's traits, which ``domain/imago.py`` compares with
the caregivers' only when both partners have consented. Everything here is private by default.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Final

from attunement.domain.errors import InvalidInput, MoveNotAllowed
from attunement.domain.ids import PersonId
from attunement.domain.imago import Entry, EntryKind, draft_synthesis
from attunement.domain.steps import MAX_TEXT, Pair, Role, Rules, Text, Transition, check_text

MAX_ENTRY = 200
MAX_ENTRIES = 30  # per list: short words are enough (§2.4)


class Step(StrEnum):
    INTRO_CONSENT = "INTRO_CONSENT"
    CAREGIVERS = "CAREGIVERS"
    POSITIVE_TRAITS = "POSITIVE_TRAITS"
    NEGATIVE_TRAITS = "NEGATIVE_TRAITS"
    WANTED_MOST = "WANTED_MOST"
    FRUSTRATIONS = "FRUSTRATIONS"
    FEELINGS = "FEELINGS"
    REACTIONS = "REACTIONS"
    SYNTHESIS = "SYNTHESIS"
    PARTNER_POSITIVE = "PARTNER_POSITIVE"
    PARTNER_NEGATIVE = "PARTNER_NEGATIVE"
    DONE = "DONE"


class Move(StrEnum):
    CONSENT = "consent"
    ADD = "add"
    REMOVE = "remove"
    MARK = "mark"
    NEXT = "next"
    BACK = "back"
    ACCEPT = "accept"
    SKIP = "skip"


#: The list each step fills, in order.
LISTS: Final[Mapping[Step, EntryKind]] = {
    Step.CAREGIVERS: EntryKind.CAREGIVER,
    Step.POSITIVE_TRAITS: EntryKind.POSITIVE_TRAIT,
    Step.NEGATIVE_TRAITS: EntryKind.NEGATIVE_TRAIT,
    Step.WANTED_MOST: EntryKind.WANTED,
    Step.FRUSTRATIONS: EntryKind.FRUSTRATION,
    Step.FEELINGS: EntryKind.FEELING,
    Step.REACTIONS: EntryKind.REACTION,
    Step.PARTNER_POSITIVE: EntryKind.PARTNER_POSITIVE,
    Step.PARTNER_NEGATIVE: EntryKind.PARTNER_NEGATIVE,
}
#: Lists that need at least one entry before moving on: both trait lists, so the picture is
#: never only negatives (§2.4), and the wish that gives the summary its point.
REQUIRED: Final = frozenset(
    {Step.CAREGIVERS, Step.POSITIVE_TRAITS, Step.NEGATIVE_TRAITS, Step.WANTED_MOST}
)
#: Trait lists whose entries can be marked as the most influential.
MARKABLE: Final = frozenset({Step.POSITIVE_TRAITS, Step.NEGATIVE_TRAITS})
ORDER: Final = list(Step)

OWNER = Role.SENDER  # the owner; a workup has one person, who holds every step


def _list_arrows() -> dict[tuple[Step, Move], Transition[Step]]:
    arrows: dict[tuple[Step, Move], Transition[Step]] = {}
    for step in LISTS:
        following = ORDER[ORDER.index(step) + 1]
        arrows[(step, Move.ADD)] = Transition(OWNER, step, Text.REQUIRED)
        arrows[(step, Move.REMOVE)] = Transition(OWNER, step)
        if step in MARKABLE:
            arrows[(step, Move.MARK)] = Transition(OWNER, step)
        arrows[(step, Move.NEXT)] = Transition(OWNER, following)
        arrows[(step, Move.BACK)] = Transition(OWNER, ORDER[ORDER.index(step) - 1])
    return arrows


TRANSITIONS: Final[Mapping[tuple[Step, Move], Transition[Step]]] = {
    (Step.INTRO_CONSENT, Move.CONSENT): Transition(OWNER, Step.CAREGIVERS),
    **_list_arrows(),
    (Step.SYNTHESIS, Move.ACCEPT): Transition(OWNER, Step.PARTNER_POSITIVE, Text.OPTIONAL),
    (Step.SYNTHESIS, Move.BACK): Transition(OWNER, Step.REACTIONS),
    (Step.PARTNER_POSITIVE, Move.SKIP): Transition(OWNER, Step.DONE),  # the profile is optional
    (Step.DONE, Move.BACK): Transition(OWNER, Step.PARTNER_NEGATIVE),
}
RULES: Final = Rules(TRANSITIONS, {Move.ADD: MAX_ENTRY})


@dataclass(frozen=True, slots=True)
class ImagoWorkup:
    """One person's workup; saved after every move, so it can be resumed over days."""

    owner: PersonId
    step: Step = Step.INTRO_CONSENT
    entries: tuple[Entry, ...] = ()
    synthesis: str | None = None  # the owner's own words, once accepted
    overlap_consent: bool = False  # the owner agrees to see overlaps with the partner's traits
    version: int = 0

    @property
    def pair(self) -> Pair:
        return Pair(self.owner, self.owner)

    def apply(
        self, move: Move, by: PersonId, text: str | None = None, *, index: int | None = None
    ) -> ImagoWorkup:
        """Make ``move`` as ``by``; ``index`` names the entry of this step's list to remove/mark.

        Raises:
            MoveNotAllowed: not legal now. NotYourMove: not the owner's workup.
            InvalidInput: words missing or too long, a list that is full or still empty, or an
                entry index that is not in this step's list.
        """
        transition = RULES.arrow(self.step, move, by, self.pair, text)
        words = " ".join((text or "").split())
        if move is Move.ADD:
            return self._add(words)
        if move in (Move.REMOVE, Move.MARK):
            return self._change(move, self._position(index))
        if move is Move.NEXT and self.step in REQUIRED and not self.listed(LISTS[self.step]):
            raise InvalidInput("workup.list_empty")
        if move is Move.ACCEPT:
            check_text(Text.OPTIONAL, words, limit=MAX_TEXT)
            chosen = words or draft_synthesis(self.entries)
            return replace(self, step=transition.to, synthesis=chosen, version=self.version + 1)
        return replace(self, step=transition.to, version=self.version + 1)

    def listed(self, kind: EntryKind) -> list[Entry]:
        """The entries of one list, in the order they were written."""
        return [entry for entry in self.entries if entry.kind is kind]

    def draft(self) -> str:
        """The assembled summary the synthesis step offers for editing."""
        return draft_synthesis(self.entries)

    def legal_moves(self, by: PersonId) -> list[Move]:
        """The moves the owner may make now."""
        return RULES.moves_for(self.step, by, self.pair) if by == self.owner else []

    def needs_text(self, move: Move) -> Text:
        """Whether ``move`` at this step carries words."""
        return RULES.needs_text(self.step, move)

    def with_overlap_consent(self, by: PersonId, *, consent: bool) -> ImagoWorkup:
        """Give or withdraw consent to overlaps; only the owner may, at any step."""
        if by != self.owner:
            raise MoveNotAllowed(step=self.step.value)
        return replace(self, overlap_consent=consent, version=self.version + 1)

    def _add(self, words: str) -> ImagoWorkup:
        kind = LISTS[self.step]
        if len(self.listed(kind)) >= MAX_ENTRIES:
            raise InvalidInput("workup.list_full", limit=MAX_ENTRIES)
        entry = Entry(kind=kind, text=words)
        return replace(self, entries=(*self.entries, entry), version=self.version + 1)

    def _position(self, index: int | None) -> int:
        """Where the ``index``-th entry of this step's list sits in ``entries``."""
        kind = LISTS[self.step]
        positions = [i for i, entry in enumerate(self.entries) if entry.kind is kind]
        if index is None or not 0 <= index < len(positions):
            raise InvalidInput("workup.no_such_entry")
        return positions[index]

    def _change(self, move: Move, position: int) -> ImagoWorkup:
        entries = list(self.entries)
        if move is Move.REMOVE:
            del entries[position]
        else:
            entry = entries[position]
            entries[position] = replace(entry, influential=not entry.influential)
        return replace(self, entries=tuple(entries), version=self.version + 1)
