"""Helpers shared by the DL5 punctuation and numeral checks (not a check module).

- `protected_spans(doc)`: parts of the text where Chinese punctuation rules do
  not apply: URLs, e-mail addresses, Markdown code (inline and fenced),
  Markdown link targets, YAML front matter, HTML entities.
- `historical(doc, before)`: whether the document is a historical text written
  before the current standards (its years are mostly earlier than `before`);
  checks lower period conventions to info there.
- Chinese numeral helpers.
"""
from __future__ import annotations

import bisect
from collections import Counter
from functools import lru_cache

import regex

from doclint.text import rx

HAN = rx.compile(r"\p{Han}")
# Full-width punctuation that marks Chinese context as much as a Han character.
CJK_PUNCT = set("，。、；：？！“”‘’（）《》〈〉【】〔〕「」『』…—～·")

_URL = rx.compile(r"(?:(?:https?|ftp)://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+", regex.I)
_EMAIL = rx.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
_FENCE = rx.compile(r"^[ \t]*(```|~~~)[^\n]*\n.*?^[ \t]*\1[ \t]*$", regex.M | regex.S)
_INLINE_CODE = rx.compile(r"`[^`\n]+`")
_MD_LINK_TARGET = rx.compile(r"\]\([^)\s]*\)")
_FRONT_MATTER = rx.compile(r"\A---\n.*?\n---[ \t]*$", regex.S | regex.M)
_ENTITY = rx.compile(r"&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);")


class Protected:
    """Sorted, merged spans; `covers(i)` says whether offset i lies inside one."""

    def __init__(self, spans):
        merged = []
        for a, b in sorted(spans):
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        self.spans = merged
        self.starts = [a for a, _ in merged]

    def covers(self, i: int) -> bool:
        k = bisect.bisect_right(self.starts, i) - 1
        return k >= 0 and self.spans[k][0] <= i < self.spans[k][1]


def protected_spans(doc) -> Protected:
    cached = getattr(doc, "_dl5_protected", None)
    if cached is not None:
        return cached
    text = doc.text
    spans = []
    for m in _URL.finditer(text):
        a, b = m.span()
        # Trailing punctuation belongs to the sentence, not the URL.
        while b > a and text[b - 1] in ".,;:!?)]'":
            if text[b - 1] == ")" and text[a:b].count("(") >= text[a:b].count(")"):
                break
            b -= 1
        spans.append((a, b))
    spans += [m.span() for m in _EMAIL.finditer(text)]
    spans += [m.span() for m in _ENTITY.finditer(text)]
    if "`" in text or "~~~" in text:
        spans += [m.span() for m in _FENCE.finditer(text)]
        spans += [m.span() for m in _INLINE_CODE.finditer(text)]
    if doc.kind == "markdown":
        spans += [m.span() for m in _MD_LINK_TARGET.finditer(text)]
        spans += [m.span() for m in _FRONT_MATTER.finditer(text)]
        # Indented code blocks (four spaces or a tab, after a blank line).
        for m in regex.finditer(r"(?:^|\n\n)((?:(?: {4}|\t)[^\n]*\n?)+)", text):
            spans.append(m.span(1))
    prot = Protected(spans)
    try:
        doc._dl5_protected = prot
    except AttributeError:  # pragma: no cover
        pass
    return prot


# ---- the document's period -------------------------------------------------
_CN_DIGIT = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
_YEAR = rx.compile(r"(?<![\d.])(\d{4})(?=年)|([一二][〇○零Ｏ一二三四五六七八九]{3})(?=年)")


def document_year(doc):
    """The year the document most often mentions (its own period), or None."""
    cached = getattr(doc, "_dl5_year", "unset")
    if cached != "unset":
        return cached
    counts = Counter()
    for m in _YEAR.finditer(doc.text):
        if m.group(1):
            y = int(m.group(1))
            if 1900 <= y <= 2099:
                counts[y] += 1
        else:
            y = 0
            for ch in m.group(2):
                y = y * 10 + _CN_DIGIT[ch]
            if 1900 <= y <= 2099:
                counts[y] += 1
    year = counts.most_common(1)[0][0] if counts else None
    try:
        doc._dl5_year = year
    except AttributeError:  # pragma: no cover
        pass
    return year


def historical(doc, before: int) -> bool:
    """True when the document's own period (see document_year) is before `before`."""
    if not before:
        return False
    y = document_year(doc)
    return y is not None and y < before


# ---- Chinese numerals -------------------------------------------------------
CN_SMALL = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
            "六": 6, "七": 7, "八": 8, "九": 9}


@lru_cache(maxsize=256)
def cn_to_int(s: str):
    """Value of a Chinese numeral up to 9999 written with 十/百/千 or digit by digit.

    `二〇〇八` -> 2008, `十五` -> 15, `二十一` -> 21; None if not a numeral.
    """
    if not s:
        return None
    if all(c in CN_SMALL for c in s) and "两" not in s:
        v = 0
        for c in s:
            v = v * 10 + CN_SMALL[c]
        return v
    total, cur = 0, None
    for c in s:
        if c in CN_SMALL:
            cur = CN_SMALL[c]
        elif c in "十百千":
            unit = {"十": 10, "百": 100, "千": 1000}[c]
            total += (1 if cur is None else cur) * unit
            cur = None
        else:
            return None
    return total + (cur or 0)
