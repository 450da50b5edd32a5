"""Sentence alignment of two drafts: anchors, gap matching, moves; then blocks and paragraphs.

Layers (see notes/diff-design.md in the shared folder):

0. **Hard wraps joined.** A draft hard-wrapped at a fixed width (text pasted
   from a PDF or re-flowed) has its wrapped lines joined into paragraphs
   (doclint.text.wraps, the width rule), so a re-wrapped draft has the same
   sentences; positions in the reports stay those of the file (`Side`). A
   draft written one line per paragraph is taken as it is.
1. **Exact anchors.** Sentences (split inside paragraphs, see
   `Document.sentences`) are keyed by their text without whitespace; the
   matching runs of keys in order (doclint.diff.anchors: a patience/histogram
   diff, about linear) become `equal` anchors.
2. **Gap matching.** Between two consecutive anchors, the old and the new
   sentences are compared with rapidfuzz (character Indel similarity; the
   comparisons run in C via `process.extract` with a score cut-off, and
   candidate pairs are pre-filtered by a length bound that cannot lose a
   match). The best monotonic set of pairs (maximum total similarity above the
   threshold, a sparse weighted LCS with a Fenwick tree) becomes `modify`;
   a pair is widened to two adjacent sentences of one paragraph when that is
   clearly a better match (a split or merged sentence).
3. **Moves.** Sentences found unchanged elsewhere in the other draft (anchors
   that crossed each other: moved sentences and paragraphs) are paired before
   the gaps are matched, so they take no part in the gap matching; after it,
   the leftover deleted and inserted sentences are matched globally, fuzzy,
   with a clear winner over the runner-up (moved-and-edited sentences). A weak
   gap pairing gives way to a much better move.
4. **Blocks and paragraphs** (doclint.diff.blocks, doclint.diff.paragraphs):
   sentence changes grouped into edits as a reviewer counts them, and the
   paragraph breaks each draft has that the other lacks (splits and merges).

Short sentences share template words by chance (深入推进全民阅读 /
深入推进依法行政), so below 16 characters both thresholds rise.

Every stage is bounded (issue: 16,000 identical lines took 51 s, one sentence
of 100,000 characters 1.2 GB):
- anchors: linear work cap (doclint.diff.anchors);
- sentence comparisons count against a budget (default 2,000,000) and, beyond
  a floor, against an allowance linear in the number of sentences: gap
  matching may use GAP_FLOOR + GAP_PER_SENTENCE per sentence (at most half the
  budget); when the gaps are bigger, each gap gets a share by its size and
  compares every old sentence only with a band of new sentences around its
  diagonal position (`budget_exhausted` is set). The fuzzy move pass compares
  every leftover old sentence with every leftover new one of a compatible
  length while that costs at most MOVE_FLOOR + MOVE_PER_SENTENCE per leftover
  sentence; beyond that each is compared with the TOP_CANDIDATES sharing most
  of its rarer character pairs (a bigram index: a sentence 0.62 similar to
  another shares most of its pairs; the planted-edit tests give the same
  figures with the index forced on). The budget caps both; whenever it cut
  comparisons short the result says so (`budget_exhausted`);
- a sentence longer than LONG characters is compared by its bigram profile
  (linear) instead of the Indel similarity (quadratic), and such a comparison
  counts as one per LONG characters;
- word edits inside a sentence are bounded too (doclint.diff.words).
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from typing import Dict, List, Optional, Tuple

from rapidfuzz import fuzz, process

from doclint.text import rx
from doclint.diff.anchors import matching_blocks
from doclint.diff.model import Change, DiffResult, Paragraph, Segment
from doclint.diff.words import word_edits

DEFAULT_BUDGET = 2_000_000
GAP_THRESHOLD = 0.55      # minimum similarity for a modified sentence in place
MOVE_THRESHOLD = 0.62     # minimum similarity for a moved-and-edited sentence
MOVE_MARGIN = 0.08        # ... and its lead over the runner-up
MIN_FUZZY_MOVE_LEN = 6    # shorter sentences move only when identical
SPLIT_GAIN = 0.08         # widening to two sentences must gain this much similarity
WEAK_PAIR = 0.8           # gap pairs below this may give way to a move

SHORT = 16                # below this many characters the thresholds rise ...
SHORT_STEP = 0.015        # ... by this much per missing character

GAP_FLOOR = 100_000       # gap comparisons always allowed ...
GAP_PER_SENTENCE = 100    # ... plus this many per sentence of the two drafts
MOVE_FLOOR = 10_000       # the same for the fuzzy move pass ...
MOVE_PER_SENTENCE = 64    # ... per leftover sentence
TOP_CANDIDATES = 24       # beyond the allowance: candidates per sentence from the bigram index
COMMON_BIGRAM = 32        # bigrams in more leftover sentences than this are not indexed
RARE_PAIRS = 12           # a sentence's rarest bigrams that pick its candidates
LONG = 2_000              # longer sentences are compared by bigram profile
GAP_CANDIDATES = 12       # best candidates kept per old sentence in a gap (bounds memory)

_WS = rx.compile(r"\s+")


def _need(base: float, la: int, lb: int) -> float:
    """Similarity needed for a pair: short sentences share template words by chance
    (深入推进全民阅读 / 深入推进依法行政), so they must agree more."""
    m = min(la, lb)
    return base + (SHORT - m) * SHORT_STEP if m < SHORT else base


def normalize(text: str) -> str:
    return _WS.sub("", text)


def _bigrams(s: str) -> Counter:
    return Counter(zip(s, s[1:]))


def long_ratio(a: str, b: str) -> float:
    """Similarity of long texts in linear time: the Dice coefficient of their character-pair
    profiles (multisets). Close to the Indel similarity for a text and its edited copy, low for
    unrelated texts; used where the Indel similarity would cost len(a)*len(b)."""
    if not a or not b:
        return 1.0 if a == b else 0.0
    pa, pb = _bigrams(a), _bigrams(b)
    shared = sum((pa & pb).values())
    total = max(1, len(a) - 1) + max(1, len(b) - 1)
    return 2.0 * shared / total


def _cost(la: int, lb: int) -> int:
    """Budget units of one comparison: 1, or one per LONG characters for long texts."""
    return 1 if max(la, lb) <= LONG else (la + lb) // LONG + 1


# ---- the drafts as the aligner sees them ---------------------------------------

class Side:
    """One draft: its sentences and paragraphs after hard wraps are joined.

    `view` is the Document the sentences come from (the draft itself when
    nothing was joined; .docx paragraphs are never joined). Segment offsets and
    lines are mapped back to the draft's own text.
    """

    def __init__(self, doc):
        from doclint.text.wraps import WrapView, join_wraps
        self.doc = doc
        wraps = WrapView(doc.text, doc.text, ()) if doc.kind == "docx" else join_wraps(doc.text, rule="width")
        self.wraps = wraps
        self.view = doc if not wraps.cuts else doc.like(wraps.text)
        self.segments, self.paragraphs = self._build()
        self.paragraphs_by_index = {p.index: p for p in self.paragraphs}
        self.keys = [normalize(s.text) for s in self.segments]

    def _source_span(self, start: int, end: int) -> Tuple[int, int]:
        if not self.wraps.cuts:
            return start, end
        return self.wraps.to_source(start), self.wraps.to_source(end - 1) + 1 if end > start else \
            self.wraps.to_source(start)

    def _build(self):
        view, doc = self.view, self.doc
        paras = view.paragraphs
        sents = view.sentences
        starts = doc.line_starts
        text = view.text
        joined = bool(self.wraps.cuts)
        # One pass, everything monotonic: the paragraph and the line of each sentence advance
        # with it (a per-sentence search would cost log n each; this loop runs for every sentence).
        para_ends = [para.end for para in paras] + [len(text) + 1]
        n_starts = len(starts)
        next_start = [s.start for s in sents[1:]] + [len(text) + 1]
        segs: List[Segment] = []
        first_of: Dict[int, int] = {}
        last_of: Dict[int, int] = {}
        p = 0
        ln = 0  # 0-based line index in the draft's own text
        for k, s in enumerate(sents):
            s_start, s_end = s.start, s.end
            while para_ends[p] <= s_start and p + 1 < len(paras):
                p += 1
            if p not in first_of:
                first_of[p] = k
            last_of[p] = k
            start, end = self._source_span(s_start, s_end) if joined else (s_start, s_end)
            while ln + 1 < n_starts and starts[ln + 1] <= start:
                ln += 1
            nxt = next_start[k]
            tail = text[s_end:nxt] if nxt < para_ends[p] else ""
            segs.append(Segment(k, k, start, end, s.text, ln + 1, p, tail))
        out_paras: List[Paragraph] = []
        for q, first in first_of.items():
            para = paras[q]
            start, end = self._source_span(para.start, para.end)
            out_paras.append(Paragraph(q, para.text, first, last_of[q], segs[first].line, start, end))
        return segs, out_paras

    def join(self, a: Segment, b: Segment) -> Segment:
        """Two adjacent sentences of one paragraph as one segment."""
        text = a.text + a.tail + b.text
        return Segment(a.first, b.last, a.start, b.end, text, a.line, a.para, b.tail)


def side_view(doc):
    """The Document the differ takes `doc`'s sentences from (hard wraps joined)."""
    return Side(doc).view


