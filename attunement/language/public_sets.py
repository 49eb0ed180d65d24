"""Public labelled sets for ``attunement eval``, read in place from ``shared/data``.

Never copied into the repository (several are non-commercial). EPITOME (Sharma et al. 2020) gives
the three empathy mechanisms; ESConv (Liu et al. 2021) supporter strategies are proxies:
"Restatement or Paraphrasing" for mirror, "Reflection of feelings" for empathy, "Affirmation and
Reassurance" for validation. A set whose folder is missing is skipped by the caller.
"""

from collections.abc import Iterator
from pathlib import Path

from attunement.domain.analysis import Analyzer, ResponseAnalysis
from attunement.domain.errors import InvalidInput
from attunement.language import heads_training, scoring
from attunement.language.evaluation import Figure


def evaluate_epitome(analyzer: Analyzer, folder: Path, limit: int | None = None) -> list[Figure]:
    """EPITOME: our 0/1/2 levels against the annotators' on the held-out fifth (heads_training).

    The trained heads were fitted on the other four fifths, so only this fifth is fair to them.
    """
    held = heads_training.epitome(folder, test=True)
    rows = list(zip(held["ER"], held["IP"], held["EX"], strict=True))[:limit]
    truths: list[list[int]] = [[], [], []]
    guesses: list[list[int]] = [[], [], []]
    for (post, reply, er), (*_, ip), (*_, ex) in rows:
        try:
            check = analyzer.respond(post, reply).response
        except InvalidInput:  # an empty or non-English text in the public data
            continue
        assert check is not None  # noqa: S101 - respond always fills it
        ours = (
            check.empathy.emotional_reactions,
            check.empathy.interpretations,
            check.empathy.explorations,
        )
        for index, level in enumerate((er, ip, ex)):
            truths[index].append(level)
            guesses[index].append(ours[index])
    published = {"ER": "79.43 / 74.46", "IP": "84.04 / 62.60", "EX": "92.61 / 72.58"}
    figures: list[Figure] = []
    for index, name in enumerate(("ER", "IP", "EX")):
        truth, guess = truths[index], guesses[index]
        figures.append(
            Figure(
                "EPITOME",
                f"{name} accuracy (0/1/2)",
                scoring.accuracy(truth, guess),
                len(truth),
                f"acc/F1 {published[name]} (paper, fine-tuned RoBERTa)",
            )
        )
        figures.append(
            Figure(
                "EPITOME",
                f"{name} macro-F1 (0/1/2)",
                scoring.macro_f1(truth, guess, (0, 1, 2)),
                len(truth),
            )
        )
    return figures


ESCONV_PROXIES = {
    "mirror": "Restatement or Paraphrasing",
    "empathy": "Reflection of feelings",
    "validation": "Affirmation and Reassurance",
}


def _esconv_pairs(folder: Path) -> Iterator[tuple[str, str, str]]:
    """(seeker turn, supporter turn, strategy) from the test split of the FADO re-export."""
    return heads_training.esconv_turns(folder, "test")


def _proxy_score(response: ResponseAnalysis, proxy: str) -> float:
    if proxy == "mirror":
        return response.mirror.score
    if proxy == "empathy":
        return response.empathy.interpretations / 2 + 0.1 * len(response.empathy.feelings_named)
    return response.validation.score


def evaluate_esconv(analyzer: Analyzer, folder: Path, limit: int | None = None) -> list[Figure]:
    """ESConv: how well each of our scores picks out its proxy strategy (ROC AUC, F1)."""
    labels: list[str] = []
    responses: list[ResponseAnalysis] = []
    for said, reply, strategy in _esconv_pairs(folder):
        if limit is not None and len(labels) >= limit:
            break
        try:
            response = analyzer.respond(said, reply).response
        except InvalidInput:
            continue
        if response is not None:
            labels.append(strategy)
            responses.append(response)
    figures: list[Figure] = []
    for proxy, strategy in ESCONV_PROXIES.items():
        truth = [label == strategy for label in labels]
        scores = [_proxy_score(response, proxy) for response in responses]
        f1 = scoring.binary(truth, [score >= 0.5 for score in scores])
        name = f"{proxy} vs '{strategy}'"
        figures.append(
            Figure(
                "ESConv test",
                f"{name} ROC AUC",
                scoring.roc_auc(truth, scores),
                len(truth),
                "none per strategy (next-strategy ACC 33.33, CauESC)",
            )
        )
        figures.append(Figure("ESConv test", f"{name} F1 at 0.5", f1.f1, f1.support))
    return figures
