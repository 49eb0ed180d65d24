"""``attunement analyze``, ``eval`` and ``bench``: the feedback engine from the command line.

``analyze`` streams JSON Lines in and out (architecture.md): a bad line becomes an ``error`` on
its own output line and the run goes on; the exit code is 1 only when no line could be read.
``eval`` and ``bench`` print the figures that docs/feedback-engine.md records.
"""

import json
import logging
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Literal

import typer

from attunement.cli.app import app
from attunement.language import (
    EncoderUnavailable,
    benchmark,
    evaluation,
    get_analyzer,
    heads,
    heads_training,
    public_sets,
)
from attunement.language.engine import FeedbackEngine
from attunement.language.evaluation import Figure
from attunement.language.jsonl import MESSAGES, UNREADABLE, run
from attunement.settings import load_settings

BackendOption = Annotated[
    str, typer.Option(help="auto (encoder if it loads, else lexical), encoder or lexical.")
]
DEFAULT_DATA = Path("../shared/data")
UNREADABLE_WORDS = frozenset(MESSAGES[key] for key in UNREADABLE)


def _engine(backend: str) -> FeedbackEngine:
    if backend not in ("auto", "encoder", "lexical"):
        print(
            f"attunement: unknown backend {backend!r}; use auto, encoder or lexical",
            file=sys.stderr,
        )
        raise typer.Exit(2)
    chosen: Literal["auto", "encoder", "lexical"] = backend  # type: ignore[assignment]
    try:
        analyzer = get_analyzer(chosen, load_settings().encoder_options())
    except EncoderUnavailable as error:
        print(f"attunement: no sentence encoder ({error}); try --backend lexical", file=sys.stderr)
        raise typer.Exit(1) from error
    assert isinstance(analyzer, FeedbackEngine)  # noqa: S101 - get_analyzer builds only these
    return analyzer


def _lines(source: Path | None) -> Iterator[bytes]:
    if source is None:
        yield from sys.stdin.buffer
        return
    with source.open("rb") as handle:
        yield from handle


@app.command()
def analyze(
    input_file: Annotated[
        Path | None, typer.Option("--input", help="JSON Lines file; stdin when left out.")
    ] = None,
    backend: BackendOption = "auto",
) -> None:
    """Analyse turns: one JSON line in ({id, text} or {id, said, reply}), one JSON line out."""
    logging.basicConfig(level=logging.WARNING, format="attunement: %(message)s")
    engine = _engine(backend)
    readable = 0
    try:
        for line in run(engine, _lines(input_file)):
            readable += line.get("error") not in UNREADABLE_WORDS
            sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
    except OSError as error:
        print(
            f"attunement: cannot read the input ({error.strerror}); check the path", file=sys.stderr
        )
        raise typer.Exit(1) from error
    if readable == 0:
        print("attunement: no line could be read; each line must be a JSON object", file=sys.stderr)
        raise typer.Exit(1)


def _print(figures: list[Figure]) -> None:
    print(f"{'dataset':<12} {'metric':<58} {'value':>7} {'n':>6}  published")
    for figure in figures:
        print(
            f"{figure.dataset:<12} {figure.metric:<58} {figure.value:>7.3f} {figure.n:>6}  "
            f"{figure.published}"
        )


@app.command(name="eval")
def evaluate(
    data: Annotated[Path, typer.Option(help="Folder of the public sets.")] = DEFAULT_DATA,
    cases: Annotated[Path, typer.Option(help="Labelled JSON Lines.")] = evaluation.DEV_CASES,
    limit: Annotated[int, typer.Option(help="Rows per public set (0 = all).")] = 0,
    backend: BackendOption = "auto",
) -> None:
    """Measure the engine on labelled cases and on the public sets, beside published figures."""
    engine = _engine(backend)
    figures = evaluation.evaluate_dev(engine, cases)
    rows = limit or None
    if (data / "epitome").is_dir():
        figures += public_sets.evaluate_epitome(engine, data / "epitome", rows)
    else:
        print(f"attunement: skipping EPITOME, {data / 'epitome'} is missing", file=sys.stderr)
    if (data / "esconv" / "fado-reformat").is_dir():
        figures += public_sets.evaluate_esconv(engine, data / "esconv", rows)
    else:
        print(f"attunement: skipping ESConv, {data / 'esconv'} is missing", file=sys.stderr)
    trained = heads.shipped()
    if trained is not None and (data / "epitome").is_dir() and (data / "esconv").is_dir():
        figures += heads_training.evaluate(trained, data)
    print(f"backend: {engine.backend}")
    _print(figures)


