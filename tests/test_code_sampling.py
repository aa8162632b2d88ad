import itertools
import math

import numpy as np
import pytest
from scipy.special import softmax as scipy_softmax

from sampling import beam_search, min_p_filter, sample_next, softmax, top_k_filter, top_p_filter

# The worked example on the page: next-token logits for " Paris", " a", " the", " home", " Lyon".
LOGITS = np.array([4.0, 3.0, 2.0, 1.0, 0.0])


def random_probs(seed: int, size: int = 12) -> np.ndarray:
    return scipy_softmax(np.random.default_rng(seed).normal(scale=2.0, size=size))


@pytest.mark.parametrize("temperature", [0.3, 0.5, 1.0, 2.0, 7.0])
def test_softmax_with_temperature_matches_scipy(temperature):
    logits = np.random.default_rng(0).normal(scale=3.0, size=20)
    np.testing.assert_allclose(softmax(logits, temperature), scipy_softmax(logits / temperature))


def test_softmax_survives_huge_logits_and_rejects_nonpositive_temperature():
    np.testing.assert_allclose(softmax(np.array([1000.0, 1000.0])), [0.5, 0.5])
    with pytest.raises(ValueError):
        softmax(LOGITS, 0.0)


def test_the_pages_worked_example():
    assert np.round(softmax(LOGITS, 1.0), 3).tolist() == [0.636, 0.234, 0.086, 0.032, 0.012]
    assert np.round(softmax(LOGITS, 0.5), 3).tolist() == [0.865, 0.117, 0.016, 0.002, 0.0]
    assert np.round(softmax(LOGITS, 2.0), 3).tolist() == [0.429, 0.26, 0.158, 0.096, 0.058]
    assert np.count_nonzero(top_p_filter(softmax(LOGITS), 0.9)) == 3
    assert np.count_nonzero(min_p_filter(softmax(LOGITS), 0.1)) == 3
    assert np.count_nonzero(min_p_filter(softmax(LOGITS, 2.0), 0.1)) == 5
    np.testing.assert_allclose(top_k_filter(softmax(LOGITS), 2)[:2], [0.731, 0.269], atol=5e-4)


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("k", [1, 3, 12])
def test_top_k_keeps_exactly_the_k_largest(seed, k):
    probs = random_probs(seed)
    kept = top_k_filter(probs, k)
    for i, p in enumerate(probs):
        larger = sum(q > p for q in probs)
        assert (kept[i] > 0) == (larger < k)
    np.testing.assert_allclose(kept[kept > 0], probs[kept > 0] / probs[kept > 0].sum())


def brute_force_nucleus(probs: np.ndarray, p: float) -> set[int]:
    ranked = sorted(range(len(probs)), key=lambda i: -probs[i])
    for n in range(1, len(probs) + 1):
        if sum(probs[i] for i in ranked[:n]) >= p - 1e-12:
            return set(ranked[:n])
    raise AssertionError("unreachable: the whole vocabulary has mass 1")


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("p", [0.1, 0.5, 0.9, 0.95, 1.0])
def test_top_p_keeps_the_smallest_set_reaching_p(seed, p):
    probs = random_probs(seed)
    kept = top_p_filter(probs, p)
    assert set(np.flatnonzero(kept)) == brute_force_nucleus(probs, p)
    np.testing.assert_allclose(kept.sum(), 1.0)


def test_top_p_is_not_fooled_by_rounding_in_the_running_sum():
    # 0.7 + 0.2 is 0.8999999999999999 in floating point, yet the two reach p = 0.9.
    np.testing.assert_allclose(top_p_filter(np.array([0.1, 0.2, 0.7]), 0.9), [0.0, 2 / 9, 7 / 9])


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("p_min", [0.0, 0.05, 0.3, 1.0])
def test_min_p_keeps_tokens_above_a_fraction_of_the_top_one(seed, p_min):
    probs = random_probs(seed)
    kept = min_p_filter(probs, p_min)
    for i, p in enumerate(probs):
        assert (kept[i] > 0) == (p >= p_min * max(probs))


def test_greedy_at_temperature_zero():
    rng = np.random.default_rng(0)
    assert {sample_next(LOGITS, rng, temperature=0) for _ in range(20)} == {0}


def test_sampled_frequencies_match_the_filtered_distribution():
    rng = np.random.default_rng(0)
    n = 40_000
    draws = np.bincount([sample_next(LOGITS, rng, temperature=1.0, top_p=0.9) for _ in range(n)], minlength=5)
    expected = top_p_filter(softmax(LOGITS), 0.9) * n
    assert draws[3] == draws[4] == 0  # cut tokens are never drawn
    kept = expected > 0
    chi2 = (((draws - expected) ** 2)[kept] / expected[kept]).sum()
    assert chi2 < 13.8  # the 99.9% point of chi-square with 2 degrees of freedom


def toy_model(vocab: int, seed: int):
    """Next-token log-probabilities that depend on the whole prefix, fixed per prefix."""

    def next_log_probs(prefix: tuple[int, ...]) -> np.ndarray:
        rng = np.random.default_rng([seed, len(prefix), *prefix])
        return np.log(scipy_softmax(rng.normal(scale=2.0, size=vocab)))

    return next_log_probs


def sequence_log_prob(model, sequence) -> float:
    return sum(model(tuple(sequence[:t]))[token] for t, token in enumerate(sequence))


@pytest.mark.parametrize("seed", range(6))
def test_an_unlimited_beam_finds_the_exact_best_sequences(seed):
    vocab, length = 3, 4
    model = toy_model(vocab, seed)
    every = sorted(itertools.product(range(vocab), repeat=length), key=lambda s: -sequence_log_prob(model, s))
    beams = beam_search(model, width=vocab**length, length=length)
    assert [s for s, _ in beams[:5]] == every[:5]
    for sequence, score in beams[:5]:
        assert math.isclose(score, sequence_log_prob(model, sequence))


@pytest.mark.parametrize("seed", range(6))
def test_width_one_is_greedy(seed):
    model = toy_model(4, seed)
    greedy: tuple[int, ...] = ()
    for _ in range(5):
        greedy += (int(np.argmax(model(greedy))),)
    assert beam_search(model, width=1, length=5)[0][0] == greedy


def test_beam_search_beats_greedy_on_the_pages_example():
    table = {(): [0.5, 0.4, 0.1], (0,): [0.4, 0.3, 0.3], (1,): [0.05, 0.9, 0.05], (2,): [1 / 3] * 3}

    def model(prefix):
        return np.log(table[prefix])

    assert beam_search(model, width=1, length=2)[0][0] == (0, 0)  # greedy: 0.5 x 0.4 = 0.20
    best, score = beam_search(model, width=2, length=2)[0]
    assert best == (1, 1) and math.isclose(math.exp(score), 0.36)
