"""k-means clustering: k-means++ seeding and Lloyd's algorithm.

X has shape (n_samples, n_features). Inertia is the sum of squared distances from
each point to its nearest center, the quantity k-means minimizes.
"""

from dataclasses import dataclass

import numpy as np


@dataclass
class KMeansResult:
    centers: np.ndarray  # (k, n_features)
    labels: np.ndarray  # (n_samples,), index of each point's center
    inertia: float
    n_iter: int
    converged: bool  # True if an assignment step changed no label


def squared_distances(X: np.ndarray, centers: np.ndarray) -> np.ndarray:
    """(n, k) matrix of ||x_i - c_j||^2, via ||x||^2 - 2 x.c + ||c||^2."""
    d2 = (X**2).sum(axis=1)[:, None] - 2 * X @ centers.T + (centers**2).sum(axis=1)[None, :]
    return np.maximum(d2, 0.0)  # rounding can leave tiny negatives


def kmeans_plus_plus(X: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """The first center uniformly at random, each next one with probability proportional
    to its squared distance from the nearest center chosen so far."""
    if not 1 <= k <= len(X):
        raise ValueError(f"k must be between 1 and the number of points ({len(X)}), got {k}")
    centers = [X[rng.integers(len(X))]]
    nearest = squared_distances(X, centers[0][None, :])[:, 0]
    for _ in range(1, k):
        if nearest.sum() == 0:  # fewer distinct points than k: any point will do
            index = rng.integers(len(X))
        else:
            index = rng.choice(len(X), p=nearest / nearest.sum())
        centers.append(X[index])
        nearest = np.minimum(nearest, squared_distances(X, X[index][None, :])[:, 0])
    return np.array(centers, dtype=float)


def lloyd(X: np.ndarray, centers: np.ndarray, max_iter: int = 300) -> KMeansResult:
    """Alternate assignment and update steps from the given centers until no point
    changes cluster (or max_iter updates). Neither step can raise the inertia."""
    centers = np.array(centers, dtype=float)
    labels = squared_distances(X, centers).argmin(axis=1)
    for iteration in range(1, max_iter + 1):
        for j in range(len(centers)):
            members = X[labels == j]
            if len(members):
                centers[j] = members.mean(axis=0)
            else:  # an empty cluster: restart it at the point worst served by its center
                worst = squared_distances(X, centers).min(axis=1).argmax()
                centers[j] = X[worst]
        new_labels = squared_distances(X, centers).argmin(axis=1)
        if np.array_equal(new_labels, labels):
            return _result(X, centers, labels, iteration, converged=True)
        labels = new_labels
    return _result(X, centers, labels, max_iter, converged=False)


def _result(X, centers, labels, n_iter, converged) -> KMeansResult:
    inertia = float(((X - centers[labels]) ** 2).sum())
    return KMeansResult(centers, labels, inertia, n_iter, converged)


def kmeans(X: np.ndarray, k: int, n_init: int = 10, seed: int = 0) -> KMeansResult:
    """The lowest-inertia run of Lloyd's algorithm over n_init k-means++ seedings."""
    rng = np.random.default_rng(seed)
    runs = [lloyd(X, kmeans_plus_plus(X, k, rng)) for _ in range(n_init)]
    return min(runs, key=lambda run: run.inertia)
