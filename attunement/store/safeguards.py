"""Safeguards a couple's therapist sets for the couple's own work (domain.md §2.2).

One row per couple, naming the therapist who set it: a setting counts only while that
therapist is still the couple's (the services check the link), so letting a therapist go also
lets go of what they asked for.
"""

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey
from sqlalchemy.orm import Mapped, Session, mapped_column

from attunement.domain.ids import CoupleId, PersonId
from attunement.store.base import Base, UtcDateTime


class SafeguardRow(Base):
    __tablename__ = "couple_safeguards"

    couple_id: Mapped[str] = mapped_column(
        ForeignKey("couples.id", ondelete="CASCADE"), primary_key=True
    )
    therapist_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    parent_child_supervised: Mapped[bool] = mapped_column(Boolean)
    set_at: Mapped[datetime] = mapped_column(UtcDateTime())


class SafeguardRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def parent_child_supervised(self, couple: CoupleId, *, therapist: PersonId) -> bool:
        """Whether ``therapist`` asked that the Parent-Child Dialogue wait for a session."""
        row = self._session.get(SafeguardRow, couple)
        return row is not None and row.therapist_id == therapist and row.parent_child_supervised

    def set_parent_child_supervised(
        self, couple: CoupleId, *, therapist: PersonId, on: bool, now: datetime
    ) -> None:
        row = self._session.get(SafeguardRow, couple)
        if row is None:
            row = SafeguardRow(couple_id=couple)
            self._session.add(row)
        row.therapist_id = therapist
        row.parent_child_supervised = on
        row.set_at = now
        self._session.flush()
