"""The IFIO programme: signs per partner, the therapist or both partners confirm, setbacks."""

import pytest
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from attunement.domain.errors import AttunementError, InvalidInput, MoveNotAllowed, NotYourMove
from attunement.domain.ids import PersonId
from attunement.domain.stages import OBSERVED, SIGNS, IfioProgramme, Setback, Sign, Stage

SAM, ALEX, JORDAN, CASEY = (PersonId(n) for n in ("sam", "alex", "jordan", "casey"))


def with_therapist() -> IfioProgramme:
    return IfioProgramme(partners=(SAM, ALEX), therapist=JORDAN)


def all_signs(programme: IfioProgramme) -> IfioProgramme:
    for sign, person in programme.missing():
        programme = programme.record(sign, for_person=person, by=JORDAN)
    return programme


def test_a_new_couple_starts_at_a_safe_space_with_every_sign_missing():
    programme = with_therapist()
    assert programme.stage is Stage.SAFE_SPACE
    assert len(programme.missing()) == 2 * len(SIGNS[Stage.SAFE_SPACE])
    assert not programme.ready()


def test_a_partner_ticks_their_own_sign_but_not_the_others():
    programme = with_therapist().record(Sign.HOPE_AND_FEAR, for_person=SAM, by=SAM)
    assert (Sign.HOPE_AND_FEAR, SAM) in programme.met
    with pytest.raises(NotYourMove):
        programme.record(Sign.HOPE_AND_FEAR, for_person=ALEX, by=SAM)


@pytest.mark.parametrize("sign", sorted(OBSERVED & set(SIGNS[Stage.SAFE_SPACE])))
def test_observed_signs_are_the_therapists_to_tick(sign):
    with pytest.raises(NotYourMove):
        with_therapist().record(sign, for_person=SAM, by=SAM)
    assert (sign, SAM) in with_therapist().record(sign, for_person=SAM, by=JORDAN).met


def test_a_sign_of_another_stage_or_for_an_outsider_is_refused():
    with pytest.raises(InvalidInput):
        with_therapist().record(Sign.GOALS_MET, for_person=SAM, by=JORDAN)
    with pytest.raises(InvalidInput):
        with_therapist().record(Sign.HOPE_AND_FEAR, for_person=CASEY, by=JORDAN)


def test_the_therapist_confirms_the_move_once_the_signs_are_there():
    with pytest.raises(MoveNotAllowed):
        with_therapist().confirm_advance(JORDAN)
    ready = all_signs(with_therapist())
    with pytest.raises(NotYourMove):
        ready.confirm_advance(SAM)

    moved = ready.confirm_advance(JORDAN)

    assert moved.stage is Stage.IDENTIFYING_PARTS
    assert moved.met == frozenset()


def test_without_a_therapist_both_partners_confirm():
    programme = IfioProgramme(partners=(SAM, ALEX))
    for sign, person in programme.missing():
        if sign not in OBSERVED:
            programme = programme.record(sign, for_person=person, by=person)
    assert not programme.ready()  # screening is observed by the app, not said by a partner
    for person in (SAM, ALEX):
        programme = programme.observe(Sign.SCREENED, for_person=person)

    once = programme.confirm_advance(SAM)
    assert once.stage is Stage.SAFE_SPACE
    assert once.confirm_advance(ALEX).stage is Stage.IDENTIFYING_PARTS


def test_only_observed_signs_of_this_stage_come_from_the_records():
    with pytest.raises(InvalidInput):
        with_therapist().observe(Sign.HOPE_AND_FEAR, for_person=SAM)
    with pytest.raises(InvalidInput):
        with_therapist().observe(Sign.RELIABLE_IMPROVEMENT, for_person=SAM)


def test_the_last_stage_has_no_next():
    last = all_signs(IfioProgramme((SAM, ALEX), JORDAN, stage=Stage.PARTS_IN_RELATIONSHIP))
    with pytest.raises(MoveNotAllowed):
        last.confirm_advance(JORDAN)


@pytest.mark.parametrize(
    ("stage", "setback", "back_to"),
    [
        (Stage.ACCESSING_SELF, Setback.SAFETY_FLAG, Stage.SAFE_SPACE),
        (Stage.ACCESSING_SELF, Setback.REPEATED_FLOODING, Stage.UNBLENDING),
        (Stage.IDENTIFYING_PARTS, Setback.REPEATED_FLOODING, Stage.IDENTIFYING_PARTS),
    ],
)
def test_setbacks_return_to_earlier_stages(stage, setback, back_to):
    assert IfioProgramme((SAM, ALEX), stage=stage).set_back(setback).stage is back_to


class ProgrammeWalk(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.programme = with_therapist()

    @rule(
        sign=st.sampled_from(Sign),
        for_person=st.sampled_from([SAM, ALEX, CASEY]),
        by=st.sampled_from([SAM, ALEX, JORDAN, CASEY]),
    )
    def record(self, sign, for_person, by) -> None:
        try:
            self.programme = self.programme.record(sign, for_person=for_person, by=by)
        except AttunementError:
            return
        assert by in (JORDAN, for_person)

    @rule(by=st.sampled_from([SAM, ALEX, JORDAN]))
    def confirm(self, by) -> None:
        before = self.programme
        try:
            self.programme = before.confirm_advance(by)
        except AttunementError:
            return
        assert by == JORDAN
        assert before.ready()
        assert self.programme.stage == before.stage + 1

    @rule(setback=st.sampled_from(Setback))
    def set_back(self, setback) -> None:
        before = self.programme.stage
        self.programme = self.programme.set_back(setback)
        assert self.programme.stage <= before

    @invariant()
    def signs_belong_to_the_current_stage(self) -> None:
        assert all(sign in SIGNS[self.programme.stage] for sign, _ in self.programme.met)


TestProgrammeWalk = ProgrammeWalk.TestCase
