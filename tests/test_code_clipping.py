import numpy as np
import pytest

from clipping import clip_by_global_norm, clip_by_value, global_norm


def random_grads(scale: float = 1.0):
    rng = np.random.default_rng(0)
    return [scale * rng.normal(size=s) for s in [(4, 3), (3,), (3, 2), (2,)]]


def test_global_norm_is_norm_of_concatenation():
    grads = random_grads()
    flat = np.concatenate([g.ravel() for g in grads])
    assert global_norm(grads) == pytest.approx(np.linalg.norm(flat))
    assert global_norm([np.array([3.0]), np.array([[4.0]])]) == pytest.approx(5.0)


def test_clipped_global_norm_equals_max_norm():
    grads = random_grads(scale=10.0)
    clipped, before = clip_by_global_norm(grads, max_norm=1.0)
    assert before > 1.0
    assert global_norm(clipped) == pytest.approx(1.0, rel=1e-12)
    assert before == pytest.approx(global_norm(grads))


def test_direction_is_preserved_one_factor_for_all_arrays():
    grads = random_grads(scale=10.0)
    clipped, before = clip_by_global_norm(grads, max_norm=2.5)
    factor = 2.5 / before
    for g, c in zip(grads, clipped):
        np.testing.assert_allclose(c, factor * g, rtol=1e-12)
    flat_g = np.concatenate([g.ravel() for g in grads])
    flat_c = np.concatenate([c.ravel() for c in clipped])
    cosine = flat_g @ flat_c / (np.linalg.norm(flat_g) * np.linalg.norm(flat_c))
    assert cosine == pytest.approx(1.0)


def test_not_per_array_clipping():
    # One huge array and one tiny one: per-array clipping would leave the tiny
    # one untouched; global clipping shrinks both by the same factor.
    grads = [np.array([30.0, 40.0]), np.array([0.1])]
    clipped, _ = clip_by_global_norm(grads, max_norm=5.0)
    factor = 5.0 / np.sqrt(2500.01)
    np.testing.assert_allclose(clipped[1], [0.1 * factor])


def test_no_change_below_threshold():
    grads = random_grads(scale=0.01)
    clipped, before = clip_by_global_norm(grads, max_norm=1.0)
    assert before < 1.0
    for g, c in zip(grads, clipped):
        np.testing.assert_array_equal(c, g)
    clipped[0][0, 0] = 99.0  # a copy, so the caller's arrays are untouched
    assert grads[0][0, 0] != 99.0


def test_non_finite_norm_raises():
    with pytest.raises(FloatingPointError):
        clip_by_global_norm([np.array([1.0, np.inf])], max_norm=1.0)


def test_clip_by_value_bounds_components_and_can_change_direction():
    g = [np.array([10.0, 0.5])]
    (c,) = clip_by_value(g, clip_value=1.0)
    np.testing.assert_allclose(c, [1.0, 0.5])
    assert np.max(np.abs(c)) <= 1.0
    cosine = g[0] @ c / (np.linalg.norm(g[0]) * np.linalg.norm(c))
    assert cosine < 0.95  # no longer parallel to the original gradient
    # whereas global-norm clipping to the same length keeps it parallel
    (n,), _ = clip_by_global_norm(g, max_norm=float(np.linalg.norm(c)))
    np.testing.assert_allclose(n / np.linalg.norm(n), g[0] / np.linalg.norm(g[0]))


def test_clip_by_value_leaves_small_values_alone():
    grads = random_grads(scale=0.01)
    for g, c in zip(grads, clip_by_value(grads, clip_value=1.0)):
        np.testing.assert_array_equal(c, g)
