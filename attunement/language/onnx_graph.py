"""The encoder on ONNX Runtime: the fp32 graph of ``bert.py``, exported here once and cached.

The graph is traced locally from the shipped weights (never downloaded) on first load and kept
in the data folder as ``models/minilm-<weights digest>-g<version>.onnx``; later processes load it
without importing torch. A graph made from other weights, or by an older ``bert.py``, has another
name and is simply not used. Without a folder the graph is exported in memory for this process.
"""

import hashlib
import logging
import os
import tempfile
from pathlib import Path

import numpy as np
import numpy.typing as npt

from attunement.language.bert import Vectors, export_onnx

log = logging.getLogger(__name__)
GRAPH_VERSION = 1  # bump when bert.py's traced function changes


class OnnxForward:
    """Token ids and attention mask in, unit vectors out, on an ONNX Runtime CPU session."""

    def __init__(self, model_dir: Path, threads: int, graph_dir: Path | None) -> None:
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
        options.log_severity_level = 3  # the CPU provider's notes are not warnings for us
        # Idle threads sleep instead of spinning: on a shared or busy machine a spinning thread
        # burns a core another process needs (measured: more turns per CPU-second and per second
        # at load 10 on 2 cores, docs/feedback-engine.md); on an idle one it costs little.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._session = onnxruntime.InferenceSession(
            _graph(model_dir, graph_dir), options, providers=["CPUExecutionProvider"]
        )

    def __call__(self, ids: npt.NDArray[np.int64], mask: npt.NDArray[np.float32]) -> Vectors:
        (vectors,) = self._session.run(None, {"ids": ids, "mask": mask})
        return np.asarray(vectors, dtype=np.float32)


def graph_path(model_dir: Path, graph_dir: Path) -> Path:
    """Where the graph for these weights and this version of ``bert.py`` is cached."""
    digest = hashlib.sha256()
    with (model_dir / "model.safetensors").open("rb") as weights:
        for block in iter(lambda: weights.read(1 << 20), b""):
            digest.update(block)
    return graph_dir / f"minilm-{digest.hexdigest()[:16]}-g{GRAPH_VERSION}.onnx"


def _graph(model_dir: Path, graph_dir: Path | None) -> bytes | str:
    """The cached graph's path, exporting it first if need be; in memory when there is no folder.

    The file is written beside its final name and renamed into place, so web workers starting
    together never read half a graph; one that cannot write the folder still gets the graph.
    """
    if graph_dir is None:
        return export_onnx(model_dir)
    path = graph_path(model_dir, graph_dir)
    if path.is_file():
        return str(path)
    graph = export_onnx(model_dir)
    try:
        graph_dir.mkdir(parents=True, exist_ok=True)
        _write_atomically(path, graph)
    except OSError as error:
        log.warning("cannot cache the encoder graph in %s: %s", graph_dir, error)
        return graph
    log.info("exported the encoder graph to %s", path)
    return str(path)


def _write_atomically(path: Path, data: bytes) -> None:
    """Write beside ``path``, then rename: readers see the whole file or none; no leftovers."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        raise
