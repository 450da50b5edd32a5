"""Value types of a draft diff, and the contract for programs that consume a DiffResult.

Levels
------
- A `Change` is one sentence (or a split/merged pair of sentences): `op` is
  `equal`, `insert`, `delete`, `modify` or `move`. A moved sentence whose text
  also changed stays one `move` with both texts, its similarity and its word
  edits. `old` / `new` are `Segment`s (text, first line, paragraph, offsets).
- A `WordEdit` is one edit inside a sentence: `old_start:old_end` in
  `change.old.text` became `new_start:new_end` in `change.new.text`. Applied in
  order, the edits turn the old text into the new one (the text between two
  edits is the same on both sides). `kind` is "width" when the two sides differ
  only in full-width/half-width forms (（一）/(一), ２０２５/2025), "number" when
  the edit was widened to whole numbers (1200→1100, not 2→1). A clause that moved
  inside its sentence is a "delete" at its old place and an "insert" at its new
  place sharing a `move` number (1.. within the change).
- A `Block` is one edit as a reviewer counts it (one entry, one navigation
  stop): a modified sentence; a run of inserted and/or deleted sentences
  (`insert`, `delete`, `replace`); a moved paragraph or section with its inner
  edits (`move`: moved sentences, plus sentences inserted or deleted inside the
  moved stretch); a run of renumbered headings (`renumber`, with a summary such as
  （四）…（九）→（五）…（十）); a paragraph split (`split`, 在此处分段) or merge
  (`merge`, 与下段合并). `Change.block` is the id of the block a change belongs to
  (None for `equal`); split/merge blocks only point at the changes beside the
  paragraph break.

Report order
------------
`DiffResult.changes` follow the new draft; deleted sentences sit where they
were, just after the unchanged sentence that preceded them in the old draft.
`DiffResult.layout` is the same list with ("move_from", change) markers at the
old position of each moved sentence. In the layout the old-side items (equal,
modify, delete, move_from) are in old-draft order and the new-side items
(equal, modify, insert, move) in new-draft order: the layout is one merge of
both drafts.

Text and positions
------------------
Sentences are found after hard line wraps are joined (doclint.text.wraps, width
rule; not for .docx, whose paragraphs are explicit), so `Segment.text` is the
sentence without the wraps' line breaks. `Segment.start` / `end` are offsets in
the file's own text and `line` its line there (the report shows the draft's
real line numbers). `Segment.tail` is the white space after the sentence inside
its paragraph ("" for the last sentence of a paragraph). `Paragraph` lists
(`DiffResult.old_paragraphs` / `new_paragraphs`) hold each paragraph's text
(wraps joined, surrounding white space stripped) and its first/last sentence.

Rebuilding the documents (for a redline, e.g. a .docx with tracked changes)
--------------------------------------------------------------------------
`DiffResult.paragraphs()` (doclint.diff.paragraphs) gives the merged document
as a list of `OutParagraph`, each a list of `Run`s and the status of the
paragraph mark that ends it:

- `Run.kind` is "equal", "insert" or "delete"; `Run.text` the characters;
  `Run.change` the sentence change it comes from and `Run.edit` the word edit
  (None for equal text and for whole inserted/deleted sentences).
- Moves: the moved sentence appears twice, as "delete" runs at its old place
  and as "insert" runs at its new place, both with `Run.move_id` (move-from /
  move-to). `Run.clause_move` marks a clause moved inside its sentence.
- `OutParagraph.mark` is "equal" (a paragraph break in both drafts), "insert"
  (only in the new draft: a split or an inserted paragraph), "delete" (only in
  the old draft: a merge or a deleted paragraph) or "end" (the last paragraph).

Accepting every change (equal + insert runs; paragraphs closed by "equal" and
"insert" marks) gives exactly the new draft's paragraphs, `new_paragraphs[k].text`;
rejecting every change (equal + delete runs; "equal" and "delete" marks) gives
exactly the old draft's. tests/diff/test_paragraphs.py checks both on every
revision pair and on planted pairs from the corpus.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional, Tuple

OPS = ("equal", "insert", "delete", "modify", "move")
BLOCK_KINDS = ("modify", "insert", "delete", "replace", "move", "renumber", "split", "merge")


@dataclass(frozen=True, init=False)
class Segment:
    """One sentence (or two adjacent sentences of one paragraph) of a document."""
    # One per sentence of both drafts, kept for the whole diff: slots take a third of the
    # memory of an instance dict, and filling them through their descriptors is faster than the
    # generated frozen __init__ (object.__setattr__ per field). Frozen, ==, hash and repr are
    # the dataclass's.
    __slots__ = ("first", "last", "start", "end", "text", "line", "para", "tail")
    first: int          # index of the first sentence in the document's sentence list
    last: int           # index of the last sentence (== first unless split/merged)
    start: int          # character offsets in the document's own text
    end: int
    text: str           # the sentence (hard wraps joined)
    line: int           # 1-based line of `start`
    para: int           # index of the paragraph
    tail: str           # white space after it inside its paragraph ("" by default)

    def __init__(self, first: int, last: int, start: int, end: int, text: str, line: int, para: int,
                 tail: str = ""):
        s0, s1, s2, s3, s4, s5, s6, s7 = _SEGMENT_SLOTS
        s0(self, first)
        s1(self, last)
        s2(self, start)
        s3(self, end)
        s4(self, text)
        s5(self, line)
        s6(self, para)
        s7(self, tail)

    def __reduce__(self):  # pickle and copy: through __init__ (setattr is frozen)
        return (Segment, (self.first, self.last, self.start, self.end, self.text, self.line, self.para,
                          self.tail))


_SEGMENT_SLOTS = tuple(Segment.__dict__[name].__set__ for name in Segment.__slots__)


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a draft (hard wraps joined)."""
    index: int
    text: str
    first: int          # its first and last sentence
    last: int
    line: int           # 1-based line of its start in the draft's own text
    start: int          # offsets in the draft's own text
    end: int


