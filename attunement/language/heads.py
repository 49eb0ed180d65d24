"""Trained heads: small logistic regressions on lexical features, shipped as one ``.npz`` file.

Each head reads the same explainable features of a (said, reply) pair: hashed words and word
pairs of the reply, our cue lexicons (empathy.py) and how much of what was said the reply repeats.
The features exist on both backends, so a head gives the same answer on every machine. The
weights were fitted by ``attunement train-heads`` (heads_training.py) on EPITOME and ESConv, both
licensed for NON-COMMERCIAL research only; ``data/heads.json`` records source, licence, command,
date and commit. Prediction is one sparse dot product per head: microseconds.
"""

import json
import zlib
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

import numpy as np
import numpy.typing as npt

from attunement.language import empathy
from attunement.language.feelings import feelings_in
from attunement.language.text_units import content_stems, normalize, words

HEADS_FILE = Path(__file__).parent / "data" / "heads.npz"
SIDECAR_FILE = HEADS_FILE.with_suffix(".json")
HASHED = 2048  # buckets for words and word pairs; collisions are rare at this vocabulary
CUES = (
    ("er_strong", empathy.ER_STRONG),
    ("er_weak", empathy.ER_WEAK),
    ("ip_strong", empathy.IP_STRONG),
    ("ip_weak", empathy.IP_WEAK),
    ("ex_strong", empathy.EX_STRONG),
    ("validates", empathy.VALIDATES),
)
DENSE = (*(name for name, _ in CUES), "question", "you", "feelings", "overlap", "length")
WIDTH = HASHED + len(DENSE)
# EPITOME levels (0/1/2) and ESConv strategies (present or not), in the file's row order.
HEAD_CLASSES = {"ER": 3, "IP": 3, "EX": 3, "restatement": 2, "reflection": 2, "affirmation": 2}

Features = npt.NDArray[np.float32]


def _bucket(token: str) -> int:
    return zlib.crc32(token.encode("utf-8")) % HASHED


def features(said: str, reply: str) -> Features:
    """One row of features for ``reply`` as an answer to ``said`` (``said`` may be empty)."""
    row = np.zeros(WIDTH, dtype=np.float32)
    tokens = words(reply)
    for token in (*tokens, *(f"{a} {b}" for a, b in pairwise(tokens))):
        row[_bucket(token)] = 1.0
    lowered = normalize(reply)
    dense = [1.0 if pattern.search(lowered) else 0.0 for _, pattern in CUES]
    said_stems = content_stems(said)
    overlap = len(said_stems & content_stems(reply)) / len(said_stems) if said_stems else 0.0
    dense += [
        1.0 if "?" in reply else 0.0,
        min(1.0, tokens.count("you") / 3),
        min(1.0, len(feelings_in(reply)) / 2),
        overlap,
        min(1.0, np.log1p(len(tokens)) / 5),
    ]
    row[HASHED:] = dense
    return row


@dataclass(frozen=True, slots=True)
class Heads:
    """The fitted weights: per head a (classes x features) matrix and a bias per class."""

    weights: dict[str, npt.NDArray[np.float32]]
    biases: dict[str, npt.NDArray[np.float32]]

    def probabilities(self, head: str, rows: Features) -> npt.NDArray[np.float32]:
        """Class probabilities of ``head`` for each row of features (rows x classes)."""
        logits = np.atleast_2d(rows) @ self.weights[head].T + self.biases[head]
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        result: npt.NDArray[np.float32] = (exp / exp.sum(axis=1, keepdims=True)).astype(np.float32)
        return result

    def level(self, head: str, row: Features) -> int:
        """The most probable class of ``head`` for one row."""
        return int(np.argmax(self.probabilities(head, row)[0]))

    def chance(self, head: str, row: Features) -> float:
        """Probability that a two-class ``head`` fires for one row."""
        return float(self.probabilities(head, row)[0, 1])

    def save(self, path: Path) -> None:
        """Write the weights as float16 (small; predictions agree with float32 to 1e-3)."""
        arrays = {f"w_{n}": w.astype(np.float16) for n, w in self.weights.items()}
        arrays |= {f"b_{n}": b.astype(np.float32) for n, b in self.biases.items()}
        np.savez_compressed(path, **arrays)  # type: ignore[arg-type]


def read(path: Path) -> Heads:
    """Heads from an ``.npz`` written by ``Heads.save``."""
    with np.load(path) as stored:
        weights = {name: stored[f"w_{name}"].astype(np.float32) for name in HEAD_CLASSES}
        biases = {name: stored[f"b_{name}"].astype(np.float32) for name in HEAD_CLASSES}
    return Heads(weights, biases)


@lru_cache(maxsize=1)
def shipped() -> Heads | None:
    """The heads in the package, loaded once; None when the file is absent or unreadable."""
    try:
        return read(HEADS_FILE)
    except (OSError, KeyError, ValueError):
        return None


def provenance() -> dict[str, object]:
    """The sidecar: source sets, licences, training command, date and commit."""
    loaded: dict[str, object] = json.loads(SIDECAR_FILE.read_text(encoding="utf-8"))
    return loaded
