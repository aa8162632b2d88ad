import numpy as np
import pytest

from dropout import classic_dropout, inverted_dropout, inverted_dropout_backward

N_SAMPLES = 20_000


def activations(d: int = 40) -> np.ndarray:
    return np.random.default_rng(1).normal(loc=1.0, scale=2.0, size=d)


def inverted_output(x: np.ndarray, p: float, rng: np.random.Generator, training: bool = True) -> np.ndarray:
    return inverted_dropout(x, p, rng, training)[0]


def many_training_passes(fn, x: np.ndarray, p: float) -> np.ndarray:
    rng = np.random.default_rng(0)
    batch = np.broadcast_to(x, (N_SAMPLES, x.size))
    return fn(batch, p, rng, training=True)


def mean_tolerance(x: np.ndarray, p: float, scale: float) -> np.ndarray:
    # Each training output is scale * x * Bernoulli(1 - p); allow 5 standard errors.
    std = np.abs(scale * x) * np.sqrt(p * (1 - p))
    return 5 * std / np.sqrt(N_SAMPLES)


@pytest.mark.parametrize("p", [0.1, 0.3, 0.5, 0.8])
def test_inverted_dropout_preserves_the_expectation(p):
    x = activations()
    out = many_training_passes(inverted_output, x, p)
    assert np.all(np.abs(out.mean(axis=0) - x) < mean_tolerance(x, p, 1 / (1 - p)))


@pytest.mark.parametrize("p", [0.1, 0.5])
def test_classic_dropout_expectation_matches_its_scaled_inference(p):
    x = activations()
    out = many_training_passes(classic_dropout, x, p)
    inference = classic_dropout(x, p, np.random.default_rng(0), training=False)
    np.testing.assert_allclose(inference, (1 - p) * x)
    assert np.all(np.abs(out.mean(axis=0) - inference) < mean_tolerance(x, p, 1.0))


@pytest.mark.parametrize("p", [0.1, 0.5, 0.8])
def test_fraction_dropped_is_p_and_survivors_are_scaled(p):
    x = activations()
    out = many_training_passes(inverted_output, x, p)
    dropped = out == 0.0
    # Binomial standard error of the fraction is below 0.0005 here.
    assert abs(dropped.mean() - p) < 0.003
    survivors = np.broadcast_to(x, out.shape)[~dropped]
    np.testing.assert_allclose(out[~dropped], survivors / (1 - p))


def test_inference_is_the_identity():
    x = activations()
    for p in (0.0, 0.2, 0.9):
        out = inverted_output(x, p, np.random.default_rng(0), training=False)
        np.testing.assert_array_equal(out, x)


def test_p_zero_is_the_identity_in_training():
    x = activations()
    np.testing.assert_array_equal(inverted_output(x, 0.0, np.random.default_rng(0)), x)
    np.testing.assert_array_equal(classic_dropout(x, 0.0, np.random.default_rng(0)), x)


def test_training_masks_are_random_but_reproducible():
    x = np.ones((4, 50))
    a = inverted_output(x, 0.5, np.random.default_rng(0))
    b = inverted_output(x, 0.5, np.random.default_rng(0))
    np.testing.assert_array_equal(a, b)
    assert a.shape == x.shape
    assert not np.array_equal(a[0], a[1])  # each row gets its own mask


@pytest.mark.parametrize("p", [-0.1, 1.0, 1.5, float("nan")])
def test_invalid_p_is_rejected(p):
    rng = np.random.default_rng(0)
    with pytest.raises(ValueError):
        inverted_dropout(np.ones(3), p, rng)
    with pytest.raises(ValueError):
        inverted_dropout(np.ones(3), p, rng, training=False)
    with pytest.raises(ValueError):
        classic_dropout(np.ones(3), p, rng)


def test_backward_matches_finite_differences_under_the_same_mask():
    # For a fixed mask the layer is linear, so central differences are exact up to rounding.
    p, x = 0.4, activations(12)
    upstream = np.random.default_rng(2).normal(size=x.shape)
    out, keep = inverted_dropout(x, p, np.random.default_rng(5))
    grad = inverted_dropout_backward(upstream, keep, p)
    numeric = np.empty_like(x)
    for i in range(x.size):
        step = np.zeros_like(x)
        step[i] = 1e-6
        plus = inverted_dropout(x + step, p, np.random.default_rng(5))[0]  # same seed, same mask
        minus = inverted_dropout(x - step, p, np.random.default_rng(5))[0]
        numeric[i] = upstream @ (plus - minus) / 2e-6
    np.testing.assert_allclose(grad, numeric, rtol=1e-6, atol=1e-9)
    assert np.all(grad[~keep] == 0.0) and keep.any() and not keep.all()


def test_the_returned_mask_is_the_one_applied():
    x = activations()
    out, keep = inverted_dropout(x, 0.5, np.random.default_rng(3))
    np.testing.assert_array_equal(out == 0.0, ~keep)
    assert inverted_dropout(x, 0.5, np.random.default_rng(3), training=False)[1].all()
