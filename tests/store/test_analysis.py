"""A stored analysis reads back as the ``TurnAnalysis`` that was stored."""

from hypothesis import given
from hypothesis import strategies as st

from attunement.domain.analysis import (
    EmpathyCheck,
    Horsemen,
    MirrorCheck,
    PartsSignal,
    ResponseAnalysis,
    Safety,
    SafetyKind,
    SafetyLevel,
    TurnAnalysis,
    UtteranceAnalysis,
    ValidationCheck,
)
from attunement.store.analysis import analysis_from_json

scores = st.integers(0, 10_000).map(lambda n: n / 10_000)  # the contract keeps 4 decimals
words = st.lists(st.text(max_size=12), max_size=3).map(tuple)
counts = st.integers(0, 2)

utterances = st.builds(
    UtteranceAnalysis,
    horsemen=st.builds(Horsemen, scores, scores, scores, scores),
    parts=st.builds(PartsSignal, st.booleans(), st.booleans()),
    feelings=words,
    safety=st.builds(
        Safety, st.sampled_from(SafetyLevel), st.lists(st.sampled_from(SafetyKind)).map(tuple)
    ),
    rewrite=st.none() | st.text(max_size=20),
)
responses = st.builds(
    ResponseAnalysis,
    mirror=st.builds(MirrorCheck, scores, words, words, words),
    validation=st.builds(ValidationCheck, st.booleans(), scores),
    empathy=st.builds(EmpathyCheck, st.booleans(), scores, words, counts, counts, counts),
    self_focus=scores,
)


@given(st.builds(TurnAnalysis, utterances, st.none() | responses))
def test_the_json_reads_back_as_the_same_analysis(analysis):
    assert analysis_from_json(analysis.to_json()) == analysis


def test_missing_keys_read_as_the_neutral_analysis():
    assert analysis_from_json({}) == TurnAnalysis()
    assert analysis_from_json({"response": {}}) == TurnAnalysis(response=ResponseAnalysis())
