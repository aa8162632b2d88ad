"""Cosine similarity matches hand-computed values and its defining properties;
top-k search agrees with a sorted brute-force reference."""

import numpy as np
import pytest

from embeddings import (
    CosineIndex,
    binary_codes,
    cosine_similarity,
    cosine_similarity_matrix,
    hamming_distances,
    normalize,
    top_k_cosine,
    truncate,
)


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


def test_truncate_keeps_the_first_coordinates_at_unit_length():
    x = np.array([[3.0, 4.0, 12.0], [1.0, 0.0, 5.0]])
    np.testing.assert_allclose(truncate(x, 2), [[0.6, 0.8], [1.0, 0.0]])
    np.testing.assert_allclose(np.linalg.norm(truncate(x, 3), axis=1), 1.0)


@pytest.mark.parametrize("dims", [0, 4])
def test_truncate_rejects_impossible_sizes(dims):
    with pytest.raises(ValueError):
        truncate(np.ones((2, 3)), dims)


def test_truncated_matryoshka_style_vectors_still_find_near_duplicates():
    # Matryoshka-like vectors: the spread of each coordinate falls with its index,
    # so the first quarter holds most of the information.
    rng = np.random.default_rng(0)
    n, d = 500, 128
    corpus = rng.normal(size=(n, d)) * np.exp(-np.arange(d) / 16)
    queries = corpus[:50] + rng.normal(size=(50, d)) * 0.05  # the same noise on every coordinate
    short_corpus, short_queries = truncate(corpus, d // 4), truncate(queries, d // 4)
    found, _ = top_k_cosine(short_queries, short_corpus, 1)
    assert (found[:, 0] == np.arange(50)).mean() >= 0.95


def test_binary_codes_pack_one_sign_bit_per_coordinate():
    codes = binary_codes([[0.5, -1.0, 2.0, 0.0, -0.1, 3.0, 0.2, -4.0, 1.0]])
    # Signs 1 0 1 0 0 1 1 0 | 1 (zero counts as negative), padded to two bytes.
    assert codes.dtype == np.uint8 and codes.shape == (1, 2)
    assert codes.tolist() == [[0b10100110, 0b10000000]]


def test_hamming_distance_counts_sign_disagreements():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(20, 96))
    codes = binary_codes(x)
    expected = ((x > 0) != (x[3] > 0)).sum(axis=1)
    np.testing.assert_array_equal(hamming_distances(codes[3], codes), expected)
    assert hamming_distances(binary_codes(-x[3]), codes)[3] == 96


def test_binary_codes_find_near_duplicates_that_float_search_also_finds():
    rng = np.random.default_rng(2)
    corpus = rng.normal(size=(1000, 256))
    query = corpus[42] + rng.normal(size=256) * 0.2
    distances = hamming_distances(binary_codes(query), binary_codes(corpus))
    assert np.argmin(distances) == 42 == top_k_cosine(query, corpus, 1)[0][0]


def test_an_index_normalizes_the_corpus_once_and_answers_many_queries():
    rng = np.random.default_rng(3)
    corpus = rng.normal(size=(40, 8)) * rng.uniform(0.1, 10.0, size=(40, 1))
    index = CosineIndex(corpus)
    np.testing.assert_allclose(np.linalg.norm(index.unit, axis=1), 1.0)
    corpus[:] = 0.0  # the index keeps its own normalized copy
    for query in rng.normal(size=(5, 8)):
        indices, scores = index.search(query, 4)
        ref_indices, ref_scores = _reference_top_k(query, index.unit, 4)
        assert np.array_equal(indices, ref_indices)
        assert np.allclose(scores, ref_scores)


def test_an_index_rejects_queries_of_the_wrong_width():
    index = CosineIndex(np.ones((5, 3)))
    with pytest.raises(ValueError):
        index.search(np.ones(4), 1)
    with pytest.raises(ValueError):
        index.search(np.ones((2, 2, 3)), 1)
