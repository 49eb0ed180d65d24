"""The partner as witness of an unburdening: the client chooses what they see (§2.7, IFIO)."""

from dataclasses import replace

import pytest

from attunement.domain.errors import MoveNotAllowed, NotYourMove
from attunement.domain.exercises.unburdening import Move, Step, Unburdening
from attunement.domain.ids import PersonId
from attunement.domain.parts import Permission

SAM, JORDAN, ALEX = PersonId("sam"), PersonId("jordan"), PersonId("alex")


def begun() -> Unburdening:
    state = Unburdening.start(SAM, JORDAN, Permission.GRANTED).apply(Move.BEGIN, JORDAN)
    return state.apply(Move.FEEL_TOWARD, SAM, "tender")


def test_the_client_invites_the_partner_to_chosen_steps():
    invited = begun().invite_witness(SAM, ALEX, frozenset({Step.WITNESS, Step.AFTER_NOTE}))
    assert invited.witness == ALEX
    assert invited.shared == {Step.WITNESS}  # the after-note is never shareable
    assert invited.version == begun().version + 1
    assert invited.witness_sees_step()


def test_choosing_no_step_keeps_the_partner_out():
    invited = begun().invite_witness(SAM, ALEX, frozenset({Step.WITNESS}))
    assert invited.invite_witness(SAM, ALEX, frozenset()).witness is None


@pytest.mark.parametrize(("by", "witness"), [(JORDAN, ALEX), (ALEX, ALEX), (SAM, JORDAN)])
def test_only_the_client_invites_and_only_someone_else(by, witness):
    with pytest.raises(NotYourMove):
        begun().invite_witness(by, witness, frozenset({Step.WITNESS}))


def test_a_finished_run_takes_no_witness():
    stopped = begun().apply(Move.ABANDON, SAM)
    with pytest.raises(MoveNotAllowed):
        stopped.invite_witness(SAM, ALEX, frozenset({Step.WITNESS}))


def test_the_witness_sees_shared_steps_and_never_the_note():
    state = begun().invite_witness(SAM, ALEX, frozenset({Step.WITNESS}))
    state = state.apply(Move.WITNESSED, JORDAN)
    seen = replace(state, after_note="mine").for_witness()
    assert seen.reached == (Step.WITNESS,)
    assert seen.after_note == ""
    assert seen.part is None
    assert not seen.witness_sees_step()  # DO_OVER was not shared
