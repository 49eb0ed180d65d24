"""``attunement train-heads``: fit the heads of heads.py on EPITOME and ESConv, reproducibly.

Splits are fixed, not random: EPITOME has no published split, so a row is held out when the CRC32
of its post and response ids is 0 mod 5 (20%); ESConv keeps its published FADO split (train_rl
for fitting, test_rl held out). The fit is full-batch Adam on class-balanced cross-entropy with
an L2 penalty and a fixed number of steps, so the same data give the same weights. The raw data
stay in ``shared/data``; only weights and the sidecar are written into the package.
"""

import csv
import json
import zlib
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import numpy.typing as npt

from attunement.language import scoring
from attunement.language.evaluation import Figure
from attunement.language.heads import HEAD_CLASSES, WIDTH, Heads, features

Rows = list[tuple[str, str, int]]  # (said, reply, label)
ESCONV_STRATEGIES = {
    "restatement": "Restatement or Paraphrasing",
    "reflection": "Reflection of feelings",
    "affirmation": "Affirmation and Reassurance",
}
_STEPS = 300
_RATE = 0.05
_L2 = 1e-3


def held_out(post_id: str, response_id: str) -> bool:
    """EPITOME's fixed split: a fifth of the rows, chosen by a hash of their ids."""
    return zlib.crc32(f"{post_id}/{response_id}".encode()) % 5 == 0


def epitome(folder: Path, *, test: bool) -> dict[str, Rows]:
    """(seeker post, response, level) per mechanism, for the held-out part or the rest."""
    rows: dict[str, Rows] = {}
    for head, name in (
        ("ER", "emotional-reactions"),
        ("IP", "interpretations"),
        ("EX", "explorations"),
    ):
        with (folder / f"{name}-reddit.csv").open(encoding="utf-8", newline="") as handle:
            rows[head] = [
                (row["seeker_post"], row["response_post"], int(row["level"]))
                for row in csv.DictReader(handle)
                if held_out(row["sp_id"], row["rp_id"]) == test and row["response_post"].strip()
            ]
    return rows


def esconv_turns(folder: Path, split: str) -> Iterator[tuple[str, str, str]]:
    """(seeker turn, supporter turn, strategy) from one FADO split (train, valid or test)."""
    with (folder / "fado-reformat" / f"{split}_rl.txt").open(encoding="utf-8") as lines:
        for line in lines:
            said = ""
            for turn in json.loads(line)["dialog"]:
                if turn["speaker"] == "usr":
                    said = turn["text"]
                elif said and turn.get("strategy"):
                    yield said, turn["text"], turn["strategy"]


def esconv(folder: Path, split: str) -> dict[str, Rows]:
    """Rows for the three strategy heads: label 1 when the supporter used that strategy."""
    turns = list(esconv_turns(folder, split))
    return {
        head: [(said, reply, int(strategy == wanted)) for said, reply, strategy in turns]
        for head, wanted in ESCONV_STRATEGIES.items()
    }


def matrix(rows: Rows) -> npt.NDArray[np.float32]:
    """Feature rows for (said, reply, label) rows."""
    return (
        np.stack([features(said, reply) for said, reply, _ in rows])
        if rows
        else np.zeros((0, WIDTH), dtype=np.float32)
    )


def fit(
    x: npt.NDArray[np.float32], labels: list[int], classes: int
) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
    """Softmax regression by full-batch Adam: balanced classes, L2, fixed steps (deterministic)."""
    y = np.eye(classes, dtype=np.float32)[labels]
    counts = y.sum(axis=0)
    sample = (y @ (len(labels) / (classes * np.maximum(counts, 1.0)))).astype(np.float32)
    w = np.zeros((classes, x.shape[1]), dtype=np.float32)
    b = np.zeros(classes, dtype=np.float32)
    moments = [np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b)]
    for step in range(1, _STEPS + 1):
        logits = x @ w.T + b
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        error = (p - y) * sample[:, None] / len(labels)
        grads = (error.T @ x + _L2 * w, error.sum(axis=0))
        for index, (param, grad) in enumerate(((w, grads[0]), (b, grads[1]))):
            first, second = moments[2 * index], moments[2 * index + 1]
            first[...] = 0.9 * first + 0.1 * grad
            second[...] = 0.999 * second + 0.001 * grad * grad
            corrected = first / (1 - 0.9**step)
            param -= _RATE * corrected / (np.sqrt(second / (1 - 0.999**step)) + 1e-8)
    return w, b


def train(data: Path) -> Heads:
    """All six heads from EPITOME (non-held-out rows) and ESConv's train split."""
    rows = epitome(data / "epitome", test=False) | esconv(data / "esconv", "train")
    weights: dict[str, npt.NDArray[np.float32]] = {}
    biases: dict[str, npt.NDArray[np.float32]] = {}
    cached: dict[int, npt.NDArray[np.float32]] = {}
    for head, classes in HEAD_CLASSES.items():
        key = id(rows["ER"]) if head in ("ER", "IP", "EX") else id(rows["restatement"])
        x = cached.setdefault(key, matrix(rows[head]))
        weights[head], biases[head] = fit(x, [label for *_, label in rows[head]], classes)
    return Heads(weights, biases)


def evaluate(heads: Heads, data: Path) -> list[Figure]:
    """Held-out figures of each head: EPITOME's fifth, ESConv's test split."""
    figures: list[Figure] = []
    held = epitome(data / "epitome", test=True) | esconv(data / "esconv", "test")
    x_epitome, x_esconv = matrix(held["ER"]), matrix(held["restatement"])
    published = {"ER": "79.43 / 74.46", "IP": "84.04 / 62.60", "EX": "92.61 / 72.58"}
    for head in ("ER", "IP", "EX"):
        truth = [label for *_, label in held[head]]
        guess = [int(i) for i in np.argmax(heads.probabilities(head, x_epitome), axis=1)]
        name = f"head {head} acc / macro-F1 (held-out fifth)"
        figures.append(
            Figure(
                "EPITOME",
                f"{name}: acc",
                scoring.accuracy(truth, guess),
                len(truth),
                f"acc/F1 {published[head]} (paper, fine-tuned RoBERTa)",
            )
        )
        figures.append(
            Figure("EPITOME", f"{name}: F1", scoring.macro_f1(truth, guess, (0, 1, 2)), len(truth))
        )
    for head, strategy in ESCONV_STRATEGIES.items():
        truth_b = [bool(label) for *_, label in held[head]]
        scores = [float(p) for p in heads.probabilities(head, x_esconv)[:, 1]]
        f1 = scoring.binary(truth_b, [s >= 0.5 for s in scores])
        name = f"head {head} vs '{strategy}'"
        figures.append(
            Figure(
                "ESConv test",
                f"{name} ROC AUC",
                scoring.roc_auc(truth_b, scores),
                len(truth_b),
                "none per strategy",
            )
        )
        figures.append(Figure("ESConv test", f"{name} F1 at 0.5", f1.f1, f1.support))
    return figures
