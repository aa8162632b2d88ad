"""Dropout in its two formulations.

``inverted_dropout`` is what current frameworks do: kept units are scaled by 1/(1 - p)
during training, so inference is the identity; ``inverted_dropout_backward`` reuses its
mask. ``classic_dropout`` is the original
formulation: no scaling while training, every output multiplied by (1 - p) at inference.
Both make the inference output equal to the expected training output.
"""

import numpy as np


def _check_p(p: float) -> None:
    # p = 1 would drop every unit and make the inverted scale 1/(1 - p) infinite.
    if not 0.0 <= p < 1.0:
        raise ValueError(f"dropout probability must be in [0, 1), got {p}")


def inverted_dropout(
    x: np.ndarray, p: float, rng: np.random.Generator, training: bool = True
) -> tuple[np.ndarray, np.ndarray]:
    """Zero each entry with probability p and divide the survivors by 1 - p.

    Returns the output and the keep mask, which the backward pass reuses.
    """
    _check_p(p)
    if not training or p == 0.0:
        return x, np.ones(x.shape, dtype=bool)
    keep = rng.random(x.shape) >= p  # True with probability 1 - p
    return np.where(keep, x / (1.0 - p), 0.0), keep


def inverted_dropout_backward(grad_out: np.ndarray, keep: np.ndarray, p: float) -> np.ndarray:
    """Gradient with respect to the input: the same mask and the same 1/(1 - p) scale."""
    _check_p(p)
    return np.where(keep, grad_out / (1.0 - p), 0.0)


def classic_dropout(
    x: np.ndarray, p: float, rng: np.random.Generator, training: bool = True
) -> np.ndarray:
    """Zero each entry with probability p while training; scale by 1 - p at inference."""
    _check_p(p)
    if not training:
        return x * (1.0 - p)
    keep = rng.random(x.shape) >= p
    return np.where(keep, x, 0.0)
