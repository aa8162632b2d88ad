"""k-nearest-neighbor classification with vectorized Euclidean distances.

Shapes: training points (n, d), labels (n,), queries (m, d). Neighbors are ordered
by distance, equal distances by training index, so results are reproducible.
"""

import numpy as np


def squared_distances(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """(m, n) matrix of ||a_i - b_j||^2 from ||a||^2 - 2 a.b + ||b||^2.

    One matrix product instead of an (m, n, d) array of differences. Subtracting
    two large squared norms to get a small distance loses precision, so both sets
    are first shifted by b's mean (distances do not change, the norms shrink), and
    rounding below zero is clipped.
    """
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    if a.ndim != 2 or b.ndim != 2 or a.shape[1] != b.shape[1]:
        raise ValueError(f"need (m, d) and (n, d) arrays, got {a.shape} and {b.shape}")
    center = b.mean(axis=0)
    a, b = a - center, b - center
    d2 = (a**2).sum(axis=1)[:, None] - 2 * a @ b.T + (b**2).sum(axis=1)[None, :]
    return np.maximum(d2, 0.0)


def kneighbors(x_train: np.ndarray, x_query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Indices (m, k) of each query's k nearest training points, nearest first, and
    their distances (m, k)."""
    if not 1 <= k <= len(x_train):
        raise ValueError(f"k must be between 1 and {len(x_train)}, got {k}")
    d2 = squared_distances(x_query, x_train)
    # A stable sort puts equal distances in training order. np.argpartition would pick
    # the k smallest in O(n) instead of O(n log n), but breaks ties at the k-th
    # distance arbitrarily.
    nearest = np.argsort(d2, axis=1, kind="stable")[:, :k]
    return nearest, np.sqrt(np.take_along_axis(d2, nearest, axis=1))


def majority_vote(neighbor_labels: np.ndarray, n_classes: int) -> np.ndarray:
    """Most common label per row of (m, k) label indices, nearest first.

    A tie between classes goes to the tied class whose nearest member is closest.
    """
    m, k = neighbor_labels.shape
    rows = np.repeat(np.arange(m), k)
    votes = np.zeros((m, n_classes), dtype=int)
    np.add.at(votes, (rows, neighbor_labels.ravel()), 1)
    first_seen = np.full((m, n_classes), k)  # position of each class's nearest member
    np.minimum.at(first_seen, (rows, neighbor_labels.ravel()), np.tile(np.arange(k), m))
    tied_for_most = votes == votes.max(axis=1, keepdims=True)
    return np.where(tied_for_most, first_seen, k).argmin(axis=1)


def knn_predict(
    x_train: np.ndarray, y_train: np.ndarray, x_query: np.ndarray, k: int, batch_size: int = 1024
) -> np.ndarray:
    """Predicted label for each query. Queries go in batches so the distance matrix
    holds at most batch_size x n numbers at a time."""
    if len(x_train) != len(y_train):
        raise ValueError(f"{len(x_train)} training points but {len(y_train)} labels")
    classes, y_index = np.unique(y_train, return_inverse=True)
    predictions = []
    for start in range(0, len(x_query), batch_size):
        nearest, _ = kneighbors(x_train, x_query[start : start + batch_size], k)
        predictions.append(majority_vote(y_index[nearest], len(classes)))
    return classes[np.concatenate(predictions)]
