"""DL6 consistency: counts that do not match their lists, passages pasted twice, one body named two ways.

DL601 count-mismatch
    A stated count introduces a list: “抓好以下四项工作：一是…二是…三是…”, “六个一批”
    after six “…一批” items, “下面，我讲三点意见。” before headings 一、二、三、. The list
    that belongs to a count is the one whose first item (一是, 一要, 第一，, （一）, 一、,
    1., （1）) comes right after the colon, inline or at the start of the next paragraph.
    Items are followed in order (二, 三, …) within the paragraph, then into following
    paragraphs: for an inline list, while paragraphs start with the next item; for a list of
    paragraph items, until a heading of a higher level or a restart. When the list restarts
    at 一 before the stated count is reached (a nested list), the count is not judged.
DL602 repeated-passage
    A sentence of at least `min_chars` characters repeated nearly verbatim (rapidfuzz ratio
    >= `min_ratio`) later in the same document; consecutive repeated sentences are reported
    as one passage. Short formulaic sentences are below the length threshold, which is
    measured after removing the slogans listed in dictionaries/formulaic_phrases.txt.
DL603 inconsistent-name
    The same body written with two short forms (市发改委 / 市发展改革委), from
    dictionaries/org_aliases.txt; reported at info.
"""
from __future__ import annotations

from array import array
from collections import Counter, defaultdict, deque
from itertools import chain, compress
from functools import lru_cache
from typing import Dict, List, Optional, Tuple

import regex

from doclint.text import numerals, rx
from doclint.text.markers import LIST_FAMILIES, item_at_start

from doclint.model.finding import Fix, Issue
from doclint.engine.registry import check

# ---------------------------------------------------------------- numbers
def cn_number(s: str) -> Optional[int]:
    """Value of a small count or item number (一..九十九, 两, digits); None if malformed."""
    return numerals.parse(s)


# ---------------------------------------------------------------- list markers
# A stated count just before a colon: 以下四项工作： 三个方面： 两件大事：
_COUNT = rx.compile(
    r"(?<![0-9０-９第一二三四五六七八九十百千万两几多余])"
    r"(?P<num>[两二三四五六七八九]|十[一二三四五六七八九]?|[一二三四五六七八九]十[一二三四五六七八九]?|[0-9]{1,2})"
    r"\s*(?P<cls>个方面|方面|个部分|部分|个问题|个|项|点|条|件|种|类|大|句话|层意思|批|步|招)"
    r"(?P<noun>[^，。；：:！？\n“”（）()、]{0,10}?)"
    r"[”’」』]?"  # a quoted count is a count too: 坚持“五个一批”：…
    r"(?P<end>[：:]|(?<=(?:意见|问题|方面|看法|想法|要求|体会)[”’」』]?)[。，])")
# What every count ends with (_COUNT's `end`, its look-behind word included): paragraphs
# without one are skipped unscanned (three in four; _COUNT is slow to fail on prose).
_COUNT_END = rx.compile(r"[：:]|(?:意见|问题|方面|看法|想法|要求|体会)[”’」』]?[。，]")
# “六个一批”: a quoted count whose items share its last word.
_SLOGAN = rx.compile(r"“(?P<num>[两二三四五六七八九十]{1,3})个(?P<x>\p{Han}{1,4})”")


def _markers(text: str, start: int, end: int, fam) -> List[Tuple[int, int]]:
    """(offset, number) of the items of family `fam` in text[start:end]."""
    out = []
    for m in fam.pattern.finditer(text, start, end):
        n = cn_number(m.group("n"))
        if n is not None:
            out.append((m.start("n"), n))
    return out


def _first_marker(text: str, pos: int, limit: int):
    """The family whose item 1 starts within `limit` characters after pos (same paragraph)."""
    best = None
    for fam in LIST_FAMILIES:
        for m in fam.pattern.finditer(text, pos, min(len(text), pos + limit + 4)):
            if m.start("n") - pos > limit + 1:
                break
            if cn_number(m.group("n")) == 1 and (best is None or m.start() < best[1]):
                best = (fam, m.start())
            break
    return best[0] if best else None


