"""The metrics and the dev-set evaluation behind ``attunement eval``."""

import math

from attunement.language import get_analyzer, scoring
from attunement.language.evaluation import dev_cases, evaluate_dev


def test_roc_auc_of_a_perfect_and_a_reversed_ranking():
    assert scoring.roc_auc([False, True, True], [0.1, 0.8, 0.9]) == 1.0
    assert scoring.roc_auc([True, False], [0.1, 0.9]) == 0.0
    assert math.isnan(scoring.roc_auc([True], [0.5]))


def test_binary_and_macro_f1():
    found = scoring.binary([True, True, False, False], [True, False, True, False])

    assert (found.precision, found.recall, found.support) == (0.5, 0.5, 2)
    assert scoring.macro_f1([0, 1, 2], [0, 1, 2], (0, 1, 2)) == 1.0


def test_the_dev_set_has_every_kind_of_case():
    cases = dev_cases()

    assert len(cases) >= 50
    assert {"text", "said"} <= {key for case in cases for key in case}


def test_the_lexical_engine_finds_every_urgent_dev_case_without_false_alarms():
    figures = {figure.metric: figure.value for figure in evaluate_dev(get_analyzer("lexical"))}

    assert figures["urgent recall"] == 1.0
    assert figures["false alarms on everyday speech"] == 0.0
