"""Readable fix previews (`doclint check --diff`): each change in words, in its context.

A unified diff of a 公文 shows a 1,000-character paragraph twice for a
two-character change. Here the fixed text is compared with the original:

1. lines first (difflib on lines: fast when most lines are equal);
2. inside each changed block, word-level edits (the differ's `word_edits`:
   jieba words, trimmed to the characters that changed);
3. each edit widened to the finding whose fix made it (农业农业 → 农业 rather than
   删去“农业”), when that finding's span is short; edits in one span merge.

The result is a list of `Change`s in the original's coordinates: what a
reporter needs to show the fixes (the text preview here, JSON, or tracked
changes in a Word report). `unified` keeps the classic patch for `-f patch`.
"""
from __future__ import annotations

import bisect
import difflib
import os
from dataclasses import dataclass
from typing import List, Sequence, Tuple

from doclint.text.display import cut, escaped, visible

WIDEN_MAX = 10      # widen an edit to its finding's span only when the span is at most this long
BLOCK_MAX = 20000   # larger changed blocks are shown as one change (word diff is quadratic)
CONTEXT = 16        # characters of context on each side in the preview
HEAD_COLUMNS = 40   # old/new text shown in the headline, in terminal columns

_DEL, _INS, _RESET = "\x1b[9;31m", "\x1b[1;32m", "\x1b[0m"


@dataclass(frozen=True)
class Change:
    """Replace original[start:end] (`old`) by `new`; line/column of `start`; codes of the fixes."""
    start: int
    end: int
    old: str
    new: str
    line: int
    column: int
    codes: Tuple[str, ...] = ()

    def to_dict(self, path: str) -> dict:
        return {"path": path, "line": self.line, "column": self.column, "start": self.start, "end": self.end,
                "old": self.old, "new": self.new, "codes": list(self.codes)}


def _raw_edits(old: str, new: str, user_words) -> List[list]:
    """[old_start, old_end, new_start, new_end] of every word-level edit."""
    from doclint.diff.words import word_edits
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    oa = [0]
    for ln in a:
        oa.append(oa[-1] + len(ln))
    ob = [0]
    for ln in b:
        ob.append(ob[-1] + len(ln))
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        xs, xe, ys, ye = oa[i1], oa[i2], ob[j1], ob[j2]
        if xe - xs > BLOCK_MAX or ye - ys > BLOCK_MAX:
            out.append([xs, xe, ys, ye])
            continue
        for e in word_edits(old[xs:xe], new[ys:ye], user_words):
            out.append([xs + e.old_start, xs + e.old_end, ys + e.new_start, ys + e.new_end])
    return out


def _fix_spans(findings, unsafe: bool) -> List[Tuple[int, int, str]]:
    """(start, end, code) of each fix that applies, covering the finding and its edits."""
    spans = []
    for f in findings:
        if f.fix is None or not (f.fix.safe or unsafe):
            continue
        starts = [f.start] + [e.start for e in f.fix.edits]
        ends = [f.end] + [e.end for e in f.fix.edits]
        spans.append((min(starts), max(ends), f.code))
    spans.sort()
    return spans


def _merge(p: list, r: list) -> list:
    """One region from two overlapping ones (p holds the earlier edit, r the later one)."""
    lo = min(p[0], r[0])
    ns = p[2] - (p[0] - lo)  # text left of p's edit is unchanged: both sides grow alike
    if r[1] >= p[1]:
        hi, ne = r[1], r[3]
    else:  # the text after r's edit up to p's end is unchanged
        hi, ne = p[1], r[3] + (p[1] - r[1])
    return [lo, hi, ns, ne, p[4] | r[4]]


def _widen(edits: List[list], spans, old_len: int) -> List[list]:
    """Edits grown to the short fix spans they touch (both sides by the same amount), merged."""
    starts = [s[0] for s in spans]
    out: List[list] = []
    for e in edits:
        codes = set()
        lo, hi = e[0], e[1]
        k = bisect.bisect_right(starts, e[1])
        for a, b, code in spans[max(0, k - 50):k]:  # spans starting at or before the edit's end
            if a <= e[1] and e[0] <= b:  # touching counts: a deletion at a span's edge
                codes.add(code)
                if b - a <= WIDEN_MAX:
                    lo, hi = min(lo, a), max(hi, b)
        hi = min(hi, old_len)
        r = [lo, hi, e[2] - (e[0] - lo), e[3] + (hi - e[1]), codes]
        while out and (r[0] < out[-1][1] or r[0] == r[1] == out[-1][1]):
            r = _merge(out.pop(), r)
        out.append(r)
    return out