@dataclass(frozen=True)
class WordEdit:
    op: str             # "insert", "delete" or "replace"
    old_start: int
    old_end: int
    new_start: int
    new_end: int
    old: str
    new: str
    kind: Optional[str] = None    # "width" (full/half-width forms only), "number" (whole numbers)
    move: Optional[int] = None    # a clause moved inside the sentence: its delete and insert share this

    def to_dict(self) -> dict:
        return {"op": self.op, "old": self.old, "new": self.new,
                "old_start": self.old_start, "old_end": self.old_end,
                "new_start": self.new_start, "new_end": self.new_end,
                "kind": self.kind, "move": self.move}


@dataclass
class Change:
    op: str
    old: Optional[Segment] = None
    new: Optional[Segment] = None
    similarity: Optional[float] = None
    edits: List[WordEdit] = field(default_factory=list)
    move_id: Optional[int] = None   # moves are numbered 1.. in new-document order
    block: Optional[int] = None     # id of the Block (edit-level change) it belongs to
    whole_paragraph: bool = False   # a moved block made of whole paragraphs of the old draft

    @property
    def old_text(self):
        return self.old.text if self.old else None

    @property
    def new_text(self):
        return self.new.text if self.new else None

    @property
    def old_line(self):
        return self.old.line if self.old else None

    @property
    def new_line(self):
        return self.new.line if self.new else None

    @property
    def edited(self) -> bool:
        """True when the texts differ (a modify, or a move that was also edited)."""
        return self.old is not None and self.new is not None and self.old.text != self.new.text

    @property
    def width_only(self) -> bool:
        """A modification made only of full-width/half-width changes."""
        return bool(self.edits) and all(e.kind == "width" for e in self.edits)

    def to_dict(self) -> dict:
        return {"op": self.op, "old_text": self.old_text, "new_text": self.new_text,
                "old_line": self.old_line, "new_line": self.new_line,
                "similarity": None if self.similarity is None else round(self.similarity, 4),
                "edits": [e.to_dict() for e in self.edits],
                "block": self.block, "move_id": self.move_id}


@dataclass
class Block:
    """One edit as a reviewer counts it (see the module docstring)."""
    id: int
    kind: str
    changes: List[Change]
    move_id: Optional[int] = None       # kind "move": the move number of its first sentence
    summary: Optional[dict] = None      # kind "renumber": {"old": [...], "new": [...]} markers
    old_line: Optional[int] = None
    new_line: Optional[int] = None
    position: Optional[int] = None      # split/merge: index in DiffResult.layout where the new paragraph starts

    @property
    def edited(self) -> bool:
        """A move block whose text also changed inside."""
        return self.kind == "move" and any(c.op != "move" or c.edited for c in self.changes)

    @property
    def width_only(self) -> bool:
        return self.kind == "modify" and all(c.width_only for c in self.changes)


