"""The home screen: a welcome for visitors; for a partner, their couple and their dialogues."""

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from attunement.services import couples, safety
from attunement.services import dialogue as dialogues
from attunement.web.deps import MaybeViewer, Wiring
from attunement.web.pages import render

router = APIRouter()


@router.get("/")
def home(request: Request, viewer: MaybeViewer, wiring: Wiring) -> Response:
    """Welcome, or the partner's own overview."""
    if viewer is None:
        return render(request, "home/welcome.html")
    context = {
        "couple": couples.couple_view(wiring.new_uow(), viewer=viewer.id),
        "dialogues": dialogues.dialogues_of(wiring.new_uow(), viewer=viewer.id),
        "joint": safety.joint_work(wiring.new_uow(), person=viewer.id),
    }
    return render(request, "home/home.html", context)
