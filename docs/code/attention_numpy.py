"""Masked scaled dot-product attention and multi-head self-attention, NumPy only.

Shapes (B batch, h heads, n_q queries, n_k keys, d_k key width, d_v value width):
  q (..., n_q, d_k), k (..., n_k, d_k), v (..., n_k, d_v) -> out (..., n_q, d_v)
  mask: booleans broadcastable to (..., n_q, n_k), True where a query may attend.
Multi-head attention takes x (B, n, d_model) and returns (B, n, d_model).
"""

import numpy as np


def masked_softmax(scores: np.ndarray, mask: np.ndarray | None = None) -> np.ndarray:
    """Softmax over the last axis, ignoring masked entries.

    A row with nothing allowed gets all-zero weights rather than NaN, so a query
    with no visible key (a padding query) outputs zeros.
    """
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    row_max = scores.max(axis=-1, keepdims=True)
    # Subtracting the row maximum keeps exp() from overflowing; a fully masked
    # row has max -inf, and -inf - (-inf) would be NaN, so shift it by 0 instead.
    row_max = np.where(np.isfinite(row_max), row_max, 0.0)
    e = np.exp(scores - row_max)
    total = e.sum(axis=-1, keepdims=True)
    return np.divide(e, total, out=np.zeros_like(e), where=total > 0)


def causal_mask(n: int) -> np.ndarray:
    """(n, n) booleans: position i may attend to positions j <= i."""
    return np.tril(np.ones((n, n), dtype=bool))


def padding_mask(lengths: np.ndarray, n: int) -> np.ndarray:
    """(B, 1, 1, n) booleans: key j of sequence b is real if j < lengths[b].

    The two singleton axes broadcast over heads and queries.
    """
    real = np.arange(n)[None, :] < np.asarray(lengths)[:, None]
    return real[:, None, None, :]


def attention(
    q: np.ndarray, k: np.ndarray, v: np.ndarray, mask: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """softmax(q k^T / sqrt(d_k)) v, and the weights (..., n_q, n_k)."""
    if q.shape[-1] != k.shape[-1]:
        raise ValueError(f"queries and keys need the same width: {q.shape} vs {k.shape}")
    if k.shape[-2] != v.shape[-2]:
        raise ValueError(f"keys and values need the same length: {k.shape} vs {v.shape}")
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])  # (..., n_q, n_k)
    weights = masked_softmax(scores, mask)
    return weights @ v, weights


def split_heads(x: np.ndarray, n_heads: int) -> np.ndarray:
    """(B, n, d_model) -> (B, h, n, d_model / h)."""
    batch, n, d_model = x.shape
    return x.reshape(batch, n, n_heads, d_model // n_heads).transpose(0, 2, 1, 3)


def merge_heads(x: np.ndarray) -> np.ndarray:
    """(B, h, n, d_head) -> (B, n, h * d_head), the inverse of split_heads."""
    batch, n_heads, n, d_head = x.shape
    return x.transpose(0, 2, 1, 3).reshape(batch, n, n_heads * d_head)


def multi_head_attention(
    x: np.ndarray,
    w_qkv: np.ndarray,
    w_o: np.ndarray,
    n_heads: int,
    mask: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Self-attention with h heads.

    x (B, n, d_model); w_qkv (d_model, 3 d_model) holds W_Q, W_K, W_V side by side;
    w_o (d_model, d_model). mask broadcasts to (B, h, n, n). Returns the output
    (B, n, d_model) and the weights (B, h, n, n).
    """
    if x.ndim != 3:
        raise ValueError(f"x must be (batch, seq, d_model), got shape {x.shape}")
    d_model = x.shape[-1]
    if d_model % n_heads:
        raise ValueError(f"d_model={d_model} is not divisible by n_heads={n_heads}")
    if w_qkv.shape != (d_model, 3 * d_model) or w_o.shape != (d_model, d_model):
        raise ValueError(f"weights must be ({d_model}, {3 * d_model}) and ({d_model}, {d_model})")
    q, k, v = np.split(x @ w_qkv, 3, axis=-1)  # one matmul, three (B, n, d_model)
    heads, weights = attention(
        split_heads(q, n_heads), split_heads(k, n_heads), split_heads(v, n_heads), mask
    )
    return merge_heads(heads) @ w_o, weights
