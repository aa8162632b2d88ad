import itertools

import numpy as np
import pytest
from sklearn.metrics import roc_auc_score
from sklearn.metrics import roc_curve as sklearn_roc_curve

from roc_auc import midranks, precision_at_k, roc_auc, roc_curve

# The worked example in the answer: 4 positives, 4 negatives, ties at 0.8 and 0.6.
Y = np.array([1, 1, 0, 1, 0, 0, 1, 0])
S = np.array([0.9, 0.8, 0.8, 0.6, 0.6, 0.6, 0.3, 0.1])


def pairwise_auc(y, s):
    """Reference: compare every positive with every negative, a tie worth one half."""
    pos = [a for a, label in zip(s, y) if label == 1]
    neg = [b for b, label in zip(s, y) if label == 0]
    won = sum(1.0 if a > b else 0.5 if a == b else 0.0 for a in pos for b in neg)
    return won / (len(pos) * len(neg))


def tied_datasets():
    """Scores with many ties: rounded to one decimal, a four-level grade, hard 0/1."""
    rng = np.random.default_rng(0)
    for seed in range(30):
        n = int(rng.integers(5, 300))
        y = (rng.random(n) < rng.uniform(0.05, 0.6)).astype(int)
        y[:2] = [0, 1]  # both classes present
        signal = y * rng.uniform(0, 2) + rng.normal(size=n)
        yield f"round-{seed}", y, np.round(1 / (1 + np.exp(-signal)), 1)
        yield f"grade-{seed}", y, np.digitize(signal, [-0.5, 0.5, 1.5])
        yield f"hard-{seed}", y, (signal > 0.5).astype(int)


@pytest.mark.parametrize("y, s", [pytest.param(y, s, id=name) for name, y, s in tied_datasets()])
def test_matches_scikit_learn_and_pair_counting_on_tied_scores(y, s):
    assert len(np.unique(s)) < len(s)  # the data really has ties
    assert roc_auc(y, s) == pytest.approx(roc_auc_score(y, s), abs=1e-12)
    assert roc_auc(y, s) == pytest.approx(pairwise_auc(y, s), abs=1e-12)


def test_worked_example():
    np.testing.assert_allclose(midranks(S), [8, 6.5, 6.5, 4, 4, 4, 2, 1])
    # positive ranks 8 + 6.5 + 4 + 2 = 20.5; U = 20.5 - 4 * 5 / 2 = 10.5; 10.5 / 16
    assert roc_auc(Y, S) == 10.5 / 16


def test_hard_predictions_give_balanced_accuracy():
    # 10 positives, 8 caught (TPR 0.8); 10 negatives, 1 false alarm (FPR 0.1)
    y = np.array([1] * 10 + [0] * 10)
    pred = np.array([1] * 8 + [0] * 2 + [1] * 1 + [0] * 9)
    assert roc_auc(y, pred) == pytest.approx((0.8 + 0.9) / 2)


def test_properties():
    rng = np.random.default_rng(1)
    y = rng.integers(0, 2, 200)
    y[:2] = [0, 1]
    s = y + rng.normal(size=200)
    assert roc_auc(y, np.full(200, 0.3)) == 0.5  # one big tie
    assert roc_auc(y, -s) == pytest.approx(1 - roc_auc(y, s))
    assert roc_auc(y, np.exp(3 * s)) == pytest.approx(roc_auc(y, s))  # only the order matters
    assert roc_auc(y, y) == 1.0


def test_curve_matches_scikit_learn_and_its_area_is_the_auc():
    for name, y, s in tied_datasets():
        fpr, tpr = roc_curve(y, s)
        ref_fpr, ref_tpr, _ = sklearn_roc_curve(y, s, drop_intermediate=False)
        np.testing.assert_allclose(fpr, ref_fpr, err_msg=name)
        np.testing.assert_allclose(tpr, ref_tpr, err_msg=name)
        assert np.trapezoid(tpr, fpr) == pytest.approx(roc_auc(y, s), abs=1e-12)


def brute_force_precision_at_k(y, s, k):
    """Reference: average precision@k over every order of the items that sorts by score
    (each tie broken every possible way, equally likely)."""
    total, count = 0.0, 0
    for tie_break in itertools.permutations(range(len(s))):
        ranked = sorted(range(len(s)), key=lambda i: (-s[i], tie_break[i]))
        total += sum(y[i] for i in ranked[:k]) / k
        count += 1
    return total / count


def test_precision_at_k_worked_example_and_brute_force():
    assert precision_at_k(Y, S, 1) == 1.0
    assert precision_at_k(Y, S, 2) == 0.75  # 0.9 (pos), then one of the tied 0.8 pair
    assert precision_at_k(Y, S, 4) == pytest.approx((2 + 1 / 3) / 4)
    for k in range(1, len(S) + 1):
        assert precision_at_k(Y, S, k) == pytest.approx(brute_force_precision_at_k(Y, S, k))
    rng = np.random.default_rng(2)
    y, s = rng.integers(0, 2, 7), rng.integers(0, 3, 7)
    for k in range(1, 8):
        assert precision_at_k(y, s, k) == pytest.approx(brute_force_precision_at_k(y, s, k))


@pytest.mark.parametrize(
    "y, s, message",
    [
        ([1, 1, 1], [0.2, 0.5, 0.9], "one positive and one negative"),
        ([0, 1, 2], [0.2, 0.5, 0.9], "0 or 1"),
        ([0, 1], [0.2, 0.5, 0.9], "one length"),
        ([0, 1, 1], [0.2, np.nan, 0.9], "finite"),
    ],
)
def test_bad_input_raises(y, s, message):
    with pytest.raises(ValueError, match=message):
        roc_auc(y, s)


def test_k_out_of_range_raises():
    with pytest.raises(ValueError, match="between 1 and 8"):
        precision_at_k(Y, S, 9)
