"""A shared state without the words of the person who left (issue 6, crypto-shredding).

The property: walk any machine with random legal moves, every word typed carrying a canary that
names its typist; after ``without_words_of(person)`` none of that person's canaries is anywhere in
the state, every canary of the others that was there still is, and the step stays.
"""

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from attunement.domain.errors import AttunementError
from attunement.domain.exercises import appreciation, behavior_change, parent_child
from attunement.domain.exercises.cycle_map import CycleMap
from attunement.domain.exercises.cycle_map import Move as CycleMove
from attunement.domain.exercises.time_out import TimeOut
from attunement.domain.exercises.u_turn import Move as UTurnMove
from attunement.domain.exercises.u_turn import UTurn
from attunement.domain.exercises.unburdening import Move as UnburdeningMove
from attunement.domain.exercises.unburdening import Unburdening
from attunement.domain.feel_toward import Stance, classify
from attunement.domain.forgetting import SHREDDED, shredded
from attunement.domain.ids import PersonId
from attunement.domain.imago_runs import ImagoKind, apply_move, legal_move_names, new_run
from attunement.domain.stages import IfioProgramme

SAM = PersonId("sam")
ALEX = PersonId("alex")
JORDAN = PersonId("jordan")
TAG = {SAM: "sm", ALEX: "ax", JORDAN: "jd"}
PHRASES = ("I feel curious and calm", "I am angry and tight", "my mother", "we go round")
REQUESTS = (
    "Text me when you leave the office, every weekday for two weeks",
    "Sit with me for coffee for 15 minutes before work, twice a week for the next four weeks",
    "Ask me one question about my day each evening for the next four weeks",
)


@dataclass
class Typed:
    """Every canary typed so far, by typist."""

    by: dict[PersonId, list[str]] = field(default_factory=dict)

    def words(self, who: PersonId, phrase: str) -> str:
        canary = f"cnry{sum(map(len, self.by.values())):03d}{TAG[who]}"
        self.by.setdefault(who, []).append(canary)
        return f"{phrase} {canary}"


@dataclass(frozen=True)
class Machine:
    start: Callable[[], Any]
    moves: Callable[[Any, PersonId], list[Any]]
    make: Callable[[Any, Any, PersonId, str | None, int], Any]  # state, move, by, text, at

    def members(self) -> tuple[PersonId, ...]:
        state = self.start()
        for pair in (("person", "partner"), ("first", "second"), ("client", "therapist")):
            if hasattr(state, pair[0]):
                return tuple(getattr(state, name) for name in pair)
        return (state.sender, state.receiver)


def _imago(kind: ImagoKind) -> Machine:
    return Machine(
        lambda: new_run(kind, sender=ALEX, receiver=SAM),
        legal_move_names,
        lambda s, m, by, text, at: apply_move(s, m, by, text, pick=at % 3),
    )


MACHINES = {
    "u_turn": Machine(
        lambda: UTurn(ALEX, SAM), UTurn.legal_moves, lambda s, m, by, t, _at: s.apply(m, by, t)
    ),
    "cycle_map": Machine(
        lambda: CycleMap(first=ALEX, second=SAM),
        CycleMap.legal_moves,
        lambda s, m, by, t, at: s.apply(m, by, t, at=at % max(1, len(s.steps))),
    ),
    "unburdening": Machine(
        lambda: Unburdening(client=ALEX, therapist=JORDAN),
        Unburdening.legal_moves,
        lambda s, m, by, t, _at: s.apply(m, by, t),
    ),
    **{kind.value: _imago(kind) for kind in ImagoKind},
}


INTERRUPTS = frozenset({"pause", "resume", "abandon", "time_out", "stop", "other_options"})


def _text(data: st.DataObject, typed: Typed, by: PersonId, move: Any) -> str | None:
    if data.draw(st.integers(0, 9), label="silent") == 0:
        return None
    pool = REQUESTS if str(move) == behavior_change.Move.OFFER.value else PHRASES
    return typed.words(by, data.draw(st.sampled_from(pool), label="phrase"))


def _move(data: st.DataObject, machine: Machine, state: Any) -> tuple[PersonId, Any] | None:
    """A legal move, rarely an interrupt, so that walks reach the later steps too."""
    offered = [(by, m) for by in machine.members() for m in machine.moves(state, by)]
    onward = [pair for pair in offered if str(pair[1]) not in INTERRUPTS]
    rarely = data.draw(st.integers(0, 59), label="onward") == 0
    pool = offered if rarely or not onward else onward
    return data.draw(st.sampled_from(pool), label="move") if pool else None


def walk(machine: Machine, data: st.DataObject, typed: Typed) -> Any:
    """Up to 80 random legal moves; a move refused for its words is simply not made."""
    state = machine.start()
    for _ in range(data.draw(st.integers(0, 80), label="length")):
        chosen = _move(data, machine, state)
        if chosen is None:
            break
        by, move = chosen
        at = data.draw(st.integers(0, 11), label="at")
        try:
            state = machine.make(state, move, by, _text(data, typed, by, move), at)
        except AttunementError:
            continue
    return state


