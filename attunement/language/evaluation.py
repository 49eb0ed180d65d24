"""``attunement eval``: the engine measured on our dev cases and on public labelled sets.

Our dev set (``data/dev_cases.jsonl``, couple-dialogue cases written by us) checks every output
of the contract. Public sets are measured in ``public_sets``.
Each figure is a ``Figure`` with the published number beside it where one exists.
"""

import json
from dataclasses import dataclass
from pathlib import Path

from attunement.domain.analysis import PRESENT_AT, Analyzer
from attunement.language import scoring

DEV_CASES = Path(__file__).parent / "data" / "dev_cases.jsonl"
MIRROR_GOOD_AT = 0.6
MIRROR_POOR_BELOW = 0.3


@dataclass(frozen=True, slots=True)
class Figure:
    dataset: str
    metric: str
    value: float
    n: int
    published: str = ""


def dev_cases(path: Path = DEV_CASES) -> list[dict[str, object]]:
    """The labelled cases of a JSON Lines file."""
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def _mirror_band(score: float) -> str:
    if score >= MIRROR_GOOD_AT:
        return "good"
    return "poor" if score < MIRROR_POOR_BELOW else "partial"


def _predictions(analyzer: Analyzer, case: dict[str, object]) -> dict[str, object]:
    """The dev-set view of one analysis, keyed like a case's ``expect``."""
    if "said" in case:
        turn = analyzer.respond(str(case["said"]), str(case["reply"]))
    else:
        turn = analyzer.analyze(str(case["text"]))
    utterance = turn.utterance
    found: dict[str, object] = {
        "horsemen": sorted(utterance.horsemen.present()),
        "safety": utterance.safety.level.value,
        "kinds": sorted(kind.value for kind in utterance.safety.kinds),
        "speaks_for_part": utterance.parts.speaks_for_part,
        "blended": utterance.parts.blended,
        "defensive": utterance.horsemen.defensiveness >= PRESENT_AT,
    }
    if turn.response is not None:
        found["mirror"] = _mirror_band(turn.response.mirror.score)
        found["validation"] = turn.response.validation.present
        found["empathy"] = turn.response.empathy.present
        found["over_identified"] = turn.response.self_focus >= PRESENT_AT
    return found


def evaluate_dev(analyzer: Analyzer, path: Path = DEV_CASES) -> list[Figure]:
    """Agreement with each labelled field of our dev cases, plus the safety trade-off."""
    pairs: dict[str, list[tuple[object, object]]] = {}
    for case in dev_cases(path):
        expect = case["expect"]
        assert isinstance(expect, dict)  # noqa: S101 - our own file's shape
        found = _predictions(analyzer, case)
        for key, wanted in expect.items():
            wanted_value = sorted(wanted) if isinstance(wanted, list) else wanted
            pairs.setdefault(key, []).append((wanted_value, found.get(key)))
    figures = [
        Figure("dev", f"{key} accuracy", scoring.accuracy(*zip(*rows, strict=True)), len(rows))
        for key, rows in sorted(pairs.items())
    ]
    return figures + _safety_figures(pairs)


def _safety_figures(pairs: dict[str, list[tuple[object, object]]]) -> list[Figure]:
    """Recall on urgent cases, on any flagged case and per kind, and false alarms (§4.9)."""
    safety = pairs.get("safety", [])
    urgent = [found == "urgent" for wanted, found in safety if wanted == "urgent"]
    flagged = [found != "none" for wanted, found in safety if wanted != "none"]
    calm = [found != "none" for wanted, found in safety if wanted == "none"]
    figures = [
        Figure("dev", "urgent recall", sum(urgent) / max(1, len(urgent)), len(urgent)),
        Figure(
            "dev",
            "flag recall (urgent or concern)",
            sum(flagged) / max(1, len(flagged)),
            len(flagged),
        ),
        Figure("dev", "false alarms on everyday speech", sum(calm) / max(1, len(calm)), len(calm)),
    ]
    kinds = pairs.get("kinds", [])
    for kind in ("partner_violence", "coercive_control", "self_harm", "threat"):
        hits = [
            kind in found
            for wanted, found in kinds
            if isinstance(wanted, list) and kind in wanted and isinstance(found, list)
        ]
        figures.append(Figure("dev", f"{kind} recall", sum(hits) / max(1, len(hits)), len(hits)))
    return figures
