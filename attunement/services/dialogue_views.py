"""How a dialogue looks to one viewer: the whole view, the screen's, its version, the list.

Split from ``services/dialogue.py`` (the moves) for size. Every read names the viewer and goes
through ``visible``, so someone else's dialogue is ``NotFound`` with the same key as a missing
one (domain.md §0.1). Reads open ``uow.reading()``: on SQLite they never wait for the writer
(issue 7). A screen gets this round's turns only, so a long dialogue costs no more to show.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from attunement.domain.errors import NotFound
from attunement.domain.exercises.couples_dialogue import CouplesDialogue, Move, Step
from attunement.domain.ids import CoupleId, DialogueId, PersonId
from attunement.domain.sessions import DialogueMode, Turn
from attunement.services.dialogue_breaks import back_at
from attunement.services.uow import UnitOfWork
from attunement.store.dialogue import StoredDialogue


@dataclass(frozen=True, slots=True)
class DialogueView:
    """A dialogue as ``viewer`` may see it: only visible turns, in order."""

    id: DialogueId
    couple: CoupleId
    mode: DialogueMode
    state: CouplesDialogue
    turns: tuple[Turn, ...]
    names: Mapping[PersonId, str]
    topic: str | None
    created_at: datetime
    updated_at: datetime
    back_at: datetime | None = None  # during a time-out: the end of the agreed shortest break
    just_resumed: bool = False  # back from a break, before the next move: the recap stays


@dataclass(frozen=True, slots=True)
class DialogueSummary:
    id: DialogueId
    mode: DialogueMode
    step: Step
    round: int
    topic: str | None
    updated_at: datetime
    whose_turn_name: str | None  # None when either partner may move, or nobody can


def dialogue_view(uow: UnitOfWork, dialogue: DialogueId, *, viewer: PersonId) -> DialogueView:
    """The dialogue as ``viewer`` sees it, every turn; NotFound when missing or not theirs."""
    with uow.reading() as reader:
        return view_of(reader, visible(reader, dialogue, viewer), viewer, from_round=0)


def round_view(uow: UnitOfWork, dialogue: DialogueId, *, viewer: PersonId) -> DialogueView:
    """The dialogue as its screen shows it: the turns of this round only (issue 7).

    A screen fetched on every move of a long dialogue then costs the same as in its first round.
    NotFound when missing or not ``viewer``'s, as ``dialogue_view``.
    """
    with uow.reading() as reader:
        stored = visible(reader, dialogue, viewer)
        return view_of(reader, stored, viewer)


def dialogue_version(uow: UnitOfWork, dialogue: DialogueId, *, viewer: PersonId) -> int:
    """How far the dialogue has moved, for a live screen; NotFound when missing or not theirs."""
    with uow.reading() as reader:
        version = reader.dialogues.version(dialogue, viewer=viewer)
    if version is None:
        raise NotFound("dialogue.not_found")
    return version


def dialogues_of(uow: UnitOfWork, *, viewer: PersonId) -> list[DialogueSummary]:
    """``viewer``'s dialogues, most recently active first."""
    with uow.reading() as reader:
        dialogues = reader.dialogues.of_viewer(viewer)
        people = {person for d in dialogues for person in (d.state.sender, d.state.receiver)}
        names = reader.people.names(tuple(sorted(people))) if people else {}
    return [
        DialogueSummary(
            id=d.id,
            mode=d.mode,
            step=d.state.step,
            round=d.state.round,
            topic=d.topic,
            updated_at=d.updated_at,
            whose_turn_name=name_of(names, d.state.whose_turn()),
        )
        for d in dialogues
    ]


def visible(uow: UnitOfWork, dialogue: DialogueId, viewer: PersonId) -> StoredDialogue:
    """The stored dialogue if ``viewer`` is in its couple; NotFound otherwise, as if missing."""
    stored = uow.dialogues.get(dialogue, viewer=viewer)
    if stored is None:
        raise NotFound("dialogue.not_found")
    return stored


def view_of(
    uow: UnitOfWork, stored: StoredDialogue, viewer: PersonId, *, from_round: int | None = None
) -> DialogueView:
    """The view with the turns from ``from_round`` on; None: the rounds a screen shows.

    A screen shows this round only, except that the recap of a time-out (during it, and right
    after the resume) may reach back to a mirror of an earlier round.
    """
    state = stored.state
    just_resumed = uow.dialogues.last_move(stored.id) is Move.RESUME
    if from_round is None:
        from_round = 0 if state.step is Step.TIMEOUT or just_resumed else state.round
    turns = tuple(uow.dialogues.turns(stored.id, viewer=viewer, from_round=from_round))
    return DialogueView(
        id=stored.id,
        couple=stored.couple,
        mode=stored.mode,
        state=state,
        turns=turns,
        names=uow.people.names((state.sender, state.receiver)),
        topic=stored.topic,
        created_at=stored.created_at,
        updated_at=stored.updated_at,
        back_at=back_at(uow, stored),
        just_resumed=just_resumed,
    )


def name_of(names: Mapping[PersonId, str], person: PersonId | None) -> str | None:
    """The display name of ``person``; None for nobody."""
    return None if person is None else names.get(person)
