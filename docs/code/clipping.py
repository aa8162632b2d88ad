"""Gradient clipping: by global norm and by value.

Gradients come as a list of arrays, one per parameter tensor, the way an
optimizer sees them after backpropagation.
"""

import numpy as np


def global_norm(grads: list[np.ndarray]) -> float:
    """L2 norm of all gradients flattened into one long vector."""
    return float(np.sqrt(sum(np.sum(g.astype(np.float64) ** 2) for g in grads)))


def clip_by_global_norm(
    grads: list[np.ndarray], max_norm: float
) -> tuple[list[np.ndarray], float]:
    """Scale every array by the same factor so the global norm is at most max_norm.

    Returns the clipped gradients and the norm before clipping (worth logging:
    a run of clipped steps is an early sign of instability).
    """
    if max_norm <= 0:
        raise ValueError("max_norm must be positive")
    norm = global_norm(grads)
    if not np.isfinite(norm):
        # Scaling cannot repair inf or nan; the caller should skip this step.
        raise FloatingPointError(f"non-finite gradient norm: {norm}")
    if norm <= max_norm:
        return [g.copy() for g in grads], norm
    scale = max_norm / norm
    return [g * scale for g in grads], norm


def clip_by_value(grads: list[np.ndarray], clip_value: float) -> list[np.ndarray]:
    """Clamp each component to [-clip_value, clip_value]; this can change direction."""
    if clip_value <= 0:
        raise ValueError("clip_value must be positive")
    return [np.clip(g, -clip_value, clip_value) for g in grads]
