"""Cosine similarity matches hand-computed values and its defining properties;
top-k search agrees with a sorted brute-force reference."""

import numpy as np
import pytest

from embeddings import cosine_similarity, cosine_similarity_matrix, normalize, top_k_cosine


def test_hand_computed_values():
    # [1, 2, 2] . [2, 1, 2] = 8 and both norms are 3.
    assert cosine_similarity([1, 2, 2], [2, 1, 2]) == pytest.approx(8 / 9)
    assert cosine_similarity([1, 0], [1, 1]) == pytest.approx(1 / np.sqrt(2))
    assert cosine_similarity([3, 4], [4, 3]) == pytest.approx(24 / 25)


def test_parallel_orthogonal_and_opposite():
    assert cosine_similarity([2, 0, 1], [2, 0, 1]) == pytest.approx(1.0)
    assert cosine_similarity([1, 2, 0], [-2, 1, 5]) == pytest.approx(0.0, abs=1e-12)
    assert cosine_similarity([1, -3, 2], [-1, 3, -2]) == pytest.approx(-1.0)


def test_range_is_minus_one_to_one():
    rng = np.random.default_rng(0)
    a = rng.normal(size=(200, 16))
    sims = cosine_similarity_matrix(a, np.vstack([a, -a, 1e6 * a]))
    assert sims.min() >= -1.0 and sims.max() <= 1.0
    assert np.allclose(np.diag(sims[:, :200]), 1.0)


def test_scale_invariance():
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=(2, 32))
    base = cosine_similarity(a, b)
    assert cosine_similarity(3.0 * a, 0.01 * b) == pytest.approx(base)
    # A negative scale reverses the direction, so the sign flips.
    assert cosine_similarity(-2.0 * a, b) == pytest.approx(-base)


def test_matrix_matches_pairwise_definition():
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=(5, 8)), rng.normal(size=(7, 8))
    sims = cosine_similarity_matrix(a, b)
    assert sims.shape == (5, 7)
    expected = [[x @ y / (np.linalg.norm(x) * np.linalg.norm(y)) for y in b] for x in a]
    assert np.allclose(sims, expected)


def test_normalize_gives_unit_rows():
    rng = np.random.default_rng(0)
    assert np.allclose(np.linalg.norm(normalize(rng.normal(size=(10, 4))), axis=1), 1.0)


@pytest.mark.parametrize(
    "call",
    [
        lambda: cosine_similarity([0, 0, 0], [1, 2, 3]),
        lambda: cosine_similarity_matrix([[1, 2], [0, 0]], [[1, 1]]),
        lambda: top_k_cosine([1.0, 2.0], [[1.0, 0.0], [0.0, 0.0]], k=1),
    ],
)
def test_zero_vectors_are_rejected(call):
    with pytest.raises(ValueError):
        call()


def test_mismatched_shapes_are_rejected():
    with pytest.raises(ValueError):
        cosine_similarity([1, 2], [1, 2, 3])
    with pytest.raises(ValueError):
        cosine_similarity_matrix(np.ones((2, 3)), np.ones((2, 4)))


def _reference_top_k(query, corpus, k):
    scores = [cosine_similarity(query, row) for row in corpus]
    ranked = sorted(range(len(corpus)), key=lambda i: -scores[i])[:k]
    return np.array(ranked), np.array([scores[i] for i in ranked])


@pytest.mark.parametrize("k", [1, 3, 10, 50])
def test_top_k_matches_sorted_reference(k):
    rng = np.random.default_rng(0)
    corpus = rng.normal(size=(50, 12))
    query = rng.normal(size=12)
    indices, scores = top_k_cosine(query, corpus, k)
    ref_indices, ref_scores = _reference_top_k(query, corpus, k)
    assert indices.shape == scores.shape == (k,)
    assert np.array_equal(indices, ref_indices)
    assert np.allclose(scores, ref_scores)
    assert np.all(np.diff(scores) <= 0)


def test_top_k_batch_of_queries_matches_single_queries():
    rng = np.random.default_rng(0)
    corpus = rng.normal(size=(40, 6))
    queries = rng.normal(size=(4, 6))
    indices, scores = top_k_cosine(queries, corpus, k=5)
    assert indices.shape == scores.shape == (4, 5)
    for q, (row_idx, row_scores) in enumerate(zip(indices, scores)):
        ref_indices, ref_scores = _reference_top_k(queries[q], corpus, 5)
        assert np.array_equal(row_idx, ref_indices)
        assert np.allclose(row_scores, ref_scores)


def test_top_k_ignores_vector_length_unlike_dot_product():
    rng = np.random.default_rng(0)
    corpus = rng.normal(size=(30, 8))
    query = rng.normal(size=8)
    stretched = corpus * rng.uniform(0.1, 100.0, size=(30, 1))
    assert np.array_equal(top_k_cosine(query, corpus, 5)[0], top_k_cosine(query, stretched, 5)[0])


def test_each_corpus_vector_is_its_own_nearest_neighbor():
    rng = np.random.default_rng(0)
    corpus = rng.normal(size=(20, 5))
    indices, scores = top_k_cosine(corpus, corpus, k=1)
    assert np.array_equal(indices[:, 0], np.arange(20))
    assert np.allclose(scores[:, 0], 1.0)


@pytest.mark.parametrize("k", [0, 11])
def test_top_k_rejects_bad_k(k):
    with pytest.raises(ValueError):
        top_k_cosine(np.ones(3), np.ones((10, 3)), k)
