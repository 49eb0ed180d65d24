"""``attunement bench``: per-turn latency and batch throughput, beside a bare encoder pass.

The baseline is what the issue names: the sentence encoder alone over the same texts (each
turn's said and reply encoded in one call, no cache), so the ratio shows what the engine costs
on top of the model. The encoder cache is cleared before every timed turn and before the batch,
so no figure is helped by an earlier pass.
"""

import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from attunement.language.engine import FeedbackEngine

Turn = tuple[str, str | None]  # (text or said, reply or None)


@dataclass(frozen=True, slots=True)
class Timing:
    name: str
    p50_ms: float
    p99_ms: float
    turns_per_s: float


def _percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _per_turn(turns: Sequence[Turn], call: Callable[[Turn], object]) -> list[float]:
    latencies: list[float] = []
    for turn in turns:
        start = time.perf_counter()
        call(turn)
        latencies.append((time.perf_counter() - start) * 1000)
    return latencies


def _timing(name: str, latencies: list[float], batch_seconds: float, count: int) -> Timing:
    return Timing(
        name,
        statistics.median(latencies),
        _percentile(latencies, 0.99),
        count / batch_seconds if batch_seconds else float("inf"),
    )


def _clear(engine: FeedbackEngine) -> None:
    if engine.encoder is not None:
        engine.encoder.clear_cache()


def bench_engine(engine: FeedbackEngine, turns: Sequence[Turn]) -> Timing:
    """Full analysis: one turn at a time (latency), then all turns as a batch (throughput)."""

    def one(turn: Turn) -> object:
        text, reply = turn
        return engine.analyze(text) if reply is None else engine.respond(text, reply)

    def cold(turn: Turn) -> object:
        _clear(engine)  # each turn pays for its own encoding, as a first sight would
        return one(turn)

    latencies = _per_turn(turns, cold)
    _clear(engine)
    start = time.perf_counter()
    engine.prepare(text for turn in turns for text in turn if text is not None)
    for turn in turns:
        one(turn)
    return _timing(
        f"analysis ({engine.backend})", latencies, time.perf_counter() - start, len(turns)
    )


def bench_bare_encoder(engine: FeedbackEngine, turns: Sequence[Turn]) -> Timing | None:
    """The bare encoder over the same texts: per turn, then in batches of 64 texts."""
    encoder = engine.encoder
    if encoder is None:
        return None
    latencies = _per_turn(turns, lambda turn: encoder.encode_uncached([t for t in turn if t]))
    texts = [text for turn in turns for text in turn if text]
    start = time.perf_counter()
    encoder.encode_uncached(sorted(texts, key=len))
    return _timing("bare encoder pass", latencies, time.perf_counter() - start, len(turns))
