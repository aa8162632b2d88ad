"""The BPE trainer learns the merges worked out by hand and the encoder replays them."""

import random

import pytest

from bpe import EOW, encode, encode_word, train_bpe

# The classic toy corpus: word -> frequency.
CORPUS = {"low": 5, "lower": 2, "newest": 6, "widest": 3}

# Worked out by hand (pair counts in brackets; ties go to the smallest pair):
#  1. e+s    (9; ties with s+t and t+</w>)   2. es+t  (9; ties with t+</w>)
#  3. est+</w> (9)                           4. l+o   (7; ties with o+w)
#  5. lo+w   (7)                             6. e+w   (6; ties with n+e, w+est</w>)
#  7. ew+est</w> (6; ties with n+ew)         8. n+ewest</w> (6)
#  9. low+</w> (5)
EXPECTED_MERGES = [
    ("e", "s"),
    ("es", "t"),
    ("est", EOW),
    ("l", "o"),
    ("lo", "w"),
    ("e", "w"),
    ("ew", "est" + EOW),
    ("n", "ewest" + EOW),
    ("low", EOW),
]


@pytest.fixture(scope="module")
def merges() -> list[tuple[str, str]]:
    return train_bpe(CORPUS, num_merges=9)


def test_merges_match_hand_computed_sequence(merges):
    assert merges == EXPECTED_MERGES


def test_fewer_merges_give_a_prefix_of_the_sequence():
    assert train_bpe(CORPUS, num_merges=4) == EXPECTED_MERGES[:4]


def test_ties_do_not_depend_on_input_order():
    items = list(CORPUS.items())
    random.Random(0).shuffle(items)
    assert train_bpe(dict(reversed(items)), 9) == EXPECTED_MERGES
    assert train_bpe(dict(items), 9) == EXPECTED_MERGES


def test_training_stops_when_every_word_is_one_symbol():
    # "ab" -> a b </w> -> ab </w> -> ab</w>; nothing left to merge after two steps.
    assert train_bpe({"ab": 1}, num_merges=10) == [("a", "b"), ("ab", EOW)]


def test_seen_words_encode_to_merged_tokens(merges):
    assert encode_word("newest", merges) == ["newest" + EOW]
    assert encode_word("low", merges) == ["low" + EOW]
    assert encode_word("widest", merges) == ["w", "i", "d", "est" + EOW]
    assert encode_word("lower", merges) == ["low", "e", "r", EOW]


def test_unseen_word_reuses_learned_pieces(merges):
    assert encode_word("lowest", merges) == ["low", "est" + EOW]


def test_unseen_characters_fall_back_to_single_characters(merges):
    assert encode_word("zap", merges) == ["z", "a", "p", EOW]


def test_merges_apply_left_to_right_without_overlap():
    assert encode_word("aaa", [("a", "a")]) == ["aa", "a", EOW]


def test_encoding_is_lossless(merges):
    for word in ["lowest", "newer", "wider", "xyz", "l"]:
        tokens = encode_word(word, merges)
        assert "".join(tokens) == word + EOW


def test_encode_splits_text_on_whitespace(merges):
    assert encode("lowest  newest", merges) == ["low", "est" + EOW, "newest" + EOW]
