"""Machine states survive the JSON column unchanged, whatever moves made them."""

from hypothesis import given, settings
from hypothesis import strategies as st

from attunement.domain.errors import AttunementError
from attunement.domain.exercises.workup import ImagoWorkup
from attunement.domain.exercises.workup import Move as WorkupMoveName
from attunement.domain.ids import PersonId
from attunement.domain.imago_runs import FAMILIES, ImagoKind, apply_move, kind_of, new_run
from attunement.store.codec import from_json, state_from_json, state_to_json

SAM, ALEX = PersonId("sam"), PersonId("alex")
MOVES = sorted({m.value for family in FAMILIES.values() for m in family.move})


@settings(max_examples=60, deadline=None)
@given(
    kind=st.sampled_from(ImagoKind),
    moves=st.lists(
        st.tuples(
            st.sampled_from(MOVES), st.sampled_from([SAM, ALEX]), st.sampled_from([None, "w"])
        ),
        max_size=25,
    ),
)
def test_every_run_state_reads_back_equal(kind, moves):
    run = new_run(kind, sender=SAM, receiver=ALEX)
    for name, by, text in moves:
        try:
            run = apply_move(run, name, by, text, pick=0)
        except AttunementError:
            continue
        assert state_from_json(kind_of(run), state_to_json(run)) == run


def test_a_workup_with_entries_reads_back_equal():
    workup = ImagoWorkup(owner=SAM).apply(WorkupMoveName.CONSENT, SAM)
    workup = workup.apply(WorkupMoveName.ADD, SAM, "my mother").with_overlap_consent(
        SAM, consent=True
    )
    assert from_json(ImagoWorkup, state_to_json(workup)) == workup
