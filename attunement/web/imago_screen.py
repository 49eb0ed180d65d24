"""What an Imago run's screen shows one viewer: whose turn, the task, the buttons, the requests.

Built from the services' ``RunView`` (already filtered for this viewer) and the machine's own
answers (``whose_turn``, ``legal_moves``, ``needs_text``), so the screen never decides a rule. On
one device (pass-and-play) the screen acts for whoever's turn it is; on two devices only for the
viewer, like the Couple's Dialogue.
"""

from dataclasses import dataclass

from attunement.domain.exercises.behavior_change import BehaviorChangeRequest
from attunement.domain.exercises.parent_child import ParentChildDialogue
from attunement.domain.ids import PersonId
from attunement.domain.imago_runs import FAMILIES, legal_move_names, needs_text
from attunement.domain.requests import MAX_REQUEST, RequestCheck, check_request
from attunement.domain.sessions import DialogueMode
from attunement.domain.steps import MAX_TEXT, Text
from attunement.services.imago import RunView
from attunement.web.imago_words import INTERRUPTS, MOVES, QUESTIONS, TITLES, fill, task_for
from attunement.web.messages import words
from attunement.web.security import new_token


@dataclass(frozen=True, slots=True)
class MoveForm:
    move: str
    button: str
    label: str
    text: str
    limit: int


@dataclass(frozen=True, slots=True)
class Note:
    """One criterion of the request check, in words."""

    passed: bool
    words: str
    evidence: str


@dataclass(frozen=True, slots=True)
class OfferedRequest:
    index: int
    text: str
    notes: tuple[Note, ...]


@dataclass(frozen=True, slots=True)
class Line:
    speaker: str
    text: str


@dataclass(frozen=True, slots=True)
class ImagoScreen:
    id: str
    title: str
    version: int
    step: str
    mode: str
    actor: PersonId | None
    actor_name: str
    turn_title: str
    task: str
    question: str
    in_role: bool
    lines: tuple[Line, ...]
    moves: tuple[MoveForm, ...]
    interrupts: tuple[MoveForm, ...]
    requests: tuple[OfferedRequest, ...]
    recap: str | None
    back_at: str  # "HH:MM UTC" while a time-out's shortest break runs, else ""
    finished: bool
    held: bool
    move_key: str

    @property
    def takes_text(self) -> bool:
        return any(move.text != Text.NONE for move in self.moves)


def notes_for(check: RequestCheck) -> tuple[Note, ...]:
    """The request check in words, one note per criterion."""
    return tuple(Note(v.passed, words(v.message_key), v.evidence) for v in check.verdicts)


def build_screen(view: RunView, viewer: PersonId) -> ImagoScreen:
    """The screen ``viewer`` sees for ``view``."""
    state, family = view.state, FAMILIES[view.kind]
    one_device = view.mode is DialogueMode.ONE_DEVICE
    names = {
        person: name.split()[0] if name.strip() else name for person, name in view.names.items()
    }
    finished = state.step.value in family.finished
    held = state.step.value == family.held
    due = state.whose_turn()
    actor = None if finished or held else _actor(viewer, due, one_device=one_device)
    filled = {
        "sender": names[state.sender],
        "receiver": names[state.receiver],
        "caregiver": _caregiver(view),
    }
    acting = legal_move_names(state, actor) if actor is not None else []
    return ImagoScreen(
        id=view.id,
        title=TITLES[view.kind],
        version=state.version,
        step=state.step.value,
        mode=view.mode.value,
        actor=actor,
        actor_name=names.get(actor, "") if actor else "",
        turn_title=_turn_title(view, viewer, due, names, one_device=one_device),
        task=fill(task_for(state.step.value), **filled),
        question=_question(view),
        in_role=isinstance(state, ParentChildDialogue) and state.in_role,
        lines=tuple(
            Line(names.get(t.speaker, ""), t.text) for t in view.turns if t.text and not held
        ),
        moves=tuple(_form(view, m) for m in acting if m not in INTERRUPTS),
        interrupts=tuple(
            _form(view, m) for m in legal_move_names(state, viewer) if m in INTERRUPTS
        ),
        requests=_requests(view),
        recap=view.recap,
        back_at=view.back_at.strftime("%H:%M UTC") if view.back_at else "",
        finished=finished,
        held=held,
        move_key=new_token(),
    )


def _actor(viewer: PersonId, due: PersonId | None, *, one_device: bool) -> PersonId | None:
    if due is None:
        return viewer  # either partner may answer: the one holding the screen
    return due if one_device or due == viewer else None


def _turn_title(
    view: RunView,
    viewer: PersonId,
    due: PersonId | None,
    names: dict[PersonId, str],
    *,
    one_device: bool,
) -> str:
    family, step = FAMILIES[view.kind], view.state.step.value
    if step == family.held:
        return "Paused"
    if step in family.finished:
        return "Finished"
    if step in family.waiting:
        return "On a break"
    if due is None:
        return "Your choice, together"
    if due == viewer and not one_device:
        return "Your turn"
    return f"{names[due]}'s turn"


def _form(view: RunView, move: str) -> MoveForm:
    button, label = MOVES.get(move, (move, ""))
    limit = MAX_REQUEST if move == "offer" else MAX_TEXT
    return MoveForm(move, button, label, needs_text(view.state, move).value, limit)


def _caregiver(view: RunView) -> str:
    state = view.state
    if isinstance(state, ParentChildDialogue) and state.caregiver:
        return state.caregiver
    return "them"


def _question(view: RunView) -> str:
    state = view.state
    if not isinstance(state, ParentChildDialogue) or state.current_question is None:
        return ""
    return QUESTIONS[state.current_question]


def _requests(view: RunView) -> tuple[OfferedRequest, ...]:
    state = view.state
    if not isinstance(state, BehaviorChangeRequest):
        return ()
    return tuple(
        OfferedRequest(i, text, notes_for(check_request(text)))
        for i, text in enumerate(state.requests)
    )
