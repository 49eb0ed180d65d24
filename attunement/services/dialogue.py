"""The Couple's Dialogue as use cases: start, move, view, list (domain.md §2.1, §0.1, §4.6).

``make_move`` is the acknowledgement of a turn: the words, their analysis and the new state are
committed in one transaction before it returns. A break, called by the button or the couple's
code word, is ``services/dialogue_breaks.py``. Someone else's dialogue is ``NotFound`` with the
same key as a missing one. Words the analyzer rates an urgent safety risk are kept for their
speaker only and hold the dialogue for both, with nothing that tells the partner why (§4.6).
"""

import logging
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime

from attunement.domain.analysis import Analyzer, SafetyLevel, TurnAnalysis
from attunement.domain.clock import Clock
from attunement.domain.errors import InvalidInput, NotFound, NotYourMove, PausedForSafety, StaleView
from attunement.domain.exercises.couples_dialogue import CouplesDialogue, Move, Role, Step, Text
from attunement.domain.ids import CoupleId, DialogueId, PersonId, RunId
from attunement.domain.sessions import DialogueMode, Turn, role_of, what_was_said
from attunement.services.dialogue_breaks import back_at, calls_break, check_break_over, take_break
from attunement.services.dialogue_turns import MoveRequest, new_turn, turn_of
from attunement.services.readings import turn_reading
from attunement.services.safety import raise_from_dialogue
from attunement.services.uow import UnitOfWork
from attunement.store.dialogue import StoredDialogue

__all__ = [
    "DialogueMode",
    "DialogueSummary",
    "DialogueView",
    "MoveRequest",
    "MoveResult",
    "Turn",
    "dialogue_view",
    "dialogues_of",
    "make_move",
    "start_dialogue",
]

log = logging.getLogger(__name__)


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


@dataclass(frozen=True, slots=True)
class MoveResult:
    """The dialogue after the move; ``turn`` is the stored words (None for a move without)."""

    view: DialogueView
    turn: Turn | None
    replayed: bool
    time_out: RunId | None = None  # the couple's break, called by the button or the code word


def start_dialogue(
    uow: UnitOfWork, *, by: PersonId, mode: DialogueMode, clock: Clock
) -> DialogueId:
    """Open a dialogue in which ``by`` sends first and their partner receives.

    Raises:
        InvalidInput: ``dialogue.no_partner`` until ``by``'s partner has joined.
    """
    with uow:
        couple = uow.couples.of_member(by)
        partner = None if couple is None else couple.partner_of(by)
        if couple is None or partner is None:
            raise InvalidInput("dialogue.no_partner")
        if uow.safety.couple_paused(couple.id):
            raise PausedForSafety("dialogue.paused")
        state = CouplesDialogue(sender=by, receiver=partner)
        dialogue = uow.dialogues.add(couple.id, state, mode=mode, now=clock.now())
        uow.commit()
    log.info("dialogue %s started in %s mode", dialogue, mode.value)
    return dialogue


def make_move(
    uow: UnitOfWork, request: MoveRequest, *, analyzer: Analyzer, clock: Clock
) -> MoveResult:
    """Apply one move, store its turn and the new state together, and return the new view.

    Raises:
        NotFound: the dialogue is missing or not ``viewer``'s (``dialogue.not_found``).
        PausedForSafety: the dialogue is held (``dialogue.paused``).
        NotYourMove: acting for the partner on two devices, or out of turn.
        StaleView: the screen showed an older version (``dialogue.stale``).
        MoveNotAllowed: the move is not legal at this step.
        InvalidInput: the words are missing, empty or too long.
    """
    with uow:
        stored = _visible(uow, request.dialogue, request.viewer)
        if request.move_key is not None and uow.dialogues.key_used(stored.id, request.move_key):
            turn = uow.dialogues.turn_by_key(stored.id, request.move_key, viewer=request.viewer)
            return MoveResult(view=_view(uow, stored, request.viewer), turn=turn, replayed=True)
        _check_allowed(stored, request)
        if uow.safety.couple_paused(stored.couple):
            raise PausedForSafety("dialogue.paused")  # joint work is paused for the couple
        now = clock.now()
        check_break_over(uow, stored, request.move, now=now)
        if calls_break(uow, stored, request, analyzer):
            return _take_break(uow, stored, request, now=now)
        turn, after = _take_turn(uow, stored, request, analyzer=analyzer, now=now)
        # A withheld request must not become the topic both partners see (issue 6 canary scan).
        named = request.move is Move.REQUEST_APPOINTMENT and not turn.withheld
        topic = turn.text if named else stored.topic
        uow.dialogues.save(stored, after, topic=topic, by=turn.speaker, now=turn.created_at)
        updated = replace(stored, state=after, topic=topic, updated_at=turn.created_at)
        view = _view(uow, updated, request.viewer)
        uow.commit()
    log.info(
        "dialogue %s: %s at %s -> %s", stored.id, request.move.value, stored.state.step, after.step
    )
    return MoveResult(view=view, turn=turn if turn.text else None, replayed=False)


