import numpy as np
import pytest

from metrics import (
    Counts,
    confusion_counts,
    counts_at_threshold,
    f1,
    fbeta,
    pr_curve,
    precision,
    recall,
)

# 10 examples: 4 positives. Predictions catch 3 of them and raise 2 false alarms.
Y_TRUE = np.array([1, 1, 1, 1, 0, 0, 0, 0, 0, 0])
Y_PRED = np.array([1, 1, 1, 0, 1, 1, 0, 0, 0, 0])


def test_confusion_counts_by_hand():
    assert confusion_counts(Y_TRUE, Y_PRED) == Counts(tp=3, fp=2, fn=1, tn=4)


def test_precision_recall_f1_by_hand():
    c = confusion_counts(Y_TRUE, Y_PRED)
    assert precision(c) == pytest.approx(3 / 5)
    assert recall(c) == pytest.approx(3 / 4)
    # harmonic mean of 0.6 and 0.75 = 2 * 0.45 / 1.35 = 2/3
    assert f1(c) == pytest.approx(2 / 3)


def test_fbeta_by_hand_and_direction_of_beta():
    c = confusion_counts(Y_TRUE, Y_PRED)
    p, r = 0.6, 0.75
    assert fbeta(c, 2.0) == pytest.approx(5 * p * r / (4 * p + r))  # = 0.714...
    assert fbeta(c, 0.5) == pytest.approx(1.25 * p * r / (0.25 * p + r))  # = 0.625
    # recall > precision here, so weighting recall more raises the score
    assert fbeta(c, 0.5) < f1(c) < fbeta(c, 2.0)


def test_fbeta_with_beta_one_equals_f1():
    rng = np.random.default_rng(0)
    for _ in range(20):
        y = rng.integers(0, 2, size=30)
        yhat = rng.integers(0, 2, size=30)
        c = confusion_counts(y, yhat)
        p, r = precision(c), recall(c)
        assert fbeta(c, 1.0) == pytest.approx(f1(c))
        if p + r > 0:
            assert f1(c) == pytest.approx(2 * p * r / (p + r))


def test_zero_denominators_return_zero_division_value():
    nothing_predicted = confusion_counts([1, 0, 1], [0, 0, 0])
    assert precision(nothing_predicted) == 0.0
    assert precision(nothing_predicted, zero_division=1.0) == 1.0
    assert recall(nothing_predicted) == 0.0  # TP = 0 but TP + FN = 2: a real zero

    no_positives = confusion_counts([0, 0, 0], [0, 1, 0])
    assert recall(no_positives) == 0.0
    assert recall(no_positives, zero_division=1.0) == 1.0

    all_negative = confusion_counts([0, 0], [0, 0])
    assert f1(all_negative) == 0.0
    assert np.isnan(f1(all_negative, zero_division=np.nan))
    # TP = 0 with errors present: F1 is a genuine 0, not the fallback
    assert f1(nothing_predicted, zero_division=1.0) == 0.0


def test_perfect_predictions():
    c = confusion_counts(Y_TRUE, Y_TRUE)
    assert precision(c) == recall(c) == f1(c) == fbeta(c, 3.0) == 1.0


def test_counts_from_scores_at_threshold():
    scores = np.array([0.9, 0.8, 0.4, 0.3, 0.7, 0.2])
    y = np.array([1, 1, 1, 0, 0, 0])
    assert counts_at_threshold(y, scores, 0.5) == Counts(tp=2, fp=1, fn=1, tn=2)
    # score equal to the threshold counts as positive
    assert counts_at_threshold(y, scores, 0.4) == Counts(tp=3, fp=1, fn=0, tn=2)


def test_raising_threshold_trades_recall_for_precision():
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, size=200)
    scores = np.clip(0.3 * y + rng.normal(0.35, 0.2, size=200), 0, 1)
    thresholds, prec, rec = pr_curve(y, scores)
    assert np.all(np.diff(thresholds) > 0)
    assert np.all(np.diff(rec) <= 0)
    assert rec[0] == 1.0  # lowest threshold flags everything
    assert prec[0] == pytest.approx(y.mean())
    assert prec[-len(prec) // 4 :].mean() > prec[: len(prec) // 4].mean()


def test_shape_mismatch_raises():
    with pytest.raises(ValueError):
        confusion_counts([1, 0], [1, 0, 1])
