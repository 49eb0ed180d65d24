"""A dialogue driven through the real services, so a test reads as the conversation it sets up."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from attunement.domain.analysis import Analyzer
from attunement.domain.clock import Clock
from attunement.domain.exercises.couples_dialogue import Move
from attunement.domain.ids import DialogueId
from attunement.domain.people import Person
from attunement.services import dialogue
from attunement.services.dialogue import (
    DialogueMode,
    DialogueView,
    MoveAck,
    MoveRequest,
    MoveResult,
)
from attunement.services.uow import UnitOfWork

#: One full round in which Sam sends and Alex receives: (who, move, words).
ROUND: tuple[tuple[str, Move, str | None], ...] = (
    ("sam", Move.REQUEST_APPOINTMENT, "The dishes"),
    ("alex", Move.ACCEPT_NOW, None),
    ("sam", Move.CHUNK_DONE, "I felt alone at the sink last night."),
    ("alex", Move.MIRROR, "What reached me is that you felt alone at the sink."),
    ("sam", Move.ACCURATE, None),
    ("sam", Move.NO_MORE, None),
    ("alex", Move.SUMMARIZE, "So you felt alone at the sink last night. Is that all?"),
    ("sam", Move.COMPLETE, None),
    ("alex", Move.VALIDATE, "It makes sense, given you were tired and I was on my phone."),
    ("sam", Move.LANDED, None),
    ("alex", Move.EMPATHIZE, "I imagine you felt lonely and maybe hurt."),
    ("sam", Move.CONFIRMED, None),
    ("sam", Move.APPRECIATE, "Thank you for listening."),
    ("alex", Move.APPRECIATE, "Thank you for telling me."),
)


@dataclass(frozen=True)
class Talk:
    """The dialogue use cases bound to one database, clock and analyzer."""

    uow: UnitOfWork
    clock: Clock
    analyzer: Analyzer

    def judged_by(self, analyzer: Analyzer) -> "Talk":
        return replace(self, analyzer=analyzer)

    def start(self, by: Person, mode: DialogueMode = DialogueMode.TWO_DEVICES) -> DialogueId:
        return dialogue.start_dialogue(self.uow, by=by.id, mode=mode, clock=self.clock)

    def play(
        self, dialogue_id: DialogueId, person: Person, move: Move, text: str | None = None, **fields
    ) -> MoveResult:
        """``person`` makes ``move``; ``fields`` are the other ``MoveRequest`` fields."""
        acting_as = fields.pop("acting_as", person)
        request = MoveRequest(
            dialogue=dialogue_id,
            viewer=person.id,
            acting_as=acting_as.id,
            move=move,
            text=text,
            **fields,
        )
        return dialogue.make_move(self.uow, request, analyzer=self.analyzer, clock=self.clock)

    def record(
        self, dialogue_id: DialogueId, person: Person, move: Move, text: str | None = None, **fields
    ) -> MoveAck:
        """``person`` makes ``move`` as a live screen does: nothing is read back."""
        request = MoveRequest(dialogue_id, person.id, person.id, move, text, **fields)
        return dialogue.record_move(self.uow, request, analyzer=self.analyzer, clock=self.clock)

    def play_all(
        self,
        dialogue_id: DialogueId,
        cast: Mapping[str, Person],
        moves: Iterable[tuple[str, Move, str | None]],
    ) -> None:
        """Play ``moves``, each by the person ``cast`` names."""
        for who, move, text in moves:
            self.play(dialogue_id, cast[who], move, text)

    def view(self, dialogue_id: DialogueId, viewer: Person) -> DialogueView:
        return dialogue.dialogue_view(self.uow, dialogue_id, viewer=viewer.id)
