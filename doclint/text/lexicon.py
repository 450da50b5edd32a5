"""Word lookup and segmentation on jieba's dictionary, with a cheap start-up.

jieba's own `initialize()` costs about half a second and ~90 MB here because
it builds a prefix dictionary of every word. doclint needs words only around
the few places a check is unsure about, so it keeps jieba's dictionary as a
sorted word list (built once from jieba's dict.txt and cached on disk), looks
words up by binary search, and segments with jieba's own algorithm
(DAG of dictionary words, maximum-probability route; no HMM for unknown words,
so runs of unknown characters stay single characters, as `jieba.cut(HMM=False)`).
"""
from __future__ import annotations

import array
import bisect
import math
from functools import lru_cache
from pathlib import Path
from typing import Dict, Iterable, List, Tuple

from doclint.files import cache
from doclint.text import rx

_CACHE_FORMAT = 4   # 4: with the index of two-character groups
# Blocks that jieba segments as text; everything else is passed through.
_BLOCK = rx.compile(r"[\p{Han}a-zA-Z0-9+#&._%\-]+")
_ASCII = rx.compile(r"[a-zA-Z0-9]")


def _jieba_dict_path() -> Path:
    import importlib.util
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.origin:
        raise RuntimeError("jieba is not installed")
    return Path(spec.origin).parent / "dict.txt"


class _Store:
    """jieba's words, sorted, looked up in the cached text without splitting all of it.

    The cache file holds the sorted words as one UTF-8 text; the words that
    share a first character are contiguous there (a bucket), and within a
    bucket so are the words that share their first two characters. A run looks
    up words around a few hundred characters, so only the two-character groups
    it meets are ever decoded and split (splitting all 349,000 words was most of
    the lexicon's start-up, and splitting whole buckets most of the rest).
    """

    def __init__(self, heads: str, word_starts, byte_starts, freqs, blob: bytes, text_off: int, total: int,
                 pair_keys: str = "", pair_words=(), pair_bytes=()):
        self.heads = heads                   # first characters, sorted
        self.word_starts = word_starts       # index of each bucket's first word (+ end)
        self.byte_starts = byte_starts       # byte offset of each bucket in the text (+ end)
        self.freqs = freqs
        self.blob = blob
        self.text_off = text_off
        self.total = total
        self.nwords = word_starts[-1] if len(word_starts) else 0
        self.pair_keys = pair_keys           # the first two characters of each group, two by two, sorted
        self.pair_words = pair_words         # index of each group's first word
        self.pair_bytes = pair_bytes         # byte offset of each group in the text (+ end of the text)
        self._single: Dict[str, int] = {}    # char -> its own frequency (0: not a word), -1: no bucket
        self._pairs: Dict[str, tuple] = {}

    def _bucket_bytes(self, i: int) -> bytes:
        return self.blob[self.text_off + self.byte_starts[i]:self.text_off + self.byte_starts[i + 1] - 1]

    def single(self, ch: str) -> int:
        """-1 when no word starts with `ch`; else the frequency of `ch` as a word (0: not one)."""
        got = self._single.get(ch)
        if got is None:
            i = self.heads.find(ch) if len(ch) == 1 else -1
            if i < 0:
                got = -1
            else:
                start = self.text_off + self.byte_starts[i]
                word = ch.encode("utf-8") + b"\n"
                got = (self.freqs[self.word_starts[i]] or 1) if self.blob.startswith(word, start) else 0
            self._single[ch] = got
        return got

    def pair(self, two: str):
        """(sorted words starting with the two characters `two`, index of the first in freqs), or None."""
        got = self._pairs.get(two)
        if got is None:
            got = self._pairs[two] = self._find_pair(two) or ()
        return got or None

    def _find_pair(self, two: str):
        keys = self.pair_keys
        lo, hi = 0, len(keys) // 2
        while lo < hi:                       # binary search of the two-character keys
            mid = (lo + hi) // 2
            if keys[2 * mid:2 * mid + 2] < two:
                lo = mid + 1
            else:
                hi = mid
        if keys[2 * lo:2 * lo + 2] != two:
            return None
        raw = self.blob[self.text_off + self.pair_bytes[lo]:self.text_off + self.pair_bytes[lo + 1] - 1]
        words = raw.decode("utf-8").split("\n")
        if len(words[-1]) < 2:
            words.pop()                      # the next bucket's first word, a character alone
        return words, self.pair_words[lo]

    def bucket(self, ch: str):
        """(sorted words starting with ch, index of the first in freqs), or None: the whole bucket
        (for tests and tools; lookups use `single` and `pair`)."""
        i = self.heads.find(ch) if len(ch) == 1 else -1
        if i < 0:
            return None
        return self._bucket_bytes(i).decode("utf-8").split("\n"), self.word_starts[i]


