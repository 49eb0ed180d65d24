"""The shape of one move and one stored turn of the Couple's Dialogue (domain.md §2.1, §0.1).

Both ways a dialogue moves store a turn: an ordinary move with its words, and a break called by
the code word or the button, which stores the move without them. Each builds it here, so the two
number and label their turns alike.
"""

from dataclasses import dataclass
from datetime import datetime

from attunement.domain.exercises.couples_dialogue import Move
from attunement.domain.ids import DialogueId, PersonId, TurnId
from attunement.domain.sessions import Turn, role_of
from attunement.services.uow import UnitOfWork
from attunement.store.dialogue import NewTurn, StoredDialogue


@dataclass(frozen=True, slots=True)
class MoveRequest:
    """One move as a screen sends it.

    ``acting_as`` differs from ``viewer`` only on one shared device (pass-and-play).
    ``expected_version`` is the version the screen showed; ``move_key`` makes a resent request
    harmless.
    """

    dialogue: DialogueId
    viewer: PersonId
    acting_as: PersonId
    move: Move
    text: str | None = None
    expected_version: int | None = None
    move_key: str | None = None


def turn_of(
    uow: UnitOfWork, stored: StoredDialogue, speaker: PersonId, move: Move, *, now: datetime
) -> Turn:
    """The next turn of ``stored``, made by ``speaker`` at this step, as yet without words."""
    before = stored.state
    return Turn(
        id=TurnId(""),
        index=uow.dialogues.next_index(stored.id),
        round=before.round,
        speaker=speaker,
        role=role_of(before, speaker),
        step=before.step,
        move=move,
        text="",
        analysis=None,
        withheld=False,
        created_at=now,
    )


def new_turn(dialogue: DialogueId, turn: Turn, move_key: str | None) -> NewTurn:
    """``turn`` as the store adds it, with the key that makes a resent move harmless."""
    return NewTurn(
        dialogue=dialogue,
        index=turn.index,
        round=turn.round,
        speaker=turn.speaker,
        role=turn.role,
        step=turn.step,
        move=turn.move,
        text=turn.text,
        analysis=None if turn.analysis is None else turn.analysis.to_json(),
        withheld=turn.withheld,
        move_key=move_key,
        created_at=turn.created_at,
    )
