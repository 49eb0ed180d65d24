"""A couple invites a therapist with a one-time code; either partner can let them go (issue 5).

Every therapist-facing use case finds the couple through ``client_couple``, the one place that
answers "not your couple": a therapist the couple did not invite, or one they revoked, gets the
same ``NotFound`` as for a couple that never existed (security-reference.md, API1).
Revocation is checked on every request, so it takes effect at once.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from attunement.domain.clock import Clock
from attunement.domain.errors import InvalidInput, NotFound
from attunement.domain.ids import CoupleId, PersonId
from attunement.domain.people import AccountKind, Couple, Person
from attunement.domain.therapist import CODE_BYTES, Invitation, code_digest, format_code
from attunement.services.uow import UnitOfWork


@dataclass(frozen=True, slots=True)
class ClientCouple:
    """A couple as their therapist sees it: who they are, never what they kept private."""

    couple: Couple
    partners: tuple[Person, ...]

    def names(self) -> str:
        """The partners' names, "Sam & Alex"."""
        return " & ".join(person.display_name for person in self.partners)


def invite_therapist(uow: UnitOfWork, *, by: PersonId, clock: Clock) -> str:
    """A fresh one-time code for the couple's therapist; an earlier unused code stops working.

    Raises:
        InvalidInput: ``therapist.couple_needed`` when ``by`` is in no couple.
    """
    code = format_code(secrets.token_bytes(CODE_BYTES))
    now = clock.now()
    with uow:
        couple = uow.couples.of_member(by)
        if couple is None:
            raise InvalidInput("therapist.couple_needed")
        invitation = Invitation(couple.id, code_digest(code), created_by=by, created_at=now)
        uow.therapists.add_invite(invitation, expires_at=invitation.expires_at())
        uow.commit()
    return code


def join_as_therapist(uow: UnitOfWork, *, by: PersonId, code: str, clock: Clock) -> CoupleId:
    """Become the therapist of the couple whose code this is.

    Raises:
        InvalidInput: ``therapist.accounts_only`` for a partner's account;
            ``therapist.code_not_valid`` for a code that is unknown, used or expired.
    """
    now = clock.now()
    digest = code_digest(code)
    with uow:
        person = uow.people.get(by)
        if person is None or person.kind is not AccountKind.THERAPIST:
            raise InvalidInput("therapist.accounts_only")
        found = uow.therapists.invite(digest)
        if found is None:
            raise InvalidInput("therapist.code_not_valid")
        invitation = found[0].redeem(by, now)  # refuses a used or expired code
        if not uow.therapists.use_invite(digest, by=by, now=now):
            raise InvalidInput("therapist.code_not_valid")
        uow.therapists.link(invitation.couple, by, now=now)
        uow.commit()
    return invitation.couple


def revoke_therapist(uow: UnitOfWork, *, by: PersonId, clock: Clock) -> bool:
    """End the link between ``by``'s couple and its therapist; either partner may.

    Returns False when there was no therapist to let go.
    """
    with uow:
        couple = uow.couples.of_member(by)
        if couple is None:
            return False
        ended = uow.therapists.revoke(couple.id, now=clock.now())
        uow.commit()
    return ended


def therapist_of(uow: UnitOfWork, *, viewer: PersonId) -> Person | None:
    """The therapist of ``viewer``'s couple now, if any."""
    with uow:
        couple = uow.couples.of_member(viewer)
        therapist = None if couple is None else uow.therapists.therapist_of(couple.id)
        return None if therapist is None else uow.people.get(therapist)


def client_couple(uow: UnitOfWork, couple: CoupleId, *, therapist: PersonId) -> ClientCouple:
    """The couple, if ``therapist`` is its therapist now.

    Raises:
        NotFound: the couple is missing, or did not invite ``therapist``, or revoked them.
    """
    with uow:
        return found_client(uow, couple, therapist=therapist)


def found_client(uow: UnitOfWork, couple: CoupleId, *, therapist: PersonId) -> ClientCouple:
    """``client_couple`` inside a unit of work the caller has opened."""
    found = uow.therapists.couple_for(couple, therapist=therapist)
    if found is None:
        raise NotFound
    partners = tuple(
        person
        for person in (uow.people.get(member) for member in found.members())
        if person is not None
    )
    return ClientCouple(couple=found, partners=partners)