def _chain(markers, k=0):
    """Continue a run of items k+1, k+2 …: (new k, offset of the last item or None, restarted)."""
    last = None
    for off, n in markers:
        if n == k + 1 or (k >= 1 and k + 1 < n <= k + 2):
            k += 1  # the next item; a skipped number (一、二、四) is a numbering error, not a missing item
            last = off
        elif n == 1 and k >= 1:
            return k, last, True
        elif n == k:
            continue  # the same number twice: a nested or quoted list, keep going
        else:
            return k, last, False
    return k, last, False


# Words after the last numbered item that introduce more, unnumbered items.
_MORE = rx.compile(r"还有|此外|另外|另一|再就是|最后|其次|其余|同时还")


def _resumes(paras, text, pos, fam, k, window=60):
    """Whether item k+1 of `fam` starts a paragraph after pos (before a restart at 1)."""
    seen = 0
    for p in paras:
        if p.start < pos:
            continue
        seen += 1
        if seen > window:
            break
        h = item_at_start(p.text)
        if h is not None and h[0] is fam:
            if h[1] == k + 1:
                return True
            if h[1] == 1:
                return False
    return False


# complexity: follows one list through its inline and paragraph forms; the precision issue rewrites DL601
def count_lists(doc, matching: bool = False):
    """Yield (count_start, count_end, stated, listed, family_name) for every count whose list
    does not match it (and, with `matching`, also those that match)."""
    text = doc.text
    paras = doc.paragraphs
    for pi, para in enumerate(paras):
        if not _COUNT_END.search(text, para.start, para.end):
            continue
        for m in _COUNT.finditer(text, para.start, para.end):
            stated = cn_number(m.group("num"))
            if stated is None or stated < 2:
                continue
            if m.group("cls") == "大" and not m.group("noun"):
                continue
            after = m.end()
            if text[after:para.end].strip():
                fam = _first_marker(text, after, 3)
                if fam is None:
                    continue
                k, last, restarted = _chain(_markers(text, after, para.end, fam))
                scope_end = para.end
                # continue into following paragraphs that start with the next item
                q = pi + 1
                while not restarted and q < len(paras):
                    head = item_at_start(paras[q].text)
                    if head is None or head[0] is not fam or not (k + 1 <= head[1] <= k + 2):
                        break
                    ps = paras[q].start
                    marks = [(ps, head[1])] + [mk for mk in _markers(text, ps, paras[q].end, fam) if mk[0] > ps + 3]
                    k, l2, restarted = _chain(marks, k)
                    last = l2 if l2 is not None else last
                    scope_end = paras[q].end
                    q += 1
            else:
                if pi + 1 >= len(paras):
                    continue
                head = item_at_start(paras[pi + 1].text)
                if head is None or head[1] != 1:
                    continue
                fam = head[0]
                k, last, restarted = 0, None, False
                scope_end = paras[pi + 1].end
                for q in range(pi + 1, len(paras)):
                    h = item_at_start(paras[q].text)
                    if h is not None:
                        hf, n = h
                        if hf is fam:
                            if n == k + 1 or (k >= 1 and k + 1 < n <= k + 2):
                                k += 1
                                last = paras[q].start
                                scope_end = paras[q].end
                                continue
                            restarted = n == 1
                            break
                        if hf.level < fam.level or (fam.level == 4 and hf.level < 4):
                            break  # a heading of a higher level ends the list
                    scope_end = paras[q].end  # a paragraph of the current item
            if restarted and k < stated:
                continue
            if k < stated and last is not None and _MORE.search(text, last + 2, scope_end):
                continue
            if k < stated and _resumes(paras, text, scope_end, fam, k):
                continue
            if k >= 2 and (k != stated or matching):
                yield m.start(), m.end("noun"), stated, k, fam.name


