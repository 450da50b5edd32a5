"""Word-level edits inside a modified sentence.

The two sentences are segmented into words (jieba's dictionary through
`doclint.lexicon`, so 建设→构建 is one replaced word, not +构 =建 −设), the token
sequences are compared, each differing run is trimmed to the characters that
actually changed (加强建设→加强建成 marks only 设→成), and edits separated only
by punctuation (a short unchanged stretch holding a punctuation mark) are
merged into one (a reviewer reads
"加强，提高"→"强化，提升" as one change, not two).
"""
from __future__ import annotations

from difflib import SequenceMatcher
from typing import List, Tuple

import regex

from doclint.diff.model import WordEdit

_PUNCT = regex.compile(r"[\p{P}\p{S}\s]")
MERGE_GAP = 4  # merge edits whose separating text holds punctuation and is this short


def tokens(text: str, user_words=()) -> List[Tuple[str, int, int]]:
    from doclint.lexicon import get_lexicon
    return list(get_lexicon(user_words).tokenize(text))


def _trim(old: str, new: str, os_, oe, ns, ne):
    """Shrink [os_,oe) / [ns,ne) by their common prefix and suffix characters."""
    while os_ < oe and ns < ne and old[os_] == new[ns]:
        os_ += 1
        ns += 1
    while oe > os_ and ne > ns and old[oe - 1] == new[ne - 1]:
        oe -= 1
        ne -= 1
    return os_, oe, ns, ne


def _refine(old: str, new: str, os_, oe, ns, ne):
    """Split a replaced run at common stretches of 2+ characters.

    The two sides may be segmented differently (提高|工作效率 vs 提升|工作|效能);
    a shared stretch such as 工作效 then stays unmarked and the run becomes
    two small edits (高→升, 率→能).
    """
    if oe - os_ < 3 or ne - ns < 3:
        return [[os_, oe, ns, ne]]
    sm = SequenceMatcher(None, old[os_:oe], new[ns:ne], autojunk=False)
    out = []
    pa, pb = os_, ns
    for a, b, size in sm.get_matching_blocks():
        if size >= 2 or size == 0:
            a, b = a + os_, b + ns
            if a > pa or b > pb:
                out.append([pa, a, pb, b])
            pa, pb = a + size, b + size
    return out or [[os_, oe, ns, ne]]


def _make(old: str, new: str, os_, oe, ns, ne) -> WordEdit:
    op = "insert" if os_ == oe else "delete" if ns == ne else "replace"
    return WordEdit(op, os_, oe, ns, ne, old[os_:oe], new[ns:ne])


def word_edits(old: str, new: str, user_words=()) -> List[WordEdit]:
    """Edits turning `old` into `new`, on word tokens, trimmed and merged."""
    if old == new:
        return []
    a = tokens(old, user_words)
    b = tokens(new, user_words)
    sm = SequenceMatcher(None, [t[0] for t in a], [t[0] for t in b], autojunk=False)
    raw = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            continue
        os_ = a[i1][1] if i1 < len(a) else len(old)
        oe = a[i2 - 1][2] if i2 > i1 else os_
        ns = b[j1][1] if j1 < len(b) else len(new)
        ne = b[j2 - 1][2] if j2 > j1 else ns
        if i2 == i1:  # pure insertion: anchor at the token boundary
            os_ = oe = a[i1][1] if i1 < len(a) else len(old)
        if j2 == j1:
            ns = ne = b[j1][1] if j1 < len(b) else len(new)
        os_, oe, ns, ne = _trim(old, new, os_, oe, ns, ne)
        if os_ == oe and ns == ne:
            continue
        raw.extend(_refine(old, new, os_, oe, ns, ne))
    # Merge edits separated by a short unchanged stretch that holds punctuation
    # (加强，提高 → 强化，提升 is one edit; trimming may leave a character of a
    # changed word beside the comma, as in "，提").
    merged: List[list] = []
    for e in raw:
        if merged:
            p = merged[-1]
            gap_old, gap_new = old[p[1]:e[0]], new[p[3]:e[2]]
            if gap_old == gap_new and len(gap_old) <= MERGE_GAP and _PUNCT.search(gap_old):
                p[1], p[3] = e[1], e[3]
                continue
        merged.append(e)
    return [_make(old, new, *e) for e in merged]


def apply_edits(old: str, new: str, edits: List[WordEdit]) -> str:
    """Rebuild `new` from `old` and the edits (used by tests as an invariant)."""
    out, pos = [], 0
    for e in edits:
        out.append(old[pos:e.old_start])
        out.append(new[e.new_start:e.new_end])
        pos = e.old_end
    out.append(old[pos:])
    return "".join(out)
