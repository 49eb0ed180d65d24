"""Who sees which words, after any sequence of speaking, withholding, pausing and leaving.

A Hypothesis state machine (security-reference.md §4.1 S3) drives the real services on a real
database: partners open dialogues with words that are shared, or urgent and so withheld; a
therapist reopens paused joint work; a partner deletes their account. After every step, what
each person can read through the services must equal a plain model of sets: my own words,
the partner's shared words (unreadable once they left), and nothing of another couple's.
"""

import itertools
from dataclasses import dataclass

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from attunement.domain.analysis import Analyzer
from attunement.domain.clock import Clock
from attunement.domain.errors import PausedForSafety
from attunement.domain.exercises.couples_dialogue import Move
from attunement.domain.people import Person
from attunement.services import couples, dialogue, privacy, safety
from attunement.services.passwords import Hasher
from attunement.services.uow import UnitOfWork
from attunement.store.dialogue import SHREDDED
from tests.conftest import sign_up
from tests.fakes import URGENT_MARKER, SafetyMarkerAnalyzer
from tests.figures import record

RUNS = itertools.count()
STEPS: list[int] = []
NAMES = ("Sam", "Alex", "Casey")


@dataclass
class Env:
    uow: UnitOfWork
    hasher: Hasher
    clock: Clock
    analyzer: Analyzer


class Visibility(RuleBasedStateMachine):
    env: Env  # set by the test before it runs the machine

    def __init__(self) -> None:
        super().__init__()
        uow, clock, run = self.env.uow, self.env.clock, next(RUNS)
        self.people = {name: sign_up(uow, self.env.hasher, clock, f"{name}{run}") for name in NAMES}
        code = couples.invite_partner(uow, by=self.people["Sam"].id, clock=clock)
        self.couple = couples.join_couple(uow, by=self.people["Alex"].id, code=code, clock=clock)
        self.words: dict[str, tuple[str, bool]] = {}  # words -> (speaker, withheld)
        self.paused = False
        self.left: set[str] = set()
        self.count = itertools.count()
        STEPS.append(0)

    def _say(self, person: Person, words: str) -> None:
        env = self.env
        started = dialogue.start_dialogue(
            env.uow, by=person.id, mode=dialogue.DialogueMode.TWO_DEVICES, clock=env.clock
        )
        request = dialogue.MoveRequest(
            started, person.id, person.id, Move.REQUEST_APPOINTMENT, words
        )
        dialogue.make_move(env.uow, request, analyzer=env.analyzer, clock=env.clock)

    @precondition(lambda self: not self.left)
    @rule(speaker=st.sampled_from(["Sam", "Alex"]), urgent=st.booleans())
    def speak(self, speaker: str, urgent: bool) -> None:
        STEPS[-1] += 1
        words = f"words-{next(self.count)}" + (f" {URGENT_MARKER}" if urgent else "")
        try:
            self._say(self.people[speaker], words)
        except PausedForSafety:
            assert self.paused
            return
        assert not self.paused
        self.words[words] = (speaker, urgent)
        self.paused = urgent

    @rule()
    def therapist_reopens(self) -> None:
        STEPS[-1] += 1
        safety.reopen_joint_work(self.env.uow, couple=self.couple.id, clock=self.env.clock)
        self.paused = False

    @precondition(lambda self: not self.left)
    @rule(who=st.sampled_from(["Sam", "Alex"]))
    def leave(self, who: str) -> None:
        STEPS[-1] += 1
        privacy.delete_account(self.env.uow, person=self.people[who].id, clock=self.env.clock)
        self.left.add(who)

    def seen_by(self, viewer: Person) -> set[str]:
        uow = self.env.uow
        return {
            turn.text
            for item in dialogue.dialogues_of(uow, viewer=viewer.id)
            for turn in dialogue.dialogue_view(uow, item.id, viewer=viewer.id).turns
        }

    def expected(self, name: str) -> set[str]:
        if name == "Casey":
            return set()
        return {
            SHREDDED if speaker in self.left else words
            for words, (speaker, withheld) in self.words.items()
            if speaker == name or not withheld
        }

    @invariant()
    def each_sees_exactly_the_model(self) -> None:
        for name in NAMES:
            if name not in self.left:
                assert self.seen_by(self.people[name]) == self.expected(name), name


def test_visibility_always_equals_the_model(uow, hasher, clock):
    Visibility.env = Env(uow, hasher, clock, SafetyMarkerAnalyzer())

    run_state_machine_as_test(
        Visibility,
        settings=settings(
            max_examples=15, stateful_step_count=10, deadline=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        ),
    )  # fmt: skip
    record("S3 visibility state machine", sequences=len(STEPS), steps=sum(STEPS), violations=0)
