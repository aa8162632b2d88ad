import math

import numpy as np
import pytest

from attention_numpy import (
    attention,
    causal_mask,
    masked_softmax,
    merge_heads,
    multi_head_attention,
    padding_mask,
    split_heads,
)


def loop_attention(q, k, v, allowed):
    """Reference for one (n_q, d_k) / (n_k, d_k) / (n_k, d_v) problem, written with
    Python loops and math.exp: for each query, a softmax over the keys it may see
    (no key visible: zeros), then the weighted sum of the values."""
    n_q, d_k = q.shape
    n_k, d_v = v.shape
    out = np.zeros((n_q, d_v))
    for i in range(n_q):
        visible = [j for j in range(n_k) if allowed[i][j]]
        if not visible:
            continue
        scores = {j: sum(q[i, t] * k[j, t] for t in range(d_k)) / math.sqrt(d_k) for j in visible}
        top = max(scores.values())
        exps = {j: math.exp(s - top) for j, s in scores.items()}
        total = sum(exps.values())
        for j in visible:
            for t in range(d_v):
                out[i, t] += exps[j] / total * v[j, t]
    return out


def loop_multi_head(x, w_qkv, w_o, n_heads, allowed):
    """Reference multi-head self-attention: one head at a time, from column slices of
    the projections, with loop_attention inside. allowed[b] is an (n, n) list of lists."""
    batch, n, d_model = x.shape
    d_head = d_model // n_heads
    out = np.zeros_like(x)
    for b in range(batch):
        heads = []
        for h in range(n_heads):
            cols = slice(h * d_head, (h + 1) * d_head)
            q = x[b] @ w_qkv[:, :d_model][:, cols]
            k = x[b] @ w_qkv[:, d_model : 2 * d_model][:, cols]
            v = x[b] @ w_qkv[:, 2 * d_model :][:, cols]
            heads.append(loop_attention(q, k, v, allowed[b]))
        out[b] = np.concatenate(heads, axis=-1) @ w_o
    return out


def weights(d_model, rng):
    scale = 1 / math.sqrt(d_model)
    return rng.normal(scale=scale, size=(d_model, 3 * d_model)), rng.normal(scale=scale, size=(d_model, d_model))


def test_matches_the_loop_reference_with_a_random_mask():
    rng = np.random.default_rng(0)
    q = rng.normal(size=(2, 3, 5, 4))
    k = rng.normal(size=(2, 3, 6, 4))
    v = rng.normal(size=(2, 3, 6, 3))
    mask = rng.random((2, 3, 5, 6)) < 0.6
    mask[0, 1, 2] = False  # one query that sees no key at all
    out, w = attention(q, k, v, mask)
    assert out.shape == (2, 3, 5, 3) and w.shape == (2, 3, 5, 6)
    for b in range(2):
        for h in range(3):
            expected = loop_attention(q[b, h], k[b, h], v[b, h], mask[b, h].tolist())
            np.testing.assert_allclose(out[b, h], expected, atol=1e-12)
    np.testing.assert_array_equal(w[0, 1, 2], 0.0)
    np.testing.assert_array_equal(w[~mask], 0.0)
    visible_rows = mask.any(axis=-1)
    np.testing.assert_allclose(w.sum(axis=-1)[visible_rows], 1.0)


def test_multi_head_matches_the_loop_reference():
    rng = np.random.default_rng(1)
    batch, n, d_model, n_heads = 2, 5, 12, 3
    x = rng.normal(size=(batch, n, d_model))
    w_qkv, w_o = weights(d_model, rng)
    out, w = multi_head_attention(x, w_qkv, w_o, n_heads)
    assert out.shape == (batch, n, d_model) and w.shape == (batch, n_heads, n, n)
    everything = [[[True] * n] * n] * batch
    np.testing.assert_allclose(out, loop_multi_head(x, w_qkv, w_o, n_heads, everything), atol=1e-12)


def test_causal_and_padding_masks_combine_and_match_the_loop_reference():
    rng = np.random.default_rng(2)
    batch, n, d_model, n_heads = 2, 6, 8, 2
    x = rng.normal(size=(batch, n, d_model))
    w_qkv, w_o = weights(d_model, rng)
    lengths = np.array([6, 4])
    mask = causal_mask(n) & padding_mask(lengths, n)  # (B, 1, n, n)
    out, w = multi_head_attention(x, w_qkv, w_o, n_heads, mask)
    allowed = [[[j <= i and j < lengths[b] for j in range(n)] for i in range(n)] for b in range(batch)]
    np.testing.assert_allclose(out, loop_multi_head(x, w_qkv, w_o, n_heads, allowed), atol=1e-12)
    np.testing.assert_array_equal(w[1, :, :, 4:], 0.0)  # padded keys get no weight