def dialogue_view(uow: UnitOfWork, dialogue: DialogueId, *, viewer: PersonId) -> DialogueView:
    """The dialogue as ``viewer`` sees it; NotFound when missing or not theirs."""
    with uow:
        return _view(uow, _visible(uow, dialogue, viewer), viewer)


def dialogues_of(uow: UnitOfWork, *, viewer: PersonId) -> list[DialogueSummary]:
    """``viewer``'s dialogues, most recently active first."""
    with uow:
        dialogues = uow.dialogues.of_viewer(viewer)
        people = {person for d in dialogues for person in (d.state.sender, d.state.receiver)}
        names = uow.people.names(tuple(sorted(people))) if people else {}
    return [
        DialogueSummary(
            id=d.id,
            mode=d.mode,
            step=d.state.step,
            round=d.state.round,
            topic=d.topic,
            updated_at=d.updated_at,
            whose_turn_name=_name_of(names, d.state.whose_turn()),
        )
        for d in dialogues
    ]


def _visible(uow: UnitOfWork, dialogue: DialogueId, viewer: PersonId) -> StoredDialogue:
    stored = uow.dialogues.get(dialogue, viewer=viewer)
    if stored is None:
        raise NotFound("dialogue.not_found")
    return stored


def _check_allowed(stored: StoredDialogue, request: MoveRequest) -> None:
    if stored.state.step is Step.SAFETY_HOLD:
        raise PausedForSafety("dialogue.paused")
    partners = (stored.state.sender, stored.state.receiver)
    one_device = stored.mode is DialogueMode.ONE_DEVICE and request.acting_as in partners
    if request.acting_as != request.viewer and not one_device:
        # On two devices each partner speaks only for themselves.
        raise NotYourMove("dialogue.not_your_move")
    if request.expected_version is not None and request.expected_version != stored.state.version:
        raise StaleView("dialogue.stale")


def _take_turn(
    uow: UnitOfWork,
    stored: StoredDialogue,
    request: MoveRequest,
    *,
    analyzer: Analyzer,
    now: datetime,
) -> tuple[Turn, CouplesDialogue]:
    """Check and apply the move, judge its words, and add the turn (not yet committed)."""
    before, speaker = stored.state, request.acting_as
    text = (request.text or "").strip()
    after = before.apply(request.move, speaker, text or None)
    if before.needs_text(request.move) is Text.NONE:
        text = ""  # a move without words keeps none, whatever the form sent
    analysis = _judge(uow, stored, request, text, analyzer) if text else None
    withheld = analysis is not None and analysis.utterance.safety.level is SafetyLevel.URGENT
    if withheld and analysis is not None:
        after = before.hold_for_safety()
        kinds = tuple(kind.value for kind in analysis.utterance.safety.kinds)
        raise_from_dialogue(uow, couple=stored.couple, speaker=speaker, kinds=kinds, now=now)
    turn = replace(
        turn_of(uow, stored, speaker, request.move, now=now),
        text=text,
        analysis=analysis,
        withheld=withheld,
    )
    turn_id = uow.dialogues.add_turn(new_turn(stored.id, turn, request.move_key))
    return replace(turn, id=turn_id), after


def _judge(
    uow: UnitOfWork, stored: StoredDialogue, request: MoveRequest, text: str, analyzer: Analyzer
) -> TurnAnalysis | None:
    """Analyze the words; a receiver's reply is judged against what the sender said."""
    state, speaker = stored.state, request.acting_as
    if role_of(state, speaker) is Role.RECEIVER:
        earlier = uow.dialogues.turns(stored.id, viewer=speaker)
        said = what_was_said(state, request.move, speaker, earlier)
        if said is not None:
            return turn_reading(analyzer, text, said=said)
    return turn_reading(analyzer, text)


def _take_break(
    uow: UnitOfWork, stored: StoredDialogue, request: MoveRequest, *, now: datetime
) -> MoveResult:
    """The dialogue paused at its exact step for the couple's break, committed."""
    after, time_out = take_break(uow, stored, request, now=now)
    view = _view(uow, replace(stored, state=after, updated_at=now), request.viewer)
    uow.commit()
    log.info("dialogue %s: break at %s -> time-out %s", stored.id, stored.state.step, time_out)
    return MoveResult(view=view, turn=None, replayed=False, time_out=time_out)


def _view(uow: UnitOfWork, stored: StoredDialogue, viewer: PersonId) -> DialogueView:
    state = stored.state
    turns = tuple(uow.dialogues.turns(stored.id, viewer=viewer))
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
        just_resumed=uow.dialogues.last_move(stored.id) is Move.RESUME,
    )


def _name_of(names: Mapping[PersonId, str], person: PersonId | None) -> str | None:
    return None if person is None else names.get(person)
