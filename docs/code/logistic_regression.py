"""Binary logistic regression trained by gradient descent on the mean log-loss.

The model is p = sigmoid(X @ w + b) with X of shape (n_samples, n_features) and
labels y in {0, 1}. An optional L2 penalty (l2 / 2) * ||w||^2 is added to the mean
loss; the intercept b is not penalized, as in most libraries.
"""

from dataclasses import dataclass, field

import numpy as np


@dataclass
class FitResult:
    w: np.ndarray
    b: float
    loss_history: list[float] = field(default_factory=list)  # penalized mean log-loss per step
    converged: bool = False  # True if the gradient-norm test stopped the run
    n_iter: int = 0


def sigmoid(z: np.ndarray) -> np.ndarray:
    """1 / (1 + exp(-z)) without overflow: exp only ever sees -|z|."""
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def log_loss(X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float, l2: float = 0.0) -> float:
    """Mean of -[y log p + (1 - y) log(1 - p)] plus (l2 / 2) ||w||^2."""
    z = X @ w + b
    # Per example the loss equals log(1 + e^z) - y z; logaddexp computes log(1 + e^z) stably.
    return float(np.mean(np.logaddexp(0.0, z) - y * z) + 0.5 * l2 * (w @ w))


def log_loss_gradient(
    X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float, l2: float = 0.0
) -> tuple[np.ndarray, float]:
    """Gradient of log_loss with respect to w and b: the same form as least squares."""
    error = sigmoid(X @ w + b) - y  # p - y
    return X.T @ error / len(y) + l2 * w, float(error.mean())


def safe_learning_rate(X: np.ndarray, l2: float = 0.0) -> float:
    """1 / L, where L bounds the loss's curvature: sigmoid' <= 1/4, so H <= A^T A / (4n) + l2."""
    A = np.column_stack([X, np.ones(len(X))])
    return 1.0 / (np.linalg.eigvalsh(A.T @ A).max() / (4 * len(X)) + l2)


def fit(
    X: np.ndarray,
    y: np.ndarray,
    l2: float = 0.0,
    lr: float | None = None,
    tol: float = 1e-8,
    max_iter: int = 100_000,
) -> FitResult:
    """Full-batch gradient descent from w = 0, b = 0.

    Stops when the gradient norm falls below ``tol`` or after ``max_iter`` steps.
    ``lr`` defaults to safe_learning_rate, a step at which the loss never goes up.
    On linearly separable data with l2 = 0 there is no minimum: the weights grow
    without bound and the run ends at max_iter.
    """
    if X.ndim != 2 or y.shape != (X.shape[0],):
        raise ValueError(f"expected X (n, d) and y (n,), got {X.shape} and {y.shape}")
    if not np.isin(y, (0, 1)).all():
        raise ValueError("labels must be 0 or 1")
    step = safe_learning_rate(X, l2) if lr is None else lr
    w, b = np.zeros(X.shape[1]), 0.0
    history = [log_loss(X, y, w, b, l2)]
    for iteration in range(1, max_iter + 1):
        g_w, g_b = log_loss_gradient(X, y, w, b, l2)
        if np.sqrt(g_w @ g_w + g_b**2) < tol:
            return FitResult(w, b, history, converged=True, n_iter=iteration - 1)
        w, b = w - step * g_w, b - step * g_b
        history.append(log_loss(X, y, w, b, l2))
    return FitResult(w, b, history, converged=False, n_iter=max_iter)
