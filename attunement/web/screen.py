"""What the dialogue screen shows one viewer: whose turn, the stem, the buttons, the feedback.

Built from the services' ``DialogueView`` (already filtered for this viewer) and the machine's own
answers (``whose_turn``, ``legal_moves``, ``needs_text``), so the screen never decides a rule.
On one device (pass-and-play) the screen acts for whoever's turn it is; on two devices it acts
only for the viewer.
"""

from dataclasses import dataclass

from attunement.domain.exercises.couples_dialogue import (
    FINISHED,
    CouplesDialogue,
    Move,
    Step,
    Text,
)
from attunement.domain.ids import PersonId
from attunement.domain.mirroring import Said, last_mirror
from attunement.domain.sessions import DialogueMode, Turn
from attunement.services.dialogue import DialogueView
from attunement.web.coaching import Feedback, feedback_for
from attunement.web.security import new_token
from attunement.web.stems import GUIDES, INTERRUPTS, MOVES, WAITING, fill


@dataclass(frozen=True, slots=True)
class MoveForm:
    move: str
    button: str
    label: str
    text: Text
    limit: int


@dataclass(frozen=True, slots=True)
class Line:
    speaker: str
    text: str
    mine: bool
    step: str


@dataclass(frozen=True, slots=True)
class Screen:
    """Everything the dialogue templates need, for one viewer at one version."""

    id: str
    version: int
    step: str
    mode: str
    topic: str | None
    actor: PersonId | None  # whose screen this is right now; None while waiting
    actor_name: str
    turn_title: str
    task: str
    stem: str
    waiting: str
    moves: tuple[MoveForm, ...]
    interrupts: tuple[MoveForm, ...]
    lines: tuple[Line, ...]
    feedback: Feedback | None
    feedback_for: str
    nudge_summary: bool
    move_key: str
    finished: bool
    paused: bool
    recap: str | None = None  # the last mirror, shown during a time-out (issue 4)
    back_at: str = ""  # "HH:MM UTC" while a time-out's shortest break runs

    @property
    def takes_text(self) -> bool:
        """Whether one of the moves on screen has a text box (where kept words go)."""
        return any(move.text is not Text.NONE for move in self.moves)


def build_screen(view: DialogueView, viewer: PersonId) -> Screen:
    """The screen ``viewer`` sees for ``view``."""
    state = view.state
    one_device = view.mode is DialogueMode.ONE_DEVICE
    due = state.whose_turn()
    actor = _actor(state, viewer, due, one_device=one_device)
    names = {person: _first(name) for person, name in view.names.items()}
    sender, receiver = names[state.sender], names[state.receiver]
    guide = GUIDES.get(state.step)
    moves = state.legal_moves(actor) if actor is not None else []
    feedback_turn = _feedback_turn(view.turns, state, viewer, one_device=one_device)
    return Screen(
        id=view.id,
        version=state.version,
        step=state.step.value,
        mode=view.mode.value,
        topic=view.topic,
        actor=actor,
        actor_name=names.get(actor, "") if actor else "",
        turn_title=_turn_title(state, viewer, due, names, one_device=one_device),
        task=fill(guide.task, sender=sender, receiver=receiver) if guide else "",
        stem=fill(guide.stem, sender=sender, receiver=receiver) if guide else "",
        waiting=fill(WAITING.get(state.step, ""), sender=sender, receiver=receiver),
        moves=tuple(_form(state, m) for m in moves if m not in INTERRUPTS),
        interrupts=tuple(_form(state, m) for m in state.legal_moves(viewer) if m in INTERRUPTS),
        lines=tuple(
            _line(t, names, viewer) for t in view.turns if t.round == state.round and t.text
        ),
        feedback=feedback_for(feedback_turn.move, feedback_turn.analysis)
        if feedback_turn
        else None,
        feedback_for=names.get(feedback_turn.speaker, "") if feedback_turn else "",
        nudge_summary=state.step is Step.ASK_MORE and state.nudge_summary(),
        move_key=new_token(),
        finished=state.step in FINISHED,
        paused=state.step is Step.SAFETY_HOLD,
        recap=_recap(view.turns, state, just_resumed=view.just_resumed),
        back_at=view.back_at.strftime("%H:%M UTC") if view.back_at else "",
    )


def _recap(turns: tuple[Turn, ...], state: CouplesDialogue, *, just_resumed: bool) -> str | None:
    """During a time-out and right after it, the last mirror: where the couple picks up (§2.12)."""
    if state.step is not Step.TIMEOUT and not just_resumed:
        return None
    said = [Said(t.step.value, t.text) for t in turns if t.text and not t.withheld]
    mirror = last_mirror(said, frozenset({Step.MIRROR.value, Step.SUMMARY.value}))
    return None if mirror is None else mirror.text


def _first(name: str) -> str:
    return name.split()[0] if name.strip() else name


def _actor(
    state: CouplesDialogue, viewer: PersonId, due: PersonId | None, *, one_device: bool
) -> PersonId | None:
    if state.step in FINISHED or state.step is Step.SAFETY_HOLD:
        return None
    if due is None:
        return viewer  # either partner may answer (or take a break): the one holding the screen
    if one_device or due == viewer:
        return due
    return None


def _turn_title(
    state: CouplesDialogue,
    viewer: PersonId,
    due: PersonId | None,
    names: dict[PersonId, str],
    *,
    one_device: bool,
) -> str:
    if state.step is Step.SAFETY_HOLD:
        return "Paused"
    if state.step in FINISHED:
        return "Finished"
    if due is None:
        return "Your choice, together"
    if due == viewer and not one_device:
        return "Your turn"
    return f"{names[due]}'s turn"


def _form(state: CouplesDialogue, move: Move) -> MoveForm:
    words = MOVES[move]
    limit = 120 if move is Move.REQUEST_APPOINTMENT else 2000
    return MoveForm(move.value, words.button, words.label, state.needs_text(move), limit)


def _line(turn: Turn, names: dict[PersonId, str], viewer: PersonId) -> Line:
    return Line(names.get(turn.speaker, ""), turn.text, turn.speaker == viewer, turn.step.value)


def _feedback_turn(
    turns: tuple[Turn, ...], state: CouplesDialogue, viewer: PersonId, *, one_device: bool
) -> Turn | None:
    """The latest coached turn of this round: the viewer's own (anyone's on a shared screen)."""
    if state.step is Step.SAFETY_HOLD:
        return None  # §6.8: the coach is silent around safety content
    for turn in reversed(turns):
        if turn.round != state.round or turn.withheld:
            continue
        if (one_device or turn.speaker == viewer) and feedback_for(turn.move, turn.analysis):
            return turn
    return None
