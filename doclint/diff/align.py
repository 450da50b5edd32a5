"""Sentence alignment of two drafts: anchors, gap matching, moves.

Layers (see notes/diff-design.md in the shared folder):

1. **Exact anchors.** Sentences (split inside paragraphs, see
   `Document.sentences`) are keyed by their text without whitespace; the
   longest runs of equal keys in order (difflib's matching blocks on the key
   lists: linear-ish for drafts, since most sentences are unchanged) become
   `equal` anchors.
2. **Gap matching.** Between two consecutive anchors, the old and the new
   sentences are compared with rapidfuzz (character Indel similarity; the
   comparisons run in C via `process.extract` with a score cut-off, and
   candidate pairs are pre-filtered by a length bound that cannot lose a
   match). The best monotonic set of pairs (maximum total similarity above the
   threshold, a sparse weighted LCS with a Fenwick tree) becomes `modify`;
   a pair is widened to two adjacent sentences of one paragraph when that is
   clearly a better match (a split or merged sentence).
3. **Moves.** Leftover deleted and inserted sentences are matched globally:
   first equal keys (anchors that crossed each other: moved sentences and
   paragraphs), then fuzzy matches with a clear winner over the runner-up
   (moved-and-edited sentences). A weak gap pairing gives way to a much better
   move.

Short sentences share template words by chance (深入推进全民阅读 /
深入推进依法行政), so below 16 characters both thresholds rise.

All sentence-pair comparisons count against a budget (default 2,000,000).
Gap matching may use half of it; when the gaps are bigger, each gap gets a
share by its size and compares every old sentence only with a band of new
sentences around its diagonal position. The move pass uses what is left and,
when that runs out, compares no further. Whenever comparisons were skipped
the result says so (`budget_exhausted`), so a huge rewrite stays fast instead
of going quadratic, and the user knows the result may be coarser.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from difflib import SequenceMatcher
from typing import Dict, List, Optional, Tuple

from rapidfuzz import fuzz, process

from doclint.text import rx
from doclint.diff.model import Change, DiffResult, Segment
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

_WS = rx.compile(r"\s+")


def _need(base: float, la: int, lb: int) -> float:
    """Similarity needed for a pair: short sentences share template words by chance
    (深入推进全民阅读 / 深入推进依法行政), so they must agree more."""
    m = min(la, lb)
    return base + (SHORT - m) * SHORT_STEP if m < SHORT else base


def normalize(text: str) -> str:
    return _WS.sub("", text)


def segments(doc) -> List[Segment]:
    """One Segment per sentence of the document, with its paragraph and line."""
    paras = doc.paragraphs
    starts = doc.line_starts
    out = []
    p = 0
    ln = 0  # 0-based line index, advanced monotonically (sentences are in order)
    for k, s in enumerate(doc.sentences):
        while p + 1 < len(paras) and paras[p].end <= s.start:
            p += 1
        while ln + 1 < len(starts) and starts[ln + 1] <= s.start:
            ln += 1
        out.append(Segment(k, k, s.start, s.end, s.text, ln + 1, p))
    return out


def _join(doc, a: Segment, b: Segment) -> Segment:
    return Segment(a.first, b.last, a.start, b.end, doc.text[a.start:b.end], a.line, a.para)


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
        self.od, self.nd = old_doc, new_doc
        self.o = segments(old_doc)
        self.n = segments(new_doc)
        self.ok = [normalize(s.text) for s in self.o]
        self.nk = [normalize(s.text) for s in self.n]
        self.budget = _Budget(budget)
        self.user_words = user_words

    # ---- similarity ------------------------------------------------------
    def sim(self, a: str, b: str) -> float:
        self.budget.used += 1
        return fuzz.ratio(a, b) / 100.0

    # ---- layer 1: anchors -----------------------------------------------
    def anchors(self) -> List[Tuple[int, int, int]]:
        # Keys as small ints: hashing once keeps SequenceMatcher cheap.
        ids: Dict[str, int] = {}
        a = [ids.setdefault(k, len(ids)) for k in self.ok]
        b = [ids.setdefault(k, len(ids)) for k in self.nk]
        sm = SequenceMatcher(None, a, b, autojunk=False)
        return [blk for blk in sm.get_matching_blocks()]

    # ---- layer 2: gaps ---------------------------------------------------
    # complexity: exhaustive pairing within the budget and the banded fallback share one bookkeeping loop; the differ's precision tests pin its behaviour
    def gap_pairs(self, i0, i1, j0, j1, allowance=None) -> List[Tuple[int, int, float]]:
        """Best monotonic (old, new, similarity) pairs inside one gap.

        With an `allowance` smaller than the gap's size, each old sentence is
        compared only with the new sentences in a band around its diagonal
        position (a big rewrite keeps its in-place edits), and the budget is
        marked as exhausted.
        """
        cutoff = GAP_THRESHOLD * 100
        cand = []  # (i, j, score)
        nk = self.nk
        n, m = i1 - i0, j1 - j0
        band = None
        if allowance is not None and allowance < n * m:
            band = max(2, allowance // (2 * n))
            self.budget.exhausted = True
        by_len = sorted(range(j0, j1), key=lambda j: len(nk[j]))
        lens = [len(nk[j]) for j in by_len]
        for i in range(i0, i1):
            key = self.ok[i]
            la = len(key)
            if band is not None:
                jc = j0 + (i - i0) * m // n
                lo_l = la * GAP_THRESHOLD / (2 - GAP_THRESHOLD)
                hi_l = la * (2 - GAP_THRESHOLD) / GAP_THRESHOLD
                js = [j for j in range(max(j0, jc - band), min(j1, jc + band + 1))
                      if lo_l <= len(nk[j]) <= hi_l]
                if not js or self.budget.take(len(js)) < len(js):
                    continue
                for _, score, k in process.extract(key, [nk[j] for j in js], scorer=fuzz.ratio,
                                                   score_cutoff=cutoff, limit=None):
                    if score >= 100 * _need(GAP_THRESHOLD, la, len(nk[js[k]])):
                        cand.append((i, js[k], score / 100.0))
                continue
            lo = bisect_left(lens, la * GAP_THRESHOLD / (2 - GAP_THRESHOLD))
            hi = bisect_right(lens, la * (2 - GAP_THRESHOLD) / GAP_THRESHOLD)
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
            for _, score, k in process.extract(key, [nk[j] for j in js], scorer=fuzz.ratio,
                                               score_cutoff=cutoff, limit=None):
                if score >= 100 * _need(GAP_THRESHOLD, la, len(nk[js[k]])):
                    cand.append((i, js[k], score / 100.0))
        if not cand:
            return []
        # Sparse weighted LCS: chain of pairs increasing in both i and j.
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
                    best = (t, o[i], _join(self.nd, a, b))
        for di in (1, -1):
            ii = i + di
            if 0 <= ii < len(o) and ii not in used_o and o[ii].para == o[i].para:
                a, b = (o[i], o[ii]) if di == 1 else (o[ii], o[i])
                t = self.sim(normalize(a.text) + normalize(b.text), self.nk[j])
                if t > best[0] + SPLIT_GAIN:
                    best = (t, _join(self.od, a, b), n[j])
        return best

    # ---- layer 3: moves --------------------------------------------------
    # complexity: exact-key moves, then fuzzy candidates under the budget, then a clear-winner rule; one pass keeps the budget accounting in one place
    def move_pairs(self, left_o: List[int], left_n: List[int]):
        """(i, j, similarity) for moved sentences among the leftovers."""
        out = []
        by_key: Dict[str, List[int]] = {}
        for j in left_n:
            by_key.setdefault(self.nk[j], []).append(j)
        rest_o = []
        for i in left_o:
            lst = by_key.get(self.ok[i])
            if lst:
                out.append((i, lst.pop(0), 1.0))
            else:
                rest_o.append(i)
        taken_n = {j for _, j, _ in out}
        rest_n = [j for j in left_n if j not in taken_n and len(self.nk[j]) >= MIN_FUZZY_MOVE_LEN]
        rest_o = [i for i in rest_o if len(self.ok[i]) >= MIN_FUZZY_MOVE_LEN]
        if not rest_o or not rest_n:
            return out
        rest_n.sort(key=lambda j: len(self.nk[j]))
        lens = [len(self.nk[j]) for j in rest_n]
        keys = [self.nk[j] for j in rest_n]
        # Runner-up must be measured below the move threshold too.
        floor = MOVE_THRESHOLD - MOVE_MARGIN
        edges = []
        for i in rest_o:
            key = self.ok[i]
            la = len(key)
            lo = bisect_left(lens, la * floor / (2 - floor))
            hi = bisect_right(lens, la * (2 - floor) / floor)
            if hi <= lo:
                continue
            grant = self.budget.take(hi - lo)
            if grant <= 0:
                break
            if grant < hi - lo:
                mid = bisect_left(lens, la)
                lo = max(lo, min(mid - grant // 2, hi - grant))
                hi = lo + grant
            found = process.extract(key, keys[lo:hi], scorer=fuzz.ratio,
                                    score_cutoff=floor * 100, limit=2)
            if not found or found[0][1] < 100 * _need(MOVE_THRESHOLD, la, lens[lo + found[0][2]]):
                continue
            if len(found) > 1 and found[0][1] - found[1][1] < MOVE_MARGIN * 100:
                continue
            edges.append((found[0][1] / 100.0, i, rest_n[lo + found[0][2]]))
        edges.sort(key=lambda e: -e[0])
        used_o, used_n = set(), set()
        for s, i, j in edges:
            if i in used_o or j in used_n:
                continue
            used_o.add(i)
            used_n.add(j)
            out.append((i, j, s))
        return out

    def _blocks(self, moves: List[Change]):
        """Group moves that stay consecutive in both drafts; mark whole moved paragraphs."""
        blocks: List[List[Change]] = []
        for c in moves:
            prev = blocks[-1][-1] if blocks else None
            if prev and c.old.first == prev.old.last + 1 and c.new.first == prev.new.last + 1:
                blocks[-1].append(c)
            else:
                blocks.append([c])
        per_para: Dict[int, int] = {}
        for seg in self.o:
            per_para[seg.para] = per_para.get(seg.para, 0) + 1
        for b, group in enumerate(blocks, 1):
            paras: Dict[int, int] = {}
            for c in group:
                c.block = b
                paras[c.old.para] = paras.get(c.old.para, 0) + 1
            whole = all(per_para[p] == n for p, n in paras.items())
            for c in group:
                c.whole_paragraph = whole

    # ---- everything ------------------------------------------------------
    def run(self, old_label: str, new_label: str) -> DiffResult:
        """Anchors, then gap matching, then moves; then changes in new-document order."""
        pairs, gaps = self._backbone(self.anchors())
        gap_of_pair = self._match_gaps(gaps)
        moves, gap_of_pair = self._find_moves(pairs, gap_of_pair)
        changes_by_new, move_changes, backbone, covered_o = self._changes(pairs, gap_of_pair, moves)
        layout = self._layout(changes_by_new, move_changes, backbone, covered_o)
        return self._result(old_label, new_label, layout)

    def _backbone(self, blocks):
        """(equal pairs from the anchor blocks, the gaps between the blocks)."""
        pairs: List[Tuple[int, int, float]] = []  # monotonic backbone (i, j, sim)
        gaps = []
        pi = pj = 0
        for bi, bj, size in blocks:
            if bi > pi or bj > pj:
                gaps.append((pi, bi, pj, bj))
            for t in range(size):
                pairs.append((bi + t, bj + t, 1.0))
            pi, pj = bi + size, bj + size
        return pairs, gaps

    def _match_gaps(self, gaps) -> List[Tuple[int, int, float]]:
        """Fuzzy pairs inside the gaps. Gap matching may use half the budget (the move
        pass needs the rest); when the gaps are bigger than that, each gets a share by its size."""
        out: List[Tuple[int, int, float]] = []
        total = sum((i1 - i0) * (j1 - j0) for i0, i1, j0, j1 in gaps)
        share = self.budget.limit // 2
        for (i0, i1, j0, j1) in gaps:
            if i1 > i0 and j1 > j0:
                size = (i1 - i0) * (j1 - j0)
                allowance = None if total <= share else share * size // total
                out.extend(self.gap_pairs(i0, i1, j0, j1, allowance))
        return out

    # complexity: set bookkeeping in comprehensions (radon counts each `if`); the logic is two calls and one merge
    def _find_moves(self, pairs, gap_of_pair):
        """Moves among the sentences left over; a weak in-place pairing gives way to a clearly
        better move of either side. Returns (moves, the gap pairs that stand)."""
        paired_o = {p[0] for p in pairs} | {p[0] for p in gap_of_pair}
        paired_n = {p[1] for p in pairs} | {p[1] for p in gap_of_pair}
        left_o = [i for i in range(len(self.o)) if i not in paired_o]
        left_n = [j for j in range(len(self.n)) if j not in paired_n]
        moves = self.move_pairs(left_o, left_n)
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
        after the backbone pair that precedes them in the old document."""
        backbone.sort()
        bb_old = [b[0] for b in backbone]
        bb_new = [b[1] for b in backbone]

        def slot(i):  # new index of the backbone pair before old sentence i
            k = bisect_left(bb_old, i) - 1
            return bb_new[k] if k >= 0 else -1

        items = [((j, 1, 0), "change", c) for j, c in changes_by_new.items()]
        for i in range(len(self.o)):
            if i not in covered_o:
                items.append(((slot(i) + 0.5, 0, i), "change", Change("delete", self.o[i], None)))
        move_changes.sort(key=lambda c: c.new.first)
        for k, c in enumerate(move_changes, 1):
            c.move_id = k
            items.append(((slot(c.old.first) + 0.5, 0, c.old.first), "move_from", c))
        self._blocks(move_changes)
        items.sort(key=lambda t: t[0])
        return [(kind, c) for _, kind, c in items]

    def _result(self, old_label, new_label, layout) -> DiffResult:
        changes = [c for kind, c in layout if kind == "change"]
        res = DiffResult(old_label, new_label, changes, layout,
                         old_sentences=len(self.o), new_sentences=len(self.n),
                         comparisons=self.budget.used, budget=self.budget.limit,
                         budget_exhausted=self.budget.exhausted, layout_changed=False,
                         old_chars=len(self.od.text), new_chars=len(self.nd.text))
        res.layout_changed = res.identical and self.od.text != self.nd.text
        res.paragraphs_changed = res.layout_changed and (
            [normalize(p.text) for p in self.od.paragraphs] != [normalize(p.text) for p in self.nd.paragraphs])
        return res


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
