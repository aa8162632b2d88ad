import math

import numpy as np
import pytest

from attention import MultiHeadAttention, causal_mask, scaled_dot_product_attention, softmax


def qkv(batch: int = 2, n_q: int = 5, n_k: int = 7, d_k: int = 4, d_v: int = 3):
    rng = np.random.default_rng(0)
    return (
        rng.normal(size=(batch, n_q, d_k)),
        rng.normal(size=(batch, n_k, d_k)),
        rng.normal(size=(batch, n_k, d_v)),
    )


def test_output_and_weight_shapes():
    q, k, v = qkv()
    out, w = scaled_dot_product_attention(q, k, v)
    assert out.shape == (2, 5, 3)
    assert w.shape == (2, 5, 7)


@pytest.mark.parametrize("causal", [False, True])
def test_weights_are_a_probability_distribution_over_keys(causal):
    q, k, v = qkv(n_q=6, n_k=6)
    _, w = scaled_dot_product_attention(q, k, v, causal=causal)
    assert np.all(w >= 0)
    np.testing.assert_allclose(w.sum(axis=-1), 1.0)


def test_hand_computed_tiny_case():
    # One query [1, 0]; keys [1, 0] and [0, 1]; d_k = 2, so the scores are 1/sqrt(2) and 0.
    q = np.array([[1.0, 0.0]])
    k = np.array([[1.0, 0.0], [0.0, 1.0]])
    v = np.array([[1.0, 2.0], [3.0, 4.0]])
    out, w = scaled_dot_product_attention(q, k, v)
    a = math.exp(1 / math.sqrt(2))
    w0, w1 = a / (a + 1), 1 / (a + 1)
    np.testing.assert_allclose(w, [[w0, w1]])
    np.testing.assert_allclose(out, [[w0 * 1 + w1 * 3, w0 * 2 + w1 * 4]])


def test_identical_keys_give_the_mean_of_the_values():
    q = np.array([[2.0, -1.0, 0.5]])
    k = np.tile([0.3, 0.1, -0.2], (4, 1))
    v = np.arange(8.0).reshape(4, 2)
    out, w = scaled_dot_product_attention(q, k, v)
    np.testing.assert_allclose(w, 0.25)
    np.testing.assert_allclose(out, v.mean(axis=0, keepdims=True))


def test_causal_mask_gives_exactly_zero_weight_to_later_positions():
    q, k, v = qkv(n_q=6, n_k=6)
    _, w = scaled_dot_product_attention(q, k, v, causal=True)
    later = np.triu(np.ones((6, 6), dtype=bool), k=1)
    assert np.all(w[:, later] == 0.0)
    assert np.all(w[:, ~later] > 0.0)
    np.testing.assert_allclose(w[:, 0, 0], 1.0)  # the first token sees only itself


def test_causal_output_ignores_changes_to_future_tokens():
    q, k, v = qkv(n_q=6, n_k=6)
    out, _ = scaled_dot_product_attention(q, k, v, causal=True)
    k2, v2 = k.copy(), v.copy()
    k2[:, 4:] += 10.0
    v2[:, 4:] -= 10.0
    out2, _ = scaled_dot_product_attention(q, k2, v2, causal=True)
    np.testing.assert_allclose(out2[:, :4], out[:, :4])
    assert not np.allclose(out2[:, 4:], out[:, 4:])


def test_causal_mask_with_a_kv_cache_lets_the_new_token_see_all_keys():
    np.testing.assert_array_equal(causal_mask(1, 4), [[True, True, True, True]])
    np.testing.assert_array_equal(causal_mask(3, 3), np.tril(np.ones((3, 3), dtype=bool)))
    # Decoding the last token alone matches the last row of full causal attention.
    q, k, v = qkv(n_q=6, n_k=6)
    full, _ = scaled_dot_product_attention(q, k, v, causal=True)
    last, _ = scaled_dot_product_attention(q[:, -1:], k, v, causal=True)
    np.testing.assert_allclose(last, full[:, -1:])


def test_softmax_is_stable_for_huge_scores():
    scores = np.array([[1000.0, 999.0, -1000.0]])
    w = softmax(scores)
    assert np.all(np.isfinite(w))
    np.testing.assert_allclose(w, softmax(scores - 1000.0))
    q, k, v = qkv()
    out, _ = scaled_dot_product_attention(q * 1e4, k, v)
    assert np.all(np.isfinite(out))


def test_scores_are_divided_by_sqrt_dk():
    q, k, v = qkv(d_k=16)
    _, w = scaled_dot_product_attention(q, k, v)
    expected = softmax(q @ np.swapaxes(k, -1, -2) / 4.0)
    np.testing.assert_allclose(w, expected)


def test_multi_head_shapes_self_and_cross_attention():
    rng = np.random.default_rng(0)
    mha = MultiHeadAttention(d_model=8, n_heads=2, rng=rng)
    x = rng.normal(size=(3, 5, 8))
    out, w = mha(x)
    assert out.shape == (3, 5, 8)
    assert w.shape == (3, 2, 5, 5)
    context = rng.normal(size=(3, 9, 8))
    out, w = mha(x, context)
    assert out.shape == (3, 5, 8)
    assert w.shape == (3, 2, 5, 9)
    np.testing.assert_allclose(w.sum(axis=-1), 1.0)


def test_multi_head_matches_a_per_head_loop():
    rng = np.random.default_rng(0)
    d_model, h = 12, 3
    d_head = d_model // h
    mha = MultiHeadAttention(d_model, h, rng)
    x = rng.normal(size=(2, 6, d_model))
    out, w = mha(x, causal=True)
    heads = []
    for i in range(h):
        cols = slice(i * d_head, (i + 1) * d_head)
        head_out, head_w = scaled_dot_product_attention(
            x @ mha.w_q[:, cols], x @ mha.w_k[:, cols], x @ mha.w_v[:, cols], causal=True
        )
        np.testing.assert_allclose(w[:, i], head_w)
        heads.append(head_out)
    np.testing.assert_allclose(out, np.concatenate(heads, axis=-1) @ mha.w_o)


def test_single_head_with_identity_projections_is_plain_self_attention():
    rng = np.random.default_rng(0)
    mha = MultiHeadAttention(4, 1, rng)
    mha.w_q = mha.w_k = mha.w_v = mha.w_o = np.eye(4)
    x = rng.normal(size=(1, 5, 4))
    out, _ = mha(x)
    expected, _ = scaled_dot_product_attention(x, x, x)
    np.testing.assert_allclose(out, expected)


def test_self_attention_without_mask_is_permutation_equivariant():
    rng = np.random.default_rng(0)
    mha = MultiHeadAttention(8, 2, rng)
    x = rng.normal(size=(1, 6, 8))
    perm = rng.permutation(6)
    out, _ = mha(x)
    out_perm, _ = mha(x[:, perm])
    np.testing.assert_allclose(out_perm, out[:, perm])


def test_head_count_must_divide_model_width():
    with pytest.raises(ValueError):
        MultiHeadAttention(10, 3, np.random.default_rng(0))
