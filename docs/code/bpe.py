"""A tiny byte-pair-encoding (BPE) tokenizer: learn merges, then apply them.

Training starts from single characters plus an end-of-word marker and, on every
step, merges the most frequent adjacent pair of symbols across the corpus. Ties
go to the lexicographically smallest pair, so the result never depends on the
order of the input dictionary. Encoding replays the learned merges in order.
"""

from collections import Counter

EOW = "</w>"  # marks the end of a word, so "est" at the end differs from "est" inside

Pair = tuple[str, str]


def _split(word: str) -> tuple[str, ...]:
    return (*word, EOW)


def _merge(symbols: tuple[str, ...], pair: Pair) -> tuple[str, ...]:
    """Replace every occurrence of `pair` in `symbols`, scanning left to right."""
    merged: list[str] = []
    i = 0
    while i < len(symbols):
        if i + 1 < len(symbols) and (symbols[i], symbols[i + 1]) == pair:
            merged.append(symbols[i] + symbols[i + 1])
            i += 2
        else:
            merged.append(symbols[i])
            i += 1
    return tuple(merged)


def _pair_counts(words: dict[tuple[str, ...], int]) -> Counter[Pair]:
    counts: Counter[Pair] = Counter()
    for symbols, freq in words.items():
        for pair in zip(symbols, symbols[1:]):
            counts[pair] += freq
    return counts


def train_bpe(word_freqs: dict[str, int], num_merges: int) -> list[Pair]:
    """Learn up to `num_merges` merges from a word -> frequency mapping.

    Stops early once every word has become a single symbol.
    """
    words: dict[tuple[str, ...], int] = Counter()
    for word, freq in word_freqs.items():
        words[_split(word)] += freq

    merges: list[Pair] = []
    for _ in range(num_merges):
        # Recounting every pair is O(merges x corpus): clear, not fast. Real trainers
        # update only the counts next to each merge, and real encoders apply merges
        # by rank with a priority queue instead of replaying the whole list.
        counts = _pair_counts(words)
        if not counts:
            break
        best = min(counts, key=lambda pair: (-counts[pair], pair))
        merges.append(best)
        words = {_merge(symbols, best): freq for symbols, freq in words.items()}
    return merges


def encode_word(word: str, merges: list[Pair]) -> list[str]:
    """Split one word into tokens by applying `merges` in the order they were learned.

    Pieces no merge covers stay as single characters, so unseen words still encode.
    """
    symbols = _split(word)
    for pair in merges:
        if len(symbols) == 1:
            break
        symbols = _merge(symbols, pair)
    return list(symbols)


def encode(text: str, merges: list[Pair]) -> list[str]:
    """Tokenize whitespace-separated text word by word."""
    return [token for word in text.split() for token in encode_word(word, merges)]
