"""ROC-AUC from ranks (the Mann-Whitney U statistic), the ROC curve, and precision@k.

Labels are 0/1 with 1 the positive class; a higher score means "more likely positive".
Tied scores are handled fairly: a tied positive-negative pair counts as half a win,
and a tie straddling the top-k cut counts by the share of it that fits.
"""

import numpy as np


def _labels_and_scores(y_true, scores) -> tuple[np.ndarray, np.ndarray]:
    y = np.asarray(y_true)
    s = np.asarray(scores, dtype=float)
    if y.ndim != 1 or y.shape != s.shape:
        raise ValueError(f"need two 1-D arrays of one length, got {y.shape} and {s.shape}")
    if not np.isin(y, (0, 1)).all():
        raise ValueError("labels must be 0 or 1")
    if not np.isfinite(s).all():
        raise ValueError("scores must be finite numbers")
    return y.astype(bool), s


def _both_classes(y: np.ndarray) -> tuple[int, int]:
    n_pos = int(y.sum())
    n_neg = len(y) - n_pos
    if n_pos == 0 or n_neg == 0:
        raise ValueError("ROC-AUC needs at least one positive and one negative")
    return n_pos, n_neg


def midranks(values: np.ndarray) -> np.ndarray:
    """Ranks 1..n in increasing order; tied values share the mean of their ranks."""
    _, group, counts = np.unique(values, return_inverse=True, return_counts=True)
    last = np.cumsum(counts)  # rank of the last member of each group of equal values
    first = last - counts + 1
    return ((first + last) / 2)[group]


def roc_auc(y_true, scores) -> float:
    """P(score of a random positive > score of a random negative), ties counting 1/2.

    O(n log n): the rank sum of the positives minus its smallest possible value is
    the number of (positive, negative) pairs the positives win.
    """
    y, s = _labels_and_scores(y_true, scores)
    n_pos, n_neg = _both_classes(y)
    pairs_won = midranks(s)[y].sum() - n_pos * (n_pos + 1) / 2  # Mann-Whitney U
    return float(pairs_won / (n_pos * n_neg))


def roc_curve(y_true, scores) -> tuple[np.ndarray, np.ndarray]:
    """False- and true-positive rates as the threshold drops past each distinct score.

    Starts at (0, 0) and ends at (1, 1). A group of tied scores moves both rates at
    once, a diagonal segment, so the trapezoid area under the curve equals roc_auc.
    """
    y, s = _labels_and_scores(y_true, scores)
    n_pos, n_neg = _both_classes(y)
    order = np.argsort(-s, kind="stable")
    y, s = y[order], s[order]
    group_ends = np.append(np.flatnonzero(np.diff(s)), len(s) - 1)
    tpr = np.cumsum(y)[group_ends] / n_pos
    fpr = np.cumsum(~y)[group_ends] / n_neg
    return np.append(0.0, fpr), np.append(0.0, tpr)


def precision_at_k(y_true, scores, k: int) -> float:
    """Share of positives among the k highest-scored items.

    When tied scores straddle the cut, the slots left go to the tied group at its
    positive rate: the expected precision if the tie were broken at random.
    """
    y, s = _labels_and_scores(y_true, scores)
    if not 1 <= k <= len(s):
        raise ValueError(f"k must be between 1 and {len(s)}, got {k}")
    kth_score = np.partition(s, len(s) - k)[len(s) - k]  # O(n), no full sort
    above = s > kth_score
    tied = s == kth_score
    slots = k - int(above.sum())
    return float((y[above].sum() + slots * y[tied].mean()) / k)
