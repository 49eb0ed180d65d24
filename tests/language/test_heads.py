"""The trained heads load from the package and answer the same way every time.

No test here reads ``shared/data``: the shipped weights are enough, and the fit is checked on a
tiny made-up set. Retraining on the public sets is ``attunement train-heads``.
"""

import numpy as np

from attunement.language import heads
from attunement.language.heads_training import fit, held_out

REPLY = "I'm so sorry you went through that. You must have felt so alone. What happened next?"


def test_the_shipped_heads_load_with_their_provenance():
    loaded = heads.shipped()

    assert loaded is not None
    for name, classes in heads.HEAD_CLASSES.items():
        assert loaded.weights[name].shape == (classes, heads.WIDTH)
    sidecar = heads.provenance()
    assert sidecar["non_commercial"] is True
    assert str(sidecar["command"]).startswith("attunement train-heads")


def test_the_heads_are_deterministic_and_give_probabilities():
    loaded = heads.shipped()
    assert loaded is not None
    row = heads.features("My dog died last week.", REPLY)

    again = heads.features("My dog died last week.", REPLY)
    first = {name: loaded.probabilities(name, row) for name in heads.HEAD_CLASSES}

    for name, probabilities in first.items():
        assert np.array_equal(probabilities, loaded.probabilities(name, again))
    assert all(np.isclose(p.sum(), 1.0, atol=1e-5) for p in first.values())
    assert loaded.level("ER", row) == 2  # "I'm so sorry you", "must have felt"
    assert loaded.level("EX", row) >= 1  # a question about what happened


def test_a_warm_reply_outranks_a_dismissive_one():
    loaded = heads.shipped()
    assert loaded is not None
    warm = heads.features(
        "I lost my job.", "That sounds really hard, I'm sorry you're going through it."
    )
    cold = heads.features("I lost my job.", "Just get another one lol.")

    assert loaded.chance("affirmation", warm) > loaded.chance("affirmation", cold)


def test_the_fit_is_deterministic_and_learns_a_separable_set():
    x = np.array([[1, 0], [1, 0.1], [0, 1], [0.1, 1]], dtype=np.float32)
    labels = [0, 0, 1, 1]

    w1, b1 = fit(x, labels, 2)
    w2, b2 = fit(x, labels, 2)

    assert np.array_equal(w1, w2)
    assert np.array_equal(b1, b2)
    assert list(np.argmax(x @ w1.T + b1, axis=1)) == labels


def test_the_held_out_split_is_a_fixed_fifth():
    chosen = [held_out(f"post{i}", f"reply{i}") for i in range(2000)]

    assert chosen == [held_out(f"post{i}", f"reply{i}") for i in range(2000)]
    assert 0.15 < sum(chosen) / len(chosen) < 0.25
