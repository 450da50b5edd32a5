"""Word-level edits inside a modified sentence.

Edits are on words (jieba's dictionary through `doclint.text.lexicon`), so
建设→构建 is one replaced word, not +构 =建 −设 as a character diff shows it:

1. a character diff (rapidfuzz Indel, in C) finds where the sentences differ;
   a pure insertion/deletion that could sit at several places (next to
   repeated characters) is put where it starts and ends on word boundaries
   or punctuation;
2. each difference is widened to the word boundaries around it; only a
   window of a few characters around it is segmented, which costs a fraction
   of segmenting both sentences and gives the same regions as diffing the
   two token lists;
3. each region is trimmed to the characters that actually changed
   (加强建设→加强建成 marks only 设→成) and split at common stretches of two or
   more characters (the two sides may be segmented differently);
4. edits separated by a short unchanged stretch holding punctuation are merged
   into one (a reviewer reads 加强，提高→强化，提升 as one change, not two).
"""
from __future__ import annotations

from difflib import SequenceMatcher
from typing import List

from doclint.text import rx

from doclint.diff.model import WordEdit

_PUNCT = rx.compile(r"[\p{P}\p{S}\s]")
MERGE_GAP = 4  # merge edits whose separating text holds punctuation and is this short


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


WINDOW = 8  # characters segmented on each side of a character-level change


def _boundaries(text: str, a: int, b: int, lex) -> List[int]:
    """Token boundaries of text[a:b] (segmented on its own), as absolute offsets."""
    out = [a]
    for _, _, e in lex.tokenize(text[a:b]):
        out.append(a + e)
    return out


# complexity: widens character-level opcodes to word boundaries on both sides at once; the two sides must move together
def _word_regions(old: str, new: str, user_words=()):
    """Changed regions widened to whole words on both sides.

    A character-level diff (rapidfuzz Indel, in C) finds where the sentences
    differ; only a small window around each difference is segmented, and each
    region grows to the word boundaries around it on either side (by the same
    amount on both, since the text around a change is common to both). Equal to
    diffing the two token lists, at a fraction of the segmentation cost.
    """
    from doclint.text.lexicon import get_lexicon
    from rapidfuzz.distance import Indel
    lex = get_lexicon(user_words)
    groups = []
    for tag, i1, i2, j1, j2 in Indel.opcodes(old, new):
        if tag == "equal":
            continue
        if groups and groups[-1][1] == i1 and groups[-1][3] == j1:
            groups[-1][1], groups[-1][3] = i2, j2
        else:
            groups.append([i1, i2, j1, j2])
    # A pure insertion or deletion next to repeated characters can sit at
    # several places (尽享 + 、直达快享 vs 尽 + 享、直达快); put it where it starts
    # and ends on word boundaries.
    for g, (os_, oe, ns, ne) in enumerate(groups):
        if (os_ == oe) == (ns == ne):
            continue
        if os_ == oe:
            text, a, b, lo, hi = new, ns, ne, groups[g - 1][3] if g else 0, \
                groups[g + 1][2] if g + 1 < len(groups) else len(new)
        else:
            text, a, b, lo, hi = old, os_, oe, groups[g - 1][1] if g else 0, \
                groups[g + 1][0] if g + 1 < len(groups) else len(old)
        shifts = [0]
        k = 0
        while a - k - 1 >= lo and text[a - k - 1] == text[b - k - 1]:
            k += 1
            shifts.append(-k)
        k = 0
        while b + k < hi and text[a + k] == text[b + k]:
            k += 1
            shifts.append(k)
        if len(shifts) > 1:
            bounds = set(_boundaries(text, max(0, a + min(shifts) - WINDOW),
                                     min(len(text), b + max(shifts) + WINDOW), lex))

            def edge(x):  # 2 beside punctuation, 1 on a word boundary, else 0
                if (x > 0 and _PUNCT.match(text[x - 1])) or (x < len(text) and _PUNCT.match(text[x])):
                    return 2
                return 1 if x in bounds or x in (0, len(text)) else 0
            best = max(shifts, key=lambda d: edge(a + d) + edge(b + d) - abs(d) / 1000)
            groups[g] = [os_ + best, oe + best, ns + best, ne + best]
    out: List[list] = []
    for g, (os_, oe, ns, ne) in enumerate(groups):
        # The unchanged runs around the group are the same text on both sides;
        # widening stays inside them, so it can be the same on both sides.
        run_before = os_ - groups[g - 1][1] if g else os_
        run_after = (groups[g + 1][0] if g + 1 < len(groups) else len(old)) - oe
        bo = _boundaries(old, max(0, os_ - WINDOW), min(len(old), oe + WINDOW), lex)
        bn = _boundaries(new, max(0, ns - WINDOW), min(len(new), ne + WINDOW), lex)
        left = max(os_ - max(b for b in bo if b <= os_), ns - max(b for b in bn if b <= ns))
        right = max(min(b for b in bo if b >= oe) - oe, min(b for b in bn if b >= ne) - ne)
        left = min(left, run_before)
        right = min(right, run_after)
        r = [os_ - left, oe + right, ns - left, ne + right]
        if out and r[0] <= out[-1][1]:  # widened regions touch: one region
            out[-1][1], out[-1][3] = r[1], r[3]
        else:
            out.append(r)
    return out


def word_edits(old: str, new: str, user_words=()) -> List[WordEdit]:
    """Edits turning `old` into `new`, on word tokens, trimmed and merged."""
    if old == new:
        return []
    raw = []
    for os_, oe, ns, ne in _word_regions(old, new, user_words):
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
