"""Choosing the next token from a model's logits: temperature, top-k, top-p (nucleus) and
min-p sampling, and beam search over a model given as a function of the prefix.

Every filter takes a probability vector and returns a new one that sums to 1, with the
cut tokens at exactly 0, so the filters can be chained.
"""

from collections.abc import Callable, Sequence

import numpy as np


def softmax(logits: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    """Probabilities from logits divided by the temperature (which must be positive)."""
    if temperature <= 0:
        raise ValueError("temperature must be positive; use argmax for greedy decoding")
    z = np.asarray(logits, dtype=float) / temperature
    e = np.exp(z - z.max())  # subtracting the max avoids overflow and changes nothing
    return e / e.sum()


def _keep(probs: np.ndarray, mask: np.ndarray) -> np.ndarray:
    kept = np.where(mask, probs, 0.0)
    return kept / kept.sum()


def top_k_filter(probs: np.ndarray, k: int) -> np.ndarray:
    """Keep the k most probable tokens."""
    order = np.argsort(-probs, kind="stable")
    mask = np.zeros(probs.shape, dtype=bool)
    mask[order[:k]] = True
    return _keep(probs, mask)


def top_p_filter(probs: np.ndarray, p: float) -> np.ndarray:
    """Keep the smallest set of most probable tokens whose total probability reaches p."""
    order = np.argsort(-probs, kind="stable")
    cumulative = np.cumsum(probs[order])
    # Count the tokens before the cumulative mass reaches p, plus the one that reaches it.
    # The small tolerance keeps rounding in cumsum from adding one token too many.
    n_keep = int(np.searchsorted(cumulative, p - 1e-12)) + 1
    mask = np.zeros(probs.shape, dtype=bool)
    mask[order[:n_keep]] = True
    return _keep(probs, mask)


def min_p_filter(probs: np.ndarray, p_min: float) -> np.ndarray:
    """Keep the tokens at least p_min times as probable as the most probable one."""
    return _keep(probs, probs >= p_min * probs.max())


def sample_next(
    logits: np.ndarray,
    rng: np.random.Generator,
    temperature: float = 1.0,
    top_k: int | None = None,
    top_p: float | None = None,
    min_p: float | None = None,
) -> int:
    """One token id: greedy at temperature 0, otherwise temperature then the filters given."""
    if temperature == 0:
        return int(np.argmax(logits))
    probs = softmax(logits, temperature)
    if top_k is not None:
        probs = top_k_filter(probs, top_k)
    if top_p is not None:
        probs = top_p_filter(probs, top_p)
    if min_p is not None:
        probs = min_p_filter(probs, min_p)
    return int(rng.choice(probs.size, p=probs))


def beam_search(
    next_log_probs: Callable[[tuple[int, ...]], Sequence[float]], width: int, length: int
) -> list[tuple[tuple[int, ...], float]]:
    """The `width` best sequences of `length` tokens found by beam search, best first, with
    their total log-probabilities. `next_log_probs(prefix)` gives the log-probability of
    every next token after `prefix`. (No end token or length penalty: all beams are equally long.)"""
    beams: list[tuple[tuple[int, ...], float]] = [((), 0.0)]
    for _ in range(length):
        candidates = [
            (prefix + (token,), score + float(log_p))
            for prefix, score in beams
            for token, log_p in enumerate(next_log_probs(prefix))
        ]
        candidates.sort(key=lambda item: item[1], reverse=True)
        beams = candidates[:width]
    return beams
