"""The live socket of a dialogue screen (issue 2, item 5).

Everything about the socket's life (the handshake's checks, reconnecting with ``?since=n``,
closing when the session ends) lives in web/watch.py, shared with the runs' screens; this route
only says how to read the dialogue's version as the viewer sees it.
"""

from fastapi import APIRouter, WebSocket

from attunement.domain.ids import DialogueId, PersonId
from attunement.services.dialogue import dialogue_version
from attunement.services.uow import UnitOfWork
from attunement.web.watch import VersionOf, serve

router = APIRouter()


def _dialogue(dialogue: DialogueId) -> VersionOf:
    def version_of(uow: UnitOfWork, viewer: PersonId) -> int:
        return dialogue_version(uow, dialogue, viewer=viewer)

    return version_of


@router.websocket("/dialogues/{dialogue_id}/live")
async def live(websocket: WebSocket, dialogue_id: str, since: int = -1) -> None:
    """Tell this screen each time its dialogue moves, starting with where it is now."""
    dialogue = DialogueId(dialogue_id)
    await serve(websocket, dialogue, _dialogue(dialogue), since)
