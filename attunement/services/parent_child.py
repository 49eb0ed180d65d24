"""The Parent-Child Dialogue's safeguards as use cases (domain.md §2.2).

Before the run, the sender's short private check decides whether it starts, with or without a
recommendation to do it with a therapist; the couple's therapist may ask that it wait for a
session when the material is known trauma or the sender is unsure. During the run, a distress
rating above the limit pauses it softly, for both, with the same suggestion. The check and the
rating are never stored or shown to the partner: only the pause is.
"""

import logging
from dataclasses import dataclass

from attunement.domain.analysis import Analyzer
from attunement.domain.clock import Clock
from attunement.domain.ids import CoupleId, PersonId
from attunement.domain.imago_runs import ImagoKind, RunId
from attunement.domain.sessions import DialogueMode
from attunement.domain.trauma_check import (
    Advice,
    PreCheck,
    advise,
    distress_rating,
    soft_pause_due,
)
from attunement.services import imago
from attunement.services.therapists import found_client
from attunement.services.uow import UnitOfWork

log = logging.getLogger(__name__)


def supervised_only(uow: UnitOfWork, *, viewer: PersonId) -> bool:
    """Whether the couple's therapist now asked that this exercise wait for a session."""
    with uow:
        couple = uow.couples.of_member(viewer)
        therapist = None if couple is None else uow.therapists.therapist_of(couple.id)
        if couple is None or therapist is None:
            return False
        return uow.safeguards.parent_child_supervised(couple.id, therapist=therapist)


def start_parent_child(
    uow: UnitOfWork, *, by: PersonId, mode: DialogueMode, check: PreCheck, clock: Clock
) -> tuple[RunId, Advice]:
    """Start the run after the private check; the advice says whether to suggest a therapist.

    Raises:
        MoveNotAllowed: ``parent_child.soft_pause`` or ``parent_child.therapist_only``.
        InvalidInput: ``dialogue.no_partner`` until ``by``'s partner has joined.
    """
    advice = advise(check, supervised_only=supervised_only(uow, viewer=by))
    run = imago.start_run(uow, kind=ImagoKind.PARENT_CHILD, by=by, mode=mode, clock=clock)
    log.info("parent-child run %s started after the check (%s)", run, advice.value)
    return run, advice


def set_supervised(
    uow: UnitOfWork, couple: CoupleId, *, therapist: PersonId, on: bool, clock: Clock
) -> None:
    """The couple's therapist asks (or stops asking) that it wait for a session.

    Raises:
        NotFound: ``therapist`` is not the couple's therapist now.
    """
    with uow:
        found_client(uow, couple, therapist=therapist)
        uow.safeguards.set_parent_child_supervised(
            couple, therapist=therapist, on=on, now=clock.now()
        )
        uow.commit()


@dataclass(frozen=True, slots=True)
class DistressRating:
    """How stirred up ``by`` is now, 0 to 10, during ``run``."""

    run: RunId
    by: PersonId
    distress: int


def rate_distress(
    uow: UnitOfWork, rating: DistressRating, *, analyzer: Analyzer, clock: Clock
) -> bool:
    """Note how stirred up ``by`` is; above the limit, pause the run for both.

    Returns True when the run was paused softly (suggest continuing with a therapist); the
    rating itself is not kept.

    Raises:
        InvalidInput: ``parent_child.distress_range``. NotFound: not ``by``'s run.
        MoveNotAllowed: the run cannot pause from where it is (already paused or finished).
    """
    run, by = rating.run, rating.by
    if not soft_pause_due(distress_rating(rating.distress)):
        imago.run_view(uow, run, viewer=by)  # still NotFound for anyone else's run
        return False
    pause = imago.RunMove(run=run, viewer=by, acting_as=by, move="pause")
    imago.make_run_move(uow, pause, analyzer=analyzer, clock=clock)
    log.info("parent-child run %s paused softly", run)
    return True
