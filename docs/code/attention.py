"""Scaled dot-product attention and multi-head attention in NumPy.

Shapes: queries (..., n_q, d_k), keys (..., n_k, d_k), values (..., n_k, d_v).
Leading axes (batch, heads) broadcast. Inputs to MultiHeadAttention are
(batch, seq, d_model).
"""

import numpy as np


def softmax(scores: np.ndarray, axis: int = -1) -> np.ndarray:
    # Subtracting the row maximum leaves the result unchanged but keeps exp() from
    # overflowing; masked entries at -inf become exactly 0.
    shifted = scores - scores.max(axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=axis, keepdims=True)


def causal_mask(n_q: int, n_k: int) -> np.ndarray:
    """Boolean (n_q, n_k) mask, True where query i may attend to key j.

    The queries are taken to be the last n_q of the n_k positions, so with a KV cache
    (n_q = 1) the newest token sees every cached key.
    """
    offset = n_k - n_q
    return np.arange(n_k)[None, :] <= np.arange(n_q)[:, None] + offset


def scaled_dot_product_attention(
    q: np.ndarray, k: np.ndarray, v: np.ndarray, causal: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """Return softmax(q k^T / sqrt(d_k)) v and the attention weights."""
    d_k = q.shape[-1]
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(d_k)
    if causal:
        scores = np.where(causal_mask(q.shape[-2], k.shape[-2]), scores, -np.inf)
    weights = softmax(scores, axis=-1)
    return weights @ v, weights


class MultiHeadAttention:
    """h heads of width d_model / h, each with its own slice of the projections."""

    def __init__(self, d_model: int, n_heads: int, rng: np.random.Generator) -> None:
        if d_model % n_heads:
            raise ValueError("d_model must be divisible by n_heads")
        self.n_heads = n_heads
        scale = 1.0 / np.sqrt(d_model)
        self.w_q, self.w_k, self.w_v, self.w_o = (
            rng.normal(scale=scale, size=(d_model, d_model)) for _ in range(4)
        )

    def _split_heads(self, x: np.ndarray) -> np.ndarray:
        batch, seq, d_model = x.shape
        return x.reshape(batch, seq, self.n_heads, d_model // self.n_heads).transpose(0, 2, 1, 3)

    def __call__(
        self, x: np.ndarray, context: np.ndarray | None = None, causal: bool = False
    ) -> tuple[np.ndarray, np.ndarray]:
        """Self-attention over x, or cross-attention from x to ``context`` if given.

        Returns the output (batch, n_q, d_model) and weights (batch, heads, n_q, n_k).
        """
        source = x if context is None else context
        q = self._split_heads(x @ self.w_q)
        k = self._split_heads(source @ self.w_k)
        v = self._split_heads(source @ self.w_v)
        heads, weights = scaled_dot_product_attention(q, k, v, causal=causal)
        batch, _, n_q, _ = heads.shape
        concat = heads.transpose(0, 2, 1, 3).reshape(batch, n_q, -1)
        return concat @ self.w_o, weights
