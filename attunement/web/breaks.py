"""The way from an exercise waiting at its time-out to the couple's break page (§2.12, issue 4).

When either partner says the code word or presses the exercise's break button, the exercise
waits at its ``TIMEOUT`` step and both are taken to the time-out page: the caller by the
redirect, the partner by the live panel, which carries the break's address for the page's script
to follow. A link stays for a reload. A couple without a plan has no break page: their exercise
only pauses, and the panel says how to agree a plan.
"""

from attunement.domain.ids import PersonId
from attunement.services import time_out_runs, time_outs
from attunement.web.deps import Components


def break_links(wiring: Components, viewer: PersonId, *, waiting: bool) -> dict[str, object]:
    """What ``_time_out_link.html`` shows while the exercise waits at its time-out.

    ``break_url`` is the couple's open break page, else ""; ``break_unplanned`` says the couple
    has no plan yet, so the pause is only a pause.
    """
    if not waiting:
        return {"break_url": "", "break_unplanned": False}
    run = time_out_runs.open_time_out(wiring.new_uow(), viewer=viewer)
    unplanned = run is None and time_outs.time_out_plan_of(wiring.new_uow(), viewer=viewer) is None
    return {"break_url": "" if run is None else f"/time-outs/{run}", "break_unplanned": unplanned}
