import math
from collections import Counter

import numpy as np
import pytest
from sklearn.neighbors import KNeighborsClassifier

from knn import kneighbors, knn_predict, majority_vote, squared_distances


def loop_knn(x_train, y_train, x_query, k):
    """Reference: exact distances one pair at a time, neighbors ordered by (distance,
    training index), the most common label, a tie going to the class seen first."""
    predictions = []
    for q in x_query:
        order = sorted(range(len(x_train)), key=lambda i: (math.dist(q, x_train[i]), i))
        labels = [y_train[i] for i in order[:k]]
        counts = Counter(labels)
        most = max(counts.values())
        predictions.append(next(label for label in labels if counts[label] == most))
    return np.array(predictions)


def test_squared_distances_match_a_loop():
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=(6, 5)), rng.normal(size=(9, 5))
    expected = [[sum((a[i, t] - b[j, t]) ** 2 for t in range(5)) for j in range(9)] for i in range(6)]
    np.testing.assert_allclose(squared_distances(a, b), expected, atol=1e-12)
    # Distances of points to themselves: unclipped, rounding takes some below zero.
    x = 3 * a + 2
    c = x - x.mean(axis=0)
    unclipped = (c**2).sum(axis=1)[:, None] - 2 * c @ c.T + (c**2).sum(axis=1)[None, :]
    assert unclipped.min() < 0
    self_distances = squared_distances(x, x)
    assert self_distances.min() == 0.0
    np.testing.assert_allclose(self_distances.diagonal(), 0.0, atol=1e-12)


def test_points_far_from_the_origin_keep_their_distances():
    # Expanded naively, 1e16 - 2e16 + 1e16 loses the 1: the result is 0, not 1.
    a = np.array([[1e8]])
    b = np.array([[1e8 + 1], [1e8 + 3]])
    np.testing.assert_allclose(squared_distances(a, b), [[1.0, 9.0]])
    rng = np.random.default_rng(1)
    x = rng.normal(size=(300, 10)) + 1e6
    q = rng.normal(size=(20, 10)) + 1e6
    exact = ((q[:, None, :] - x[None, :, :]) ** 2).sum(axis=-1)
    np.testing.assert_allclose(squared_distances(q, x), exact, rtol=1e-6)


def test_neighbors_match_scikit_learn():
    rng = np.random.default_rng(2)
    x, q = rng.normal(size=(500, 8)), rng.normal(size=(60, 8))
    reference = KNeighborsClassifier(n_neighbors=7, algorithm="brute").fit(x, np.zeros(500))
    ref_dist, ref_index = reference.kneighbors(q)
    index, dist = kneighbors(x, q, 7)
    np.testing.assert_array_equal(index, ref_index)
    np.testing.assert_allclose(dist, ref_dist, atol=1e-10)


@pytest.mark.parametrize("k", [1, 3, 5, 9, 15])
def test_predictions_match_scikit_learn(k):
    # Two classes and odd k: no vote can tie, so the tie rule plays no part.
    rng = np.random.default_rng(k)
    x = rng.normal(size=(400, 6))
    y = (x[:, 0] + 0.5 * x[:, 1] + rng.normal(scale=0.7, size=400) > 0).astype(int)
    q = rng.normal(size=(150, 6))
    reference = KNeighborsClassifier(n_neighbors=k, algorithm="brute").fit(x, y)
    np.testing.assert_array_equal(knn_predict(x, y, q, k), reference.predict(q))


def test_three_classes_match_scikit_learn_wherever_the_vote_is_clear():
    rng = np.random.default_rng(3)
    x = rng.normal(size=(300, 4))
    y = rng.integers(0, 3, 300) + (x[:, 0] > 0.5)
    q = rng.normal(size=(200, 4))
    reference = KNeighborsClassifier(n_neighbors=6, algorithm="brute").fit(x, y)
    _, neighbors = reference.kneighbors(q)
    counts = np.array([np.bincount(y[row], minlength=4) for row in neighbors])
    clear = (counts == counts.max(axis=1, keepdims=True)).sum(axis=1) == 1
    assert 0 < clear.sum() < len(q)  # both kinds of query occur
    np.testing.assert_array_equal(knn_predict(x, y, q, 6)[clear], reference.predict(q)[clear])


@pytest.mark.parametrize("k", [1, 2, 4, 5, 8])
def test_matches_the_loop_on_a_grid_full_of_ties(k):
    # Integer points: many equal distances and, with even k, tied votes. With 64 of
    # them the mean (the shift) is exact in binary, so equal distances stay equal.
    rng = np.random.default_rng(k)
    x = rng.integers(0, 4, size=(64, 2)).astype(float)
    y = np.array(["cat", "dog", "owl"])[rng.integers(0, 3, 64)]
    q = rng.integers(0, 4, size=(40, 2)).astype(float)
    np.testing.assert_array_equal(knn_predict(x, y, q, k, batch_size=7), loop_knn(x, y, q, k))


def test_a_tied_vote_goes_to_the_class_of_the_nearest_neighbor():
    # Neighbors nearest first: class 1, 0, 0, 1 -> two votes each, class 1 is nearest.
    assert majority_vote(np.array([[1, 0, 0, 1], [0, 1, 1, 2]]), 3).tolist() == [1, 1]
    x = np.array([[0.0], [1.5], [2.0], [-3.0]])
    assert knn_predict(x, np.array(["b", "a", "a", "b"]), np.array([[0.2]]), 4).tolist() == ["b"]


def test_bad_input_raises():
    x, y = np.zeros((5, 3)), np.zeros(5)
    with pytest.raises(ValueError, match="between 1 and 5"):
        knn_predict(x, y, np.zeros((2, 3)), 6)
    with pytest.raises(ValueError, match="got"):
        knn_predict(x, y, np.zeros((2, 4)), 3)
    with pytest.raises(ValueError, match="labels"):
        knn_predict(x, y[:4], np.zeros((2, 3)), 3)
