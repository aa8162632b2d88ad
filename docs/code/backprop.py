"""Forward and backward pass of a two-layer network, derived by hand.

Network: X -> linear -> tanh -> linear -> softmax cross-entropy (mean over the batch).
Rows are examples: X is (n, d_in), W1 is (d_in, d_hidden), W2 is (d_hidden, d_out),
so each layer computes Z = X @ W + b. ``numerical_gradient`` is the finite-difference
check used to confirm that ``backward`` is right.
"""

from collections.abc import Callable

import numpy as np

Params = dict[str, np.ndarray]


def init_params(d_in: int, d_hidden: int, d_out: int, rng: np.random.Generator) -> Params:
    # LeCun-style scale (variance 1 / fan-in) keeps tanh out of saturation at the start.
    return {
        "W1": rng.normal(scale=np.sqrt(1.0 / d_in), size=(d_in, d_hidden)),
        "b1": np.zeros(d_hidden),
        "W2": rng.normal(scale=np.sqrt(1.0 / d_hidden), size=(d_hidden, d_out)),
        "b2": np.zeros(d_out),
    }


def forward(params: Params, X: np.ndarray, y: np.ndarray) -> tuple[float, dict[str, np.ndarray]]:
    """Return the mean cross-entropy loss and the activations the backward pass needs."""
    z1 = X @ params["W1"] + params["b1"]
    h = np.tanh(z1)
    logits = h @ params["W2"] + params["b2"]
    shifted = logits - logits.max(axis=1, keepdims=True)  # stable log-softmax
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    loss = -float(log_probs[np.arange(len(y)), y].mean())
    cache = {"X": X, "y": y, "h": h, "probs": np.exp(log_probs)}
    return loss, cache


def backward(params: Params, cache: dict[str, np.ndarray]) -> Params:
    """Gradients of the loss with respect to every parameter, output layer first."""
    X, y, h, probs = cache["X"], cache["y"], cache["h"], cache["probs"]
    n = X.shape[0]

    # Softmax followed by cross-entropy has the simple joint derivative p - onehot(y).
    d_logits = probs.copy()
    d_logits[np.arange(n), y] -= 1.0
    d_logits /= n

    d_W2 = h.T @ d_logits
    d_b2 = d_logits.sum(axis=0)
    d_h = d_logits @ params["W2"].T
    d_z1 = d_h * (1.0 - h**2)  # tanh'(z) = 1 - tanh(z)^2, reusing the stored h
    d_W1 = X.T @ d_z1
    d_b1 = d_z1.sum(axis=0)
    return {"W1": d_W1, "b1": d_b1, "W2": d_W2, "b2": d_b2}


def numerical_gradient(loss_fn: Callable[[], float], param: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    """Central differences (f(x + eps) - f(x - eps)) / 2 eps, one entry at a time.

    ``param`` is perturbed in place and restored, so ``loss_fn`` must read it.
    """
    grad = np.zeros_like(param)
    for idx in np.ndindex(param.shape):
        original = param[idx]
        param[idx] = original + eps
        loss_plus = loss_fn()
        param[idx] = original - eps
        loss_minus = loss_fn()
        param[idx] = original
        grad[idx] = (loss_plus - loss_minus) / (2.0 * eps)
    return grad


def relative_error(a: np.ndarray, b: np.ndarray) -> float:
    """||a - b|| / (||a|| + ||b||): scale-free, and 0 when both are 0."""
    denom = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if denom == 0 else float(np.linalg.norm(a - b) / denom)
