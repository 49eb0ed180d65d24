"""``attunement bench``: per-turn latency and batch throughput, beside a bare encoder pass.

The baseline is what the issue names: the sentence encoder alone over the same texts (each
turn's said and reply encoded in one call, no cache), so the ratio shows what the engine costs
on top of the model. The encoder cache is cleared before every timed turn and before the batch,
so no figure is helped by an earlier pass.
"""

import os
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from attunement.language.engine import FeedbackEngine
from attunement.language.text_units import check_text, idea_units

Turn = tuple[str, str | None]  # (text or said, reply or None)


@dataclass(frozen=True, slots=True)
class Timing:
    name: str
    p50_ms: float
    p99_ms: float
    turns_per_s: float
    turns_per_cpu_s: float = float(
        "nan"
    )  # load-independent: turns per second of this process's CPU


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
        count / batch_seconds if batch_seconds else float("nan"),
    )


def _with_cpu(timing: Timing, cpu_seconds: float, count: int) -> Timing:
    rate = count / cpu_seconds if cpu_seconds else float("nan")
    return Timing(timing.name, timing.p50_ms, timing.p99_ms, timing.turns_per_s, rate)


def _clear(engine: FeedbackEngine) -> None:
    if engine.encoder is not None:
        engine.encoder.clear_cache()


def bench_engine(engine: FeedbackEngine, turns: Sequence[Turn]) -> Timing:
    """Full analysis: one turn at a time (latency), then the distinct turns as one batch."""

    def one(turn: Turn) -> object:
        text, reply = turn
        return engine.analyze(text) if reply is None else engine.respond(text, reply)

    def cold(turn: Turn) -> object:
        _clear(engine)  # each turn pays for its own encoding, as a first sight would
        return one(turn)

    latencies = _per_turn(turns, cold)
    distinct = list(dict.fromkeys(turns))  # ``--repeat`` must not help the batch through the cache
    _clear(engine)
    start, cpu = time.perf_counter(), time.process_time()
    engine.prepare(distinct)  # every unit of every turn in one sorted, batched pass
    for turn in distinct:
        one(turn)
    timing = _timing(
        f"analysis ({engine.backend})", latencies, time.perf_counter() - start, len(distinct)
    )
    return _with_cpu(timing, time.process_time() - cpu, len(distinct))


def bench_said_cached(engine: FeedbackEngine, turns: Sequence[Turn]) -> Timing | None:
    """Latency of a reply to something already mirrored once (the said units are cached).

    In the app one chunk is often mirrored several times (a retry, a repair); the encoder's
    cache, keyed by unit text, then leaves only the reply's units to encode.
    """
    encoder = engine.encoder
    pairs = [(said, reply) for said, reply in turns if reply is not None]
    if encoder is None or not pairs:
        return None

    latencies: list[float] = []
    for said, reply in pairs:
        encoder.clear_cache()
        encoder.encode(list(idea_units(check_text(said))))
        start = time.perf_counter()
        engine.respond(said, reply)
        latencies.append((time.perf_counter() - start) * 1000)
    return _timing("analysis, said cached", latencies, 0.0, 0)


def bench_bare_encoder(engine: FeedbackEngine, turns: Sequence[Turn]) -> Timing | None:
    """The bare encoder over the same texts: per turn, then the distinct turns in batches."""
    encoder = engine.encoder
    if encoder is None:
        return None
    latencies = _per_turn(turns, lambda turn: encoder.encode_uncached([t for t in turn if t]))
    distinct = list(dict.fromkeys(turns))
    texts = [text for turn in distinct for text in turn if text]
    start, cpu = time.perf_counter(), time.process_time()
    encoder.encode_uncached(sorted(texts, key=len))
    timing = _timing("bare encoder pass", latencies, time.perf_counter() - start, len(distinct))
    return _with_cpu(timing, time.process_time() - cpu, len(distinct))


def machine(engine: FeedbackEngine) -> str:
    """Runtime, threads and load average, printed beside every figure (the machine may be shared).

    The bare encoder pass runs on the same runtime and threads as the analysis, so both are named
    once here.
    """
    try:
        load = Path("/proc/loadavg").read_text(encoding="ascii").split()[:3]
    except OSError:
        load = ["?"]
    encoder = engine.encoder
    runtime = f"{encoder.runtime}, {encoder.threads} threads" if encoder is not None else "none"
    return f"cpus: {os.cpu_count()}  encoder: {runtime}  load average: {' '.join(load)}"
