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
4. numbers, percentages and dates are whole tokens: an edit touching one grows
   to the whole of it on both sides (1200→1100, not 2→1; 2025年3月5日);
5. edits separated by a short unchanged stretch holding punctuation are merged
   into one (a reviewer reads 加强，提高→强化，提升 as one change, not two);
6. an edit whose sides differ only in full-width/half-width forms (（一）/(一),
   ２０２５/2025, ，/,) is labelled `kind="width"` and never merged with others.

Clauses (units between ，；、) that trade places inside the sentence are found
first (`clause_moves`): a clause found once in each sentence, out of the order
the other shared clauses keep, is a moved clause, a delete at its old place
and an insert at its new one sharing a `move` number; the rest of the sentence
is diffed as above.

Bounds: the character diff keeps a bit matrix of len(old) x len(new) bits; a
pair above WORD_CELLS is diffed piecewise (common prefix and suffix, then
clause-sized units aligned by doclint.diff.anchors, then characters inside
each changed stretch up to the same bound, larger stretches as one edit), so
time and memory stay about linear for a sentence of any length.
"""
from __future__ import annotations

from difflib import SequenceMatcher
from typing import List, Optional, Tuple

from doclint.text import rx

from doclint.diff.model import WordEdit

_PUNCT = rx.compile(r"[\p{P}\p{S}\s]")
MERGE_GAP = 4  # merge edits whose separating text holds punctuation and is this short
WORD_CELLS = 4_000_000   # len(old) * len(new) above this: the character diff is piecewise
REFINE_CELLS = 250_000   # regions above this are not split at common stretches
CHUNK = 64               # unit length for a long stretch without clause punctuation
MAX_CLAUSES = 200        # sentences with more clauses are not searched for moved clauses
MIN_CLAUSE = 4           # a moved clause has at least this many characters

# Whole numbers: digits (half or full width) with decimals, thousands separators and a
# percent sign; 百分之… and runs of two or more Chinese numerals; dates.
_NUMBER = rx.compile(
    r"(?:[0-9０-９]{2,4}|[〇零一二三四五六七八九]{2,4})年"
    r"(?:(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})月(?:(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})日)?)?"
    r"|(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})月(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})日"
    r"|[0-9０-９]+(?:[,，][0-9０-９]{3})*(?:[.．][0-9０-９]+)?[%％‰]?"
    r"|百分之[零〇一二三四五六七八九十百千点两]+"
    r"|(?=[零〇一二三四五六七八九十百千万亿两点]{2})[零〇一二三四五六七八九十百千万亿两点]*[〇零一二三四五六七八九两]"
    r"[零〇一二三四五六七八九十百千万亿两点]*")
_CLAUSE_SEP = rx.compile(r"[，；、,;]")
_CLOSING = set("。！？!?…；;：:”’」』）)】》")
_UNIT_END = rx.compile(r"[，；、,;。！？!?：:]+")
# Full-width forms and their half-width (ASCII) counterparts, and the ideographic space.
_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_WIDTH[0x3000] = 0x20


def fold_width(s: str) -> str:
    """`s` with full-width forms turned into their half-width counterparts."""
    return s.translate(_WIDTH)


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
    if oe - os_ < 3 or ne - ns < 3 or (oe - os_) * (ne - ns) > REFINE_CELLS:
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


def _make(old: str, new: str, os_, oe, ns, ne, kind=None, move=None) -> WordEdit:
    op = "insert" if os_ == oe else "delete" if ns == ne else "replace"
    a, b = old[os_:oe], new[ns:ne]
    if kind is None and a != b and fold_width(a) == fold_width(b):
        kind = "width"
    return WordEdit(op, os_, oe, ns, ne, a, b, kind, move)


WINDOW = 8  # characters segmented on each side of a character-level change
LONG_REGION = 256  # longer changed regions are segmented only around their ends


def _boundaries(text: str, a: int, b: int, lex) -> List[int]:
    """Token boundaries of text[a:b] (segmented on its own), as absolute offsets."""
    out = [a]
    for _, _, e in lex.tokenize(text[a:b]):
        out.append(a + e)
    return out


# ---- the character diff, bounded ------------------------------------------------

def _common_prefix(a: str, b: str, a0: int, a1: int, b0: int, b1: int) -> int:
    """Length of the common prefix of a[a0:a1] and b[b0:b1] (binary search on slices: C speed)."""
    lo, hi = 0, min(a1 - a0, b1 - b0)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[a0 + lo:a0 + mid] == b[b0 + lo:b0 + mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_suffix(a: str, b: str, a0: int, a1: int, b0: int, b1: int) -> int:
    lo, hi = 0, min(a1 - a0, b1 - b0)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[a1 - mid:a1 - lo] == b[b1 - mid:b1 - lo]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _units(text: str, a: int, b: int) -> List[Tuple[int, int]]:
    """text[a:b] cut into clause-sized units (after clause punctuation, at most CHUNK long)."""
    out = []
    pos = a
    for m in _UNIT_END.finditer(text, a, b):
        while m.end() - pos > CHUNK:
            out.append((pos, pos + CHUNK))
            pos += CHUNK
        out.append((pos, m.end()))
        pos = m.end()
    while b - pos > CHUNK:
        out.append((pos, pos + CHUNK))
        pos += CHUNK
    if pos < b:
        out.append((pos, b))
    return out


def char_groups(old: str, new: str, a0: int = 0, a1: Optional[int] = None,
                b0: int = 0, b1: Optional[int] = None) -> List[List[int]]:
    """The differing stretches [os, oe, ns, ne] of old[a0:a1] and new[b0:b1], in order: a
    character diff (rapidfuzz Indel) while the pair is small, piecewise above WORD_CELLS."""
    from rapidfuzz.distance import Indel
    a1 = len(old) if a1 is None else a1
    b1 = len(new) if b1 is None else b1
    p = _common_prefix(old, new, a0, a1, b0, b1)
    a0, b0 = a0 + p, b0 + p
    s = _common_suffix(old, new, a0, a1, b0, b1)
    a1, b1 = a1 - s, b1 - s
    if a0 == a1 and b0 == b1:
        return []
    if a0 == a1 or b0 == b1 or (a1 - a0) * (b1 - b0) <= WORD_CELLS:
        groups: List[List[int]] = []
        if a0 == a1 or b0 == b1:
            return [[a0, a1, b0, b1]]
        for tag, i1, i2, j1, j2 in Indel.opcodes(old[a0:a1], new[b0:b1]):
            if tag == "equal":
                continue
            i1, i2, j1, j2 = i1 + a0, i2 + a0, j1 + b0, j2 + b0
            if groups and groups[-1][1] == i1 and groups[-1][3] == j1:
                groups[-1][1], groups[-1][3] = i2, j2
            else:
                groups.append([i1, i2, j1, j2])
        return groups
    return _piecewise(old, new, a0, a1, b0, b1)


def _piecewise(old, new, a0, a1, b0, b1) -> List[List[int]]:
    """A long pair: units aligned exactly first, characters compared inside the gaps between them."""
    from doclint.diff.anchors import matching_blocks
    ua, ub = _units(old, a0, a1), _units(new, b0, b1)
    ids: dict = {}
    ka = [ids.setdefault(old[x:y], len(ids)) for x, y in ua]
    kb = [ids.setdefault(new[x:y], len(ids)) for x, y in ub]
    blocks, _ = matching_blocks(ka, kb)
    out: List[List[int]] = []
    pi = pj = 0
    for bi, bj, size in list(blocks) + [(len(ua), len(ub), 0)]:
        if bi > pi or bj > pj:
            x0 = ua[pi][0] if pi < len(ua) else a1
            x1 = ua[bi][0] if bi < len(ua) else a1
            y0 = ub[pj][0] if pj < len(ub) else b1
            y1 = ub[bj][0] if bj < len(ub) else b1
            if (x1 - x0) * (y1 - y0) <= WORD_CELLS and (x1 - x0, y1 - y0) != (a1 - a0, b1 - b0):
                out.extend(char_groups(old, new, x0, x1, y0, y1))
            else:
                out.append([x0, x1, y0, y1])
        pi, pj = bi + size, bj + size
    return out


# ---- words ---------------------------------------------------------------------

def _shift(old, new, groups, g, lex):
    """Put a pure insertion/deletion that could sit at several places (next to repeated
    characters: 尽享 + 、直达快享 vs 尽 + 享、直达快) where it starts and ends on word boundaries."""
    os_, oe, ns, ne = groups[g]
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
    if len(shifts) == 1:
        return
    bounds = set(_boundaries(text, max(0, a + min(shifts) - WINDOW),
                             min(len(text), b + max(shifts) + WINDOW), lex))

    def edge(x):  # 2 beside punctuation, 1 on a word boundary, else 0
        if (x > 0 and _PUNCT.match(text[x - 1])) or (x < len(text) and _PUNCT.match(text[x])):
            return 2
        return 1 if x in bounds or x in (0, len(text)) else 0
    best = max(shifts, key=lambda d: edge(a + d) + edge(b + d) - abs(d) / 1000)
    groups[g] = [os_ + best, oe + best, ns + best, ne + best]


def _region_boundaries(text: str, a: int, b: int, lex) -> List[int]:
    """Token boundaries around text[a:b]: the region with WINDOW characters on each side
    segmented at once; a long region (a piecewise diff's big stretch) only around its ends."""
    if b - a <= LONG_REGION:
        return _boundaries(text, max(0, a - WINDOW), min(len(text), b + WINDOW), lex)
    return (_boundaries(text, max(0, a - WINDOW), min(len(text), a + WINDOW), lex) +
            _boundaries(text, max(0, b - WINDOW), min(len(text), b + WINDOW), lex))


def _word_regions(old: str, new: str, user_words=()):
    """Changed regions widened to whole words on both sides.

    A character-level diff finds where the sentences differ; only a small
    window around each difference is segmented, and each region grows to the
    word boundaries around it on either side (by the same amount on both,
    since the text around a change is common to both). Equal to diffing the
    two token lists, at a fraction of the segmentation cost.
    """
    from doclint.text.lexicon import get_lexicon
    lex = get_lexicon(user_words)
    groups = char_groups(old, new)
    for g, (os_, oe, ns, ne) in enumerate(groups):
        if (os_ == oe) != (ns == ne):
            _shift(old, new, groups, g, lex)
    out: List[list] = []
    for g, (os_, oe, ns, ne) in enumerate(groups):
        # The unchanged runs around the group are the same text on both sides;
        # widening stays inside them, so it can be the same on both sides.
        run_before = os_ - groups[g - 1][1] if g else os_
        run_after = (groups[g + 1][0] if g + 1 < len(groups) else len(old)) - oe
        bo = _region_boundaries(old, os_, oe, lex)
        bn = _region_boundaries(new, ns, ne, lex)
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


def _number_spans(text: str, a: int, b: int) -> List[Tuple[int, int]]:
    """Number and date tokens of `text` overlapping [a, b), or touching it when it is empty."""
    lo, hi = max(0, a - 24), min(len(text), b + 24)
    if a == b:
        return [m.span() for m in _NUMBER.finditer(text, lo, hi) if m.start() <= a <= m.end()]
    return [m.span() for m in _NUMBER.finditer(text, lo, hi) if m.start() < b and m.end() > a]


def _whole_numbers(old: str, new: str, raw: List[list]) -> List[list]:
    """Each edit that changes part of a number or date grows to the whole token on both sides (by
    the same amount on both: the text around an edit is common to both sides). Returns the edits
    with a fifth item, True for the ones that involve numbers."""
    out: List[list] = []
    for k, (os_, oe, ns, ne) in enumerate(raw):
        to = _number_spans(old, os_, oe)
        tn = _number_spans(new, ns, ne)
        # An edit beside a number (2025年|加强 → 2025年|强化) leaves it alone: at least one
        # non-empty side must change characters of a number; a width-only edit (5.5%→5.5％) too.
        if not ((oe > os_ and to) or (ne > ns and tn)) or _is_width(old, new, (os_, oe, ns, ne)):
            out.append([os_, oe, ns, ne, False])
            continue
        left = max([os_ - s for s, _ in to] + [ns - s for s, _ in tn] + [0])
        right = max([e - oe for _, e in to] + [e - ne for _, e in tn] + [0])
        prev_o, prev_n = (out[-1][1], out[-1][3]) if out else (0, 0)
        next_o = raw[k + 1][0] if k + 1 < len(raw) else len(old)
        next_n = raw[k + 1][2] if k + 1 < len(raw) else len(new)
        left = min(left, os_ - prev_o, ns - prev_n)
        right = min(right, next_o - oe, next_n - ne)
        e = [os_ - left, oe + right, ns - left, ne + right, True]
        if out and e[0] <= out[-1][1] and e[2] <= out[-1][3]:
            out[-1][1], out[-1][3], out[-1][4] = e[1], e[3], True
        else:
            out.append(e)
    return out


def _split_width(old: str, new: str, e: list) -> List[list]:
    """An edit whose leading or trailing characters differ only in width: those apart."""
    os_, oe, ns, ne, num = e
    if oe - os_ < 2 or ne - ns < 2:
        return [e]
    k = 0
    while os_ + k < oe and ns + k < ne and old[os_ + k] != new[ns + k] and \
            fold_width(old[os_ + k]) == fold_width(new[ns + k]):
        k += 1
    if 0 < k < min(oe - os_, ne - ns):
        return [[os_, os_ + k, ns, ns + k, False]] + _split_width(old, new, [os_ + k, oe, ns + k, ne, num])
    k = 0
    while oe - k > os_ and ne - k > ns and old[oe - k - 1] != new[ne - k - 1] and \
            fold_width(old[oe - k - 1]) == fold_width(new[ne - k - 1]):
        k += 1
    if 0 < k < min(oe - os_, ne - ns):
        return [[os_, oe - k, ns, ne - k, num], [oe - k, oe, ne - k, ne, False]]
    return [e]


def _plain_edits(old: str, new: str, user_words=()) -> List[WordEdit]:
    raw = []
    for os_, oe, ns, ne in _word_regions(old, new, user_words):
        os_, oe, ns, ne = _trim(old, new, os_, oe, ns, ne)
        if os_ == oe and ns == ne:
            continue
        raw.extend(_refine(old, new, os_, oe, ns, ne))
    pieces = []
    for e in _whole_numbers(old, new, raw):
        pieces.extend(_split_width(old, new, e))
    # Merge edits separated by a short unchanged stretch that holds punctuation
    # (加强，提高 → 强化，提升 is one edit; trimming may leave a character of a
    # changed word beside the comma, as in "，提"); width-only edits stay apart.
    merged: List[list] = []
    for e in pieces:
        width = _is_width(old, new, e)
        if merged:
            p = merged[-1]
            gap_old, gap_new = old[p[1]:e[0]], new[p[3]:e[2]]
            if gap_old == gap_new and len(gap_old) <= MERGE_GAP and _PUNCT.search(gap_old) \
                    and not width and not _is_width(old, new, p):
                p[1], p[3], p[4] = e[1], e[3], p[4] or e[4]
                continue
        merged.append(list(e))
    return [_make(old, new, *e[:4], kind="number" if e[4] and not _is_width(old, new, e) else None)
            for e in merged]


def _is_width(old, new, e) -> bool:
    a, b = old[e[0]:e[1]], new[e[2]:e[3]]
    return a != b and fold_width(a) == fold_width(b)


# ---- clauses moved inside a sentence ----------------------------------------------

def _clause_bodies(text: str) -> List[Tuple[int, int]]:
    """Clauses between ，；、 without the sentence's closing punctuation (。！？ and quotes)."""
    out = []
    pos = 0
    for m in _CLAUSE_SEP.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    end = len(text)
    while end > pos and text[end - 1] in _CLOSING:
        end -= 1
    out.append((pos, end))
    return [(a, b) for a, b in out if b - a >= MIN_CLAUSE]


def _shared_clauses(old: str, new: str):
    """(old start, new start, length) of clause bodies of either sentence found exactly once in each;
    None when a sentence has too many clauses to search."""
    shared = set()
    for text, other, first in ((old, new, True), (new, old, False)):
        bodies = _clause_bodies(text)
        if len(bodies) > MAX_CLAUSES:
            return None
        for a, b in bodies:
            body = text[a:b]
            if text.count(body) == 1 and other.count(body) == 1:
                k = other.find(body)
                shared.add((a, k, b - a) if first else (k, a, b - a))
    return sorted(shared)


def _heaviest_chain(pairs):
    """The pairs (sorted) forming the heaviest chain (by length) increasing and not overlapping on
    both sides: quadratic in a few dozen clauses."""
    best = [p[2] for p in pairs]
    prev = [-1] * len(pairs)
    for x, (i, j, n) in enumerate(pairs):
        for y in range(x):
            pi, pj, pn = pairs[y]
            if pi + pn <= i and pj + pn <= j and best[y] + n > best[x]:
                best[x], prev[x] = best[y] + n, y
    x = max(range(len(pairs)), key=lambda t: best[t])
    keep = []
    while x >= 0:
        keep.append(pairs[x])
        x = prev[x]
    return keep


def _overlap(p, q) -> bool:
    return p[0] < q[0] + q[2] and q[0] < p[0] + p[2] or p[1] < q[1] + q[2] and q[1] < p[1] + p[2]


def clause_moves(old: str, new: str) -> List[Tuple[int, int, int]]:
    """(old start, new start, length) of clauses that moved inside the sentence.

    Shared clauses are the clause bodies (between ，；、) of either sentence,
    at least MIN_CLAUSE characters, found exactly once in each sentence; the
    heaviest chain of them in the same order on both sides stays in place, and
    the others (crossing it, and overlapping none of it) moved.
    """
    if not (_CLAUSE_SEP.search(old) and _CLAUSE_SEP.search(new)):
        return []
    pairs = _shared_clauses(old, new)
    if not pairs or len(pairs) < 2:
        return []
    keep = _heaviest_chain(pairs)
    moved = [p for p in pairs if p not in keep and not any(_overlap(p, q) for q in keep)]
    out: List[Tuple[int, int, int]] = []
    for p in sorted(moved, key=lambda p: -p[2]):
        if not any(_overlap(p, q) for q in out):
            out.append(p)
    return sorted(out)


def _cut_options(text: str, start: int, length: int) -> List[Tuple[int, int]]:
    """Where a moved clause can be cut out with a separator: with the one after it, with the one
    before it (a clause that ends a list takes the separator in front), or bare."""
    end = start + length
    out = []
    if end < len(text) and _CLAUSE_SEP.match(text, end):
        out.append((start, end + 1))
    if start > 0 and _CLAUSE_SEP.match(text, start - 1):
        out.append((start - 1, end))
    return out or [(start, end)]


def _best_cuts(old: str, new: str, moves) -> Tuple[List[Tuple[int, int]], List[Tuple[int, int]]]:
    """The cuts (one per moved clause and side) leaving the two rests closest to each other."""
    from itertools import product
    from rapidfuzz.distance import Indel
    opts_o = [_cut_options(old, i, n) for i, _, n in moves]
    opts_n = [_cut_options(new, j, n) for _, j, n in moves]
    if len(moves) > 3 or len(old) * len(new) > WORD_CELLS:
        return [o[0] for o in opts_o], [o[0] for o in opts_n]
    best = None
    for cuts_o in product(*opts_o):
        for cuts_n in product(*opts_n):
            d = Indel.distance(_remove(old, list(cuts_o))[0], _remove(new, list(cuts_n))[0])
            if best is None or d < best[0]:
                best = (d, list(cuts_o), list(cuts_n))
    return best[1], best[2]


def _remove(text: str, spans: List[Tuple[int, int]]):
    """(text without the spans, [(position in the result, removed length)])."""
    parts, cuts, pos, out_len = [], [], 0, 0
    for a, b in sorted(spans):
        parts.append(text[pos:a])
        out_len += a - pos
        cuts.append((out_len, b - a))
        pos = b
    parts.append(text[pos:])
    return "".join(parts), cuts


def _lo(pos, cuts):
    return pos + sum(n for p, n in cuts if p < pos)


def _hi(pos, cuts):
    return pos + sum(n for p, n in cuts if p <= pos)


def _across(p: int, edits: List[WordEdit]) -> Optional[int]:
    """The position in the other skeleton matching skeleton position p, or None inside an edit."""
    delta = 0
    for e in edits:
        if p <= e.old_start:
            break
        if p < e.old_end:
            return None
        if p == e.old_end:
            return e.new_end
        delta = e.new_end - e.old_end
    return p + delta


def _with_clause_moves(old: str, new: str, moves, user_words) -> Optional[List[WordEdit]]:
    spans_o, spans_n = _best_cuts(old, new, moves)
    skel_o, cuts_o = _remove(old, spans_o)
    skel_n, cuts_n = _remove(new, spans_n)
    base = _plain_edits(skel_o, skel_n, user_words) if skel_o != skel_n else []
    back = [WordEdit(e.op, e.new_start, e.new_end, e.old_start, e.old_end, e.new, e.old) for e in base]
    out = []
    for e in base:
        os_, oe = (_hi(e.old_start, cuts_o), _hi(e.old_end, cuts_o)) if e.old_start == e.old_end else \
            (_hi(e.old_start, cuts_o), _lo(e.old_end, cuts_o))
        ns, ne = (_hi(e.new_start, cuts_n), _hi(e.new_end, cuts_n)) if e.new_start == e.new_end else \
            (_hi(e.new_start, cuts_n), _lo(e.new_end, cuts_n))
        out.append(_make(old, new, os_, oe, ns, ne, kind=e.kind))
    order = sorted(range(len(moves)), key=lambda k: spans_n[k])
    for number, k in enumerate(order, 1):
        (a, b), (c, d) = spans_o[k], spans_n[k]
        p_o = a - sum(y - x for x, y in spans_o if x < a)        # skeleton position of the cut
        p_n = c - sum(y - x for x, y in spans_n if x < c)
        q_n, q_o = _across(p_o, base), _across(p_n, back)
        if q_n is None or q_o is None:
            return None
        out.append(_make(old, new, a, b, _lo(q_n, cuts_n), _lo(q_n, cuts_n), move=number))
        out.append(_make(old, new, _hi(q_o, cuts_o), _hi(q_o, cuts_o), c, d, move=number))
    out.sort(key=lambda e: (e.old_start, e.new_start, e.old_end, e.new_end))
    return out if _valid(old, new, out) else None


def _valid(old: str, new: str, edits: List[WordEdit]) -> bool:
    pos_o = pos_n = 0
    for e in edits:
        if e.old_start < pos_o or e.new_start < pos_n or old[pos_o:e.old_start] != new[pos_n:e.new_start]:
            return False
        pos_o, pos_n = e.old_end, e.new_end
    return old[pos_o:] == new[pos_n:]


def word_edits(old: str, new: str, user_words=()) -> List[WordEdit]:
    """Edits turning `old` into `new`, on word tokens, trimmed and merged; moved clauses apart."""
    if old == new:
        return []
    moves = clause_moves(old, new)
    if moves:
        got = _with_clause_moves(old, new, moves, user_words)
        if got is not None:
            return got
    return _plain_edits(old, new, user_words)


def apply_edits(old: str, new: str, edits: List[WordEdit]) -> str:
    """Rebuild `new` from `old` and the edits (used by tests as an invariant)."""
    out, pos = [], 0
    for e in edits:
        out.append(old[pos:e.old_start])
        out.append(new[e.new_start:e.new_end])
        pos = e.old_end
    out.append(old[pos:])
    return "".join(out)
