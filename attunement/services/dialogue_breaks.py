"""The Couple's Dialogue on a break: calling it, its shortest length, resuming (§2.12, issue 4).

Pressing "I need a break" and saying the couple's code word are one call: once the couple has a
plan, either pauses the dialogue at its exact step and calls the couple's break
(``services/time_out_runs.py``), and both partners go to its page. Without a plan the button
only pauses the dialogue, as it always did. Resuming waits for the agreed shortest break.
Every function here works inside the dialogue's open unit of work; ``services/dialogue.py``
owns the transaction.
"""

from datetime import datetime, timedelta

from attunement.domain.analysis import Analyzer, SafetyLevel
from attunement.domain.errors import InvalidInput
from attunement.domain.exercises.couples_dialogue import CouplesDialogue, Move, Step
from attunement.domain.ids import RunId
from attunement.services import time_out_runs
from attunement.services.dialogue_turns import MoveRequest, new_turn, turn_of
from attunement.services.readings import reading
from attunement.services.uow import UnitOfWork
from attunement.store.dialogue import StoredDialogue


def check_break_over(uow: UnitOfWork, stored: StoredDialogue, move: Move, *, now: datetime) -> None:
    """A time-out lasts at least the couple's agreed break before resuming (§2.12)."""
    if move is not Move.RESUME:
        return
    back = back_at(uow, stored)
    if back is not None and now < back:
        raise InvalidInput("time_out.too_soon")


def back_at(uow: UnitOfWork, stored: StoredDialogue) -> datetime | None:
    """When the current time-out's shortest break ends; None without a plan or a time-out.

    A dialogue on a break moves only by resuming or ending, so its last change is the call.
    """
    if stored.state.step is not Step.TIMEOUT:
        return None
    plan = uow.time_out_plans.of_couple(stored.couple)
    return None if plan is None else stored.updated_at + timedelta(minutes=plan.min_minutes)


def calls_break(
    uow: UnitOfWork, stored: StoredDialogue, request: MoveRequest, analyzer: Analyzer
) -> bool:
    """Whether the move calls the couple's break while the dialogue runs: button or code word.

    Urgent words are not a time-out: safety beats structure, so they take the safety path.
    """
    speaker, text = request.acting_as, request.text
    if Move.TIME_OUT not in stored.state.legal_moves(speaker):
        return False  # nothing is running (finished, held, already on a break)
    button = request.move is Move.TIME_OUT
    if not time_out_runs.calls_break(uow, by=speaker, button=button, text=text):
        return False
    return button or reading(analyzer, text or "").safety.level is not SafetyLevel.URGENT


def take_break(
    uow: UnitOfWork, stored: StoredDialogue, request: MoveRequest, *, now: datetime
) -> tuple[CouplesDialogue, RunId]:
    """Pause at the exact step for the couple's break, keeping no words with the call.

    The words that said the code word are half a turn at most, and a run never resumes in the
    middle of a half-said turn (§0.1), so they are not stored at all. Not yet committed.

    Returns:
        The dialogue on its break, and the couple's break.
    """
    speaker = request.acting_as
    after = stored.state.apply(Move.TIME_OUT, speaker)
    turn = turn_of(uow, stored, speaker, Move.TIME_OUT, now=now)
    uow.dialogues.add_turn(new_turn(stored.id, turn, request.move_key))
    time_out = time_out_runs.call_from_exercise(uow, by=speaker, now=now)
    uow.dialogues.save(stored, after, topic=stored.topic, by=speaker, now=now)
    return after, time_out
