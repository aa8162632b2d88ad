"""Forward pass of a multilayer perceptron in NumPy.

Convention: one example per row. A batch X has shape (batch, features), a
layer's weights W have shape (fan_in, fan_out) and its bias b has shape
(fan_out,), so a layer computes Z = X @ W + b with shape (batch, fan_out).
(The column-vector convention writes z = W @ x with W shaped (fan_out, fan_in).)
"""

from typing import Literal

import numpy as np

Params = list[tuple[np.ndarray, np.ndarray]]


def relu(z: np.ndarray) -> np.ndarray:
    return np.maximum(z, 0.0)


def softmax(z: np.ndarray) -> np.ndarray:
    """Row-wise softmax; subtracting the row max keeps exp() from overflowing."""
    shifted = z - z.max(axis=-1, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=-1, keepdims=True)


def cross_entropy_from_logits(Z: np.ndarray, y: np.ndarray) -> float:
    """Mean cross-entropy of integer labels y (batch,) under logits Z (batch, classes).

    Log-softmax through the same log-sum-exp trick: huge logits neither overflow nor
    produce log(0). Training code passes raw logits here, not softmax outputs.
    """
    if Z.ndim != 2 or y.shape != (Z.shape[0],):
        raise ValueError(f"expected Z (batch, classes) and y (batch,), got {Z.shape} and {y.shape}")
    if not np.issubdtype(y.dtype, np.integer) or y.min() < 0 or y.max() >= Z.shape[1]:
        raise ValueError(f"labels must be integers in [0, {Z.shape[1]})")
    shifted = Z - Z.max(axis=-1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
    return float(-log_probs[np.arange(len(y)), y].mean())


def init_params(sizes: list[int], seed: int = 0) -> Params:
    """He-initialized weights for layer sizes [n_in, hidden..., n_out]."""
    rng = np.random.default_rng(seed)
    return [
        (rng.normal(scale=np.sqrt(2.0 / n_in), size=(n_in, n_out)), np.zeros(n_out))
        for n_in, n_out in zip(sizes[:-1], sizes[1:])
    ]


def forward(
    X: np.ndarray,
    params: Params,
    output: Literal["softmax", "linear"] = "softmax",
) -> np.ndarray:
    """ReLU hidden layers, then softmax (classification) or identity (regression)."""
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D (batch, features), got shape {X.shape}")
    if output not in ("softmax", "linear"):
        raise ValueError(f"unknown output {output!r}")
    h = X
    for i, (W, b) in enumerate(params):
        # Explicit checks rather than assert, which `python -O` strips out.
        if W.ndim != 2 or W.shape[0] != h.shape[1]:
            raise ValueError(
                f"layer {i}: input has {h.shape[1]} features but W has shape "
                f"{W.shape}; expected ({h.shape[1]}, fan_out)"
            )
        if b.shape != (W.shape[1],):
            raise ValueError(f"layer {i}: b has shape {b.shape}, expected ({W.shape[1]},)")
        z = h @ W + b  # (batch, fan_in) @ (fan_in, fan_out) -> (batch, fan_out)
        h = z if i == len(params) - 1 else relu(z)
    return softmax(h) if output == "softmax" else h
