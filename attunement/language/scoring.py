"""Plain metrics for ``attunement eval``: accuracy, precision/recall/F1, macro-F1 and ROC AUC.

Written out here (a few lines each) so evaluation needs nothing beyond the standard library.
"""

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Binary:
    precision: float
    recall: float
    f1: float
    support: int


def binary(truth: Sequence[bool], predicted: Sequence[bool]) -> Binary:
    """Precision, recall and F1 of the positive class."""
    pairs = list(zip(truth, predicted, strict=True))
    tp = sum(1 for t, p in pairs if t and p)
    fp = sum(1 for t, p in pairs if p and not t)
    fn = sum(1 for t, p in pairs if t and not p)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Binary(precision, recall, f1, tp + fn)


def accuracy(truth: Sequence[object], predicted: Sequence[object]) -> float:
    """Share of exact matches."""
    pairs = list(zip(truth, predicted, strict=True))
    return sum(1 for t, p in pairs if t == p) / len(pairs) if pairs else 0.0


def macro_f1(truth: Sequence[int], predicted: Sequence[int], labels: Sequence[int]) -> float:
    """Unweighted mean of per-label F1."""
    scores = [
        binary([t == label for t in truth], [p == label for p in predicted]).f1 for label in labels
    ]
    return sum(scores) / len(scores)


def roc_auc(truth: Sequence[bool], scores: Sequence[float]) -> float:
    """Probability that a random positive scores above a random negative (ties count half)."""
    ranked = sorted(zip(scores, truth, strict=True), key=lambda pair: pair[0])
    rank_sum = 0.0
    index = 0
    while index < len(ranked):
        end = index
        while end + 1 < len(ranked) and ranked[end + 1][0] == ranked[index][0]:
            end += 1
        mean_rank = (index + end) / 2 + 1
        rank_sum += mean_rank * sum(1 for _, t in ranked[index : end + 1] if t)
        index = end + 1
    positives = sum(1 for t in truth if t)
    negatives = len(truth) - positives
    if not positives or not negatives:
        return float("nan")
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)
