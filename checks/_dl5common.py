"""Helpers shared by the DL5 punctuation and numeral checks (not a check module).

- `protected_spans(doc)`: parts of the text where Chinese punctuation rules do
  not apply (the document's view `doc.protected`, see doclint.text.protected).
- `historical(doc, before)`: whether the document is a historical text written
  before the current standards (its years are mostly earlier than `before`);
  checks lower period conventions to info there.
"""
from __future__ import annotations

from doclint.text import rx
from doclint.text.protected import Protected

HAN = rx.compile(r"\p{Han}")
# Full-width punctuation that marks Chinese context as much as a Han character.
CJK_PUNCT = set("，。、；：？！“”‘’（）《》〈〉【】〔〕「」『』…—～·")


def protected_spans(doc) -> Protected:
    return doc.protected


def historical(doc, before: int) -> bool:
    """True when the document's own period (its most mentioned year) is before `before`."""
    if not before:
        return False
    y = doc.year
    return y is not None and y < before
