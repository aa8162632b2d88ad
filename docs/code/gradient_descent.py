"""Gradient descent for linear regression with a mean-squared-error loss.

The model is y_hat = X @ w + b with X of shape (n_samples, n_features).
One function covers full-batch, mini-batch and stochastic descent (batch_size
None, k or 1) with optional heavy-ball momentum.
"""

from dataclasses import dataclass, field

import numpy as np


@dataclass
class FitResult:
    w: np.ndarray
    b: float
    loss_history: list[float] = field(default_factory=list)  # full-data MSE, one per epoch
    converged: bool = False  # True if the gradient-norm test stopped the run
    n_epochs: int = 0


def mse(X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float) -> float:
    residual = X @ w + b - y
    return float(np.mean(residual**2))


def mse_gradient(
    X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float
) -> tuple[np.ndarray, float]:
    """Gradient of mean((X @ w + b - y) ** 2) with respect to w and b."""
    residual = X @ w + b - y
    n = X.shape[0]
    return 2.0 / n * (X.T @ residual), 2.0 / n * float(residual.sum())


def gradient_descent(
    X: np.ndarray,
    y: np.ndarray,
    lr: float = 0.1,
    batch_size: int | None = None,
    momentum: float = 0.0,
    tol: float = 1e-8,
    max_epochs: int = 10_000,
    seed: int = 0,
) -> FitResult:
    """Fit w and b by (mini-batch) gradient descent.

    Stops when the full-data gradient norm falls below ``tol`` (checked once
    per epoch) or after ``max_epochs`` passes over the data.
    """
    if X.ndim != 2 or y.shape != (X.shape[0],):
        raise ValueError(f"expected X (n, d) and y (n,), got {X.shape} and {y.shape}")
    if not 0.0 <= momentum < 1.0:
        raise ValueError("momentum must be in [0, 1)")
    if max_epochs < 1:
        raise ValueError(f"max_epochs must be at least 1, got {max_epochs}")
    n, d = X.shape
    batch = n if batch_size is None else batch_size
    rng = np.random.default_rng(seed)

    # Small random start; for this convex loss any start works, in a neural net
    # randomness is what breaks the symmetry between units.
    w = rng.normal(scale=0.01, size=d)
    b = 0.0
    vel_w, vel_b = np.zeros(d), 0.0
    history = [mse(X, y, w, b)]

    for epoch in range(1, max_epochs + 1):
        order = rng.permutation(n) if batch < n else np.arange(n)
        for start in range(0, n, batch):
            idx = order[start : start + batch]
            g_w, g_b = mse_gradient(X[idx], y[idx], w, b)
            vel_w = momentum * vel_w + g_w
            vel_b = momentum * vel_b + g_b
            w = w - lr * vel_w
            b = b - lr * vel_b
        history.append(mse(X, y, w, b))

        g_w, g_b = mse_gradient(X, y, w, b)
        if np.sqrt(g_w @ g_w + g_b**2) < tol:
            return FitResult(w, b, history, converged=True, n_epochs=epoch)
        if not np.isfinite(history[-1]):
            break  # diverged: the learning rate is too large
    return FitResult(w, b, history, converged=False, n_epochs=epoch)