def slogan_lists(doc, matching: bool = False):
    """Yield (start, end, stated, listed) for “六个一批”-style counts whose adjacent items do
    not match the count (and, with `matching`, also those that match)."""
    text = doc.text
    for m in _SLOGAN.finditer(text):
        stated = cn_number(m.group("num"))
        x = m.group("x")
        if stated is None or stated < 2 or len(x) < 2:
            continue
        # items before the quote: …A一批、B一批、C一批“六个一批”
        before = text[max(0, m.start() - 40 * stated):m.start()]
        clause = regex.split(r"[，。；：！？\n,;:]", before)[-1]
        items = clause.split("、")
        count_before = 0
        for it in reversed(items):
            if it.endswith(x) and len(it) > len(x):
                count_before += 1
            else:
                break
        # items after the quote: “五个一批”：A一批、B一批 or “五个一批”（A一批、…）
        rest = text[m.end():m.end() + 40 * stated]
        am = regex.match(r"\s*(?:[：:]|[（(]|，即|即)", rest)
        count_after = 0
        if am:
            body = regex.split(r"[。；）)\n]", rest[am.end():])[0]
            for it in body.split("、"):
                it = regex.split(r"[，,]", it)[0] if it is body.split("、")[-1] else it
                if x in it and len(it) > len(x):
                    count_after += 1
                else:
                    break
        listed = max(count_before, count_after)
        if listed >= 2 and (listed != stated or matching) and (count_before == 0 or count_after == 0):
            yield m.start(), m.end(), stated, listed


@check(
    code="DL601", name="count-mismatch", severity="warning",
    summary={"zh": "数目与所列项不符（“五个一批”列了六项；“四项工作”只有一是至三是）",
             "en": "Stated count does not match the items listed (“五个一批” with six items)"},
    description={
        "zh": "核对“以下四项工作：一是…三是”“下面我讲三点意见”“六个一批”一类说法中的数目与后面（或前面）"
              "实际列出的项数。所属列表按紧跟冒号的第一项（一是、一要、第一，、（一）、一、、1.、（1））确定，"
              "依次往后数；遇到嵌套列表重新从“一”开始且未数到所述数目时不作判断。",
        "en": "Checks the number in phrases such as “以下四项工作：一是…三是”, “下面我讲三点意见” and "
              "“六个一批” against the items actually listed. The list is the one whose first item (一是, 一要, "
              "第一，, （一）, 一、, 1., （1）) follows the colon; items are followed in order. When a nested "
              "list restarts at 一 before the stated count is reached, the count is not judged."},
    wrong="今年要抓好四项工作：一是稳投资；二是促消费；三是保就业。",
    right="今年要抓好三项工作：一是稳投资；二是促消费；三是保就业。",
)
def count_mismatch(doc, ctx):
    for s, e, stated, listed, fam in count_lists(doc):
        yield Issue(s, e,
                    f"所述数目与所列项不符：“{doc.text[s:e]}”，后面按“{fam}”实际列了{numerals.count_word(listed)}项",
                    f"count does not match the list: “{doc.text[s:e]}” says {stated}, "
                    f"but {listed} items follow (numbered like “{fam}”)")
    for s, e, stated, listed in slogan_lists(doc):
        yield Issue(s, e,
                    f"所述数目与所列项不符：“{doc.text[s + 1:e - 1]}”，实际列了{numerals.count_word(listed)}项",
                    f"count does not match the list: “{doc.text[s + 1:e - 1]}” ({stated}), "
                    f"but {listed} items are listed")


# ---------------------------------------------------------------- DL602
_NORM = rx.compile(r"[^\p{Han}\p{L}\p{N}]+")
# Field lines of task tables and notices (牵头单位：… 完成时限：… 联系人：…) repeat by design.
_FIELD = rx.compile(r"^[\p{Han}（）()]{0,8}(?:单位|部门|时限|时间|联系人|联系方式|电话|邮箱|地址|责任人|负责人)\s*[：:]")


