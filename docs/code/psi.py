"""Population Stability Index (PSI) for monitoring drift in one feature or score.

PSI compares how a current sample spreads over bins fixed by a reference sample
(usually the training data or a stable past window):

    PSI = sum_i (c_i - r_i) * ln(c_i / r_i)

where r_i and c_i are the reference and current proportions in bin i. It is the
symmetrized Kullback-Leibler divergence of the two binned distributions, so it is
zero when they match and grows as they separate.

Choices made here:

* Bins are reference quantiles, so every bin holds about the same share of the
  reference data. The outer bins are open-ended, so current values outside the
  reference range still land in the first or last bin.
* Tied reference values can make quantiles coincide; duplicate edges are
  dropped, so heavily tied data may get fewer bins than asked for.
* An empty bin (in either sample) would make the log infinite. Proportions are
  therefore floored at a small ``eps`` (default 1e-4) before the sum; they are not
  renormalized.
* PSI is biased upward on small samples: with no drift at all, its expected value
  is about (B - 1) * (1/n_ref + 1/n_cur) for B bins. ``no_drift_threshold``
  estimates, by resampling the reference, the PSI that chance alone reaches at
  given window sizes, so an alert can demand more than that.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

DEFAULT_EPS = 1e-4
MODERATE = 0.1
SIGNIFICANT = 0.25


def quantile_edges(reference: ArrayLike, n_bins: int = 10) -> NDArray[np.float64]:
    """Interior bin edges at the reference quantiles (at most ``n_bins - 1`` of them)."""
    if n_bins < 2:
        raise ValueError("n_bins must be at least 2")
    ref = np.asarray(reference, dtype=float).ravel()
    if ref.size == 0:
        raise ValueError("reference sample is empty")
    probs = np.linspace(0.0, 1.0, n_bins + 1)[1:-1]
    return np.unique(np.quantile(ref, probs))


def bin_proportions(sample: ArrayLike, edges: ArrayLike) -> NDArray[np.float64]:
    """Share of ``sample`` in each of the ``len(edges) + 1`` bins cut by ``edges``.

    A value equal to an edge goes to the bin above it.
    """
    x = np.asarray(sample, dtype=float).ravel()
    if x.size == 0:
        raise ValueError("sample is empty")
    cuts = np.asarray(edges, dtype=float)
    idx = np.searchsorted(cuts, x, side="right")
    counts = np.bincount(idx, minlength=cuts.size + 1)
    return counts / x.size


def psi_from_proportions(
    ref_props: ArrayLike, cur_props: ArrayLike, eps: float = DEFAULT_EPS
) -> float:
    """PSI between two vectors of bin proportions over the same bins."""
    r = np.asarray(ref_props, dtype=float)
    c = np.asarray(cur_props, dtype=float)
    if r.shape != c.shape:
        raise ValueError("proportion vectors must have the same shape")
    r = np.maximum(r, eps)
    c = np.maximum(c, eps)
    return float(np.sum((c - r) * np.log(c / r)))


def psi(
    reference: ArrayLike,
    current: ArrayLike,
    n_bins: int = 10,
    eps: float = DEFAULT_EPS,
) -> float:
    """PSI of ``current`` against ``reference``, with bins from reference quantiles."""
    edges = quantile_edges(reference, n_bins)
    return psi_from_proportions(
        bin_proportions(reference, edges), bin_proportions(current, edges), eps
    )


def psi_band(value: float) -> str:
    """Map a PSI value to the usual rule-of-thumb band.

    Below 0.1 is "stable", 0.1 up to (not including) 0.25 is "moderate",
    0.25 and above is "significant". The cut-offs are industry habit, not theory.
    """
    if value < 0:
        raise ValueError("PSI cannot be negative")
    if value < MODERATE:
        return "stable"
    if value < SIGNIFICANT:
        return "moderate"
    return "significant"


def no_drift_threshold(
    reference: ArrayLike,
    n_current: int,
    n_reference: int | None = None,
    n_bins: int = 10,
    quantile: float = 0.95,
    n_draws: int = 200,
    seed: int = 0,
) -> float:
    """The ``quantile`` of PSI between two samples drawn from the same distribution.

    Both windows are drawn with replacement from ``reference`` (the reference window
    at ``n_reference`` rows, all of ``reference`` by default), so the only difference
    between them is sampling noise. A PSI above the returned value is unlikely to be
    chance at these window sizes.
    """
    pool = np.asarray(reference, dtype=float).ravel()
    if pool.size == 0:
        raise ValueError("reference sample is empty")
    if n_current < 1 or not 0.0 < quantile < 1.0:
        raise ValueError("need n_current >= 1 and 0 < quantile < 1")
    n_ref = pool.size if n_reference is None else n_reference
    rng = np.random.default_rng(seed)
    values = [
        psi(rng.choice(pool, n_ref), rng.choice(pool, n_current), n_bins)
        for _ in range(n_draws)
    ]
    return float(np.quantile(values, quantile))
