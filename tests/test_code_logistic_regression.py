import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from logistic_regression import fit, log_loss, log_loss_gradient, sigmoid


def make_problem(n: int = 300, seed: int = 0):
    """Overlapping classes drawn from a logistic model, so the unpenalized fit is finite."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 3))
    p = sigmoid(X @ np.array([1.5, -1.0, 0.7]) - 0.4)
    return X, (rng.random(n) < p).astype(float)


def separable_problem():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(60, 2))
    return X, (X[:, 0] + X[:, 1] > 0).astype(float)


def test_sigmoid_is_stable_at_extreme_scores():
    with np.errstate(over="raise", invalid="raise"):
        values = sigmoid(np.array([-1000.0, -30.0, 0.0, 30.0, 1000.0]))
    assert values[0] == 0.0 and values[-1] == 1.0 and values[2] == 0.5
    np.testing.assert_allclose(values[1], 1 / (1 + np.exp(30.0)), rtol=1e-12)
    np.testing.assert_allclose(values[3], 1 / (1 + np.exp(-30.0)), rtol=1e-12)


def test_log_loss_matches_its_definition():
    X, y = make_problem(n=20)
    w, b = np.array([0.3, -0.2, 0.5]), 0.1
    p = 1 / (1 + np.exp(-(X @ w + b)))
    expected = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)) + 0.5 * 0.1 * (w @ w)
    assert log_loss(X, y, w, b, l2=0.1) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("l2", [0.0, 0.3])
def test_gradient_matches_finite_differences(l2):
    X, y = make_problem(n=40)
    w, b = np.array([0.4, -0.3, 0.2]), -0.1
    g_w, g_b = log_loss_gradient(X, y, w, b, l2)
    h = 1e-6
    for j in range(3):
        e = np.zeros(3)
        e[j] = h
        numeric = (log_loss(X, y, w + e, b, l2) - log_loss(X, y, w - e, b, l2)) / (2 * h)
        assert g_w[j] == pytest.approx(numeric, rel=1e-6, abs=1e-9)
    numeric_b = (log_loss(X, y, w, b + h, l2) - log_loss(X, y, w, b - h, l2)) / (2 * h)
    assert g_b == pytest.approx(numeric_b, rel=1e-6, abs=1e-9)


@pytest.mark.parametrize("C", [0.05, 1.0])
def test_matches_scikit_learn_with_the_same_l2_penalty(C):
    # scikit-learn minimizes ||w||^2 / 2 + C * (sum of log-losses); dividing by C n gives
    # the mean log-loss plus (l2 / 2) ||w||^2 with l2 = 1 / (C n).
    X, y = make_problem()
    ours = fit(X, y, l2=1 / (C * len(y)), tol=1e-10)
    reference = LogisticRegression(C=C, tol=1e-12, max_iter=10_000).fit(X, y)
    assert ours.converged
    np.testing.assert_allclose(ours.w, reference.coef_[0], atol=1e-6)
    assert ours.b == pytest.approx(reference.intercept_[0], abs=1e-6)


def test_matches_scikit_learn_without_a_penalty():
    X, y = make_problem()
    ours = fit(X, y, tol=1e-10)
    reference = LogisticRegression(C=np.inf, tol=1e-12, max_iter=10_000).fit(X, y)
    assert ours.converged
    np.testing.assert_allclose(ours.w, reference.coef_[0], atol=1e-5)
    assert ours.b == pytest.approx(reference.intercept_[0], abs=1e-5)


def test_loss_never_increases_at_the_default_step():
    X, y = make_problem()
    history = np.array(fit(X, y, l2=0.01, max_iter=300, tol=0.0).loss_history)
    assert np.all(np.diff(history) <= 1e-12)
    assert history[-1] < 0.8 * history[0]


def test_separable_data_drives_unpenalized_weights_to_grow_without_bound():
    X, y = separable_problem()
    norms = [np.linalg.norm(fit(X, y, max_iter=steps).w) for steps in (100, 1_000, 10_000)]
    assert norms[0] < norms[1] < norms[2] and norms[2] > 2 * norms[0]
    result = fit(X, y, max_iter=10_000)
    assert not result.converged and result.loss_history[-1] < 0.05


def test_l2_penalty_gives_separable_data_a_finite_minimum():
    X, y = separable_problem()
    result = fit(X, y, l2=0.01)
    assert result.converged
    assert np.linalg.norm(result.w) < 20


def test_rejects_labels_other_than_zero_and_one():
    X, _ = make_problem(n=10)
    with pytest.raises(ValueError, match="0 or 1"):
        fit(X, np.where(np.arange(10) % 2 == 0, -1.0, 1.0))