@lru_cache(maxsize=16)
def _formulaic(lines: Tuple[str, ...], source: str = "formulaic_phrases", from_config: bool = True):
    """One regex for the formulaic phrases (None when there are none). With phrases from a config
    it runs with a timeout (rx.guarded); the built-in ones alone run as they are (a guarded call
    per sentence cost ~5% of a whole check)."""
    from doclint.errors import ConfigError, entry_problem
    pats = [ln.strip() for ln in lines if ln.strip()]
    if not pats:
        return None
    try:
        return rx.guarded(rx.compile("|".join(f"(?:{p})" for p in pats)), source if from_config else None, pats)
    except regex.error as exc:   # the reason and position, never the entry's text (it may be anything)
        raise ConfigError(source, *entry_problem(exc, "formulaic_phrases 词典条目有误", "bad formulaic_phrases entry",
                                                 position=False))


# Above this many characters of candidate sentences DL602 reports exact
# repeats only (one hash per sentence). The segment index below grows
# linearly, but the limit is kept: it decides what very large inputs report.
FUZZY_LIMIT = 2_000_000


def _exact_copies(keys: List[str]) -> Dict[int, Tuple[int, float]]:
    """{later: (first, 100.0)} for every sentence identical to an earlier one."""
    first: Dict[str, int] = {}
    out = {}
    for j, k in enumerate(keys):
        i = first.setdefault(k, j)
        if i != j:
            out[j] = (i, 100.0)
    return out


SEGMENT = 5   # longest segment indexed; shorter only where a sentence needs more pieces
# A piece indexed by more sentences than this (a phrase of every row of a long form)
# keeps only the latest MAX_POSTING: scoring every sentence it hits would make such a
# text quadratic.
MAX_POSTING = 400


def _max_distance(length: int, cutoff: float) -> int:
    """The largest Indel distance between a sentence of `length` and any partner within `cutoff`.

    ratio >= cutoff means distance <= slack * (la + lb), and partners are at most
    200 * la / cutoff - la long (the length test), so distance <= slack * 200 * la / cutoff.
    The 1e-6 takes in float rounding below a whole bound (one more edit would cost the
    ratio 100 / (la + lb), far more than rounding)."""
    return int((1.0 - cutoff / 100.0) * length * 200.0 / cutoff + 1e-6)


