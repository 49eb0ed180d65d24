"""The Couple's Dialogue as use cases: start, move, view, list (domain.md §2.1, §0.1, §4.6).

``make_move`` is the acknowledgement of a turn: the words, their analysis and the new state are
committed in one transaction before it returns. A break, called by the button or the couple's
code word, is ``services/dialogue_breaks.py``; the reads (view, screen, version, list) are
``services/dialogue_views.py``, re-exported here. Someone else's dialogue is ``NotFound`` with the
same key as a missing one. Words the analyzer rates an urgent safety risk are kept for their
speaker only and hold the dialogue for both, with nothing that tells the partner why (§4.6).
"""

import logging
from dataclasses import dataclass, replace
from datetime import datetime

from attunement.domain.analysis import Analyzer, SafetyLevel, TurnAnalysis
from attunement.domain.clock import Clock
from attunement.domain.errors import InvalidInput, NotYourMove, PausedForSafety, StaleView
from attunement.domain.exercises.couples_dialogue import CouplesDialogue, Move, Role, Step, Text
from attunement.domain.ids import DialogueId, PersonId, RunId
from attunement.domain.sessions import DialogueMode, Turn, role_of, what_was_said
from attunement.services.dialogue_breaks import calls_break, check_break_over, take_break
from attunement.services.dialogue_turns import MoveRequest, new_turn, turn_of
from attunement.services.dialogue_views import (
    DialogueSummary,
    DialogueView,
    dialogue_version,
    dialogue_view,
    dialogues_of,
    round_view,
    view_of,
    visible,
)
from attunement.services.readings import turn_reading
from attunement.services.safety import raise_from_dialogue
from attunement.services.uow import UnitOfWork
from attunement.store.dialogue import StoredDialogue

__all__ = [
    "DialogueMode",
    "DialogueSummary",
    "DialogueView",
    "MoveAck",
    "MoveRequest",
    "MoveResult",
    "Turn",
    "dialogue_version",
    "dialogue_view",
    "dialogues_of",
    "make_move",
    "record_move",
    "round_view",
    "start_dialogue",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class MoveAck:
    """A committed move as a live screen needs it (issue 7).

    The version reached, whether it was a resend, and the couple's break when the move called it.
    """

    dialogue: DialogueId
    version: int
    replayed: bool
    time_out: RunId | None = None


@dataclass(frozen=True, slots=True)
class MoveResult:
    """The dialogue after the move, as ``round_view`` gives it; ``turn`` is the stored words."""

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
        applied = _apply(uow, request, analyzer=analyzer, now=clock.now())
        view = view_of(uow, applied.stored, request.viewer)
        uow.commit()
    _log_move(request, applied)
    return MoveResult(
        view=view, turn=applied.turn, replayed=applied.replayed, time_out=applied.time_out
    )


def record_move(
    uow: UnitOfWork, request: MoveRequest, *, analyzer: Analyzer, clock: Clock
) -> MoveAck:
    """``make_move`` without reading the view back, for a screen that fetches its own (issue 7).

    Raises:
        The refusals of ``make_move``.
    """
    with uow:
        applied = _apply(uow, request, analyzer=analyzer, now=clock.now())
        uow.commit()
    _log_move(request, applied)
    return MoveAck(
        applied.stored.id, applied.stored.state.version, applied.replayed, applied.time_out
    )


@dataclass(frozen=True, slots=True)
class _Applied:
    stored: StoredDialogue  # as it is after the move
    turn: Turn | None
    replayed: bool
    from_step: Step
    time_out: RunId | None = None


def _apply(uow: UnitOfWork, request: MoveRequest, *, analyzer: Analyzer, now: datetime) -> _Applied:
    """Check, apply and save the move (not yet committed); a resent move is only found again."""
    stored = visible(uow, request.dialogue, request.viewer)
    if request.move_key is not None and uow.dialogues.key_used(stored.id, request.move_key):
        turn = uow.dialogues.turn_by_key(stored.id, request.move_key, viewer=request.viewer)
        return _Applied(stored, turn, replayed=True, from_step=stored.state.step)
    _check_allowed(stored, request)
    if uow.safety.couple_paused(stored.couple):
        raise PausedForSafety("dialogue.paused")  # joint work is paused for the couple
    check_break_over(uow, stored, request.move, now=now)
    if calls_break(uow, stored, request, analyzer):
        after, time_out = take_break(uow, stored, request, now=now)
        paused = replace(stored, state=after, updated_at=now)
        return _Applied(
            paused, None, replayed=False, from_step=stored.state.step, time_out=time_out
        )
    turn, after = _take_turn(uow, stored, request, analyzer=analyzer, now=now)
    # A withheld request must not become the topic both partners see (issue 6 canary scan).
    named = request.move is Move.REQUEST_APPOINTMENT and not turn.withheld
    topic = turn.text if named else stored.topic
    uow.dialogues.save(stored, after, topic=topic, by=turn.speaker, now=turn.created_at)
    updated = replace(stored, state=after, topic=topic, updated_at=turn.created_at)
    return _Applied(
        updated, turn if turn.text else None, replayed=False, from_step=stored.state.step
    )


def _log_move(request: MoveRequest, applied: _Applied) -> None:
    if applied.time_out is not None:
        log.info(
            "dialogue %s: break at %s -> time-out %s",
            request.dialogue,
            applied.from_step,
            applied.time_out,
        )
    elif not applied.replayed:
        log.info(
            "dialogue %s: %s at %s -> %s",
            request.dialogue,
            request.move.value,
            applied.from_step,
            applied.stored.state.step,
        )


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
        earlier = uow.dialogues.turns(stored.id, viewer=speaker, from_round=state.round)
        said = what_was_said(state, request.move, speaker, earlier)
        if said is not None:
            return turn_reading(analyzer, text, said=said)
    return turn_reading(analyzer, text)
