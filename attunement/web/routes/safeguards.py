"""The therapist's safeguard for the couple's Parent-Child Dialogue (domain.md §2.2).

A therapist the couple invited may ask that the exercise wait for a session when the material
is known trauma or the sender is unsure; anyone else gets the same 404 as a missing couple.
"""

from typing import Annotated

from fastapi import APIRouter, Form
from starlette.responses import RedirectResponse, Response

from attunement.domain.ids import CoupleId
from attunement.services import parent_child
from attunement.web.deps import Uow, Viewer, Wiring

router = APIRouter()


@router.post("/practice/couples/{couple_id}/parent-child-safeguard")
def set_safeguard(
    couple_id: str, on: Annotated[bool, Form()], viewer: Viewer, uow: Uow, wiring: Wiring
) -> Response:
    """Turn the safeguard on or off for this couple."""
    couple = CoupleId(couple_id)
    parent_child.set_supervised(uow, couple, therapist=viewer.id, on=on, clock=wiring.clock)
    return RedirectResponse(f"/practice/couples/{couple}#safeguards", status_code=303)