def test_causal_mask_weights_and_outputs_ignore_the_future():
    rng = np.random.default_rng(3)
    n, d_model = 7, 8
    x = rng.normal(size=(1, n, d_model))
    w_qkv, w_o = weights(d_model, rng)
    out, w = multi_head_attention(x, w_qkv, w_o, 2, causal_mask(n))
    future = np.triu(np.ones((n, n), dtype=bool), k=1)
    assert np.all(w[..., future] == 0.0)
    assert np.all(w[..., ~future] > 0.0)
    np.testing.assert_allclose(w[..., 0, 0], 1.0)  # the first token sees only itself
    changed = x.copy()
    changed[:, 4:] = rng.normal(size=(1, n - 4, d_model)) * 10
    out2, _ = multi_head_attention(changed, w_qkv, w_o, 2, causal_mask(n))
    np.testing.assert_allclose(out2[:, :4], out[:, :4], atol=1e-12)
    assert not np.allclose(out2[:, 4:], out[:, 4:])


def test_padding_content_does_not_leak_into_real_positions():
    rng = np.random.default_rng(4)
    n, d_model = 5, 8
    x = rng.normal(size=(1, n, d_model))
    w_qkv, w_o = weights(d_model, rng)
    mask = padding_mask(np.array([3]), n)
    out, _ = multi_head_attention(x, w_qkv, w_o, 4, mask)
    changed = x.copy()
    changed[:, 3:] = 100.0
    out2, _ = multi_head_attention(changed, w_qkv, w_o, 4, mask)
    np.testing.assert_allclose(out2[:, :3], out[:, :3], atol=1e-12)


@pytest.mark.filterwarnings("error")  # no overflow, no inf - inf on the way
def test_softmax_is_stable_for_huge_scores_and_a_fully_masked_row():
    scores = np.array([[1000.0, 999.0, -1000.0], [5.0, 1.0, 2.0]])
    w = masked_softmax(scores, np.array([[True, True, True], [False, False, False]]))
    assert np.all(np.isfinite(w))
    e = math.exp(-1)
    np.testing.assert_allclose(w[0], [1 / (1 + e), e / (1 + e), 0.0], atol=1e-15)
    np.testing.assert_array_equal(w[1], 0.0)
    rng = np.random.default_rng(5)
    q, k, v = rng.normal(size=(3, 4, 16)) * 1e3
    out, _ = attention(q, k, v)
    assert np.all(np.isfinite(out))


def test_hand_computed_example():
    # query [1, 1]; keys [1, 0], [0, 1], [1, 1]; d_k = 2 -> scores 0.707, 0.707, 1.414
    q = np.array([[1.0, 1.0]])
    k = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    v = np.array([[1.0], [2.0], [6.0]])
    out, w = attention(q, k, v)
    np.testing.assert_allclose(w, [[0.2483, 0.2483, 0.5035]], atol=1e-4)
    np.testing.assert_allclose(out, [[3.7657]], atol=1e-4)


def test_heads_split_and_merge_round_trip():
    x = np.arange(2 * 3 * 8.0).reshape(2, 3, 8)
    heads = split_heads(x, 4)
    assert heads.shape == (2, 4, 3, 2)
    np.testing.assert_array_equal(heads[1, 2, 0], x[1, 0, 4:6])  # head 2 holds columns 4-5
    np.testing.assert_array_equal(merge_heads(heads), x)


def test_bad_shapes_raise():
    rng = np.random.default_rng(6)
    with pytest.raises(ValueError, match="same width"):
        attention(np.zeros((2, 4)), np.zeros((3, 5)), np.zeros((3, 2)))
    with pytest.raises(ValueError, match="same length"):
        attention(np.zeros((2, 4)), np.zeros((3, 4)), np.zeros((5, 2)))
    w_qkv, w_o = weights(8, rng)
    with pytest.raises(ValueError, match="divisible"):
        multi_head_attention(np.zeros((1, 3, 8)), w_qkv, w_o, 3)
    with pytest.raises(ValueError, match="batch, seq"):
        multi_head_attention(np.zeros((3, 8)), w_qkv, w_o, 2)
    with pytest.raises(ValueError, match="weights"):
        multi_head_attention(np.zeros((1, 3, 8)), w_qkv[:, :16], w_o, 2)
