import numpy as np
import pytest
from sklearn.cluster import KMeans

from kmeans import kmeans, kmeans_plus_plus, lloyd, squared_distances


def blobs(seed: int = 0, n_per: int = 60, spread: float = 1.0):
    rng = np.random.default_rng(seed)
    means = np.array([[0.0, 0.0], [6.0, 1.0], [2.0, 7.0]])
    return np.concatenate([m + spread * rng.normal(size=(n_per, 2)) for m in means])


def test_squared_distances_match_a_loop():
    rng = np.random.default_rng(0)
    X, C = rng.normal(size=(7, 3)), rng.normal(size=(4, 3))
    loop = np.array([[np.sum((x - c) ** 2) for c in C] for x in X])
    np.testing.assert_allclose(squared_distances(X, C), loop, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_lloyd_matches_scikit_learn_from_the_same_centers(seed):
    X = blobs(seed, spread=2.0)  # overlapping blobs, so Lloyd needs several steps
    rng = np.random.default_rng(seed)
    start = X[rng.choice(len(X), size=4, replace=False)]
    ours = lloyd(X, start)
    reference = KMeans(n_clusters=4, init=start, n_init=1, algorithm="lloyd", tol=0.0, max_iter=300).fit(X)
    assert ours.converged and ours.n_iter > 2
    assert ours.inertia == pytest.approx(reference.inertia_, rel=1e-10)
    np.testing.assert_array_equal(ours.labels, reference.labels_)
    np.testing.assert_allclose(ours.centers, reference.cluster_centers_, atol=1e-10)


def test_kmeans_plus_plus_centers_give_scikit_learn_inertia_too():
    X = blobs(3, spread=1.5)
    start = kmeans_plus_plus(X, 3, np.random.default_rng(0))
    reference = KMeans(n_clusters=3, init=start, n_init=1, algorithm="lloyd", tol=0.0).fit(X)
    assert lloyd(X, start).inertia == pytest.approx(reference.inertia_, rel=1e-10)


def test_inertia_never_increases_step_by_step():
    X = blobs(4, spread=2.5)
    centers = X[:5]  # five points from one blob: a poor start
    inertias = []
    for _ in range(15):
        step = lloyd(X, centers, max_iter=1)
        inertias.append(step.inertia)
        centers = step.centers
    assert np.all(np.diff(inertias) <= 1e-9)
    assert inertias[-1] < 0.5 * inertias[0]


def test_kmeans_plus_plus_samples_in_proportion_to_squared_distance():
    # Points 0, 1 and 3: once the first center is picked (uniformly), the second is drawn
    # with probability D^2 / sum D^2, e.g. after 0 it is 3 with probability 9 / 10.
    X = np.array([[0.0], [1.0], [3.0]])
    expected = {(0, 1): 1 / 10, (0, 3): 9 / 10, (1, 0): 1 / 5, (1, 3): 4 / 5, (3, 0): 9 / 13, (3, 1): 4 / 13}
    rng = np.random.default_rng(0)
    runs = 6000
    counts = dict.fromkeys(expected, 0)
    for _ in range(runs):
        first, second = kmeans_plus_plus(X, 2, rng)[:, 0].astype(int)
        counts[(first, second)] += 1
    for pair, p in expected.items():
        share = p / 3
        assert counts[pair] / runs == pytest.approx(share, abs=4 * np.sqrt(share * (1 - share) / runs))


def test_kmeans_plus_plus_seeds_one_center_per_far_apart_blob():
    X = blobs(5, spread=0.3)
    blob_of = np.repeat(np.arange(3), 60)
    for seed in range(20):
        centers = kmeans_plus_plus(X, 3, np.random.default_rng(seed))
        nearest_point = squared_distances(centers, X).argmin(axis=1)
        assert sorted(blob_of[nearest_point]) == [0, 1, 2]


def test_kmeans_finds_well_separated_blobs():
    X = blobs(6)
    best = kmeans(X, 3, n_init=5, seed=0)
    truth = np.repeat(np.arange(3), 60)
    for j in range(3):  # every cluster is one blob
        assert len(set(truth[best.labels == j])) == 1


def test_kmeans_keeps_the_lowest_inertia_run():
    X = blobs(6, spread=2.5)  # overlapping blobs and k = 5: the runs end in different minima
    rng = np.random.default_rng(0)  # the same seedings kmeans() draws
    inertias = [lloyd(X, kmeans_plus_plus(X, 5, rng)).inertia for _ in range(5)]
    assert max(inertias) > min(inertias) + 1
    assert kmeans(X, 5, n_init=5, seed=0).inertia == pytest.approx(min(inertias))


def test_an_empty_cluster_restarts_at_the_point_worst_served():
    X = blobs(7, spread=0.5)
    start = np.array([[0.0, 0.0], [6.0, 1.0], [100.0, 100.0]])  # the third center wins no point
    labels = squared_distances(X, start).argmin(axis=1)
    means = np.array([X[labels == j].mean(axis=0) for j in range(2)])
    worst = squared_distances(X, means).min(axis=1).argmax()  # a point of the unserved blob
    np.testing.assert_array_equal(lloyd(X, start, max_iter=1).centers[2], X[worst])
    result = lloyd(X, start)
    assert np.isfinite(result.centers).all()
    assert sorted(set(result.labels)) == [0, 1, 2]


def test_k_must_fit_the_data():
    with pytest.raises(ValueError, match="between 1 and the number of points"):
        kmeans_plus_plus(np.zeros((3, 2)), 4, np.random.default_rng(0))
