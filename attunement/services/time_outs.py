"""The couple's time-out plan as use cases: agree it while calm, read it (domain.md §2.12).

The plan belongs to the couple: either partner may set or change it, and both read the same one.
Exercises read it to notice the code word (``services/imago.py``).
"""

import logging

from attunement.domain.clock import Clock
from attunement.domain.errors import InvalidInput
from attunement.domain.exercises.time_out import LONGEST_BREAK_HOURS, TimeOutPlan
from attunement.domain.ids import PersonId
from attunement.services.uow import UnitOfWork

log = logging.getLogger(__name__)


def agree_time_out_plan(
    uow: UnitOfWork, *, by: PersonId, code_word: str, min_minutes: int, clock: Clock
) -> TimeOutPlan:
    """Set the couple's code word and shortest break; InvalidInput for an unusable plan."""
    plan = TimeOutPlan(code_word.strip(), min_minutes=min_minutes, max_hours=LONGEST_BREAK_HOURS)
    with uow:
        couple = uow.couples.of_member(by)
        if couple is None or not couple.complete:
            raise InvalidInput("dialogue.no_partner")
        uow.time_out_plans.save(couple.id, plan, now=clock.now())
        uow.commit()
    log.info("time-out plan agreed for couple %s", couple.id)  # never the word itself
    return plan


def time_out_plan_of(uow: UnitOfWork, *, viewer: PersonId) -> TimeOutPlan | None:
    """The plan of ``viewer``'s couple, if they have agreed one."""
    with uow:
        couple = uow.couples.of_member(viewer)
        return None if couple is None else uow.time_out_plans.of_couple(couple.id)
