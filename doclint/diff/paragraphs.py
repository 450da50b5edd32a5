"""The two drafts merged into one document of paragraphs: runs of equal, inserted and deleted text.

This is what a redline shows (and what a .docx with tracked changes is built
from; the contract is in doclint.diff.model). The layout of a DiffResult is
one merge of both drafts: its old-side items (equal, modify, delete,
move-from) are in old order, its new-side items (equal, modify, insert,
move-to) in new order. Each item becomes runs: its sentence text (equal, or
the word edits as equal/delete/insert pieces) and the white space after it
inside its paragraph.

Paragraph breaks: between two consecutive old-side items whose sentences lie
in different old paragraphs there is an old break, which can sit anywhere
between them in the merged sequence; likewise for the new side. Breaks of
the two sides whose ranges overlap become one shared mark ("equal"), at the
first place both allow; an old break left alone is a deleted mark ("delete",
placed right after its old sentence), a new one an inserted mark ("insert").
A deleted mark between two sentences kept in both drafts that share a new
paragraph is a merge (与下段合并); an inserted mark between two kept sentences
that shared an old paragraph is a split (在此处分段). (A paragraph inserted
into the middle of another is reported as the insertion.)
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional, Tuple

from doclint.diff.model import Change, WordEdit


@dataclass
class Run:
    kind: str                       # "equal", "insert" or "delete"
    text: str
    change: Change
    edit: Optional[WordEdit] = None
    move_id: Optional[int] = None   # moved sentence: delete at its origin, insert at its arrival
    clause_move: Optional[int] = None  # a clause moved inside its sentence


@dataclass
class OutParagraph:
    runs: List[Run] = field(default_factory=list)
    mark: str = "end"               # the mark ending it: "equal", "insert", "delete" or "end"
    old_para: Optional[int] = None  # first old / new paragraph with text in it
    new_para: Optional[int] = None
    # For "insert"/"delete" marks: "split" / "merge" when the break falls between two sentences
    # kept in both drafts and in one paragraph of the other draft; `before` / `after` are those
    # two changes, `at` the one beside the break (split: the sentence that now starts a
    # paragraph; merge: the sentence that ended one).
    break_kind: Optional[str] = None
    before: Optional[Change] = None
    after: Optional[Change] = None
    at: Optional[Change] = None
    boundary: Optional[int] = None  # the layout index where the next paragraph starts

    def accepted(self) -> str:
        return "".join(r.text for r in self.runs if r.kind != "delete")

    def rejected(self) -> str:
        return "".join(r.text for r in self.runs if r.kind != "insert")


def _ws_runs(old: str, new: str, c: Change) -> List[Run]:
    """Runs of two texts equal up to white space: white space that differs is deleted/inserted."""
    if old == new:
        return [Run("equal", old, c)] if old else []
    out: List[Run] = []
    i = j = 0

    def add(kind, text):
        if not text:
            return
        if out and out[-1].kind == kind:
            out[-1].text += text
        else:
            out.append(Run(kind, text, c))
    while i < len(old) or j < len(new):
        a = i
        while i < len(old) and old[i].isspace():
            i += 1
        b = j
        while j < len(new) and new[j].isspace():
            j += 1
        if old[a:i] == new[b:j]:
            add("equal", old[a:i])
        else:
            add("delete", old[a:i])
            add("insert", new[b:j])
        a, b = i, j
        while i < len(old) and j < len(new) and not old[i].isspace() and old[i] == new[j]:
            i += 1
            j += 1
        if i == a and j == b:  # texts not equal up to white space: fall back to whole texts
            add("delete", old[i:])
            add("insert", new[j:])
            break
        add("equal", old[a:i])
    return out


def _edit_runs(c: Change) -> List[Run]:
    old = c.old.text
    out: List[Run] = []
    pos = 0
    for e in c.edits:
        if e.old_start > pos:
            out.append(Run("equal", old[pos:e.old_start], c))
        if e.old:
            out.append(Run("delete", e.old, c, e, clause_move=e.move))
        if e.new:
            out.append(Run("insert", e.new, c, e, clause_move=e.move))
        pos = e.old_end
    if pos < len(old):
        out.append(Run("equal", old[pos:], c))
    return out


def _tail_runs(old_tail: Optional[str], new_tail: Optional[str], c: Change) -> List[Run]:
    if old_tail is not None and new_tail is not None:
        return _ws_runs(old_tail, new_tail, c)
    if old_tail:
        return [Run("delete", old_tail, c)]
    if new_tail:
        return [Run("insert", new_tail, c)]
    return []


def item_runs(kind: str, c: Change) -> List[Run]:
    """The runs of one layout item."""
    if kind == "move_from":
        return [Run("delete", c.old.text, c, move_id=c.move_id)] + _tail_runs(c.old.tail, None, c)
    if c.op == "move":
        return [Run("insert", c.new.text, c, move_id=c.move_id)] + _tail_runs(None, c.new.tail, c)
    if c.op == "insert":
        return [Run("insert", c.new.text, c)] + _tail_runs(None, c.new.tail, c)
    if c.op == "delete":
        return [Run("delete", c.old.text, c)] + _tail_runs(c.old.tail, None, c)
    body = _ws_runs(c.old.text, c.new.text, c) if c.op == "equal" else _edit_runs(c)
    return body + _tail_runs(c.old.tail, c.new.tail, c)


def _sides(kind: str, c: Change) -> Tuple[Optional[Tuple[int, int]], Optional[Tuple[int, int]]]:
    """(old paragraph range, new paragraph range) an item covers: (first para, last para) or None."""
    old = new = None
    if kind == "move_from" or (c.op in ("equal", "modify", "delete")):
        old = (c.old.para, c.old.para)
    if kind == "change" and c.new is not None:
        new = (c.new.para, c.new.para)
    return old, new


def _breaks(layout):
    """(old breaks, new breaks): (first, last boundary, item before, item after) of each break
    between consecutive items of one side (see `_sides`); boundary t lies between items t-1 and t."""
    # One walk, no per-item tuples: this runs on every diff (the differ's paragraph marks).
    old_breaks, new_breaks = [], []
    prev_o = prev_n = -1       # position of the previous item of each side
    para_o = para_n = None     # and its paragraph
    for pos, (kind, c) in enumerate(layout):
        if kind == "move_from" or c.op in _OLD_SIDE:
            para = c.old.para
            if prev_o >= 0 and para != para_o:
                old_breaks.append((prev_o + 1, pos, prev_o, pos))
            prev_o, para_o = pos, para
        if kind == "change" and c.new is not None:
            para = c.new.para
            if prev_n >= 0 and para != para_n:
                new_breaks.append((prev_n + 1, pos, prev_n, pos))
            prev_n, para_n = pos, para
    return old_breaks, new_breaks


_OLD_SIDE = ("equal", "modify", "delete")


def _place(old_breaks, new_breaks):
    """{boundary: (mark, old break or None, new break or None)}: overlapping breaks share a mark."""
    marks = {}
    i = j = 0
    while i < len(old_breaks) or j < len(new_breaks):
        ob = old_breaks[i] if i < len(old_breaks) else None
        nb = new_breaks[j] if j < len(new_breaks) else None
        if ob and nb and ob[0] <= nb[1] and nb[0] <= ob[1]:
            marks[max(ob[0], nb[0])] = ("equal", ob, nb)
            i += 1
            j += 1
        elif ob and (nb is None or ob[1] < nb[0]):
            marks[ob[0]] = ("delete", ob, None)
            i += 1
        else:
            marks[nb[0]] = ("insert", None, nb)
            j += 1
    return marks


def merged_paragraphs(res) -> List[OutParagraph]:
    """The merged document (see the module docstring)."""
    layout = res.layout
    marks = _place(*_breaks(layout))
    out: List[OutParagraph] = []
    cur = OutParagraph()
    for k, (kind, c) in enumerate(layout):
        if k in marks:
            cur.mark = marks[k][0]
            cur.boundary = k
            _classify(cur, marks[k], layout)
            out.append(cur)
            cur = OutParagraph()
        old, new = _sides(kind, c)
        if old is not None and cur.old_para is None:
            cur.old_para = old[0]
        if new is not None and cur.new_para is None:
            cur.new_para = new[0]
        cur.runs.extend(item_runs(kind, c))
    if layout or not out:
        out.append(cur)
    return out


def changed_breaks(res) -> List[OutParagraph]:
    """The paragraphs of `merged_paragraphs` that end at an inserted or deleted mark (splits,
    merges, paragraphs added or removed), without their runs or paragraph numbers: what the
    differ needs for its blocks, in time linear in the layout with nothing built per paragraph."""
    layout = res.layout
    out = []
    for k, mark in sorted(_place(*_breaks(layout)).items()):
        if mark[0] != "equal":
            par = OutParagraph(mark=mark[0], boundary=k)
            _classify(par, mark, layout)
            out.append(par)
    return out


def _classify(par: OutParagraph, mark, layout) -> None:
    """Split or merge: a paragraph break added between two sentences that were in one paragraph of
    the old draft (both in both drafts), or removed between two that are in one of the new draft."""
    kind, old_break, new_break = mark
    if kind == "equal":
        return
    brk = new_break if kind == "insert" else old_break
    (ka, a), (kb, b) = layout[brk[2]], layout[brk[3]]
    if ka != "change" or kb != "change" or a.op not in ("equal", "modify") or b.op not in ("equal", "modify"):
        return
    other_a, other_b = (a.old, b.old) if kind == "insert" else (a.new, b.new)
    if other_a.para != other_b.para:
        return
    par.break_kind = "split" if kind == "insert" else "merge"
    par.before, par.after = a, b
    par.at = b if kind == "insert" else a
