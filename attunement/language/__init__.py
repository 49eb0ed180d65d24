"""Text analysis of dialogue turns: the feedback engine (architecture.md, domain.md §6).

``analyze(text)`` and ``respond(said, reply)`` use one process-wide analyzer, created on first
use; ``get_analyzer`` picks a backend: ``encoder`` (all-MiniLM-L6-v2 shipped in a PyPI package,
plus our lexicons), ``lexical`` (lexicons and word overlap only, for machines where the model
cannot load), or ``auto`` (the encoder when it loads, else lexical with a logged warning).
"""

import logging
from functools import lru_cache
from typing import Literal

from attunement.domain.analysis import Analyzer, TurnAnalysis
from attunement.language.encoder import EncoderOptions, EncoderUnavailable, load_encoder
from attunement.language.engine import FeedbackEngine

__all__ = ["Backend", "EncoderOptions", "EncoderUnavailable", "analyze", "get_analyzer", "respond"]

Backend = Literal["auto", "encoder", "lexical"]
log = logging.getLogger(__name__)


@lru_cache(maxsize=4)
def get_analyzer(
    backend: Backend = "auto",
    options: EncoderOptions = EncoderOptions(),  # noqa: B008 - frozen, shared safely
) -> Analyzer:
    """The analyzer for ``backend``, created once per process.

    ``options`` (runtime, threads, graph folder) come from ``Settings`` at the edges; the default
    runs ONNX Runtime on one thread with the graph kept in memory.

    Raises:
        EncoderUnavailable: ``backend`` is ``"encoder"`` and the model cannot load.
    """
    if backend == "lexical":
        return FeedbackEngine()
    if backend == "encoder":
        return FeedbackEngine(load_encoder(options))
    try:
        return FeedbackEngine(load_encoder(options))
    except EncoderUnavailable:
        log.warning("falling back to the lexical analyzer: the sentence encoder did not load")
        return FeedbackEngine()


def analyze(text: str) -> TurnAnalysis:
    """Judge one utterance with the default analyzer."""
    return get_analyzer().analyze(text)


def respond(said: str, reply: str) -> TurnAnalysis:
    """Judge ``reply`` as an utterance and as a response to ``said`` with the default analyzer."""
    return get_analyzer().respond(said, reply)
