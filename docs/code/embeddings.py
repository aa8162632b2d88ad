"""Cosine similarity and brute-force nearest-neighbor search over embeddings.

Zero vectors have no direction, so their cosine similarity is undefined; these
functions reject them with a ValueError instead of returning NaN or a made-up 0.
"""

import numpy as np
from numpy.typing import ArrayLike, NDArray


def normalize(x: ArrayLike) -> NDArray[np.float64]:
    """Scale each vector (the last axis) to unit length."""
    x = np.asarray(x, dtype=np.float64)
    norms = np.linalg.norm(x, axis=-1, keepdims=True)
    if np.any(norms == 0):
        raise ValueError("cosine similarity is undefined for zero vectors")
    return x / norms


def cosine_similarity(a: ArrayLike, b: ArrayLike) -> float:
    """Cosine of the angle between two 1-D vectors, in [-1, 1]."""
    a, b = np.asarray(a), np.asarray(b)
    if a.ndim != 1 or a.shape != b.shape:
        raise ValueError(f"expected two vectors of equal length, got {a.shape} and {b.shape}")
    # Rounding can push |cos| a hair past 1 for (anti)parallel vectors.
    return float(np.clip(normalize(a) @ normalize(b), -1.0, 1.0))


def cosine_similarity_matrix(a: ArrayLike, b: ArrayLike) -> NDArray[np.float64]:
    """All pairwise cosine similarities: rows of `a` (n, d) against rows of `b` (m, d) -> (n, m)."""
    a, b = np.atleast_2d(a), np.atleast_2d(b)
    if a.ndim != 2 or b.ndim != 2 or a.shape[1] != b.shape[1]:
        raise ValueError(f"expected (n, d) and (m, d) arrays, got {a.shape} and {b.shape}")
    return np.clip(normalize(a) @ normalize(b).T, -1.0, 1.0)


def top_k_cosine(
    query: ArrayLike, corpus: ArrayLike, k: int
) -> tuple[NDArray[np.intp], NDArray[np.float64]]:
    """Exact k nearest neighbors of `query` among the rows of `corpus`, by cosine.

    `query` is one vector (d,) or a batch (q, d). Returns (indices, scores), each
    (k,) or (q, k), best match first. Ties at the k-th place are broken arbitrarily.
    """
    query = np.asarray(query)
    n = np.shape(corpus)[0]
    if not 1 <= k <= n:
        raise ValueError(f"k must be between 1 and {n}, got {k}")
    scores = cosine_similarity_matrix(query, corpus)
    # argpartition finds the k best in O(n); only those k are then sorted.
    top = np.argpartition(-scores, k - 1, axis=1)[:, :k]
    top_scores = np.take_along_axis(scores, top, axis=1)
    order = np.argsort(-top_scores, axis=1, kind="stable")
    indices = np.take_along_axis(top, order, axis=1)
    best = np.take_along_axis(top_scores, order, axis=1)
    if query.ndim == 1:
        return indices[0], best[0]
    return indices, best
