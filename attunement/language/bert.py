"""The all-MiniLM-L6-v2 forward pass on plain torch, and its export to an ONNX graph.

Six post-norm BERT layers, then mean pooling and L2 normalisation, as the model's
sentence-transformers config says; the query, key and value projections are fused into one
matrix multiply. ``TorchForward`` runs it eagerly (the fp32 reference, ``ATTUNEMENT_ENCODER_RUNTIME
=torch``); ``export_onnx`` traces the very same function into a graph for ONNX Runtime, so the two
runtimes cannot drift apart.
"""

import contextlib
import io
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

Vectors = npt.NDArray[np.float32]
DIMENSIONS = 384
_LAYERS = 6
_HEADS = 12
_EPS = 1e-12
_OPSET = 17


def load_weights(model_dir: Path) -> dict[str, Any]:
    """The shipped safetensors weights as torch tensors, with the attention projections fused."""
    import torch
    from safetensors.torch import load_file

    return _fuse(load_file(str(model_dir / "model.safetensors")), torch)


class TorchForward:
    """Token ids and attention mask in, unit vectors out, on eager torch in fp32."""

    def __init__(self, model_dir: Path, threads: int) -> None:
        import torch

        torch.set_num_threads(threads)
        with contextlib.suppress(RuntimeError):  # already set, or parallel work has started
            torch.set_num_interop_threads(1)
        self._torch = torch
        self._weights = load_weights(model_dir)

    def __call__(self, ids: npt.NDArray[np.int64], mask: npt.NDArray[np.float32]) -> Vectors:
        torch = self._torch
        with torch.inference_mode():
            unit = sentence_vectors(
                self._weights, torch.from_numpy(ids), torch.from_numpy(mask), torch
            )
        vectors: Vectors = unit.numpy().astype(np.float32)
        return vectors


def export_onnx(model_dir: Path) -> bytes:
    """The forward pass traced into an fp32 ONNX graph (batch and length left dynamic).

    Runs once per machine (the caller caches the bytes in the data folder); needs torch, which
    the cached graph then no longer does. The tracer's deprecation and shape warnings are
    expected here: every shape the trace depends on is read from the inputs.
    """
    import torch

    weights = load_weights(model_dir)

    class _Graph(torch.nn.Module):
        def forward(self, ids: Any, mask: Any) -> Any:
            return sentence_vectors(weights, ids, mask, torch)

    ids = torch.tensor([[101, 7592, 2088, 102], [101, 7592, 102, 0]], dtype=torch.long)
    mask = (ids != 0).to(torch.float32)
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            _Graph().eval(),
            (ids, mask),
            buffer,  # type: ignore[arg-type] # a file object works, the stub says path only
            input_names=["ids", "mask"],
            output_names=["vectors"],
            dynamic_axes={"ids": {0: "n", 1: "length"}, "mask": {0: "n", 1: "length"}},
            opset_version=_OPSET,
            dynamo=False,
        )
    return buffer.getvalue()


def sentence_vectors(w: dict[str, Any], ids: Any, mask: Any, torch: Any) -> Any:
    """Mean of the last hidden states over real tokens, L2-normalised."""
    hidden = _bert(w, ids, mask, torch)
    pooled = (hidden * mask[..., None]).sum(1) / mask.sum(1, keepdim=True).clamp(min=1e-9)
    return torch.nn.functional.normalize(pooled, dim=-1)


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
