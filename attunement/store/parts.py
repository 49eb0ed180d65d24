"""Parts, their relations, and the guided runs of the IFS/IFIO exercises (domain.md §3.4).

Every read of a part names a ``Viewer`` and filters in SQL with the same rule as
``domain.visibility.may_see``: the owner, or the one audience the owner shared that part with.
A property test on random worlds keeps the two in agreement. Another person's private part is
simply not found, exactly like a part that never existed. The guided runs are in ``inner_runs.py``.

Every word of a part is sealed with its owner's key, column by column (issue 6). Ids, the role,
trust level, permission and visibility stay plain: the SQL filter and the map read them.
"""

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    ColumnElement,
    ForeignKey,
    Integer,
    Select,
    String,
    Text,
    UniqueConstraint,
    and_,
    false,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from attunement.domain.ids import PartId, PersonId
from attunement.domain.parts import (
    Burden,
    Part,
    PartRole,
    Permission,
    Relation,
    RelationKind,
)
from attunement.domain.visibility import Viewer, Visibility
from attunement.store.base import Base, UtcDateTime, new_id
from attunement.store.crypto import KeyDestroyed, Sealer
from attunement.store.states import from_json, to_json

PARTS = "parts"
#: The part's columns of words, each sealed with the owner's key and bound to its column.
WORDS = ("name", "body_location", "description", "felt_age", "does", "fears")
LISTS = ("triggers", "burdens")


