"""Cosine similarity, brute-force nearest-neighbor search, and two ways to shrink
embeddings: Matryoshka-style truncation and one-bit (sign) quantization.

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


class CosineIndex:
    """Exact nearest neighbors by cosine: the corpus is normalized once, when indexed,
    so each query costs one normalization and one matrix-vector product."""

    def __init__(self, corpus: ArrayLike) -> None:
        corpus = np.asarray(corpus)
        if corpus.ndim != 2:
            raise ValueError(f"expected a corpus of shape (n, d), got {corpus.shape}")
        self.unit = normalize(corpus)

    def search(self, query: ArrayLike, k: int) -> tuple[NDArray[np.intp], NDArray[np.float64]]:
        """The k best rows for one query (d,) or a batch (q, d): (indices, scores), each
        (k,) or (q, k), best match first. Ties at the k-th place are broken arbitrarily."""
        query = np.asarray(query)
        n, d = self.unit.shape
        if not 1 <= k <= n:
            raise ValueError(f"k must be between 1 and {n}, got {k}")
        if query.shape[-1:] != (d,) or query.ndim > 2:
            raise ValueError(f"expected queries of shape (d,) or (q, d) with d = {d}, got {query.shape}")
        scores = np.clip(normalize(np.atleast_2d(query)) @ self.unit.T, -1.0, 1.0)
        # argpartition finds the k best in O(n); only those k are then sorted.
        top = np.argpartition(-scores, k - 1, axis=1)[:, :k]
        top_scores = np.take_along_axis(scores, top, axis=1)
        order = np.argsort(-top_scores, axis=1, kind="stable")
        indices = np.take_along_axis(top, order, axis=1)
        best = np.take_along_axis(top_scores, order, axis=1)
        if query.ndim == 1:
            return indices[0], best[0]
        return indices, best


def top_k_cosine(
    query: ArrayLike, corpus: ArrayLike, k: int
) -> tuple[NDArray[np.intp], NDArray[np.float64]]:
    """One-off search: index `corpus`, then search it. To search one corpus many times,
    build a CosineIndex once and call its search method instead."""
    return CosineIndex(corpus).search(query, k)


def truncate(x: ArrayLike, dims: int) -> NDArray[np.float64]:
    """Keep the first `dims` coordinates of each vector and rescale to unit length.

    Only meaningful for models trained Matryoshka-style, which put the most useful
    information first; cutting an ordinary embedding this way loses much more.
    """
    x = np.asarray(x, dtype=np.float64)
    if not 1 <= dims <= x.shape[-1]:
        raise ValueError(f"dims must be between 1 and {x.shape[-1]}, got {dims}")
    return normalize(x[..., :dims])


def binary_codes(x: ArrayLike) -> NDArray[np.uint8]:
    """One bit per coordinate, its sign, packed eight to a byte: 1/32 of float32."""
    return np.packbits(np.asarray(x) > 0, axis=-1)


def hamming_distances(query_code: ArrayLike, corpus_codes: ArrayLike) -> NDArray[np.intp]:
    """Number of differing bits between one packed code (b,) and each row of (n, b)."""
    differing = np.bitwise_xor(np.asarray(corpus_codes), np.asarray(query_code))
    return np.unpackbits(differing, axis=-1).sum(axis=-1).astype(np.intp)