def _segment_length(length: int, pieces: int) -> int:
    """The longest segment (at most SEGMENT) that cuts `length` characters into `pieces` or more; 0 if none."""
    return min(SEGMENT, length // pieces)


_BUCKETS = 1 << 16


def _piece_counts(keys: List[str], seg: List[int]) -> array:
    """Pieces per hash bucket: a piece's rarity (a collision only makes a piece look commoner).

    A fixed array instead of a Counter of the pieces: 256 KB whatever the text's size."""
    counts = array("I", bytes(4 * _BUCKETS))
    mask = _BUCKETS - 1
    for k, L in zip(keys, seg):
        if L:
            for p in range(0, len(k) - L + 1, L):
                counts[hash(k[p:p + L]) & mask] += 1
    return counts


def _candidates(k: str, lengths: List[int], index: Dict[str, object], dist: List[int]) -> set:
    """The indexed sentences one of whose pieces occurs in k, shifted by at most their distance."""
    cands = set()
    get = index.get
    for L in lengths:
        # one lookup per substring; map() and compress() keep the loop over misses (most) in C
        found = list(map(get, [k[t:t + L] for t in range(len(k) - L + 1)]))
        for t in compress(range(len(found)), found):
            hits = found[t]
            for code in (hits,) if type(hits) is int else hits:
                i = (code >> 32) - 1
                if abs(t - (code & 0xFFFFFFFF)) <= dist[i]:
                    cands.add(i)
    return cands


def _first_copies(keys: List[str], cutoff: float) -> Dict[int, Tuple[int, float]]:
    """{j: (i, score)}: for each sentence j the first earlier i whose rapidfuzz ratio >= cutoff.

    Pigeonhole on disjoint segments: cut sentence i into pieces of L characters
    (its last few characters may be left over). One insertion or deletion breaks
    at most one piece, and a partner j within the ratio is at most d = _max_distance
    edits away, so any d + 1 of i's pieces include one that occurs verbatim in j,
    shifted by at most d. Only the d + 1 rarest pieces of i are indexed; every
    L-character substring of each later sentence is looked up, and the sentences
    it hits (with the shift and length in range) are scored in order until one is
    within the ratio. Time and memory grow with the text, not with pairs of
    sentences (unless one piece is everywhere). A sentence identical to an
    earlier one takes the earlier one's answer (anything within the ratio of one
    is within it of the other, and the earlier one is nearer the start). A
    sentence too short to cut into d + 1 pieces is scored against every later one.
    Empty keys are never paired. tests/checks/test_repeated_passage.py compares
    the result with scoring every pair. The one loss: a piece indexed more than
    MAX_POSTING times keeps only its latest sentences, so a copy whose only surviving
    indexed pieces are such phrases can be missed or matched to a later copy (never on
    the shared corpora; the q-gram index this replaced skipped q-grams of more than
    400 sentences).
    """
    out: Dict[int, Tuple[int, float]] = {}
    if cutoff > 100.0:
        return out
    first: Dict[str, int] = {}
    dist = [_max_distance(len(k), cutoff) for k in keys]
    seg = [_segment_length(len(k), dist[i] + 1) for i, k in enumerate(keys)]
    lengths = sorted({s for s in seg if s})
    counts, mask = _piece_counts(keys, seg), _BUCKETS - 1
    index: Dict[str, object] = {}   # piece -> (i + 1) << 32 | its offset in sentence i (a list if several)
    unsplit: List[int] = []         # sentences compared with every later one
    for j, k in enumerate(keys):
        if not k:
            continue  # no text left to compare
        i0 = first.setdefault(k, j)
        if i0 != j:
            out[j] = out.get(i0, (i0, 100.0))
            continue
        lb = len(k)
        got = _first_within(keys, sorted(_candidates(k, lengths, index, dist).union(unsplit)), k, cutoff)
        if got is not None:
            out[j] = got
        L = seg[j]
        if not L:
            unsplit.append(j)
            continue
        pieces = sorted(range(0, lb - L + 1, L), key=lambda p: counts[hash(k[p:p + L]) & mask])
        for p in pieces[:dist[j] + 1]:
            _index(index, k[p:p + L], (j + 1) << 32 | p)   # never 0 (compress)
    return out


def _first_within(keys: List[str], cands: List[int], k: str, cutoff: float) -> Optional[Tuple[int, float]]:
    """(i, score) of the first candidate (in order) within the ratio of k and the length test, or None."""
    if not cands:
        return None       # most sentences: and a draft with no candidate never imports rapidfuzz
    from rapidfuzz import fuzz, process
    lb = len(k)
    if len(cands) > 16:   # many (a long form's rows): rapidfuzz's own loop keeps those within the ratio
        hits = process.extract(k, [keys[i] for i in cands], scorer=fuzz.ratio, score_cutoff=cutoff, limit=None)
        cands = sorted(cands[h[2]] for h in hits)
    for i in cands:
        la = len(keys[i])
        if 200.0 * min(la, lb) / (la + lb) >= cutoff:
            r = fuzz.ratio(keys[i], k, score_cutoff=cutoff)
            if r:
                return i, r
    return None


def _index(index: Dict[str, object], piece: str, code: int) -> None:
    """Add one occurrence: a single code, a list of them, from MAX_POSTING on a window of the latest."""
    hits = index.setdefault(piece, code)
    if hits is code:
        return
    if type(hits) is int:
        index[piece] = [hits, code]
    elif type(hits) is list and len(hits) >= MAX_POSTING:
        index[piece] = deque(hits, MAX_POSTING)
        index[piece].append(code)
    else:
        hits.append(code)


# complexity: q-gram index, pigeonhole probes and the scoring loop of one algorithm;
# tests/checks/test_repeated_passage.py compares it with the exhaustive reference
def _similar_pairs(keys: List[str], cutoff: float, q: int = 4, max_posting: int = 400):
    """(i, j, score) for i < j whose rapidfuzz ratio >= cutoff (used below PIECE_CUTOFF).

    Candidates come from an index of character q-grams: an insertion or deletion
    destroys at most q of a string's q-grams, so two strings within the ratio share
    most of theirs. Only pairs sharing enough (not too common) q-grams are scored,
    which keeps long documents far from quadratic.

    Sentence i's partner j must share `need` of i's kept q-grams (kept: q-grams
    in at most max_posting sentences). Shared q-grams occur in two sentences or
    more, so a sentence with fewer such q-grams than `need` has no partner
    (most sentences; decided from set sizes alone). For the others, a partner
    shares at least one of any len(kept) - need + 1 kept q-grams (pigeonhole):
    those are taken rarest first (fewest candidates), only they are indexed,
    and the shared count is then checked exactly. The pairs are the ones counting every posting
    would give (tests/checks/test_repeated_passage.py compares the two).
    """
    from rapidfuzz import fuzz
    grams = [{k[p:p + q] for p in range(len(k) - q + 1)} for k in keys]
    seen: set = set()
    repeated: set = set()          # q-grams in two or more sentences
    for gs in grams:
        repeated |= gs & seen
        seen |= gs
    del seen
    reps = [gs & repeated for gs in grams]
    count = Counter(chain.from_iterable(reps))   # sentences per repeated q-gram
    slack = 1.0 - cutoff / 100.0
    probes = {}
    wanted: set = set()
    for i, k in enumerate(keys):
        gs, rep_all = grams[i], reps[i]
        la = len(k)
        # largest Indel distance allowed against any partner long enough to qualify
        dmax = int(slack * la * 200.0 / cutoff) + 1
        # n_probe_rep below is at most len(rep_all) - len(gs) + q*dmax + 1
        if len(rep_all) - len(gs) + q * dmax + 1 <= 0:
            continue
        # rarest first (ties in any order: every subset of the right size works)
        rep = sorted(rep_all, key=count.__getitem__)
        too_common = [g for g in rep if count[g] > max_posting]
        rep_kept = [g for g in rep if count[g] <= max_posting] if too_common else rep
        n_kept = len(gs) - len(too_common)
        need = max(1, len(gs) - q * dmax - len(too_common))
        if need > n_kept:
            continue  # no sentence can share `need` of them
        # the probe: the n_kept - need + 1 rarest kept q-grams; the ones in
        # sentence i only come first and give no candidates
        n_probe_rep = (n_kept - need + 1) - (n_kept - len(rep_kept))
        if n_probe_rep <= 0:
            continue
        probe = rep_kept[:n_probe_rep]
        probes[i] = (probe, need, too_common)
        wanted.update(probe)
    if not probes:
        return []
    index: Dict[str, List[int]] = defaultdict(list)
    for j, rep_all in enumerate(reps):
        for g in rep_all & wanted:
            index[g].append(j)
    out = []
    for i, (probe, need, too_common) in probes.items():
        k = keys[i]
        la = len(k)
        gs = grams[i]
        cands = {j for g in probe for j in index[g] if j > i}
        common = set(too_common)
        for j in sorted(cands):
            lb = len(keys[j])
            if 200.0 * min(la, lb) / (la + lb) < cutoff:
                continue
            gj = grams[j]
            if len(gs & gj) - (len(common & gj) if common else 0) < need:
                continue
            r = fuzz.ratio(k, keys[j], score_cutoff=cutoff)
            if r:
                out.append((i, j, r))
    return out


# From this ratio down, pieces would be one or two characters long, shared by half the
# sentences: counting q-grams (_similar_pairs, the earlier design) is then faster.
PIECE_CUTOFF = 88.0


def _copies_by_qgrams(keys: List[str], cutoff: float) -> Dict[int, Tuple[int, float]]:
    """_first_copies' answer from _similar_pairs (every pair, the first kept); keys shorter
    than a q-gram (4 characters, only with min_chars below 4) are never paired."""
    out: Dict[int, Tuple[int, float]] = {}
    for i, j, r in _similar_pairs(keys, cutoff):
        if j not in out or i < out[j][0]:
            out[j] = (i, r)
    return out


def _copies(keys: List[str], cutoff: float) -> Dict[int, Tuple[int, float]]:
    """{later: (first earlier copy, score)} by the search that suits the size and the ratio."""
    if sum(map(len, keys)) > FUZZY_LIMIT:
        return _exact_copies(keys)
    if cutoff >= PIECE_CUTOFF:
        return _first_copies(keys, cutoff)
    return _copies_by_qgrams(keys, cutoff)


@check(
    code="DL602", name="repeated-passage", severity="warning",
    summary={"zh": "重复粘贴的句子或段落", "en": "Sentence or passage repeated (pasted twice)"},
    description={
        "zh": "查找同一文档中几乎逐字重复的较长句子（默认去掉标点后不少于 25 字、相似度不低于 95%），"
              "连续重复的句子合并为一段报告，指出与前文哪一行重复。公文中常见的短套话不在长度范围内（计算长度时先去掉词典 formulaic_phrases 中的套话）；"
              "任务分解表中的“牵头单位：”“完成时限：”“联系人：”等字段行本就重复，不报告。",
        "en": "Finds long sentences (by default at least 25 characters without punctuation, similarity at "
              "least 95%) repeated nearly verbatim in the same document; consecutive repeated sentences are "
              "reported as one passage, pointing to the line of the first copy. Short formulaic sentences "
              "are below the length threshold (formulaic phrases from the dictionary formulaic_phrases are "
              "removed before measuring); field lines of task tables (牵头单位：, 完成时限：, 联系人：) "
              "repeat by design and are not reported."},
    wrong="深化商事制度改革，进一步简化注册资本登记，逐步实现三证合一。……深化商事制度改革，进一步简化注册资本登记，逐步实现三证合一。",
    right="深化商事制度改革，进一步简化注册资本登记，逐步实现三证合一。",
    options={"min_chars": 25, "min_ratio": 95.0},
)
# complexity: groups repeated sentences into passages and widens them; one pass over the pairs
def repeated_passage(doc, ctx):
    min_chars = ctx.options.get("min_chars", 25)
    cutoff = float(ctx.options.get("min_ratio", 95.0))
    sents = doc.sentences
    # A sentence's key (its letters and digits) is never longer than its text: short
    # sentences get theirs only when a passage is widened over them.
    keys = [_NORM.sub("", s.text) if len(s.text) >= min_chars else None for s in sents]

    def key(i: int) -> str:
        if keys[i] is None:
            keys[i] = _NORM.sub("", sents[i].text)
        return keys[i]

    slogans = _formulaic(ctx.lines("formulaic_phrases"), ctx.source("formulaic_phrases"),
                         bool(ctx.dictionaries.extra_files.get("formulaic_phrases")))
    idx = [i for i, k in enumerate(keys)
           if k is not None and len(k) >= min_chars and not _FIELD.match(sents[i].text)
           and (slogans is None or len(slogans.sub("", k)) >= min_chars)]
    chosen = [keys[i] for i in idx]
    # earliest earlier copy for each later sentence
    found = _copies(chosen, cutoff)
    copy_of: Dict[int, Tuple[int, float]] = {idx[b]: (idx[a], r) for b, (a, r) in found.items()}
    # group consecutive repeated sentences (their first copies consecutive too) into passages
    later = sorted(copy_of)
    groups: List[List[int]] = []
    for j in later:
        if groups and j == groups[-1][-1] + 1 and copy_of[j][0] == copy_of[groups[-1][-1]][0] + 1 \
                and copy_of[j][0] not in groups[-1]:
            groups[-1].append(j)
        else:
            groups.append([j])
    for g in groups:
        # Widen the passage with short sentences that are repeated next to it too
        # (a heading-like "四是加强风险管理。" before the long repeated sentences).
        src_i = copy_of[g[0]][0]
        lo, hi, src_lo = g[0], g[-1], src_i
        while (src_lo - 1 >= 0 and lo - 1 > copy_of[g[-1]][0] and lo - 1 not in copy_of
               and key(lo - 1) and key(lo - 1) == key(src_lo - 1) and lo - 1 != src_lo - 1):
            lo -= 1
            src_lo -= 1
        src_hi = copy_of[g[-1]][0]
        while (hi + 1 < len(sents) and src_hi + 1 < g[0] and hi + 1 not in copy_of
               and key(hi + 1) and key(hi + 1) == key(src_hi + 1)):
            hi += 1
            src_hi += 1
        score = min(copy_of[j][1] for j in g)
        g = list(range(lo, hi + 1))
        first, last = sents[lo], sents[hi]
        src = sents[src_lo]
        line = doc.position(src.start)[0]
        what_zh = "段落" if len(g) > 1 else "句子"
        what_en = f"passage of {len(g)} sentences" if len(g) > 1 else "sentence"
        exact = "相同" if score >= 100 else f"几乎相同（相似度 {score:.0f}%）"
        yield Issue(first.start, last.end,
                    f"重复的{what_zh}：与第 {line} 行的内容{exact}，疑为重复粘贴",
                    f"repeated {what_en}: {'same as' if score >= 100 else f'nearly the same as ({score:.0f}% similar)'}"
                    f" the text at line {line}; pasted twice?")


# ---------------------------------------------------------------- DL603
_LEVEL = rx.compile(r"(?:国家|自治区|省|市|县|区|州|盟|旗|镇|乡)$")


@lru_cache(maxsize=16)
def _alias_index(lines: Tuple[str, ...]):
    groups = {}
    for gi, line in enumerate(lines):
        for v in line.split("\t"):
            v = v.strip()
            if v:
                groups.setdefault(v, gi)
    alts = sorted(groups, key=len, reverse=True)
    pattern = rx.compile("|".join(regex.escape(a) for a in alts)) if alts else None
    return groups, pattern


@check(
    code="DL603", name="inconsistent-name", severity="info", fixable=True,
    summary={"zh": "同一机构写法不一（市发改委 / 市发展改革委）",
             "en": "One body named two ways (市发改委 / 市发展改革委)"},
    description={
        "zh": "同一文档中同一机构的简称写法不一致（市发改委 与 市发展改革委、人社局 与 人力资源社会保障局）。"
              "按机构前的层级（国家、省、市、县、区…）区分不同机构；有“简称”说明的不报告。"
              "建议统一为本文用得最多的写法（不自动应用）。简称对照表在词典 org_aliases 中。",
        "en": "The same body written with different short forms in one document (市发改委 and 市发展改革委). "
              "The level written before the name (国家, 省, 市, 县, 区…) tells bodies apart; names introduced "
              "with 简称 are not reported. Suggests the form the document uses most (unsafe fix). Variants: "
              "dictionary org_aliases."},
    wrong="市发展改革委牵头，……市发改委配合", right="市发展改革委牵头，……市发展改革委配合",
)
def inconsistent_name(doc, ctx):
    groups, rx = _alias_index(ctx.lines("org_aliases"))
    if rx is None:
        return
    text = doc.text
    seen = defaultdict(list)   # (level, group) -> [(start, end, variant)]
    for m in rx.finditer(text):
        v = m.group(0)
        lv = _LEVEL.search(text[max(0, m.start() - 3):m.start()])
        level = lv.group(0) if lv else ""
        s = m.start() - len(level)
        seen[(level, groups[v])].append((s, m.end(), v))
    for (level, _), occ in seen.items():
        variants = Counter(v for _, _, v in occ)
        if len(variants) < 2:
            continue
        if any("简称" in text[e:e + 12] or "简称" in text[max(0, s - 12):s] for s, e, _ in occ):
            continue
        first_pos = {}
        for s, _, v in occ:
            first_pos.setdefault(v, s)
        main = max(variants, key=lambda v: (variants[v], -first_pos[v]))
        for s, e, v in occ:
            if v == main:
                continue
            want = level + main
            yield Issue(s, e,
                        f"同一机构写法不一：本文多处写作“{want}”（{variants[main]} 处），此处写作“{text[s:e]}”",
                        f"one body named two ways: “{want}” elsewhere ({variants[main]}×), “{text[s:e]}” here",
                        fix=Fix.replace(s, e, want, safe=False, zh=f"统一为“{want}”", en=f"write “{want}”"))
