"""The way from an exercise waiting at its time-out to the couple's break page (§2.12, issue 4).

When either partner says the code word, the exercise waits at its ``TIMEOUT`` step and both are
taken to the time-out page: the caller by the redirect, the partner by the live panel, which
carries the break's address for the page's script to follow. A link stays for a reload.
"""

from attunement.domain.ids import PersonId
from attunement.services import time_out_runs
from attunement.web.deps import Components


def break_url(wiring: Components, viewer: PersonId, *, waiting: bool) -> str:
    """The couple's open break page while the exercise waits at its time-out, else ""."""
    if not waiting:
        return ""
    run = time_out_runs.open_time_out(wiring.new_uow(), viewer=viewer)
    return "" if run is None else f"/time-outs/{run}"
