"""Tests for docs/code/psi.py: identity, hand-computed values, shifts, bands."""

import math
from statistics import NormalDist

import numpy as np
import pytest

from psi import (
    bin_proportions,
    no_drift_threshold,
    psi,
    psi_band,
    psi_from_proportions,
    quantile_edges,
)


def test_psi_of_a_sample_with_itself_is_zero():
    x = np.random.default_rng(0).normal(size=5_000)
    assert psi(x, x) == 0.0


def test_hand_computed_value_on_proportions():
    # (0.5-0.25)ln2 + 0 + (0.25-0.5)ln(1/2) = 0.5 ln 2
    assert psi_from_proportions([0.25, 0.25, 0.5], [0.5, 0.25, 0.25]) == pytest.approx(
        0.5 * math.log(2), rel=1e-12
    )
    # 0.1 ln(1.2) - 0.1 ln(0.8) = 0.1 ln 1.5
    assert psi_from_proportions([0.5, 0.5], [0.6, 0.4]) == pytest.approx(
        0.1 * math.log(1.5), rel=1e-12
    )


def test_psi_is_symmetric_and_non_negative():
    rng = np.random.default_rng(0)
    for _ in range(20):
        r = rng.dirichlet(np.ones(6))
        c = rng.dirichlet(np.ones(6))
        forward = psi_from_proportions(r, c)
        assert forward >= 0
        assert forward == pytest.approx(psi_from_proportions(c, r), rel=1e-12)


def test_psi_equals_sum_of_both_kl_divergences():
    r = np.array([0.1, 0.2, 0.3, 0.4])
    c = np.array([0.25, 0.25, 0.25, 0.25])
    kl_cr = np.sum(c * np.log(c / r))
    kl_rc = np.sum(r * np.log(r / c))
    assert psi_from_proportions(r, c) == pytest.approx(kl_cr + kl_rc, rel=1e-12)


def test_binning_by_reference_median_hand_computed():
    reference = np.arange(1, 11)  # median 5.5 -> bins (-inf, 5.5) and [5.5, inf)
    np.testing.assert_allclose(quantile_edges(reference, 2), [5.5])
    current = [1, 1, 1, 9]  # shares 0.75 / 0.25 against 0.5 / 0.5
    # 0.25 ln 1.5 - 0.25 ln 0.5 = 0.25 ln 3
    assert psi(reference, current, n_bins=2) == pytest.approx(0.25 * math.log(3), rel=1e-12)


def test_reference_quantile_bins_hold_equal_shares():
    x = np.random.default_rng(0).uniform(size=10_000)
    props = bin_proportions(x, quantile_edges(x, 10))
    np.testing.assert_allclose(props, np.full(10, 0.1), atol=1e-3)


def test_values_outside_reference_range_fall_in_outer_bins():
    edges = quantile_edges(np.arange(1, 11), 2)
    np.testing.assert_allclose(bin_proportions([-100.0, 100.0], edges), [0.5, 0.5])


def test_tied_reference_values_merge_duplicate_edges():
    reference = np.array([0.0] * 90 + [1.0] * 10)
    edges = quantile_edges(reference, 10)
    assert len(edges) == len(np.unique(edges))
    assert len(edges) < 9


def test_empty_bin_uses_epsilon_and_stays_finite():
    eps = 1e-4
    value = psi_from_proportions([0.5, 0.5], [1.0, 0.0], eps=eps)
    expected = 0.5 * math.log(2) + (eps - 0.5) * math.log(eps / 0.5)
    assert math.isfinite(value)
    assert value == pytest.approx(expected, rel=1e-12)
    # A smaller epsilon penalizes the empty bin more heavily.
    assert psi_from_proportions([0.5, 0.5], [1.0, 0.0], eps=1e-6) > value


def test_psi_grows_with_the_size_of_a_mean_shift():
    rng = np.random.default_rng(0)
    reference = rng.normal(size=50_000)
    base = rng.normal(size=50_000)
    shifts = [0.0, 0.1, 0.25, 0.5, 1.0, 2.0]
    values = [psi(reference, base + mu) for mu in shifts]
    assert values[0] < 0.01
    assert all(a < b for a, b in zip(values, values[1:]))


def _binned_normal_psi(mu: float, n_bins: int = 10) -> float:
    """Exact PSI of N(mu, 1) against N(0, 1) on the deciles of N(0, 1)."""
    std = NormalDist()
    shifted = NormalDist(mu, 1.0)
    cuts = [std.inv_cdf(k / n_bins) for k in range(1, n_bins)]
    cdf = [0.0] + [shifted.cdf(t) for t in cuts] + [1.0]
    cur = np.diff(cdf)
    ref = np.full(n_bins, 1.0 / n_bins)
    return float(np.sum((cur - ref) * np.log(cur / ref)))


@pytest.mark.parametrize("mu", [0.3, 0.7])
def test_sample_psi_matches_exact_binned_value_for_shifted_normals(mu):
    rng = np.random.default_rng(0)
    reference = rng.normal(size=200_000)
    current = rng.normal(loc=mu, size=200_000)
    exact = _binned_normal_psi(mu)
    assert psi(reference, current) == pytest.approx(exact, rel=0.05)
    # Binning can only lose information: below the unbinned value mu**2.
    assert exact < mu**2


@pytest.mark.parametrize(
    ("value", "band"),
    [
        (0.0, "stable"),
        (0.0999, "stable"),
        (0.1, "moderate"),
        (0.2499, "moderate"),
        (0.25, "significant"),
        (1.3, "significant"),
    ],
)
def test_band_thresholds(value, band):
    assert psi_band(value) == band


def test_band_rejects_negative_values():
    with pytest.raises(ValueError):
        psi_band(-0.01)


@pytest.mark.parametrize("n", [100, 1_000])
def test_psi_without_drift_is_biased_upward_as_the_formula_predicts(n):
    rng = np.random.default_rng(3)
    values = [psi(rng.normal(size=n), rng.normal(size=n)) for _ in range(300)]
    expected = (10 - 1) * (1 / n + 1 / n)
    assert np.mean(values) == pytest.approx(expected, rel=0.2)


def test_no_drift_threshold_exceeds_the_rule_of_thumb_on_small_windows_only():
    pool = np.random.default_rng(4).normal(size=20_000)
    small = no_drift_threshold(pool, n_current=100, n_reference=100)
    large = no_drift_threshold(pool, n_current=10_000, n_reference=10_000)
    assert small > 0.25  # chance alone would often read as "significant"
    assert large < 0.01


def test_a_real_shift_clears_the_threshold_and_no_shift_does_not():
    rng = np.random.default_rng(5)
    reference = rng.normal(size=20_000)
    threshold = no_drift_threshold(reference, n_current=1_000)
    assert psi(reference, rng.normal(0.3, 1.0, size=1_000)) > threshold
    assert psi(reference, rng.normal(0.0, 1.0, size=1_000)) < threshold


def test_no_drift_threshold_is_reproducible_and_rejects_bad_input():
    pool = np.random.default_rng(6).normal(size=2_000)
    assert no_drift_threshold(pool, 200, seed=1) == no_drift_threshold(pool, 200, seed=1)
    with pytest.raises(ValueError):
        no_drift_threshold([], 100)
    with pytest.raises(ValueError):
        no_drift_threshold(pool, 0)
    with pytest.raises(ValueError):
        no_drift_threshold(pool, 100, quantile=1.0)
