"""The Imago Workup as use cases: show my workup, make a move, say yes or no to overlaps (§2.4).

A workup is its owner's alone: every use case works on ``owner``'s own workup, and there is no
way to name another person's. Overlaps with the partner's traits are computed only when both
partners have said yes in their own workups; the partner's screen then shows them without a
reload, told only that the couple's sharing moved to a new version.
"""

import logging
from dataclasses import dataclass

from attunement.domain.clock import Clock
from attunement.domain.errors import StaleView
from attunement.domain.exercises.workup import ImagoWorkup, Move
from attunement.domain.ids import CoupleId, PersonId
from attunement.domain.imago import Overlap, overlaps_shown
from attunement.services.uow import UnitOfWork

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class WorkupView:
    workup: ImagoWorkup
    draft: str
    partner_consents: bool
    overlaps: tuple[Overlap, ...]
    sharing: "Sharing"


@dataclass(frozen=True, slots=True)
class Sharing:
    """Where the couple's overlap consents stand, for the live overlap view (issue 4).

    ``version`` grows whenever either partner's workup changes (the sum of both versions), so
    the partner's screen learns of a new "yes" without a reload; ``couple`` names the topic.
    """

    couple: CoupleId | None
    version: int


@dataclass(frozen=True, slots=True)
class WorkupMove:
    owner: PersonId
    move: Move
    text: str | None = None
    index: int | None = None
    expected_version: int | None = None


def workup_of(uow: UnitOfWork, *, owner: PersonId) -> WorkupView:
    """``owner``'s workup (a fresh one before the first move)."""
    with uow:
        return _view(uow, owner, uow.workups.mine(owner) or ImagoWorkup(owner=owner))


def workup_move(uow: UnitOfWork, request: WorkupMove, *, clock: Clock) -> WorkupView:
    """Make one move on ``owner``'s own workup and save it at once.

    Raises:
        StaleView: another tab saved first. MoveNotAllowed, InvalidInput: as ``ImagoWorkup``.
    """
    with uow:
        before = uow.workups.mine(request.owner)
        current = before or ImagoWorkup(owner=request.owner)
        if request.expected_version is not None and request.expected_version != current.version:
            raise StaleView("dialogue.stale")
        after = current.apply(request.move, request.owner, request.text, index=request.index)
        uow.workups.save(before, after, now=clock.now())
        view = _view(uow, request.owner, after)
        uow.commit()
    log.info("workup move %s at %s -> %s", request.move.value, current.step, after.step)
    return view


def set_overlap_consent(
    uow: UnitOfWork, *, owner: PersonId, consent: bool, clock: Clock
) -> WorkupView:
    """Say yes (or no again) to comparing one's caregivers' traits with the partner's."""
    with uow:
        before = uow.workups.mine(owner)
        after = (before or ImagoWorkup(owner=owner)).with_overlap_consent(owner, consent=consent)
        uow.workups.save(before, after, now=clock.now())
        view = _view(uow, owner, after)
        uow.commit()
    return view


def sharing_of(uow: UnitOfWork, *, viewer: PersonId) -> Sharing:
    """The couple's overlap sharing as ``viewer`` watches it (only versions, never entries)."""
    with uow:
        return _sharing(uow, viewer, uow.workups.mine(viewer))


def _sharing(uow: UnitOfWork, owner: PersonId, workup: ImagoWorkup | None) -> Sharing:
    couple = uow.couples.of_member(owner)
    partner = None if couple is None else couple.partner_of(owner)
    theirs = None if partner is None else uow.workups.mine(partner)
    version = (0 if workup is None else workup.version) + (0 if theirs is None else theirs.version)
    return Sharing(None if couple is None else couple.id, version)


def _view(uow: UnitOfWork, owner: PersonId, workup: ImagoWorkup) -> WorkupView:
    couple = uow.couples.of_member(owner)
    partner = None if couple is None else couple.partner_of(owner)
    partner_consents = partner is not None and uow.workups.consents(partner)
    shown = overlaps_shown(workup.entries, mine=workup.overlap_consent, partners=partner_consents)
    sharing = _sharing(uow, owner, workup)
    return WorkupView(workup, workup.draft(), partner_consents, tuple(shown), sharing)
