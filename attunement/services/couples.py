"""Forming a couple with a one-time invite code (domain.md §3.1).

The inviter's couple exists from the first invite; the code is the only way in. Every way a code
can fail (unknown, used, expired, one's own) gives the same refusal, so trying codes teaches
nothing. Only the SHA-256 of a code is stored.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from attunement.domain.clock import Clock
from attunement.domain.errors import InvalidInput
from attunement.domain.ids import PersonId
from attunement.domain.people import Couple, Person
from attunement.services.clock import SYSTEM_CLOCK
from attunement.services.uow import UnitOfWork

INVITE_LIFETIME = timedelta(days=7)
# Easy to read aloud and type: no 0/O, 1/I/L. 12 of 31 symbols is about 59 bits.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_GROUPS, CODE_GROUP_SIZE = 3, 4


@dataclass(frozen=True, slots=True)
class CoupleView:
    """A couple as one of its members sees it."""

    couple: Couple
    me: Person
    partner: Person | None
    invite_pending: bool


def invite_partner(uow: UnitOfWork, *, by: PersonId, clock: Clock) -> str:
    """A fresh one-time code for ``by``'s partner; an earlier unused code stops working.

    Raises:
        InvalidInput: ``invite.couple_full`` when ``by`` already has a partner.
    """
    code = "-".join(
        "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUP_SIZE))
        for _ in range(CODE_GROUPS)
    )
    now = clock.now()
    with uow:
        couple = uow.couples.of_member(by) or uow.couples.add(by, now=now)
        if couple.complete:
            raise InvalidInput("invite.couple_full")
        uow.invites.expire_pending(couple.id, now=now)
        uow.invites.add(
            _code_hash(code), couple.id, by=by, now=now, expires_at=now + INVITE_LIFETIME
        )
        uow.commit()
    return code


def join_couple(uow: UnitOfWork, *, by: PersonId, code: str, clock: Clock) -> Couple:
    """Join the couple whose code ``by`` typed; a couple ``by`` started alone is let go.

    Raises:
        InvalidInput: ``invite.already_in_couple`` when ``by`` has a partner already;
            ``invite.invalid`` for a code that is unknown, used, expired or ``by``'s own.
    """
    now = clock.now()
    code_hash = _code_hash(code)
    with uow:
        own = uow.couples.of_member(by)
        if own is not None and own.complete:
            raise InvalidInput("invite.already_in_couple")
        invite = uow.invites.find(code_hash)
        if (
            invite is None
            or invite.used_at is not None
            or invite.expires_at <= now
            or (own is not None and invite.couple == own.id)
        ):
            raise InvalidInput("invite.invalid")
        uow.couples.remove_alone(by)
        # Both writes re-check their condition, so two people racing for one code get one seat.
        couple = (
            uow.couples.join(invite.couple, by)
            if uow.invites.use(code_hash, by=by, now=now)
            else None
        )
        if couple is None:
            raise InvalidInput("invite.invalid")
        uow.commit()
    return couple


def couple_of(uow: UnitOfWork, *, person: PersonId) -> Couple | None:
    """The couple ``person`` belongs to, complete or waiting for a partner."""
    with uow:
        return uow.couples.of_member(person)


def couple_view(
    uow: UnitOfWork, *, viewer: PersonId, clock: Clock = SYSTEM_CLOCK
) -> CoupleView | None:
    """``viewer``'s couple with both names, and whether an invite is waiting; None alone."""
    with uow:
        couple = uow.couples.of_member(viewer)
        if couple is None:
            return None
        me = uow.people.get(viewer)
        partner_id = couple.partner_of(viewer)
        partner = None if partner_id is None else uow.people.get(partner_id)
        pending = not couple.complete and uow.invites.pending(couple.id, now=clock.now())
    if me is None:
        return None
    return CoupleView(couple=couple, me=me, partner=partner, invite_pending=pending)


def _code_hash(code: str) -> str:
    """Hash of the code as typed, ignoring case, spaces and dashes."""
    normal = "".join(code.split()).replace("-", "").upper()
    return hashlib.sha256(normal.encode()).hexdigest()