class PartRow(Base):
    __tablename__ = "parts"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    owner_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    name: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(16))
    body_location: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text)
    felt_age: Mapped[str] = mapped_column(Text)
    does: Mapped[str] = mapped_column(Text)
    fears: Mapped[str] = mapped_column(Text)
    triggers: Mapped[Any] = mapped_column(JSON)  # sealed: {"sealed": token}
    burdens: Mapped[Any] = mapped_column(JSON)
    trust_level: Mapped[int] = mapped_column(Integer)
    permission: Mapped[str] = mapped_column(String(16))
    visibility: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class RelationRow(Base):
    __tablename__ = "part_relations"
    __table_args__ = (UniqueConstraint("from_part", "to_part", "kind"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    from_part: Mapped[str] = mapped_column(ForeignKey("parts.id", ondelete="CASCADE"), index=True)
    to_part: Mapped[str] = mapped_column(ForeignKey("parts.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


def _plain_values(part: Part) -> dict[str, object]:
    return {
        "owner_id": part.owner,
        "role": part.role.value,
        "trust_level": part.trust_level,
        "permission": part.permission.value,
        "visibility": part.visibility.value,
    }


def _words(part: Part) -> dict[str, object]:
    """The part's words by column, lists as JSON-ready values."""
    words: dict[str, object] = {name: getattr(part, name) for name in WORDS}
    words["triggers"] = list(part.triggers)
    words["burdens"] = [to_json(b) for b in part.burdens]
    return words


def may_see_clause(viewer: Viewer) -> ColumnElement[bool]:
    """``domain.visibility.may_see`` as SQL over ``PartRow``; keep the two in step."""
    shared_with = [PartRow.owner_id == viewer.person]
    if viewer.partners:
        shared_with.append(
            and_(
                PartRow.visibility == Visibility.SHARED_WITH_PARTNER.value,
                PartRow.owner_id.in_(sorted(viewer.partners)),
            )
        )
    if viewer.clients:
        shared_with.append(
            and_(
                PartRow.visibility == Visibility.SHARED_WITH_THERAPIST.value,
                PartRow.owner_id.in_(sorted(viewer.clients)),
            )
        )
    return or_(false(), *shared_with)


class PartRepository:
    """Parts and relations; every read takes the viewer, there is no unscoped read."""

    def __init__(self, session: Session, sealer: Sealer) -> None:
        self._session = session
        self._sealer = sealer

    def add(self, part: Part, *, now: datetime) -> Part:
        row_id = new_id()
        values = {**_plain_values(part), **self._sealed(row_id, part)}
        row = PartRow(id=row_id, created_at=now, updated_at=now, **values)
        self._session.add(row)
        self._session.flush()
        return self._part(row)

    def get(self, part: PartId, *, viewer: Viewer) -> Part | None:
        """The part, or None when it is missing or ``viewer`` may not see it."""
        row = self._session.scalar(
            select(PartRow).where(PartRow.id == part, may_see_clause(viewer))
        )
        return None if row is None else self._part(row)

    def of_owner(self, owner: PersonId, *, viewer: Viewer) -> list[Part]:
        """``owner``'s parts that ``viewer`` may see, oldest first."""
        query = (
            select(PartRow)
            .where(PartRow.owner_id == owner, may_see_clause(viewer))
            .order_by(PartRow.created_at, PartRow.id)
        )
        return self._parts(query)

    def visible(self, *, viewer: Viewer) -> list[Part]:
        """Every part ``viewer`` may see (the property test reads this)."""
        query = select(PartRow).where(may_see_clause(viewer)).order_by(PartRow.id)
        return self._parts(query)

    def save(self, part: Part, *, now: datetime) -> None:
        """Write ``part`` over its row; only its owner's rows are ever touched."""
        self._session.execute(
            update(PartRow)
            .where(PartRow.id == part.id, PartRow.owner_id == part.owner)
            .values(**_plain_values(part), **self._sealed(part.id, part), updated_at=now)
        )

    def _sealed(self, row_id: str, part: Part) -> dict[str, object]:
        """Each column of words sealed with the owner's key for (``parts.<column>``, row)."""
        sealed: dict[str, object] = {}
        for column, value in _words(part).items():
            where = (f"{PARTS}.{column}", row_id)
            if isinstance(value, str):
                sealed[column] = self._sealer.seal(part.owner, where, value)
            else:
                sealed[column] = self._sealer.seal_json(part.owner, where, value)
        return sealed

    def _parts(self, query: Select[PartRow]) -> list[Part]:
        rows = list(self._session.scalars(query))
        self._sealer.load({row.owner_id for row in rows})
        return [self._part(row) for row in rows]

    def _part(self, row: PartRow) -> Part:
        """The part with its words opened; a departed owner's words read as removed."""
        owner = PersonId(row.owner_id)
        words = {
            name: self._sealer.open_or_shredded(
                owner, (f"{PARTS}.{name}", row.id), getattr(row, name)
            )
            for name in WORDS
        }
        try:
            triggers = self._sealer.open_json(owner, (f"{PARTS}.triggers", row.id), row.triggers)
            burdens = self._sealer.open_json(owner, (f"{PARTS}.burdens", row.id), row.burdens)
        except KeyDestroyed:
            triggers, burdens = [], []
        return Part(
            id=PartId(row.id),
            owner=owner,
            role=PartRole(row.role),
            triggers=tuple(triggers),
            burdens=tuple(from_json(Burden, b) for b in burdens),
            trust_level=row.trust_level,
            permission=Permission(row.permission),
            visibility=Visibility(row.visibility),
            **words,
        )

    def relate(self, relation: Relation, *, now: datetime) -> None:
        """Add a relation once; drawing the same line twice changes nothing."""
        exists = self._session.scalar(
            select(RelationRow.id).where(
                RelationRow.from_part == relation.from_part,
                RelationRow.to_part == relation.to_part,
                RelationRow.kind == relation.kind.value,
            )
        )
        if exists is None:
            self._session.add(
                RelationRow(
                    id=new_id(),
                    from_part=relation.from_part,
                    to_part=relation.to_part,
                    kind=relation.kind.value,
                    created_at=now,
                )
            )
            self._session.flush()

    def relations_among(self, parts: list[Part]) -> list[Relation]:
        """Relations whose two ends are both in ``parts`` (what the viewer may see)."""
        ids = [p.id for p in parts]
        query = select(RelationRow).where(
            RelationRow.from_part.in_(ids), RelationRow.to_part.in_(ids)
        )
        return [
            Relation(PartId(r.from_part), PartId(r.to_part), RelationKind(r.kind))
            for r in self._session.scalars(query.order_by(RelationRow.created_at, RelationRow.id))
        ]
