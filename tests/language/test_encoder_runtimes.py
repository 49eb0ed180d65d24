"""The default runtime is faithful to the fp32 torch reference (issue 3, item 2).

The gate: on our dev set's idea units and a sample of public sentences, every vector's cosine to
the torch fp32 vector is at least 0.99, and the engine's decisions on the dev turns (and on
public said+reply pairs where ../shared/data has them) agree within the tolerances below. The
agreement figures are printed (``pytest -s``) for docs/feedback-engine.md.
"""

import random
from pathlib import Path
from typing import Any

import pytest

from attunement.domain.analysis import TurnAnalysis
from attunement.language import EncoderOptions, EncoderUnavailable, heads_training
from attunement.language.encoder import SentenceEncoder, load_encoder
from attunement.language.engine import FeedbackEngine
from attunement.language.evaluation import dev_cases
from attunement.language.text_units import idea_units

DATA = Path(__file__).parents[2] / ".." / "shared" / "data"
MIN_COSINE = 0.99
MIRROR_SCORE_TOLERANCE = 0.01  # of the 0..1 score, for every turn
SAME_DECISIONS_AT_LEAST = 0.99  # share of turns whose every discrete output is identical
PUBLIC_SAMPLE = 300


def _encoder(runtime: str) -> SentenceEncoder:
    try:
        return load_encoder(EncoderOptions(runtime=runtime))  # type: ignore[arg-type]
    except EncoderUnavailable:
        pytest.skip(f"the {runtime} encoder does not load on this machine")


@pytest.fixture(scope="module")
def reference() -> SentenceEncoder:
    return _encoder("torch")


@pytest.fixture(scope="module")
def default() -> SentenceEncoder:
    return _encoder(EncoderOptions().runtime)


def _sample(rows: list[Any], size: int) -> list[Any]:
    """The same rows on every run and in every order of the tests."""
    return random.Random(3).sample(rows, size)  # noqa: S311 - a fixed sample, not a secret


def _dev_sentences() -> list[str]:
    units = [
        unit
        for case in dev_cases()
        for key in ("text", "said", "reply")
        if key in case
        for unit in idea_units(str(case[key]))
    ]
    return list(dict.fromkeys(units))


def _public_sentences() -> list[str]:
    """A fixed sample of GoEmotions Reddit comments (CC BY 4.0), when the data folder is here."""
    path = DATA / "goemotions" / "dev.tsv"
    if not path.is_file():
        return []
    with path.open(encoding="utf-8") as rows:
        comments = [line.split("\t")[0] for line in rows if line.strip()]
    return _sample(comments, PUBLIC_SAMPLE)


def _public_pairs() -> list[tuple[str, str]]:
    """A fixed sample of EPITOME's held-out (seeker post, response) pairs, when present."""
    folder = DATA / "epitome"
    if not folder.is_dir():
        return []
    rows = heads_training.epitome(folder, test=True)["ER"]
    return [(post, reply) for post, reply, _ in _sample(rows, 150)]


def test_every_vector_is_within_the_cosine_gate(reference, default):
    sentences = _dev_sentences() + _public_sentences()

    cosine = (default.encode_uncached(sentences) * reference.encode_uncached(sentences)).sum(1)

    print(  # noqa: T201 - the agreement figures, for the docs (pytest -s)
        f"\n{default.runtime} vs torch fp32: {len(sentences)} sentences, cosine min "
        f"{cosine.min():.6f}, mean {cosine.mean():.6f}"
    )
    assert cosine.min() >= MIN_COSINE, sentences[int(cosine.argmin())]


def _decisions(turn: TurnAnalysis) -> tuple[object, ...]:
    response = turn.response
    assert response is not None
    mirror = response.mirror
    band = "good" if mirror.score >= 0.6 else "poor" if mirror.score < 0.3 else "partial"
    return (band, mirror.missed, mirror.added, mirror.feelings_missed, response.empathy)


def _respond_all(engine: FeedbackEngine, pairs: list[tuple[str, str]]) -> list[TurnAnalysis]:
    assert engine.encoder is not None
    engine.encoder.clear_cache()
    return [engine.respond(said, reply) for said, reply in pairs]


def test_the_engine_decides_the_same_on_either_runtime(reference, default):
    dev = [(str(c["said"]), str(c["reply"])) for c in dev_cases() if "reply" in c]
    pairs = dev + _public_pairs()

    ours = _respond_all(FeedbackEngine(default), pairs)
    theirs = _respond_all(FeedbackEngine(reference), pairs)

    drift = [
        abs(a.response.mirror.score - b.response.mirror.score)  # type: ignore[union-attr]
        for a, b in zip(ours, theirs, strict=True)
    ]
    same = sum(_decisions(a) == _decisions(b) for a, b in zip(ours, theirs, strict=True))
    print(  # noqa: T201 - the agreement figures, for the docs (pytest -s)
        f"\n{default.runtime} vs torch fp32: {len(pairs)} said+reply turns ({len(dev)} dev), "
        f"identical decisions {same}/{len(pairs)}, mirror score drift max {max(drift):.6f}"
    )
    assert max(drift) <= MIRROR_SCORE_TOLERANCE
    assert same / len(pairs) >= SAME_DECISIONS_AT_LEAST
