import numpy as np
import pytest

from gradient_descent import gradient_descent, mse, mse_gradient


def make_problem(noise: float = 0.1, n: int = 50, d: int = 3):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(n, d))
    y = X @ np.array([1.5, -2.0, 0.5]) + 0.7 + noise * rng.normal(size=n)
    return X, y


def least_squares(X, y):
    A = np.column_stack([X, np.ones(len(X))])
    coef, *_ = np.linalg.lstsq(A, y, rcond=None)
    return coef[:-1], coef[-1]


def safe_lr(X):
    # The MSE Hessian is (2/n) A^T A; a step of 1/L (L = its largest eigenvalue)
    # guarantees the full-batch loss never goes up.
    A = np.column_stack([X, np.ones(len(X))])
    L = 2.0 / len(X) * np.linalg.eigvalsh(A.T @ A).max()
    return 1.0 / L


def test_gradient_matches_finite_differences():
    X, y = make_problem()
    w, b = np.array([0.3, -0.1, 0.2]), 0.4
    g_w, g_b = mse_gradient(X, y, w, b)
    h = 1e-6
    for j in range(3):
        e = np.zeros(3)
        e[j] = h
        numeric = (mse(X, y, w + e, b) - mse(X, y, w - e, b)) / (2 * h)
        assert g_w[j] == pytest.approx(numeric, rel=1e-6)
    numeric_b = (mse(X, y, w, b + h) - mse(X, y, w, b - h)) / (2 * h)
    assert g_b == pytest.approx(numeric_b, rel=1e-6)


def test_batch_gd_reaches_least_squares_solution():
    X, y = make_problem()
    w_star, b_star = least_squares(X, y)
    result = gradient_descent(X, y, lr=safe_lr(X), tol=1e-10)
    assert result.converged
    np.testing.assert_allclose(result.w, w_star, atol=1e-6)
    assert result.b == pytest.approx(b_star, abs=1e-6)


def test_loss_history_is_non_increasing_for_safe_learning_rate():
    X, y = make_problem()
    history = np.array(gradient_descent(X, y, lr=safe_lr(X), tol=0.0, max_epochs=200).loss_history)
    assert len(history) == 201
    assert np.all(np.diff(history) <= 1e-12)
    assert history[-1] < 0.1 * history[0]


def test_momentum_converges_in_fewer_epochs_on_ill_conditioned_problem():
    X, y = make_problem()
    X = X * np.array([1.0, 6.0, 0.3])  # badly scaled features
    w_star, b_star = least_squares(X, y)
    lr = safe_lr(X)
    plain = gradient_descent(X, y, lr=lr, tol=1e-8, max_epochs=50_000)
    heavy = gradient_descent(X, y, lr=lr, momentum=0.9, tol=1e-8, max_epochs=50_000)
    assert plain.converged and heavy.converged
    np.testing.assert_allclose(heavy.w, w_star, atol=1e-6)
    assert heavy.b == pytest.approx(b_star, abs=1e-6)
    assert heavy.n_epochs < plain.n_epochs / 5


def test_minibatch_sgd_reaches_exact_solution_on_noiseless_data():
    # With zero noise every example's gradient vanishes at the optimum, so even
    # constant-step mini-batch descent converges exactly.
    X, y = make_problem(noise=0.0)
    result = gradient_descent(X, y, lr=0.05, batch_size=8, tol=1e-10)
    assert result.converged
    np.testing.assert_allclose(result.w, [1.5, -2.0, 0.5], atol=1e-6)
    assert result.b == pytest.approx(0.7, abs=1e-6)


def test_minibatch_sgd_gets_close_on_noisy_data():
    X, y = make_problem()
    w_star, _ = least_squares(X, y)
    result = gradient_descent(X, y, lr=0.01, batch_size=10, max_epochs=500)
    np.testing.assert_allclose(result.w, w_star, atol=0.05)


def test_too_large_learning_rate_diverges_and_reports_it():
    X, y = make_problem()
    result = gradient_descent(X, y, lr=3 * safe_lr(X), max_epochs=50)
    assert not result.converged
    assert result.loss_history[-1] > 1e6 * result.loss_history[0]


def test_stops_at_max_epochs():
    X, y = make_problem()
    result = gradient_descent(X, y, lr=1e-4, max_epochs=7)
    assert result.n_epochs == 7 and not result.converged


@pytest.mark.parametrize("max_epochs", [0, -1])
def test_fewer_than_one_epoch_is_rejected(max_epochs):
    X, y = make_problem()
    with pytest.raises(ValueError):
        gradient_descent(X, y, max_epochs=max_epochs)