@pytest.mark.parametrize("kind", sorted(MACHINES))
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_no_word_of_the_person_who_left_stays_and_the_others_words_do(kind, data):
    machine, typed = MACHINES[kind], Typed()
    state = walk(machine, data, typed)
    leaving = data.draw(st.sampled_from(machine.members()), label="leaving")

    kept = state.without_words_of(leaving)

    before, after = repr(state), repr(kept)
    assert [c for c in typed.by.get(leaving, []) if c in after] == []
    others = [c for who, cs in typed.by.items() if who != leaving for c in cs if c in before]
    assert [c for c in others if c not in after] == []
    assert (type(kept), kept.step, kept.version) == (type(state), state.step, state.version)


def test_a_u_turn_keeps_the_partners_mirror_and_the_stance_without_its_words():
    turn = replace(
        UTurn(ALEX, SAM).apply(UTurnMove.NOTICE, ALEX, "You never listen"),
        mirror="You felt unheard",
        feel_toward=(classify("I feel curious"),),
    )

    kept = turn.without_words_of(ALEX)

    assert (kept.original, kept.mirror, kept.inside) == (SHREDDED, "You felt unheard", "")
    assert kept.feel_toward[0].classified_as is Stance.SELF_QUALITY
    assert kept.feel_toward[0].self_words == ()
    assert turn.without_words_of(SAM).original == "You never listen"  # the twin
    assert turn.without_words_of(SAM).mirror == SHREDDED


def test_a_cycle_map_forgets_the_leavers_steps_and_the_trigger_they_handed_over():
    cycle = CycleMap(first=SAM, second=ALEX)
    for move, by, text in [
        (CycleMove.DESCRIBE_TRIGGER, SAM, "Alex comes home late"),
        (CycleMove.DESCRIBE_FEELING, SAM, "scared"),
        (CycleMove.DESCRIBE_MOVE, SAM, "I send pointed messages"),
        (CycleMove.HAND_OVER, ALEX, None),
        (CycleMove.DESCRIBE_FEELING, ALEX, "cornered"),
        (CycleMove.DESCRIBE_MOVE, ALEX, "I go quiet"),
        (CycleMove.HAND_OVER, SAM, None),
    ]:
        cycle = cycle.apply(move, by, text)
    cycle = replace(cycle, name="the chase", named_by=SAM)

    kept = cycle.without_words_of(ALEX)

    assert kept.steps[0] == cycle.steps[0]
    assert (kept.steps[1].inner_feeling, kept.steps[1].protector_move) == (SHREDDED, SHREDDED)
    assert kept.steps[2].observed_trigger == SHREDDED  # Alex's move, handed over
    assert kept.steps[2].inner_feeling == ""  # nothing written yet: nothing to mark
    assert [s.owner for s in kept.steps] == [SAM, ALEX, SAM]
    assert kept.name == "the chase"
    assert cycle.without_words_of(SAM).name == SHREDDED
    assert replace(cycle, named_by=None).without_words_of(ALEX).name == SHREDDED  # unknown: gone


def test_an_unburdening_forgets_the_clients_after_note_only():
    run = Unburdening(client=ALEX, therapist=JORDAN, after_note="lighter now")
    assert run.without_words_of(ALEX).after_note == SHREDDED
    assert run.without_words_of(JORDAN) == run
    assert run.apply(UnburdeningMove.PAUSE, ALEX).without_words_of(ALEX).after_note == SHREDDED


def test_a_behavior_change_request_forgets_requests_or_restatement_by_author():
    run = behavior_change.BehaviorChangeRequest(
        ALEX, SAM, requests=REQUESTS, chosen=1, restatement="I will sit with you for coffee"
    )

    by_sender, by_receiver = run.without_words_of(ALEX), run.without_words_of(SAM)

    assert by_sender.requests == (SHREDDED,) * 3
    assert (by_sender.chosen, by_sender.restatement) == (1, "I will sit with you for coffee")
    assert (by_receiver.requests, by_receiver.restatement) == (REQUESTS, SHREDDED)


def test_a_parent_child_dialogue_forgets_the_caregiver_the_sender_named():
    run = parent_child.ParentChildDialogue(ALEX, SAM, caregiver="my dad")
    assert run.without_words_of(ALEX).caregiver == SHREDDED
    assert run.without_words_of(SAM).caregiver == "my dad"
    assert run.without_words_of(SAM).questions == run.questions


def test_states_without_words_stay_whole():
    at = datetime(2026, 11, 25, 20, tzinfo=UTC)
    away = TimeOut(called_by=ALEX, other=SAM, called_at=at, return_at=at)
    programme = IfioProgramme((ALEX, SAM))
    thanks = appreciation.AppreciationDialogue(ALEX, SAM)
    assert away.without_words_of(ALEX) == away
    assert programme.without_words_of(ALEX) == programme
    assert thanks.without_words_of(ALEX) == thanks


def test_an_empty_field_stays_empty():
    assert (shredded(""), shredded("x")) == ("", SHREDDED)
