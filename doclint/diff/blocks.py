"""Sentence changes grouped into edits as a reviewer counts them (`Block`s).

- A stretch of sentences that moved together (consecutive in both drafts,
  sentences deleted or inserted inside it included) is one `move` block.
- Headings whose only change is their number, shifted by the same amount in
  a run (（四）…（九） → （五）…（十）, after an inserted section), are one
  `renumber` block with a summary.
- A run of inserted and/or deleted sentences with nothing else between them
  (an inserted section, a rewritten paragraph) is one `insert`, `delete` or
  `replace` block.
- Every other modified sentence is one `modify` block.
- A paragraph split or merge (doclint.diff.paragraphs) is one `split` /
  `merge` block at the break.
Blocks are numbered 1.. in report order.
"""
from __future__ import annotations

from typing import Dict, List, Optional, Tuple

from doclint.diff.model import Block, Change
from doclint.text.markers import parse_number, recognise


def renumbering(c: Change, old_side, new_side) -> Optional[Tuple]:
    """(level, style, old number, new number, old marker, new marker) when the change is a heading
    (a paragraph's first sentence) whose only change is its number, else None."""
    if c.op != "modify" or c.old.first != c.old.last or c.new.first != c.new.last:
        return None
    if not (_opens_paragraph(c.old, old_side) and _opens_paragraph(c.new, new_side)):
        return None
    a, b = recognise(c.old.text), recognise(c.new.text)
    if a is None or b is None or a[0] != b[0] or a[2] != b[2]:
        return None
    (s0, e0), (s1, e1) = a[4], b[4]
    if c.old.text[:s0] + c.old.text[e0:] != c.new.text[:s1] + c.new.text[e1:]:
        return None
    old_n, new_n = parse_number(a[1]), parse_number(b[1])
    if old_n == new_n:
        return None
    return a[0], a[2], old_n, new_n, c.old.text[:a[3]], c.new.text[:b[3]]


def _opens_paragraph(seg, side) -> bool:
    return side.paragraphs_by_index[seg.para].first == seg.first


def build_blocks(res, stretches: List[List[Change]], paragraphs, old_side, new_side) -> List[Block]:
    """The blocks of a DiffResult, in report order (ids set on the blocks and on their changes)."""
    # Positions of the changes that can open a block (most of a light revision is equal).
    position = {id(c): k for k, (kind, c) in enumerate(res.layout) if kind == "change" and c.op != "equal"}
    made: List[Tuple[float, Block]] = []
    owner: Dict[int, Block] = {}
    _move_blocks(res, stretches, position, made, owner)
    _layout_blocks(res, old_side, new_side, position, made, owner)
    _break_blocks(paragraphs, made)
    made.sort(key=lambda t: t[0])
    blocks = [b for _, b in made]
    for k, b in enumerate(blocks, 1):
        b.id = k
        if b.kind not in ("split", "merge"):
            for c in b.changes:
                c.block = k
    return blocks


def _move_blocks(res, stretches, position, made, owner) -> None:
    """Moves, with the sentences deleted or inserted inside the moved stretch."""
    if not stretches:
        return
    deletes = {c.old.first: c for c in res.changes if c.op == "delete"}
    inserts = {c.new.first: c for c in res.changes if c.op == "insert"}
    for group in stretches:
        members = []
        for prev, c in zip([None] + group[:-1], group):
            if prev is not None:
                members.extend(deletes[i] for i in range(prev.old.last + 1, c.old.first))
                members.extend(inserts[j] for j in range(prev.new.last + 1, c.new.first))
            members.append(c)
        b = Block(0, "move", members, move_id=group[0].move_id, old_line=group[0].old_line,
                  new_line=group[0].new_line)
        made.append((position[id(group[0])], b))
        for m in members:
            owner[id(m)] = b


def _layout_blocks(res, old_side, new_side, position, made, owner) -> None:
    """Renumbered headings (runs of the same level, style and shift, numbers consecutive), runs of
    inserted/deleted sentences, and single modifications, in one walk over the layout."""
    open_runs: Dict[Tuple, Tuple[Block, int]] = {}
    run: Optional[Block] = None
    for kind, c in res.layout:
        if kind != "change" or c.op == "equal" or id(c) in owner:
            run = None
        elif c.op == "modify":
            run = None
            owner[id(c)] = _modify_block(c, renumbering(c, old_side, new_side), open_runs, position, made)
        else:  # insert / delete: one block per run of them
            if run is None:
                run = Block(0, c.op, [], old_line=c.old_line, new_line=c.new_line)
                made.append((position[id(c)], run))
            elif run.kind != c.op:
                run.kind = "replace"
            run.changes.append(c)
            run.old_line = run.old_line or c.old_line
            run.new_line = run.new_line or c.new_line
            owner[id(c)] = run


def _modify_block(c, r, open_runs, position, made) -> Block:
    """The block of a modified sentence: a run of renumbered headings it continues, a new one,
    or a block of its own."""
    if r is None:
        b = Block(0, "modify", [c], old_line=c.old_line, new_line=c.new_line)
        made.append((position[id(c)], b))
        return b
    level, style, old_n, new_n, old_mark, new_mark = r
    key = (level, style, new_n - old_n)
    got = open_runs.get(key)
    if got is not None and got[1] + 1 == old_n:
        b = got[0]
        b.changes.append(c)
        b.summary["old"].append(old_mark)
        b.summary["new"].append(new_mark)
    else:
        b = Block(0, "renumber", [c], summary={"old": [old_mark], "new": [new_mark]},
                  old_line=c.old_line, new_line=c.new_line)
        made.append((position[id(c)], b))
    open_runs[key] = (b, old_n)
    return b


def _break_blocks(paragraphs, made) -> None:
    """Paragraph splits and merges, just before the paragraph they open."""
    for par in paragraphs:
        if par.break_kind is None:
            continue
        at = par.at
        if par.break_kind == "split":
            b = Block(0, "split", [par.before, par.after], old_line=par.after.old_line, new_line=at.new_line,
                      position=par.boundary)
        else:
            b = Block(0, "merge", [par.before, par.after], old_line=at.old_line, new_line=par.before.new_line,
                      position=par.boundary)
        made.append((par.boundary - 0.5, b))
