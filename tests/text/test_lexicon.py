"""doclint.text.lexicon looks words up in two-character groups of the cached word list (decoded
on first use): the same frequencies as the whole sorted list, the same tokens as jieba."""
from __future__ import annotations

import bisect

import pytest

from doclint.text.lexicon import get_lexicon


def _reference_freq(store, word):
    """The frequency by a binary search of the whole bucket of the word's first character."""
    b = store.bucket(word[0])
    if b is None:
        return 0
    words, base = b
    i = bisect.bisect_left(words, word)
    return (store.freqs[base + i] or 1) if i < len(words) and words[i] == word else 0


def test_group_lookup_equals_whole_bucket_search():
    lex = get_lexicon()
    store = lex._store
    checked = 0
    for ch in store.heads[::7]:
        words, _ = store.bucket(ch)
        for w in words[::5] + words[-3:]:
            for probe in (w, w + "么", w[:2] + "a", w[0], w[:-1] + "丂"):
                assert lex.freq(probe) == _reference_freq(store, probe), probe
                checked += 1
    assert checked > 10000


def test_segmentation_equals_jieba_on_real_text(real_texts):
    jieba = pytest.importorskip("jieba")
    jieba.setLogLevel(60)
    lex = get_lexicon()
    for text in real_texts:
        assert list(lex.tokenize(text)) == list(jieba.tokenize(text, HMM=False))