def fix_changes(doc, new_text: str, findings: Sequence = (), unsafe: bool = False) -> List[Change]:
    """The changes that turn `doc.text` into `new_text`, word by word, named by the fixes behind them."""
    old = doc.text
    if old == new_text:
        return []
    edits = _raw_edits(old, new_text, getattr(doc, "user_words", ()))
    out = []
    for os_, oe, ns, ne, codes in _widen(edits, _fix_spans(findings, unsafe), len(old)):
        line, col = doc.position(os_)
        out.append(Change(os_, oe, old[os_:oe], new_text[ns:ne], line, col, tuple(sorted(codes))))
    return out


# ---------------------------------------------------------------- rendering
def _one_line(s: str) -> str:
    return visible(s.replace("\r\n", "↵").replace("\n", "↵").replace("\r", "↵"))


def _clip(s: str, n: int = 60) -> str:
    """A long deleted or inserted stretch (a block of page chrome) shortened in the middle."""
    return s if len(s) <= n else s[:n * 2 // 3] + "…" + s[-(n // 3):]


def headline(c: Change, lang: str) -> str:
    """农业农业 → 农业 / 删去“…” / 插入“…” (what the change does, in one line)."""
    old, new = cut(_one_line(c.old), HEAD_COLUMNS), cut(_one_line(c.new), HEAD_COLUMNS)
    zh = lang != "en"
    if not c.new:
        return f"删去“{old}”" if zh else f'delete "{old}"'
    if not c.old:
        return f"插入“{new}”" if zh else f'insert "{new}"'
    return f"“{old}” → “{new}”" if zh else f'"{old}" → "{new}"'


def context_line(text: str, c: Change, color: bool) -> str:
    """The change in its line: …before[-old-]{+new+}after… (colours instead of marks on a terminal)."""
    ls = text.rfind("\n", 0, c.start) + 1
    le = text.find("\n", c.end)
    le = len(text) if le < 0 else le
    before = text[max(ls, c.start - CONTEXT):c.start]
    after = text[c.end:min(le, c.end + CONTEXT)]
    before = ("…" if c.start - CONTEXT > ls else "") + _one_line(before)
    after = _one_line(after.rstrip("\r")) + ("…" if c.end + CONTEXT < le else "")
    old, new = _clip(_one_line(c.old)), _clip(_one_line(c.new))
    if color:
        mid = (f"{_DEL}{old}{_RESET}" if old else "") + (f"{_INS}{new}{_RESET}" if new else "")
    else:
        mid = (f"[-{old}-]" if old else "") + (f"{{+{new}+}}" if new else "")
    return before + mid + after


def render_text(path: str, doc, changes: List[Change], lang: str, color: bool = False,
                context: bool = True) -> str:
    """`path:line:col: CODES headline` per change, each with its context line unless `context` is off."""
    shown = escaped(path)
    out = []
    for c in changes:
        codes = ",".join(c.codes)
        out.append(f"{shown}:{c.line}:{c.column}: " + (f"{codes} " if codes else "") + headline(c, lang) + "\n")
        if context:
            out.append("    " + context_line(doc.text, c, color) + "\n")
    return "".join(out)


def unified(old: str, new: str, path: str) -> str:
    """The fixes as a unified diff (for `patch` or `git apply`); document lines made harmless to show."""
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    out = []
    old_name, new_name = (path, path) if os.path.isabs(path) else (f"a/{path}", f"b/{path}")
    for line in difflib.unified_diff(a, b, fromfile=escaped(old_name), tofile=escaped(new_name)):
        if not line.endswith(("\n", "\r")):
            line += "\n\\ No newline at end of file\n"
        body = line.rstrip("\r\n")
        out.append(visible(body) + line[len(body):])  # CR of a CRLF line is the file's, not a control
    return "".join(out)
