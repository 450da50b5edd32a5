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
import os
import tempfile
from pathlib import Path
from typing import Dict, Iterable, List, Tuple

from doclint import rx

_CACHE_FORMAT = 1
# Blocks that jieba segments as text; everything else is passed through.
_BLOCK = rx.compile(r"[\p{Han}a-zA-Z0-9+#&._%\-]+")
_ASCII = rx.compile(r"[a-zA-Z0-9]")


def _jieba_dict_path() -> Path:
    import importlib.util
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.origin:
        raise RuntimeError("jieba is not installed")
    return Path(spec.origin).parent / "dict.txt"


def _cache_dir() -> Path:
    env = os.environ.get("DOCLINT_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "doclint"


def _load_sorted(dict_path: Path) -> Tuple[List[str], array.array]:
    """Sorted words and their frequencies, from the disk cache or dict.txt."""
    st = dict_path.stat()
    name = f"lexicon-v{_CACHE_FORMAT}-{st.st_size}-{int(st.st_mtime)}"
    cache = _cache_dir() / name
    try:
        blob = cache.read_bytes()
        nwords = int.from_bytes(blob[:4], "little")
        freqs = array.array("I")
        freqs.frombytes(blob[4:4 + 4 * nwords])
        words = blob[4 + 4 * nwords:].decode("utf-8").split("\n")
        if len(words) == nwords == len(freqs):
            return words, freqs
    except (OSError, ValueError, UnicodeDecodeError):
        pass
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
    blob = len(words).to_bytes(4, "little") + freqs.tobytes() + "\n".join(words).encode("utf-8")
    try:  # atomic write; a read-only home just means no cache
        cache.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache.parent, prefix=".lexicon-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
        os.replace(tmp, cache)
    except OSError:
        pass
    return words, freqs


class Lexicon:
    """jieba's dictionary plus user words; lookups and max-probability segmentation."""

    def __init__(self, words: List[str], freqs, extra: Dict[str, int] = None):
        self._words = words
        self._freqs = freqs
        self._extra = dict(extra or {})
        self.total = float(sum(freqs)) + sum(self._extra.values())
        self._logtotal = math.log(self.total)

    def freq(self, word: str) -> int:
        """Frequency of `word` in the dictionary; 0 if it is not a word."""
        if word in self._extra:
            return self._extra[word]
        i = bisect.bisect_left(self._words, word)
        if i < len(self._words) and self._words[i] == word:
            return self._freqs[i] or 1
        return 0

    def is_word(self, word: str) -> bool:
        return self.freq(word) > 0

    def _is_prefix(self, frag: str) -> bool:
        i = bisect.bisect_left(self._words, frag)
        if i < len(self._words) and self._words[i].startswith(frag):
            return True
        return any(w.startswith(frag) for w in self._extra)

    def _dag(self, s: str):
        n = len(s)
        dag = []
        for k in range(n):
            ends = []
            j = k
            frag = s[k]
            while j < n and self._is_prefix(frag):
                if self.freq(frag):
                    ends.append(j)
                j += 1
                frag = s[k:j + 1]
            dag.append(ends or [k])
        return dag

    def _cut_block(self, s: str) -> List[str]:
        n = len(s)
        dag = self._dag(s)
        route = [(0.0, 0)] * (n + 1)
        logt = self._logtotal
        for idx in range(n - 1, -1, -1):
            route[idx] = max(
                (math.log(self.freq(s[idx:x + 1]) or 1) - logt + route[x + 1][0], x)
                for x in dag[idx])
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


_BASE = None
_CACHE: Dict[tuple, Lexicon] = {}


def read_user_words(lines: Iterable[str]) -> Dict[str, int]:
    """jieba user-dictionary lines: `word [freq] [tag]`; default freq 1000."""
    out = {}
    for line in lines:
        parts = line.split("#", 1)[0].split()
        if not parts:
            continue
        freq = 1000
        if len(parts) > 1 and parts[1].isdigit():
            freq = int(parts[1])
        out[parts[0]] = freq
    return out


def get_lexicon(user_words=()) -> Lexicon:
    """The shared lexicon, with `user_words` (a tuple of (word, freq)) added."""
    global _BASE
    key = tuple(user_words)
    if key not in _CACHE:
        if _BASE is None:
            _BASE = _load_sorted(_jieba_dict_path())
        _CACHE[key] = Lexicon(_BASE[0], _BASE[1], dict(key))
    return _CACHE[key]