@dataclass
class DiffResult:
    old_label: str
    new_label: str
    changes: List[Change]
    # Report order: `changes` plus ("move_from", change) markers at the old
    # position of each move, so reports can show where a sentence went.
    layout: List[Tuple[str, Change]]
    old_sentences: int
    new_sentences: int
    comparisons: int
    budget: int
    budget_exhausted: bool
    layout_changed: bool    # same sentences, but the texts differ (whitespace, line wraps, paragraph breaks)
    paragraphs_changed: bool = False  # same sentences, but split into paragraphs differently
    old_chars: int = 0
    new_chars: int = 0
    lint: Optional[dict] = None
    # (old, new): True when that side's "lines" are .docx paragraphs
    units: Tuple[bool, bool] = (False, False)
    blocks: List[Block] = field(default_factory=list)
    old_paragraphs: List[Paragraph] = field(default_factory=list)
    new_paragraphs: List[Paragraph] = field(default_factory=list)
    wraps_joined: Tuple[int, int] = (0, 0)   # hard line wraps joined in the old / new draft
    _paragraphs: Optional[list] = field(default=None, repr=False)

    @property
    def identical(self) -> bool:
        return all(c.op == "equal" for c in self.changes)

    @property
    def same(self) -> bool:
        """Nothing a reviewer would call a change: same sentences in the same paragraphs
        (white space and hard line wraps may differ). Decides exit code 0."""
        return self.identical and not self.paragraphs_changed

    def count(self, op: str) -> int:
        return sum(1 for c in self.changes if c.op == op)

    def paragraphs(self):
        """The merged document as paragraphs of runs (see the module docstring)."""
        if self._paragraphs is None:
            from doclint.diff.paragraphs import merged_paragraphs
            self._paragraphs = merged_paragraphs(self)
        return self._paragraphs

    def edit_counts(self) -> dict:
        """Blocks by kind, moves edited inside, and width-only edits (全角/半角)."""
        out = {k: 0 for k in BLOCK_KINDS}
        for b in self.blocks:
            out[b.kind] += 1
        out["total"] = len(self.blocks)
        out["moved_and_edited"] = sum(1 for b in self.blocks if b.edited)
        out["width_only"] = sum(1 for b in self.blocks if b.width_only)
        out["width_edits"] = sum(1 for c in self.changes for e in c.edits if e.kind == "width")
        return out

    def _move_stats(self) -> dict:
        move_blocks = [b for b in self.blocks if b.kind == "move"]
        return {"moved_and_edited": sum(1 for c in self.changes if c.op == "move" and c.edited),
                "moved_blocks": len(move_blocks),
                "moved_paragraph_blocks": sum(1 for b in move_blocks
                                              if all(c.whole_paragraph for c in b.changes if c.op == "move"))}

    # complexity: a flat list of counters; radon counts each generator's `if`
    def stats(self) -> dict:
        out = {op: self.count(op) for op in OPS}
        out.update(self._move_stats())
        out["split_or_merged"] = sum(1 for c in self.changes
                                     if (c.old and c.old.first != c.old.last) or
                                     (c.new and c.new.first != c.new.last))
        out["inserted_chars"] = (sum(len(c.new.text) for c in self.changes if c.op == "insert") +
                                 sum(len(e.new) for c in self.changes for e in c.edits))
        out["deleted_chars"] = (sum(len(c.old.text) for c in self.changes if c.op == "delete") +
                                sum(len(e.old) for c in self.changes for e in c.edits))
        out.update({"old_sentences": self.old_sentences, "new_sentences": self.new_sentences,
                    "old_chars": self.old_chars, "new_chars": self.new_chars,
                    "comparisons": self.comparisons, "budget": self.budget,
                    "budget_exhausted": self.budget_exhausted,
                    "layout_changed": self.layout_changed,
                    "paragraphs_changed": self.paragraphs_changed,
                    "wraps_joined": list(self.wraps_joined),
                    "edits": self.edit_counts()})
        return out

    def to_dict(self) -> dict:
        index = {id(c): k for k, c in enumerate(self.changes)}
        blocks = []
        for b in self.blocks:
            blocks.append({"id": b.id, "kind": b.kind, "changes": [index[id(c)] for c in b.changes],
                           "old_line": b.old_line, "new_line": b.new_line, "move_id": b.move_id,
                           "edited": b.edited, "width_only": b.width_only, "summary": b.summary})
        d = {"old": self.old_label, "new": self.new_label, "stats": self.stats(),
             "changes": [c.to_dict() for c in self.changes], "blocks": blocks}
        if self.lint is not None:
            d["lint"] = self.lint
        return d
