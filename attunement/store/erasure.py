"""Deleting one person's account without touching their partner's data (issue 5, item 4).

security-reference.md ("Deletion"): a person's own rows go; shared dialogue keeps the partner's
turns and loses only the leaving person's words; one partner can never delete the other's
account or copies. The person row itself stays as a nameless, unusable placeholder, because the
partner's dialogues still name who sat opposite them.
"""

from __future__ import annotations

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from attunement.domain.ids import PersonId
from attunement.store.couples import CoupleRow
from attunement.store.dialogue import TurnRow
from attunement.store.people import PersonRow, WebSessionRow

UNUSABLE_PASSWORD_HASH = "!"  # noqa: S105 - not a secret: it matches no password at all
FORMER_NAME = "A former member"


class ErasureRepository:
    """The parts of account deletion that reach beyond the person's own tables."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def leave_couple(self, person: PersonId) -> None:
        """Take ``person`` out of their couple; the partner keeps the couple and its history."""
        self._session.execute(
            update(CoupleRow).where(CoupleRow.partner_b == person).values(partner_b=None)
        )
        couple = self._session.scalar(select(CoupleRow).where(CoupleRow.partner_a == person))
        if couple is not None and couple.partner_b is not None:
            # The partner who stays becomes the couple's first member; alone, the placeholder
            # stays where it is, so the couple's dialogues keep their history.
            couple.partner_a, couple.partner_b = couple.partner_b, None
            self._session.flush()

    def redact_turns(self, person: PersonId) -> None:
        """Blank ``person``'s own words in every dialogue; the partner's turns stay as they are."""
        self._session.execute(
            update(TurnRow).where(TurnRow.speaker_id == person).values(text="", analysis=None)
        )

    def retire(self, person: PersonId) -> None:
        """End every session and leave a placeholder that no one can log in to."""
        self._session.execute(delete(WebSessionRow).where(WebSessionRow.person_id == person))
        self._session.execute(
            update(PersonRow)
            .where(PersonRow.id == person)
            .values(
                username=f"deleted-{person}",
                display_name=FORMER_NAME,
                password_hash=UNUSABLE_PASSWORD_HASH,
            )
        )