@app.command()
def bench(
    cases: Annotated[
        Path, typer.Option(help="Labelled JSON Lines whose texts are timed.")
    ] = evaluation.DEV_CASES,
    repeat: Annotated[int, typer.Option(min=1, help="Passes over the cases.")] = 1,
    kind: Annotated[str, typer.Option(help="all, respond (said+reply) or utterance.")] = "all",
    backend: BackendOption = "auto",
) -> None:
    """Per-turn latency (p50/p99) and batch throughput, beside a bare encoder pass."""
    engine = _engine(backend)
    turns: list[benchmark.Turn] = []
    for case in evaluation.dev_cases(cases):
        reply = str(case["reply"]) if "reply" in case else None
        turns.append((str(case.get("said", case.get("text"))), reply))
    if kind != "all":
        turns = [turn for turn in turns if (turn[1] is not None) == (kind == "respond")]
    turns *= repeat
    engine.analyze("warm up the model once before timing")
    timings = [benchmark.bench_engine(engine, turns)]
    said_cached = benchmark.bench_said_cached(engine, turns)
    bare = benchmark.bench_bare_encoder(engine, turns)
    timings += [timing for timing in (said_cached, bare) if timing is not None]
    print(f"turns: {len(turns)}  backend: {engine.backend}  {benchmark.machine(engine)}")
    print(f"{'pass':<22} {'p50 ms':>8} {'p99 ms':>8} {'turns/s':>9} {'turns/cpu-s':>12}")
    for timing in timings:
        print(
            f"{timing.name:<22} {timing.p50_ms:>8.2f} {timing.p99_ms:>8.2f} "
            f"{timing.turns_per_s:>9.1f} {timing.turns_per_cpu_s:>12.1f}"
        )
    if bare is not None:
        ratio = timings[0].p50_ms / bare.p50_ms
        print(f"analysis / bare encoder (p50): {ratio:.2f}x")


SOURCES = [
    {
        "name": "EPITOME (Sharma et al. 2020), Reddit portion",
        "folder": "epitome",
        "licence": "Althoff academic licence: NON-COMMERCIAL academic research only; commercial "
        "use needs the authors' permission",
        "split": "held out when crc32('<sp_id>/<rp_id>') % 5 == 0; fitted on the rest",
    },
    {
        "name": "ESConv (Liu et al. 2021), FADO re-export",
        "folder": "esconv/fado-reformat",
        "licence": "CC BY-NC 4.0: NON-COMMERCIAL; 'for academic research use only'",
        "split": "fitted on train_rl.txt, held out test_rl.txt (published split)",
    },
]


def _commit() -> str:
    try:
        done = subprocess.run(
            ["git", "rev-parse", "HEAD"],  # noqa: S607 - git from PATH, fixed arguments
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return done.stdout.strip()


@app.command(name="train-heads")
def train_heads(
    data: Annotated[Path, typer.Option(help="Folder of the public sets.")] = DEFAULT_DATA,
    out: Annotated[Path, typer.Option(help="Where the weights go.")] = heads.HEADS_FILE,
) -> None:
    """Fit the trained heads on EPITOME and ESConv and write weights plus a JSON sidecar."""
    if not (data / "epitome").is_dir() or not (data / "esconv" / "fado-reformat").is_dir():
        print(f"attunement: EPITOME and ESConv must both be under {data}", file=sys.stderr)
        raise typer.Exit(1)
    fitted = heads_training.train(data)
    fitted.save(out)
    sidecar = {
        "weights": out.name,
        "sources": SOURCES,
        "non_commercial": True,
        "command": f"attunement train-heads --data {data} --out {out}",
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "commit": _commit(),
        "features": "heads.py: hashed words and word pairs, cue lexicons, overlap with said",
        "held_out": [
            {"dataset": f.dataset, "metric": f.metric, "value": round(f.value, 4), "n": f.n}
            for f in heads_training.evaluate(fitted, data)
        ],
    }
    out.with_suffix(".json").write_text(json.dumps(sidecar, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out} and {out.with_suffix('.json')}")
