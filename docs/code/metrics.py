"""Precision, recall, F1 and F-beta for binary classification.

Labels are 0/1 (or booleans) with 1 as the positive class. When a metric's
denominator is zero (for example precision when nothing was predicted
positive) it returns ``zero_division``, 0.0 by default; pass a different value
if a caller prefers, say, 1.0 or nan.
"""

from typing import NamedTuple

import numpy as np


class Counts(NamedTuple):
    tp: int
    fp: int
    fn: int
    tn: int


def confusion_counts(y_true: np.ndarray, y_pred: np.ndarray) -> Counts:
    y_true = np.asarray(y_true).astype(bool)
    y_pred = np.asarray(y_pred).astype(bool)
    if y_true.shape != y_pred.shape:
        raise ValueError(f"shape mismatch: {y_true.shape} vs {y_pred.shape}")
    return Counts(
        tp=int(np.sum(y_true & y_pred)),
        fp=int(np.sum(~y_true & y_pred)),
        fn=int(np.sum(y_true & ~y_pred)),
        tn=int(np.sum(~y_true & ~y_pred)),
    )


def _ratio(num: float, den: float, zero_division: float) -> float:
    return num / den if den > 0 else zero_division


def precision(c: Counts, zero_division: float = 0.0) -> float:
    """Of everything flagged positive, the share that really is positive."""
    return _ratio(c.tp, c.tp + c.fp, zero_division)


def recall(c: Counts, zero_division: float = 0.0) -> float:
    """Of all real positives, the share that was flagged."""
    return _ratio(c.tp, c.tp + c.fn, zero_division)


def fbeta(c: Counts, beta: float, zero_division: float = 0.0) -> float:
    """Weighted harmonic mean of precision and recall; recall counts beta times as much.

    Computed from counts, (1 + b^2) TP / ((1 + b^2) TP + b^2 FN + FP), which equals
    the precision/recall form whenever that is defined and avoids 0/0 when TP = 0.
    """
    if beta <= 0:
        raise ValueError("beta must be positive")
    b2 = beta**2
    return _ratio((1 + b2) * c.tp, (1 + b2) * c.tp + b2 * c.fn + c.fp, zero_division)


def f1(c: Counts, zero_division: float = 0.0) -> float:
    return fbeta(c, 1.0, zero_division)


def counts_at_threshold(y_true: np.ndarray, scores: np.ndarray, threshold: float) -> Counts:
    """Predict positive where score >= threshold, then count."""
    return confusion_counts(y_true, np.asarray(scores) >= threshold)


def pr_curve(y_true: np.ndarray, scores: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Precision and recall at every distinct score used as the threshold.

    Returns (thresholds, precision, recall) with thresholds in increasing order,
    so recall is non-increasing along the arrays.
    """
    thresholds = np.unique(scores)
    counts = [counts_at_threshold(y_true, scores, t) for t in thresholds]
    return (
        thresholds,
        np.array([precision(c) for c in counts]),
        np.array([recall(c) for c in counts]),
    )
