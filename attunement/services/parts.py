"""A person's parts map as use cases: name a part, fill its card, relate, share (issue 4).

Private by default; the owner shares one part at a time, with their partner or their therapist,
and can take it back. Reads go through ``viewer_of``, which turns the couple records into a
``Viewer``, and through repositories that filter with the same rule as ``may_see``; another
person's private part is ``NotFound`` with the same key as a missing one. Only the owner changes
a part: for anyone else the part does not exist, so a write is refused the same way.
"""

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from attunement.domain.clock import Clock
from attunement.domain.errors import NotFound
from attunement.domain.ids import PartId, PersonId
from attunement.domain.parts import (
    Burden,
    BurdenKind,
    BurdenOrigin,
    CardField,
    Part,
    PartRole,
    Relation,
    RelationKind,
)
from attunement.domain.visibility import Sharing, Viewer, Visibility, reshared
from attunement.services.uow import UnitOfWork

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PartsMap:
    """One person's parts as ``viewer`` may see them, with the lines between them."""

    owner: PersonId
    owner_name: str
    parts: tuple[Part, ...]
    relations: tuple[Relation, ...]
    mine: bool


@dataclass(frozen=True, slots=True)
class PartLabel:
    name: str
    role: PartRole


@dataclass(frozen=True, slots=True)
class NewBurden:
    kind: BurdenKind
    description: str
    origin: BurdenOrigin = BurdenOrigin.PERSONAL


def viewer_of(uow: UnitOfWork, person: PersonId) -> Viewer:
    """``person`` with the people whose shared items may reach them (call inside ``with uow``).

    Clients are the partners of the couples whose therapist ``person`` is *now*: when a couple
    lets its therapist go, the parts shared with the therapist stop reaching them at once.
    """
    couple = uow.couples.of_member(person)
    partner = None if couple is None else couple.partner_of(person)
    clients = {member for held in uow.therapists.couples_of(person) for member in held.members()}
    return Viewer(
        person,
        partners=frozenset() if partner is None else frozenset({partner}),
        clients=frozenset(clients),
    )


def name_part(uow: UnitOfWork, *, owner: PersonId, name: str, role: PartRole, clock: Clock) -> Part:
    """Put a new, private part on ``owner``'s map."""
    with uow:
        part = uow.parts.add(Part.named(PartId(""), owner, name, role), now=clock.now())
        uow.commit()
    log.info("part %s named", part.id)
    return part


def visible_part(uow: UnitOfWork, part: PartId, *, viewer: PersonId) -> Part:
    """The part as ``viewer`` may see it; NotFound when missing or not theirs to see."""
    with uow:
        found = uow.parts.get(part, viewer=viewer_of(uow, viewer))
    if found is None:
        raise NotFound("part.not_found")
    return found


def parts_map(uow: UnitOfWork, *, owner: PersonId, viewer: PersonId) -> PartsMap:
    """``owner``'s map as ``viewer`` may see it: all of it for the owner, shared parts otherwise.

    Raises:
        NotFound: ``owner`` is neither ``viewer`` nor someone whose parts may reach them.
    """
    with uow:
        seen_by = viewer_of(uow, viewer)
        if owner != viewer and owner not in seen_by.partners | seen_by.clients:
            raise NotFound("part.not_found")
        parts = uow.parts.of_owner(owner, viewer=seen_by)
        relations = uow.parts.relations_among(parts)
        person = uow.people.get(owner)
    name = "" if person is None else person.display_name
    return PartsMap(owner, name, tuple(parts), tuple(relations), mine=owner == viewer)


def partner_of(uow: UnitOfWork, *, person: PersonId) -> PersonId | None:
    """``person``'s partner, whose shared parts they may see."""
    with uow:
        couple = uow.couples.of_member(person)
    return None if couple is None else couple.partner_of(person)


def _change(
    uow: UnitOfWork, part: PartId, by: PersonId, clock: Clock, edit: Callable[[Part], Part]
) -> Part:
    """Load ``by``'s own part, apply ``edit``, save; NotFound for anyone else's."""
    with uow:
        found = uow.parts.get(part, viewer=Viewer(by))  # the owner's own view only
        if found is None:
            raise NotFound("part.not_found")
        changed = edit(found)
        uow.parts.save(changed, now=clock.now())
        uow.commit()
    return changed


def rename(uow: UnitOfWork, part: PartId, *, by: PersonId, label: PartLabel, clock: Clock) -> Part:
    """Give the part another name or role guess."""
    return _change(uow, part, by, clock, lambda p: p.renamed(label.name, label.role))


def answer(
    uow: UnitOfWork, part: PartId, *, by: PersonId, answers: Mapping[CardField, str], clock: Clock
) -> Part:
    """Rewrite lines of the part's card (an empty answer clears its line)."""

    def fill(found: Part) -> Part:
        for field, text in answers.items():
            found = found.with_answer(field, text)
        return found

    return _change(uow, part, by, clock, fill)


def add_trigger(uow: UnitOfWork, part: PartId, *, by: PersonId, text: str, clock: Clock) -> Part:
    """Note one more thing that sets the part off."""
    return _change(uow, part, by, clock, lambda p: p.with_trigger(text))


def add_burden(
    uow: UnitOfWork, part: PartId, *, by: PersonId, burden: NewBurden, clock: Clock
) -> Part:
    """Note a burden the part carries."""
    carried = Burden.carried(burden.kind, burden.description, burden.origin)
    return _change(uow, part, by, clock, lambda p: p.with_burden(carried))


def share(
    uow: UnitOfWork, part: PartId, *, by: PersonId, visibility: Visibility, clock: Clock
) -> Part:
    """Share this one part with one audience, or make it private again (the share form)."""
    return change_sharing(uow, part, by=by, change=Sharing.toward(visibility), clock=clock)


def change_sharing(
    uow: UnitOfWork, part: PartId, *, by: PersonId, change: Sharing, clock: Clock
) -> Part:
    """Share, unshare or revoke one part, through the rule every shareable item follows."""
    shared = _change(uow, part, by, clock, lambda p: p.shared_as(reshared(p, by=by, change=change)))
    log.info("part %s: %s, now %s", part, change.value, shared.visibility.value)
    return shared


def relate(
    uow: UnitOfWork,
    *,
    by: PersonId,
    link: tuple[PartId, PartId],
    kind: RelationKind,
    clock: Clock,
) -> Relation:
    """Draw a line between two of ``by``'s own parts.

    Raises:
        NotFound: either part is missing or not ``by``'s.
        InvalidInput: a part related to itself, or a kind that joins two people.
    """
    with uow:
        own = Viewer(by)
        ends = [uow.parts.get(part, viewer=own) for part in link]
        if ends[0] is None or ends[1] is None:
            raise NotFound("part.not_found")
        relation = Relation.between(ends[0], ends[1], kind)
        uow.parts.relate(relation, now=clock.now())
        uow.commit()
    return relation