def _build_blob(dict_path: Path) -> bytes:
    entries: Dict[str, int] = {}
    with open(dict_path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 2:
                try:
                    entries[parts[0]] = int(parts[1])
                except ValueError:
                    continue
    words = sorted(entries)
    freqs = array.array("I", (min(entries[w], 2**32 - 1) for w in words))
    heads: List[str] = []
    word_starts = array.array("I")
    byte_starts = array.array("I")
    # the groups of words that share their first two characters
    pair_keys: List[str] = []
    pair_words = array.array("I")
    pair_bytes = array.array("I")
    pos = 0
    head = two = ""
    for i, w in enumerate(words):
        if w[0] != head:
            head = w[0]
            heads.append(head)
            word_starts.append(i)
            byte_starts.append(pos)
        if len(w) >= 2 and w[:2] != two:
            two = w[:2]
            pair_keys.append(two)
            pair_words.append(i)
            pair_bytes.append(pos)
        pos += len(w.encode("utf-8")) + 1
    word_starts.append(len(words))
    byte_starts.append(pos)
    pair_bytes.append(pos)
    heads_b = "".join(heads).encode("utf-8")
    keys_b = "".join(pair_keys).encode("utf-8")
    text = "".join(w + "\n" for w in words).encode("utf-8")
    total = sum(freqs)
    return b"".join([
        len(words).to_bytes(4, "little"), len(heads).to_bytes(4, "little"), len(heads_b).to_bytes(4, "little"),
        total.to_bytes(8, "little"), len(pair_keys).to_bytes(4, "little"), len(keys_b).to_bytes(4, "little"),
        heads_b, word_starts.tobytes(), byte_starts.tobytes(), freqs.tobytes(),
        keys_b, pair_words.tobytes(), pair_bytes.tobytes(), text])


def _array(blob: bytes, p: int, n: int):
    a = array.array("I")
    a.frombytes(blob[p:p + 4 * n])
    return a, p + 4 * n


def _parse_blob(blob: bytes) -> _Store:
    nwords = int.from_bytes(blob[0:4], "little")
    nheads = int.from_bytes(blob[4:8], "little")
    nheads_b = int.from_bytes(blob[8:12], "little")
    total = int.from_bytes(blob[12:20], "little")
    npairs = int.from_bytes(blob[20:24], "little")
    nkeys_b = int.from_bytes(blob[24:28], "little")
    p = 28
    heads = blob[p:p + nheads_b].decode("utf-8")
    p += nheads_b
    word_starts, p = _array(blob, p, nheads + 1)
    byte_starts, p = _array(blob, p, nheads + 1)
    freqs, p = _array(blob, p, nwords)
    keys = blob[p:p + nkeys_b].decode("utf-8")
    p += nkeys_b
    pair_words, p = _array(blob, p, npairs)
    pair_bytes, p = _array(blob, p, npairs + 1)
    if (len(heads) != nheads or len(freqs) != nwords or word_starts[-1] != nwords
            or len(blob) - p != byte_starts[-1] or len(keys) != 2 * npairs or len(pair_bytes) != npairs + 1
            or pair_bytes[-1] != byte_starts[-1]):
        raise ValueError("damaged lexicon cache")
    return _Store(heads, word_starts, byte_starts, freqs, blob, p, total, keys, pair_words, pair_bytes)


def _load_store(dict_path: Path) -> _Store:
    """The sorted dictionary, from the disk cache or built from dict.txt (and cached)."""
    st = dict_path.stat()
    name = f"lexicon-{st.st_size}-{int(st.st_mtime)}"
    blob = cache.read(name, _CACHE_FORMAT)
    if blob is not None:
        try:
            return _parse_blob(blob)
        except (ValueError, UnicodeDecodeError, IndexError):
            pass
    blob = _build_blob(dict_path)
    cache.write(name, blob, _CACHE_FORMAT)
    return _parse_blob(blob)


class Lexicon:
    """jieba's dictionary plus user words; lookups and max-probability segmentation."""

    def __init__(self, store: _Store, extra: Dict[str, int] = None):
        self._store = store
        self._freqs = store.freqs
        self._extra = dict(extra or {})
        # every prefix of a user word, for the DAG's "can a word continue here?"
        self._extra_prefixes = {w[:k] for w in self._extra for k in range(1, len(w) + 1)}
        self.total = float(store.total) + sum(self._extra.values())
        self._logtotal = math.log(self.total)

    def freq(self, word: str) -> int:
        """Frequency of `word` in the dictionary; 0 if it is not a word."""
        if word in self._extra:
            return self._extra[word]
        if len(word) < 2:
            return max(self._store.single(word), 0) if word else 0
        b = self._store.pair(word[:2])
        if b is None:
            return 0
        words, base = b
        i = bisect.bisect_left(words, word)
        if i < len(words) and words[i] == word:
            return self._freqs[base + i] or 1
        return 0

    def is_word(self, word: str) -> bool:
        return self.freq(word) > 0

    def _dag(self, s: str):
        """For each position k, [(end index j, frequency of s[k:j+1])] (jieba's DAG).

        The character alone is looked up at its bucket's head; the longer
        fragments from k in the group of words that start with s[k:k+2]
        (`_longer`).
        """
        n = len(s)
        dag = []
        extra = self._extra
        xpref = self._extra_prefixes
        single = self._store.single
        for k in range(n):
            ends = []
            ch = s[k]
            f = single(ch)
            prefix = f >= 0 or ch in xpref
            f = extra.get(ch, max(f, 0))
            if prefix:
                if f:
                    ends.append((k, f))
                if k + 1 < n:
                    self._longer(s, k, ends)
            dag.append(ends or [(k, self.freq(ch))])
        return dag

    def _longer(self, s: str, k: int, ends: list) -> None:
        """Append (j, frequency) for the words s[k:j+1] with j > k, while a word can continue. Every
        fragment from k starts with s[k:k+2], and a longer fragment sorts after a shorter one, so
        each binary search in the group starts where the last ended."""
        n = len(s)
        extra = self._extra
        xpref = self._extra_prefixes
        freqs = self._freqs
        b = self._store.pair(s[k:k + 2])
        words, base = b if b is not None else ((), 0)
        nw = len(words)
        bl = bisect.bisect_left
        lo = 0
        for j in range(k + 1, n):
            frag = s[k:j + 1]
            f, prefix = 0, False
            if nw:
                lo = bl(words, frag, lo)
                if lo < nw:
                    w = words[lo]
                    if w == frag:
                        f, prefix = (freqs[base + lo] or 1), True
                    elif w.startswith(frag):
                        prefix = True
            if frag in extra:
                f = extra[frag]
            if not prefix and frag not in xpref:
                return
            if f:
                ends.append((j, f))

    def _cut_block(self, s: str) -> List[str]:
        n = len(s)
        dag = self._dag(s)
        route = [(0.0, 0)] * (n + 1)
        logt = self._logtotal
        log = math.log
        for idx in range(n - 1, -1, -1):
            route[idx] = max((log(f or 1) - logt + route[x + 1][0], x) for x, f in dag[idx])
        out, x, buf = [], 0, ""
        while x < n:
            y = route[x][1] + 1
            w = s[x:y]
            if len(w) == 1 and _ASCII.match(w):
                buf += w  # jieba keeps runs of ASCII letters/digits together
            else:
                if buf:
                    out.append(buf)
                    buf = ""
                out.append(w)
            x = y
        if buf:
            out.append(buf)
        return out

    def tokenize(self, text: str) -> Iterable[Tuple[str, int, int]]:
        """(word, start, end) for every token, covering the whole text."""
        pos = 0
        for m in _BLOCK.finditer(text):
            for ch_i in range(pos, m.start()):
                yield text[ch_i], ch_i, ch_i + 1
            p = m.start()
            for w in self._cut_block(m.group(0)):
                yield w, p, p + len(w)
                p += len(w)
            pos = m.end()
        for ch_i in range(pos, len(text)):
            yield text[ch_i], ch_i, ch_i + 1

    def boundaries(self, text: str):
        """Set of token boundary offsets in `text` (0 and len included)."""
        b = {0, len(text)}
        for _, s, e in self.tokenize(text):
            b.add(s)
            b.add(e)
        return b


_BASE = None   # jieba's dictionary, loaded once per process


@lru_cache(maxsize=8)
def get_lexicon(user_words=()) -> Lexicon:
    """The shared lexicon, with `user_words` (a tuple of (word, freq)) added."""
    global _BASE
    if _BASE is None:
        _BASE = _load_store(_jieba_dict_path())
    return Lexicon(_BASE, dict(user_words))
