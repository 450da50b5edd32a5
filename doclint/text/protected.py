"""Spans of a text where the rules of Chinese prose do not apply.

URLs, e-mail addresses, HTML entities, code (Markdown inline code and
fenced blocks), and in Markdown also link targets, YAML front matter and
indented code blocks. Punctuation and numeral checks skip them; a document
keeps its own as the view `doc.protected`.
"""
from __future__ import annotations

import bisect

import regex

from doclint.text import rx

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


def protected_spans(text: str, kind: str = "text") -> Protected:
    """The protected spans of `text` (`kind` "markdown" adds Markdown syntax); see the module docstring."""
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
    if kind == "markdown":
        spans += [m.span() for m in _MD_LINK_TARGET.finditer(text)]
        spans += [m.span() for m in _FRONT_MATTER.finditer(text)]
        # Indented code blocks (four spaces or a tab, after a blank line).
        for m in regex.finditer(r"(?:^|\n\n)((?:(?: {4}|\t)[^\n]*\n?)+)", text):
            spans.append(m.span(1))
    return Protected(spans)
