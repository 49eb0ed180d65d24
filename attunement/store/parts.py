"""Parts, their relations, and the guided runs of the IFS/IFIO exercises (domain.md §3.4).

Every read of a part names a ``Viewer`` and filters in SQL with the same rule as
``domain.visibility.may_see``: the owner, or the one audience the owner shared that part with.
A property test on random worlds keeps the two in agreement. Another person's private part is
simply not found, exactly like a part that never existed. Runs are read only by their members.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    ColumnElement,
    ForeignKey,
    Integer,
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

from attunement.domain.errors import StaleView
from attunement.domain.ids import PartId, PersonId, RunId
from attunement.domain.parts import (
    Burden,
    Part,
    PartRole,
    Permission,
    Relation,
    RelationKind,
)
from attunement.domain.visibility import Viewer, Visibility
from attunement.store.base import Base, UtcDateTime, new_id, rows_changed
from attunement.store.states import from_json, to_json


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
    triggers: Mapped[list[str]] = mapped_column(JSON)
    burdens: Mapped[list[dict[str, str]]] = mapped_column(JSON)
    trust_level: Mapped[int] = mapped_column(Integer)
    permission: Mapped[str] = mapped_column(String(16))
    visibility: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())

    def to_part(self) -> Part:
        return Part(
            id=PartId(self.id),
            owner=PersonId(self.owner_id),
            name=self.name,
            role=PartRole(self.role),
            body_location=self.body_location,
            description=self.description,
            felt_age=self.felt_age,
            does=self.does,
            fears=self.fears,
            triggers=tuple(self.triggers),
            burdens=tuple(from_json(Burden, b) for b in self.burdens),
            trust_level=self.trust_level,
            permission=Permission(self.permission),
            visibility=Visibility(self.visibility),
        )


class RelationRow(Base):
    __tablename__ = "part_relations"
    __table_args__ = (UniqueConstraint("from_part", "to_part", "kind"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    from_part: Mapped[str] = mapped_column(ForeignKey("parts.id", ondelete="CASCADE"), index=True)
    to_part: Mapped[str] = mapped_column(ForeignKey("parts.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class RunRow(Base):
    """One guided run; ``state`` is the machine, whole (``store/states.py``)."""

    __tablename__ = "inner_runs"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    person_a: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    person_b: Mapped[str | None] = mapped_column(ForeignKey("people.id"), index=True)
    step: Mapped[str] = mapped_column(String(32))
    version: Mapped[int] = mapped_column(Integer)
    state: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


def _part_values(part: Part) -> dict[str, object]:
    return {
        "owner_id": part.owner,
        "name": part.name,
        "role": part.role.value,
        "body_location": part.body_location,
        "description": part.description,
        "felt_age": part.felt_age,
        "does": part.does,
        "fears": part.fears,
        "triggers": list(part.triggers),
        "burdens": [to_json(b) for b in part.burdens],
        "trust_level": part.trust_level,
        "permission": part.permission.value,
        "visibility": part.visibility.value,
    }


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

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, part: Part, *, now: datetime) -> Part:
        row = PartRow(id=new_id(), created_at=now, updated_at=now, **_part_values(part))
        self._session.add(row)
        self._session.flush()
        return row.to_part()

    def get(self, part: PartId, *, viewer: Viewer) -> Part | None:
        """The part, or None when it is missing or ``viewer`` may not see it."""
        row = self._session.scalar(
            select(PartRow).where(PartRow.id == part, may_see_clause(viewer))
        )
        return None if row is None else row.to_part()

    def of_owner(self, owner: PersonId, *, viewer: Viewer) -> list[Part]:
        """``owner``'s parts that ``viewer`` may see, oldest first."""
        query = (
            select(PartRow)
            .where(PartRow.owner_id == owner, may_see_clause(viewer))
            .order_by(PartRow.created_at, PartRow.id)
        )
        return [row.to_part() for row in self._session.scalars(query)]

    def visible(self, *, viewer: Viewer) -> list[Part]:
        """Every part ``viewer`` may see (the property test reads this)."""
        query = select(PartRow).where(may_see_clause(viewer)).order_by(PartRow.id)
        return [row.to_part() for row in self._session.scalars(query)]

    def save(self, part: Part, *, now: datetime) -> None:
        """Write ``part`` over its row; only its owner's rows are ever touched."""
        self._session.execute(
            update(PartRow)
            .where(PartRow.id == part.id, PartRow.owner_id == part.owner)
            .values(**_part_values(part), updated_at=now)
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


@dataclass(frozen=True, slots=True)
class StoredRun:
    id: RunId
    kind: str
    members: tuple[PersonId, ...]
    state: dict[str, Any]
    version: int
    created_at: datetime
    updated_at: datetime


def _stored(row: RunRow) -> StoredRun:
    members = (PersonId(row.person_a),) + (
        () if row.person_b is None else (PersonId(row.person_b),)
    )
    return StoredRun(
        id=RunId(row.id),
        kind=row.kind,
        members=members,
        state=row.state,
        version=row.version,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


class RunRepository:
    """Guided runs, read only by their members."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(
        self, kind: str, members: tuple[PersonId, ...], state: object, *, now: datetime
    ) -> RunId:
        data = to_json(state)
        row = RunRow(
            id=new_id(),
            kind=kind,
            person_a=members[0],
            person_b=members[1] if len(members) > 1 else None,
            step=str(data.get("step", "")),
            version=int(data.get("version", 0)),
            state=data,
            created_at=now,
            updated_at=now,
        )
        self._session.add(row)
        self._session.flush()
        return RunId(row.id)

    def get(self, run: RunId, kind: str, *, viewer: PersonId) -> StoredRun | None:
        """The run, or None when missing, of another kind, or ``viewer`` is not a member."""
        query = select(RunRow).where(RunRow.id == run, RunRow.kind == kind, _member(viewer))
        row = self._session.scalar(query)
        return None if row is None else _stored(row)

    def of_member(self, kind: str, *, viewer: PersonId) -> list[StoredRun]:
        """``viewer``'s runs of ``kind``, oldest first."""
        query = (
            select(RunRow)
            .where(RunRow.kind == kind, _member(viewer))
            .order_by(RunRow.created_at, RunRow.id)
        )
        return [_stored(row) for row in self._session.scalars(query)]

    def save(self, run: StoredRun, state: object, *, now: datetime) -> None:
        """Write ``state`` over ``run``; StaleView when another move got there first."""
        data = to_json(state)
        result = self._session.execute(
            update(RunRow)
            .where(RunRow.id == run.id, RunRow.version == run.version)
            .values(
                state=data,
                step=str(data.get("step", "")),
                version=int(data.get("version", 0)),
                updated_at=now,
            )
        )
        if rows_changed(result) != 1:
            raise StaleView("error.stale")


def _member(viewer: PersonId) -> ColumnElement[bool]:
    return or_(RunRow.person_a == viewer, RunRow.person_b == viewer)
