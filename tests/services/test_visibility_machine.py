"""Who sees which words and parts, after any sequence of speaking, sharing and leaving.

A Hypothesis state machine (security-reference.md §4.1 S3) drives the real services on a real
database: partners open dialogues with words that are shared, or urgent and so withheld; a
therapist reopens paused joint work; people name parts and share, unshare or revoke them with
the partner or the therapist; the couple invites a therapist (Jordan or Morgan) or lets one go;
someone tries to change another's part; a partner deletes their account. After every step, what
each person can read through the services must equal a plain model of sets: my own words and
parts, the partner's shared words (unreadable once they left) and parts, the parts my clients
shared with me while I am their therapist, and nothing of anyone else's.
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
from attunement.domain.errors import NotFound, PausedForSafety
from attunement.domain.exercises.couples_dialogue import Move
from attunement.domain.ids import PartId
from attunement.domain.parts import PartRole
from attunement.domain.people import AccountKind, Person
from attunement.domain.visibility import Sharing
from attunement.domain.visibility import Visibility as Seen
from attunement.services import couples, dialogue, parts, privacy, safety, therapists
from attunement.services.passwords import Hasher
from attunement.services.uow import UnitOfWork
from attunement.store.dialogue import SHREDDED
from tests.conftest import sign_up
from tests.fakes import URGENT_MARKER, SafetyMarkerAnalyzer
from tests.figures import record

RUNS = itertools.count()
STEPS: list[int] = []
NAMES = ("Sam", "Alex", "Casey")
THERAPISTS = ("Jordan", "Morgan")
OWNERS = ("Sam", "Alex", "Casey")  # Casey is in no couple: her shares reach nobody
MAX_PARTS = 6
LEAVE_AFTER = 8  # steps before a partner may leave: sharing needs a couple to be seen
SETS = {
    Sharing.SHARE_WITH_PARTNER: Seen.SHARED_WITH_PARTNER,
    Sharing.SHARE_WITH_THERAPIST: Seen.SHARED_WITH_THERAPIST,
    Sharing.UNSHARE: Seen.PRIVATE,
}
TAKES_BACK = {
    Sharing.REVOKE_PARTNER: Seen.SHARED_WITH_PARTNER,
    Sharing.REVOKE_THERAPIST: Seen.SHARED_WITH_THERAPIST,
}
PART_STEPS: list[int] = []


def after(change: Sharing, now: Seen) -> Seen:
    """The model of ``domain.visibility.reshared``: one audience at most, the owner's word."""
    if change in TAKES_BACK:
        return Seen.PRIVATE if now is TAKES_BACK[change] else now
    return SETS[change]


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
        for name in THERAPISTS:
            therapist = AccountKind.THERAPIST
            self.people[name] = sign_up(uow, self.env.hasher, clock, f"{name}{run}", therapist)
        self.parts: dict[PartId, tuple[str, Seen]] = {}  # part -> (owner, who it is shared with)
        self.therapist: str | None = None
        code = couples.invite_partner(uow, by=self.people["Sam"].id, clock=clock)
        self.couple = couples.join_couple(uow, by=self.people["Alex"].id, code=code, clock=clock)
        self.words: dict[str, tuple[str, bool]] = {}  # words -> (speaker, withheld)
        self.paused = False
        self.left: set[str] = set()
        self.count = itertools.count()
        STEPS.append(0)
        PART_STEPS.append(0)
        self.invite_therapist("Jordan", "Sam")  # a couple in therapy: the common case

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

    @precondition(lambda self: not self.left and STEPS[-1] >= LEAVE_AFTER)
    @rule(who=st.sampled_from(["Sam", "Alex"]))
    def leave(self, who: str) -> None:
        STEPS[-1] += 1
        privacy.delete_account(self.env.uow, person=self.people[who].id, clock=self.env.clock)
        self.left.add(who)

    @precondition(lambda self: len(self.parts) < MAX_PARTS)
    @rule(owner=st.sampled_from(OWNERS), change=st.sampled_from([*SETS, *Sharing]))
    def name_part(self, owner: str, change: Sharing) -> None:
        """Name a part, private at first, and change who sees it at once."""
        STEPS[-1] += 1
        PART_STEPS[-1] += 1
        if owner in self.left:
            return
        env = self.env
        part = parts.name_part(
            env.uow, owner=self.people[owner].id, name="a part", role=PartRole.MANAGER,
            clock=env.clock,
        )  # fmt: skip
        self.parts[part.id] = (owner, Seen.PRIVATE)
        self._change(part.id, change)

    @precondition(lambda self: self.parts)
    @rule(data=st.data(), change=st.sampled_from(Sharing))
    def change_sharing(self, data: st.DataObject, change: Sharing) -> None:
        STEPS[-1] += 1
        PART_STEPS[-1] += 1
        self._change(data.draw(st.sampled_from(sorted(self.parts))), change)

    def _change(self, part: PartId, change: Sharing) -> None:
        owner, now = self.parts[part]
        if owner in self.left:
            return
        env = self.env
        by = self.people[owner].id
        changed = parts.change_sharing(env.uow, part, by=by, change=change, clock=env.clock)
        self.parts[part] = (owner, after(change, now))
        assert changed.visibility is self.parts[part][1]

    @precondition(lambda self: self.parts)
    @rule(data=st.data(), who=st.sampled_from(NAMES + THERAPISTS), change=st.sampled_from(Sharing))
    def meddle(self, data: st.DataObject, who: str, change: Sharing) -> None:
        """Someone tries to change who sees another's part: as if it did not exist."""
        STEPS[-1] += 1
        PART_STEPS[-1] += 1
        part = data.draw(st.sampled_from(sorted(self.parts)))
        if who in self.left or self.parts[part][0] == who:
            return
        env = self.env
        try:
            parts.change_sharing(
                env.uow, part, by=self.people[who].id, change=change, clock=env.clock
            )
        except NotFound:
            return
        raise AssertionError(f"{who} changed another's part")

    @rule(therapist=st.sampled_from(THERAPISTS), by=st.sampled_from(["Sam", "Alex"]))
    def invite_therapist(self, therapist: str, by: str) -> None:
        STEPS[-1] += 1
        PART_STEPS[-1] += 1
        if by in self.left:
            return
        env = self.env
        code = therapists.invite_therapist(env.uow, by=self.people[by].id, clock=env.clock)
        therapists.join_as_therapist(
            env.uow, by=self.people[therapist].id, code=code, clock=env.clock
        )
        self.therapist = therapist

    @rule(by=st.sampled_from(["Sam", "Alex"]))
    def let_the_therapist_go(self, by: str) -> None:
        STEPS[-1] += 1
        PART_STEPS[-1] += 1
        if by in self.left:
            return
        therapists.revoke_therapist(self.env.uow, by=self.people[by].id, clock=self.env.clock)
        self.therapist = None

    def parts_seen_by(self, viewer: Person) -> set[PartId]:
        seen = set()
        for part in self.parts:
            try:
                parts.visible_part(self.env.uow, part, viewer=viewer.id)
            except NotFound:
                continue
            seen.add(part)
        return seen

    def parts_expected(self, name: str) -> set[PartId]:
        """The parts ``name`` may read, by the rule of domain.md §3.4 written as sets.

        Crypto-shredding a leaver's key (``leave``) changes nobody's view of which parts exist;
        their words in them become unreadable once parts are sealed. The web's deletion also
        takes the leaver out of the couple; tests/services/test_parts.py covers that.
        """
        couple = {"Sam", "Alex"}
        return {
            part
            for part, (owner, shared) in self.parts.items()
            if owner == name
            or (shared is Seen.SHARED_WITH_PARTNER and {owner, name} == couple)
            or (shared is Seen.SHARED_WITH_THERAPIST and owner in couple and name == self.therapist)
        }

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

    @invariant()
    def each_sees_exactly_the_parts_of_the_model(self) -> None:
        for name in NAMES + THERAPISTS:
            if name not in self.left:
                assert self.parts_seen_by(self.people[name]) == self.parts_expected(name), name


def test_visibility_always_equals_the_model(uow, hasher, clock):
    Visibility.env = Env(uow, hasher, clock, SafetyMarkerAnalyzer())

    run_state_machine_as_test(
        Visibility,
        settings=settings(
            max_examples=30, stateful_step_count=20, deadline=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        ),
    )  # fmt: skip
    record(
        "S3 visibility state machine",
        sequences=len(STEPS), steps=sum(STEPS), part_steps=sum(PART_STEPS), violations=0,
    )  # fmt: skip
