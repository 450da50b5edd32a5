"""Value types of a draft diff: sentence segments, word edits, changes, the result.

A `Change` is one entry per sentence (or per split/merged pair of sentences):
`equal`, `insert`, `delete`, `modify` or `move`. A moved sentence whose text
also changed stays a single `move` with both texts, its similarity and its
word edits. Offsets in `WordEdit` are character offsets into the change's
`old_text` / `new_text`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional, Tuple

OPS = ("equal", "insert", "delete", "modify", "move")


@dataclass(frozen=True)
class Segment:
    """One sentence (or two adjacent sentences of one paragraph) of a document."""
    first: int          # index of the first sentence in the document's sentence list
    last: int           # index of the last sentence (== first unless split/merged)
    start: int          # character offsets in the document text
    end: int
    text: str
    line: int           # 1-based line of `start`
    para: int           # index of the paragraph


@dataclass(frozen=True)
class WordEdit:
    op: str             # "insert", "delete" or "replace"
    old_start: int
    old_end: int
    new_start: int
    new_end: int
    old: str
    new: str

    def to_dict(self) -> dict:
        return {"op": self.op, "old": self.old, "new": self.new,
                "old_start": self.old_start, "old_end": self.old_end,
                "new_start": self.new_start, "new_end": self.new_end}


@dataclass
class Change:
    op: str
    old: Optional[Segment] = None
    new: Optional[Segment] = None
    similarity: Optional[float] = None
    edits: List[WordEdit] = field(default_factory=list)
    move_id: Optional[int] = None   # moves are numbered 1.. in new-document order
    block: Optional[int] = None     # consecutive moved sentences that moved together
    whole_paragraph: bool = False   # the block is one or more whole paragraphs of the old draft

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

    def to_dict(self) -> dict:
        return {"op": self.op, "old_text": self.old_text, "new_text": self.new_text,
                "old_line": self.old_line, "new_line": self.new_line,
                "similarity": None if self.similarity is None else round(self.similarity, 4),
                "edits": [e.to_dict() for e in self.edits]}


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
    layout_changed: bool    # same sentences, but the texts differ (whitespace, paragraph breaks)
    paragraphs_changed: bool = False  # same sentences, but split into paragraphs differently
    old_chars: int = 0
    new_chars: int = 0
    lint: Optional[dict] = None
    # (old, new): True when that side's "lines" are .docx paragraphs
    units: Tuple[bool, bool] = (False, False)

    @property
    def identical(self) -> bool:
        return all(c.op == "equal" for c in self.changes)

    @property
    def same(self) -> bool:
        """Nothing a reviewer would call a change: same sentences in the same paragraphs
        (whitespace may differ). Decides exit code 0."""
        return self.identical and not self.paragraphs_changed

    def count(self, op: str) -> int:
        return sum(1 for c in self.changes if c.op == op)

    # complexity: a flat list of counters; radon counts each generator's `if`
    def stats(self) -> dict:
        out = {op: self.count(op) for op in OPS}
        out["moved_and_edited"] = sum(1 for c in self.changes if c.op == "move" and c.edited)
        out["moved_blocks"] = len({c.block for c in self.changes if c.op == "move"})
        out["moved_paragraph_blocks"] = len({c.block for c in self.changes
                                             if c.op == "move" and c.whole_paragraph})
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
                    "paragraphs_changed": self.paragraphs_changed})
        return out

    def to_dict(self) -> dict:
        d = {"old": self.old_label, "new": self.new_label, "stats": self.stats(),
             "changes": [c.to_dict() for c in self.changes]}
        if self.lint is not None:
            d["lint"] = self.lint
        return d