class _Budget:
    def __init__(self, limit: int):
        self.limit = limit
        self.used = 0
        self.exhausted = False

    def take(self, n: int) -> int:
        """Grant up to n comparisons; marks the budget exhausted when short."""
        left = self.limit - self.used
        if n > left:
            self.exhausted = True
            n = max(left, 0)
        self.used += n
        return n


class Aligner:
    def __init__(self, old_doc, new_doc, budget: int = DEFAULT_BUDGET, user_words=()):
        self.old_side, self.new_side = Side(old_doc), Side(new_doc)
        self.od, self.nd = old_doc, new_doc
        self.o = self.old_side.segments
        self.n = self.new_side.segments
        self.ok = self.old_side.keys
        self.nk = self.new_side.keys
        self.budget = _Budget(budget)
        self.user_words = user_words

    # ---- similarity ------------------------------------------------------
    def sim(self, a: str, b: str) -> float:
        self.budget.used += _cost(len(a), len(b))
        if max(len(a), len(b)) > LONG:
            return long_ratio(a, b)
        return fuzz.ratio(a, b) / 100.0

    def _scores(self, key: str, js: List[int], keys: List[str], cutoff: float, limit: Optional[int]):
        """(score 0..100, index into js) of the candidates scoring at least `cutoff`, best first;
        the budget has been charged for them already (long texts: see `sim`)."""
        if len(key) <= LONG:
            return [(score, k) for _, score, k in process.extract(
                key, [keys[j] for j in js], scorer=fuzz.ratio, score_cutoff=cutoff, limit=limit)]
        found = []
        for k, j in enumerate(js):
            self.budget.used += _cost(len(key), len(keys[j])) - 1
            score = 100.0 * long_ratio(key, keys[j])
            if score >= cutoff:
                found.append((score, k))
        found.sort(key=lambda t: -t[0])
        return found[:limit] if limit else found

    # ---- layer 1: anchors -----------------------------------------------
    def anchors(self) -> List[Tuple[int, int, int]]:
        # Keys as small ints (numbered in order of first appearance): one hash per sentence,
        # looked up in C (dict.fromkeys, map) rather than a Python loop.
        distinct = dict.fromkeys(self.ok + self.nk)
        ids: Dict[str, int] = dict(zip(distinct, range(len(distinct))))
        a = list(map(ids.__getitem__, self.ok))
        b = list(map(ids.__getitem__, self.nk))
        blocks, _complete = matching_blocks(a, b)
        return blocks

    # ---- layer 2: gaps ---------------------------------------------------
    @staticmethod
    def _row_window(lens, la, threshold):
        """[lo, hi) of the candidates (sorted by length) long enough and short enough to reach `threshold`."""
        lo = bisect_left(lens, la * threshold / (2 - threshold))
        hi = bisect_right(lens, la * (2 - threshold) / threshold)
        return lo, hi

    def gap_pairs(self, olds: List[int], news: List[int], allowance=None) -> List[Tuple[int, int, float]]:
        """Best monotonic (old, new, similarity) pairs among the old and new sentences of one gap.

        With an `allowance` smaller than the gap's size, each old sentence is
        compared only with the new sentences in a band around its diagonal
        position (a big rewrite keeps its in-place edits), and the budget is
        marked as exhausted.
        """
        n, m = len(olds), len(news)
        if allowance is not None and allowance < n * m:
            self.budget.exhausted = True
            cand = self._banded_candidates(olds, news, max(2, allowance // (2 * n)))
        else:
            cand = self._full_candidates(olds, news)
        return _best_chain(cand, news[0], news[-1] + 1) if cand else []

    def _keep(self, cand, i, js, found):
        la = len(self.ok[i])
        for score, k in found:
            if score >= 100 * _need(GAP_THRESHOLD, la, len(self.nk[js[k]])):
                cand.append((i, js[k], score / 100.0))

    def _banded_candidates(self, olds, news, band):
        cand = []
        nk = self.nk
        n, m = len(olds), len(news)
        for k, i in enumerate(olds):
            la = len(self.ok[i])
            kc = k * m // n
            lo_l = la * GAP_THRESHOLD / (2 - GAP_THRESHOLD)
            hi_l = la * (2 - GAP_THRESHOLD) / GAP_THRESHOLD
            js = [j for j in news[max(0, kc - band):kc + band + 1] if lo_l <= len(nk[j]) <= hi_l]
            if not js or self.budget.take(len(js)) < len(js):
                continue
            self._keep(cand, i, js, self._scores(self.ok[i], js, nk, GAP_THRESHOLD * 100, GAP_CANDIDATES))
        return cand

    def _full_candidates(self, olds, news):
        cand = []
        nk = self.nk
        by_len = sorted(news, key=lambda j: len(nk[j]))
        lens = [len(nk[j]) for j in by_len]
        for i in olds:
            la = len(self.ok[i])
            lo, hi = self._row_window(lens, la, GAP_THRESHOLD)
            if hi <= lo:
                continue
            grant = self.budget.take(hi - lo)
            if grant <= 0:
                break
            if grant < hi - lo:  # keep the candidates closest in length
                mid = bisect_left(lens, la)
                lo = max(lo, min(mid - grant // 2, hi - grant))
                hi = lo + grant
            js = by_len[lo:hi]
            self._keep(cand, i, js, self._scores(self.ok[i], js, nk, GAP_THRESHOLD * 100, GAP_CANDIDATES))
        return cand

    # ---- splits and merges -----------------------------------------------
    def widen(self, i: int, j: int, s: float, used_o: set, used_n: set):
        """Maybe widen pair (i, j) to a split (i, j..j+1) or merge (i..i+1, j)."""
        o, n = self.o, self.n
        best = (s, o[i], n[j])
        for dj in (1, -1):
            jj = j + dj
            if 0 <= jj < len(n) and jj not in used_n and n[jj].para == n[j].para:
                a, b = (n[j], n[jj]) if dj == 1 else (n[jj], n[j])
                t = self.sim(self.ok[i], normalize(a.text) + normalize(b.text))
                if t > best[0] + SPLIT_GAIN:
                    best = (t, o[i], self.new_side.join(a, b))
        for di in (1, -1):
            ii = i + di
            if 0 <= ii < len(o) and ii not in used_o and o[ii].para == o[i].para:
                a, b = (o[i], o[ii]) if di == 1 else (o[ii], o[i])
                t = self.sim(normalize(a.text) + normalize(b.text), self.nk[j])
                if t > best[0] + SPLIT_GAIN:
                    best = (t, self.old_side.join(a, b), n[j])
        return best

    # ---- layer 3: moves --------------------------------------------------
    def move_pairs(self, left_o: List[int], left_n: List[int]):
        """(i, j, similarity) for moved sentences among the leftovers."""
        out, rest_o = _same_text_pairs(left_o, left_n, self.ok, self.nk)
        taken_n = {j for _, j, _ in out}
        rest_n = [j for j in left_n if j not in taken_n and len(self.nk[j]) >= MIN_FUZZY_MOVE_LEN]
        rest_o = [i for i in rest_o if len(self.ok[i]) >= MIN_FUZZY_MOVE_LEN]
        if not rest_o or not rest_n:
            return out
        edges = self._move_edges(rest_o, rest_n)
        edges.sort(key=lambda e: -e[0])
        used_o, used_n = set(), set()
        for s, i, j in edges:
            if i in used_o or j in used_n:
                continue
            used_o.add(i)
            used_n.add(j)
            out.append((i, j, s))
        return out

    def _move_edges(self, rest_o, rest_n):
        """(similarity, i, j) of each leftover old sentence's clear best match among rest_n."""
        rest_n = sorted(rest_n, key=lambda j: len(self.nk[j]))
        lens = [len(self.nk[j]) for j in rest_n]
        keys = [self.nk[j] for j in rest_n]
        # Runner-up must be measured below the move threshold too.
        floor = MOVE_THRESHOLD - MOVE_MARGIN
        windows = [(i,) + self._row_window(lens, len(self.ok[i]), floor) for i in rest_o]
        total = sum(max(0, hi - lo) for _, lo, hi in windows)
        allowance = MOVE_FLOOR + MOVE_PER_SENTENCE * (len(rest_o) + len(rest_n))
        index = _BigramIndex(keys) if total > allowance else None
        edges = []
        for i, lo, hi in windows:
            if hi <= lo:
                continue
            key = self.ok[i]
            la = len(key)
            if index is not None and hi - lo > TOP_CANDIDATES:
                cands = index.top(key, lo, hi, TOP_CANDIDATES)
                if not cands:
                    continue
            else:
                cands = list(range(lo, hi))
            grant = self.budget.take(len(cands))
            if grant <= 0:
                break
            if grant < len(cands):
                mid = bisect_left(lens, la)
                cands.sort(key=lambda k: abs(k - mid))
                cands = sorted(cands[:grant])
            found = self._scores(key, cands, keys, floor * 100, 2)
            if not found or found[0][0] < 100 * _need(MOVE_THRESHOLD, la, lens[cands[found[0][1]]]):
                continue
            if len(found) > 1 and found[0][0] - found[1][0] < MOVE_MARGIN * 100:
                continue
            edges.append((found[0][0] / 100.0, i, rest_n[cands[found[0][1]]]))
        return edges

    def _moved_stretches(self, moves: List[Change], deleted: set, inserted: set):
        """Moves grouped into stretches that moved together: consecutive in both drafts, allowing
        sentences deleted or inserted between two of them (edits inside the moved text)."""
        groups: List[List[Change]] = []
        for c in sorted(moves, key=lambda c: c.new.first):
            prev = groups[-1][-1] if groups else None
            # The distance test first: it bounds the two scans (a scan over a long jump cost
            # time proportional to the jump, for every move).
            if prev and c.old.first > prev.old.last and c.new.first > prev.new.last \
                    and (c.old.first - prev.old.last) + (c.new.first - prev.new.last) <= 8 \
                    and all(i in deleted for i in range(prev.old.last + 1, c.old.first)) \
                    and all(j in inserted for j in range(prev.new.last + 1, c.new.first)):
                groups[-1].append(c)
            else:
                groups.append([c])
        per_para: Dict[int, int] = {}
        for seg in self.o:
            per_para[seg.para] = per_para.get(seg.para, 0) + 1
        for group in groups:
            paras = Counter(self.o[i].para for i in range(group[0].old.first, group[-1].old.last + 1))
            whole = all(per_para[p] == n for p, n in paras.items())
            for c in group:
                c.whole_paragraph = whole
        return groups

    # ---- everything ------------------------------------------------------
    def run(self, old_label: str, new_label: str) -> DiffResult:
        """Anchors, then gap matching, then moves; then changes in new-document order."""
        pairs, gaps = self._backbone(self.anchors())
        exact = self._exact_moves(pairs)
        gap_of_pair = self._match_gaps(gaps, {m[0] for m in exact}, {m[1] for m in exact})
        moves, gap_of_pair = self._find_moves(pairs, gap_of_pair, exact)
        changes_by_new, move_changes, backbone, covered_o = self._changes(pairs, gap_of_pair, moves)
        layout = self._layout(changes_by_new, move_changes, backbone, covered_o)
        return self._result(old_label, new_label, layout, move_changes)

    def _backbone(self, blocks):
        """(equal pairs from the anchor blocks, the gaps between the blocks)."""
        pairs: List[Tuple[int, int, float]] = []  # monotonic backbone (i, j, sim)
        gaps = []
        pi = pj = 0
        for bi, bj, size in list(blocks) + [(len(self.o), len(self.n), 0)]:
            if bi > pi or bj > pj:
                gaps.append((pi, bi, pj, bj))
            for t in range(size):
                pairs.append((bi + t, bj + t, 1.0))
            pi, pj = bi + size, bj + size
        return pairs, gaps

    def _exact_moves(self, pairs) -> List[Tuple[int, int, float]]:
        """Sentences outside the anchors whose text is found unchanged elsewhere in the other
        draft: anchors that crossed each other (moved sentences and paragraphs), paired in order."""
        in_o = {p[0] for p in pairs}
        in_n = {p[1] for p in pairs}
        out, _ = _same_text_pairs([i for i in range(len(self.o)) if i not in in_o],
                                  [j for j in range(len(self.n)) if j not in in_n], self.ok, self.nk)
        return out

    def _match_gaps(self, gaps, moved_o, moved_n) -> List[Tuple[int, int, float]]:
        """Fuzzy pairs inside the gaps, moved sentences left out. Gap matching may use GAP_FLOOR +
        GAP_PER_SENTENCE per sentence, at most half the budget (the move pass needs the rest);
        when the gaps are bigger than that, each gets a share by its size."""
        out: List[Tuple[int, int, float]] = []
        sides = []
        for i0, i1, j0, j1 in gaps:
            olds = [i for i in range(i0, i1) if i not in moved_o]
            news = [j for j in range(j0, j1) if j not in moved_n]
            if olds and news:
                sides.append((olds, news))
        total = sum(len(a) * len(b) for a, b in sides)
        share = min(self.budget.limit // 2, GAP_FLOOR + GAP_PER_SENTENCE * (len(self.o) + len(self.n)))
        for olds, news in sides:
            allowance = None if total <= share else share * len(olds) * len(news) // total
            out.extend(self.gap_pairs(olds, news, allowance))
        return out

    def _leftovers(self, *paired) -> Tuple[List[int], List[int]]:
        """Old and new sentences in none of the given lists of (i, j, ...) pairs."""
        used_o = {p[0] for pairs in paired for p in pairs}
        used_n = {p[1] for pairs in paired for p in pairs}
        return ([i for i in range(len(self.o)) if i not in used_o],
                [j for j in range(len(self.n)) if j not in used_n])

    def _find_moves(self, pairs, gap_of_pair, exact):
        """Moves among the sentences left over (after the `exact` ones); a weak in-place pairing
        gives way to a clearly better move of either side. Returns (moves, the gap pairs that stand)."""
        left_o, left_n = self._leftovers(pairs, gap_of_pair, exact)
        moves = list(exact) + self.move_pairs(left_o, left_n)
        weak = [p for p in gap_of_pair if p[2] < WEAK_PAIR]
        if not (weak and (left_o or left_n)):
            return moves, gap_of_pair
        moved_o = {m[0] for m in moves}
        moved_n = {m[1] for m in moves}
        free_o = [i for i in left_o if i not in moved_o] + [p[0] for p in weak]
        free_n = [j for j in left_n if j not in moved_n] + [p[1] for p in weak]
        broken = self._break_weak(weak, self.move_pairs(sorted(free_o), sorted(free_n)), moves)
        if broken:  # a broken pair's other half becomes a plain insert/delete
            gap_of_pair = [p for p in gap_of_pair if p not in broken]
        return moves, gap_of_pair

    @staticmethod
    def _break_weak(weak, extra, moves) -> set:
        """Weak pairs that a move found in `extra` beats by 0.15 (the move is appended to `moves`)."""
        weak_o = {p[0]: p for p in weak}
        weak_n = {p[1]: p for p in weak}
        broken = set()
        for i, j, s in extra:
            wo, wn = weak_o.get(i), weak_n.get(j)
            if (wo and wo[1] == j) or (wo is None and wn is None):
                continue  # same pair, or nothing new
            bar = max(wo[2] if wo else 0, wn[2] if wn else 0)
            if s >= bar + 0.15 and not ((wo and wo in broken) or (wn and wn in broken)):
                for w in (wo, wn):
                    if w:
                        broken.add(w)
                moves.append((i, j, s))
        return broken

    def _changes(self, pairs, gap_of_pair, moves):
        """Changes keyed by new index, the move changes, the backbone and the old sentences covered."""
        o, n = self.o, self.n
        used_o = {p[0] for p in pairs} | {p[0] for p in gap_of_pair} | {m[0] for m in moves}
        used_n = {p[1] for p in pairs} | {p[1] for p in gap_of_pair} | {m[1] for m in moves}
        changes_by_new: Dict[int, Change] = {}
        backbone: List[Tuple[int, int]] = []
        for i, j, _ in pairs:
            # Equal up to whitespace: whitespace inside a sentence is ignored by
            # design (it shows up as `layout_changed`, not as a change).
            changes_by_new[j] = Change("equal", o[i], n[j], 1.0)
            backbone.append((i, j))
        for i, j, s in gap_of_pair:
            s2, a, b = self.widen(i, j, s, used_o, used_n)
            used_o.update(range(a.first, a.last + 1))
            used_n.update(range(b.first, b.last + 1))
            sim = s2 if (a.first, a.last, b.first, b.last) != (i, i, j, j) else s
            changes_by_new[b.first] = Change("modify", a, b, sim, word_edits(a.text, b.text, self.user_words))
            backbone.append((a.first, b.first))
        move_changes = []
        for i, j, s in moves:
            c = Change("move", o[i], n[j], s,
                       word_edits(o[i].text, n[j].text, self.user_words) if o[i].text != n[j].text else [])
            changes_by_new[j] = c
            move_changes.append(c)
        covered_o = self._cover(changes_by_new)
        return changes_by_new, move_changes, backbone, covered_o

    def _cover(self, changes_by_new) -> set:
        """Drop changes that widening consumed; add inserts; the old sentences the changes cover."""
        covered_n = set()
        for c in changes_by_new.values():
            if c.op == "modify":
                covered_n.update(range(c.new.first + 1, c.new.last + 1))
        for j in covered_n:
            changes_by_new.pop(j, None)
        covered_o = set()
        for c in changes_by_new.values():
            if c.op == "modify":
                covered_o.update(range(c.old.first, c.old.last + 1))
            elif c.old is not None:
                covered_o.add(c.old.first)
        for j in range(len(self.n)):
            if j not in changes_by_new and j not in covered_n:
                changes_by_new[j] = Change("insert", None, self.n[j])
        return covered_o

    def _layout(self, changes_by_new, move_changes, backbone, covered_o):
        """Order: new-document order; deletions (and move origins) sit just
        after the backbone pair that precedes them in the old document, in old order
        (a deletion before a move origin of the same sentence)."""
        move_changes.sort(key=lambda c: c.new.first)
        origins: Dict[int, List[Change]] = {}
        for k, c in enumerate(move_changes, 1):
            c.move_id = k
            if c.old.first in origins:
                origins[c.old.first].append(c)
            else:
                origins[c.old.first] = [c]
        # One walk over the old draft with the backbone sorted (no per-sentence search, no sort of
        # the whole layout): `after[j]` lists the old-side items that follow new sentence j.
        backbone.sort()
        after: Dict[int, list] = {}
        slot, k = -1, 0  # slot: new index of the last backbone pair before old sentence i
        for i in range(len(self.o)):
            while k < len(backbone) and backbone[k][0] < i:
                slot = backbone[k][1]
                k += 1
            if i not in covered_o or i in origins:
                items = after.get(slot)
                if items is None:
                    items = after[slot] = []
                if i not in covered_o:
                    items.append(("change", Change("delete", self.o[i], None)))
                if i in origins:
                    items.extend(("move_from", c) for c in origins[i])
        out = after.get(-1, [])
        for j in range(len(self.n)):
            c = changes_by_new.get(j)
            if c is not None:
                out.append(("change", c))
            if j in after:
                out.extend(after[j])
        return out

    def _result(self, old_label, new_label, layout, move_changes) -> DiffResult:
        from doclint.diff.blocks import build_blocks
        changes = [c for kind, c in layout if kind == "change"]
        res = DiffResult(old_label, new_label, changes, layout,
                         old_sentences=len(self.o), new_sentences=len(self.n),
                         comparisons=self.budget.used, budget=self.budget.limit,
                         budget_exhausted=self.budget.exhausted, layout_changed=False,
                         old_chars=len(self.od.text), new_chars=len(self.nd.text),
                         old_paragraphs=self.old_side.paragraphs, new_paragraphs=self.new_side.paragraphs,
                         wraps_joined=(len(self.old_side.wraps.cuts), len(self.new_side.wraps.cuts)))
        deleted = {c.old.first for c in changes if c.op == "delete"}
        inserted = {c.new.first for c in changes if c.op == "insert"}
        stretches = self._moved_stretches(move_changes, deleted, inserted)
        from doclint.diff.paragraphs import changed_breaks
        marks = changed_breaks(res)  # paragraph breaks one draft has and the other lacks
        res.blocks = build_blocks(res, stretches, marks, self.old_side, self.new_side)
        res.paragraphs_changed = res.identical and any(p.mark in ("insert", "delete") for p in marks)
        res.layout_changed = res.identical and self.od.text != self.nd.text
        return res


def _same_text_pairs(olds: List[int], news: List[int], old_keys: List[str], new_keys: List[str]):
    """(pairs (i, j, 1.0), old sentences left): each old sentence (in order) paired with the first
    new one of the same key not taken yet."""
    # Lists popped from the end (built from the last new sentence back), one per key, made only
    # for keys seen: a deque (or any default object) per sentence cost more than the pairing.
    waiting: Dict[str, List[int]] = {}
    for j in reversed(news):
        key = new_keys[j]
        lst = waiting.get(key)
        if lst is None:
            waiting[key] = [j]
        else:
            lst.append(j)
    out, rest = [], []
    for i in olds:
        lst = waiting.get(old_keys[i])
        if lst:
            out.append((i, lst.pop(), 1.0))
        else:
            rest.append(i)
    return out, rest


def _best_chain(cand, j0, j1) -> List[Tuple[int, int, float]]:
    """Sparse weighted LCS: the chain of (i, j, score) pairs increasing in both i and j with the
    highest total of (score - threshold); a Fenwick tree over new positions."""
    m = j1 - j0
    tree = [(0.0, -1)] * (m + 1)

    def query(pos):  # max over new positions < pos (1-based Fenwick prefix)
        best = (0.0, -1)
        while pos > 0:
            if tree[pos][0] > best[0]:
                best = tree[pos]
            pos -= pos & -pos
        return best

    def update(pos, val):
        pos += 1
        while pos <= m:
            if val[0] > tree[pos][0]:
                tree[pos] = val
            pos += pos & -pos

    cand.sort(key=lambda c: (c[0], -c[1]))
    score = [0.0] * len(cand)
    prev = [-1] * len(cand)
    best_end = (0.0, -1)
    k = 0
    while k < len(cand):
        g = k
        while g < len(cand) and cand[g][0] == cand[k][0]:
            g += 1
        for x in range(k, g):  # query before update: one pair per old sentence
            q = query(cand[x][1] - j0)
            score[x] = q[0] + (cand[x][2] - GAP_THRESHOLD + 0.01)
            prev[x] = q[1]
        for x in range(k, g):
            update(cand[x][1] - j0, (score[x], x))
            if score[x] > best_end[0]:
                best_end = (score[x], x)
        k = g
    out = []
    x = best_end[1]
    while x >= 0:
        out.append(cand[x])
        x = prev[x]
    out.reverse()
    return out


class _BigramIndex:
    """Leftover sentences by their character pairs, for picking move candidates in linear time:
    a sentence's candidates are the ones sharing most of its RARE_PAIRS rarest pairs (pairs found
    in more than COMMON_BIGRAM sentences carry no signal and are not indexed), so each look-up
    costs at most RARE_PAIRS * COMMON_BIGRAM steps."""

    def __init__(self, keys: List[str]):
        postings: Dict[Tuple[str, str], List[int]] = {}
        for k, key in enumerate(keys):
            for g in set(zip(key, key[1:])):
                postings.setdefault(g, []).append(k)
        self.postings = {g: ks for g, ks in postings.items() if len(ks) <= COMMON_BIGRAM}

    def top(self, key: str, lo: int, hi: int, n: int) -> List[int]:
        """Up to n positions in [lo, hi) sharing the most of `key`'s rarest pairs, in order."""
        # rarest first, ties broken by the pair itself: never by set order, which changes with the
        # hash seed of each process (the same drafts gave different moves from run to run)
        pairs = sorted((len(self.postings[g]), g) for g in set(zip(key, key[1:])) if g in self.postings)
        lists = [self.postings[g] for _, g in pairs]
        hits: Counter = Counter()
        for ks in lists[:RARE_PAIRS]:
            for k in ks:
                if lo <= k < hi:
                    hits[k] += 1
        return sorted(k for k, _ in hits.most_common(n))


def diff_documents(old_doc, new_doc, old_label: Optional[str] = None, new_label: Optional[str] = None,
                   budget: int = DEFAULT_BUDGET, user_words=()) -> DiffResult:
    """Align two Documents and return the per-sentence changes."""
    import gc
    # Many small objects and no cycles: the cyclic collector would only add
    # pauses (about a tenth of the time on a 1 MB pair).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        al = Aligner(old_doc, new_doc, budget=budget, user_words=user_words)
        res = al.run(old_label or old_doc.path, new_label or new_doc.path)
        res.units = (getattr(old_doc, "line_label", None) == "paragraph",
                     getattr(new_doc, "line_label", None) == "paragraph")
        return res
    finally:
        if was_enabled:
            gc.enable()


def diff_texts(old: str, new: str, old_label: str = "old", new_label: str = "new",
               budget: int = DEFAULT_BUDGET) -> DiffResult:
    from doclint.model.document import Document
    return diff_documents(Document(old, path=old_label), Document(new, path=new_label),
                          budget=budget)
