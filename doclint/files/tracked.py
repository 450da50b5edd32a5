"""Tracked changes and comments written into a Word body: the one writer behind the 修订稿
(`doclint diff -f docx`) and the 审核稿 (`doclint check -f docx`).

The model is a *stream*: a list of `Piece`s read left to right, each `eq` (text in both
versions), `ins` / `del` (inserted / deleted text), `mto` / `mfrom` (moved text, at its new and
its old place; pieces of one move share a name), or a zero-width comment marker (`cstart` /
`cend` with a comment number). "\\n" in a piece's text is a paragraph mark of that kind.
The old text is eq + del + mfrom in order, the new text eq + ins + mto.

An `Editor` writes a stream into an existing body whose text (as doclint.files.docx reads it)
is one side of the stream: the new side for a redline (eq/ins/mto text is there; del/mfrom text
is added as new runs), the old side for an annotated draft (eq/del/mfrom text is there; fixes
are added as inserted runs). Text that is there is wrapped in w:ins / w:del / w:moveFrom /
w:moveTo at run boundaries: runs are split where a piece or a comment starts or ends, and each
part keeps a copy of its run properties, so no character changes its formatting. Paragraph
marks are tracked in w:pPr/w:rPr; a deleted mark that was not in the body splits a paragraph.
What cannot be tracked faithfully (a paragraph mark between table cells, text inside someone
else's revision, a paragraph break inside a field) raises `Untrackable`; callers fall back.

Rules learned with LibreOffice 7.4 (see the README's Word section): w:t and w:delText always
carry xml:space="preserve"; revisions are never nested; the comment reference run sits outside
every revision (else accepting or rejecting would delete the comment); and `lo_safe` rewrites
an untracked paragraph mark between two insertions, which LibreOffice would otherwise merge
into one insertion (so that rejecting all joined the two paragraphs).
"""
from __future__ import annotations

import copy
import difflib
import itertools
import re
from bisect import bisect_left, bisect_right
from typing import Callable, Dict, List, Optional, Sequence

from doclint.files import ooxml
from doclint.files.docx import GONE, P, PPR, REVISIONS, RPR, T, project
from doclint.files.ooxml import XML_SPACE, qn
from doclint.text.display import xml_safe

KINDS = ("eq", "ins", "del", "mfrom", "mto", "cstart", "cend")
OLD_KINDS = frozenset(("eq", "del", "mfrom"))
NEW_KINDS = frozenset(("eq", "ins", "mto"))
MARKERS = frozenset(("cstart", "cend"))
INSERTING = frozenset(("ins", "mto"))
TAG = {"ins": "w:ins", "del": "w:del", "mfrom": "w:moveFrom", "mto": "w:moveTo"}
RANGE = {"mfrom": ("w:moveFromRangeStart", "w:moveFromRangeEnd"), "mto": ("w:moveToRangeStart", "w:moveToRangeEnd")}
DEL_TEXT, INSTR, DEL_INSTR = qn("w:delText"), qn("w:instrText"), qn("w:delInstrText")
SECT_PR, PPR_CHANGE, BODY = qn("w:sectPr"), qn("w:pPrChange"), qn("w:body")
# A char diff of two regions longer than this product is not attempted (quadratic): whole
# delete + insert instead. Only whitespace between aligned sentences ever comes near it.
CHAR_DIFF_LIMIT = 4_000_000


class Piece:
    __slots__ = ("kind", "text", "name", "cid")

    def __init__(self, kind: str, text: str = "", name: Optional[str] = None, cid: Optional[int] = None):
        self.kind, self.text, self.name, self.cid = kind, text, name, cid

    def __repr__(self):
        extra = f", {self.name!r}" if self.name else (f", c{self.cid}" if self.cid is not None else "")
        return f"{self.kind}({self.text!r}{extra})"


class Untrackable(Exception):
    """The body cannot carry this edit as a revision (structure, or someone else's revision)."""


def normalized(text: str):
    """(text with CRLF/CR as "\\n", an offset map or None): the text as paragraphs of a new
    document hold it; a final line break ends the last paragraph (it is not an empty one), and a
    character XML cannot carry (a C0 control, a lone surrogate) is U+FFFD."""
    fmap = None
    if "\r" in text:
        pairs = [m.start() for m in re.finditer("\r\n", text)]
        text = text.replace("\r\n", "\n").replace("\r", "\n")

        def fmap(i: int) -> int:
            return i - bisect_left(pairs, i)
    if text.endswith("\n"):
        text = text[:-1]
    return xml_safe(text), fmap  # one for one: offsets stay valid


# ---- streams ---------------------------------------------------------------------------
def old_text(stream: Sequence[Piece]) -> str:
    return "".join(p.text for p in stream if p.kind in OLD_KINDS)


def new_text(stream: Sequence[Piece]) -> str:
    return "".join(p.text for p in stream if p.kind in NEW_KINDS)


def coalesce(stream: Sequence[Piece]) -> List[Piece]:
    """Adjacent text pieces of one kind (and one move) merged; empty pieces dropped."""
    out: List[Piece] = []
    for p in stream:
        if p.kind not in MARKERS and not p.text:
            continue
        last = out[-1] if out else None
        if last is not None and p.kind not in MARKERS and last.kind == p.kind and last.name == p.name:
            last.text += p.text
        else:
            out.append(Piece(p.kind, p.text, p.name, p.cid))
    return out


def char_diff(a: str, b: str) -> List[Piece]:
    """A character-level stream from `a` to `b` (difflib), or delete + insert when too big."""
    if a == b:
        return [Piece("eq", a)] if a else []
    if not a or not b or len(a) * len(b) > CHAR_DIFF_LIMIT:
        return [Piece("del", a), Piece("ins", b)]
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(Piece("eq", a[i1:i2]))
            continue
        if i2 > i1:
            out.append(Piece("del", a[i1:i2]))
        if j2 > j1:
            out.append(Piece("ins", b[j1:j2]))
    return out


def lo_safe(stream: Sequence[Piece], mark_ok: Optional[Callable[[int], bool]] = None,
            body_kinds=NEW_KINDS) -> List[Piece]:
    """The stream with every untracked paragraph mark that sits between two insertions rewritten.

    LibreOffice (7.4) imports an insertion that ends a paragraph and one that starts the next as
    ONE insertion that swallows the untracked mark between them, so rejecting all would join the
    paragraphs. Two rewrites keep both texts: when the second insertion is plain text ending in
    its own mark (and no insertion follows), the marks trade places (`ins A | eq ¶ | ins B¶` →
    `ins A¶B | eq ¶`); otherwise the mark becomes `ins ¶ + del ¶` (an empty paragraph that only
    the markup view shows). `mark_ok(line)` says whether the mark ending that line of the body
    (the side made of `body_kinds`) may carry a revision; if not, the mark is left alone.
    Only an eq piece that is exactly one mark can sit between two insertions (after coalesce).
    """
    out: List[Piece] = []
    pieces = coalesce(stream)
    line = 0
    k = 0
    while k < len(pieces):
        piece = pieces[k]
        if (piece.kind == "eq" and piece.text == "\n" and _inserting(pieces, k, -1) and _inserting(pieces, k, 1)
                and (mark_ok is None or mark_ok(line))):
            nxt = pieces[k + 1]
            after = pieces[k + 2] if k + 2 < len(pieces) else None
            if nxt.kind == "ins" and nxt.text.endswith("\n") and (after is None or after.kind not in INSERTING):
                out += [Piece("ins", "\n" + nxt.text[:-1]), piece]   # ins A | eq ¶ | ins B¶ -> ins A¶B | eq ¶
                k += 2
            else:
                out += [Piece("ins", "\n"), Piece("del", "\n")]
                k += 1
            line += 1
            continue
        if piece.kind in body_kinds:
            line += piece.text.count("\n")
        out.append(piece)
        k += 1
    return coalesce(out)


def _inserting(pieces, k, step) -> bool:
    """Whether the nearest text piece before (step -1) or after (+1) piece k is an insertion."""
    j = k + step
    while 0 <= j < len(pieces) and pieces[j].kind in MARKERS:
        j += step
    return 0 <= j < len(pieces) and pieces[j].kind in INSERTING


def edit_stream(text: str, edits: Sequence, spans: Sequence) -> List[Piece]:
    """The stream that applies `edits` to `text` and marks `spans` with comments.

    edits: (start, end, replacement), not overlapping (as engine.fixes.apply_fixes accepts them);
    spans: (start, end, comment number). At one offset: comments that end there close first, then
    the replacement of an edit that ends there, then comments on an empty span, then a pure
    insertion, then comments that start there; so a comment covers exactly the text it was put on
    (with any deletion inside it) and never text inserted after it.
    """
    ends, starts, points, after, pure = {}, {}, {}, {}, {}
    cuts = {0, len(text)}
    for s, e, cid in spans:
        (points.setdefault(s, []) if s == e else starts.setdefault(s, [])).append(cid)
        if s != e:
            ends.setdefault(e, []).append(cid)
        cuts.update((s, e))
    deleted = []
    for s, e, rep in sorted(edits):
        if s == e:
            pure[s] = pure.get(s, "") + rep
        else:
            after[e] = rep
            deleted.append((s, e))
        cuts.update((s, e))
    del_starts = [s for s, _ in deleted]
    order = sorted(cuts)
    out: List[Piece] = []
    for k, pos in enumerate(order):
        out += [Piece("cend", cid=c) for c in ends.get(pos, ())]
        if pos in after:
            out.append(Piece("ins", after[pos]))
        for c in points.get(pos, ()):
            out += [Piece("cstart", cid=c), Piece("cend", cid=c)]
        if pos in pure:
            out.append(Piece("ins", pure[pos]))
        out += [Piece("cstart", cid=c) for c in starts.get(pos, ())]
        if k + 1 < len(order):
            j = bisect_right(del_starts, pos) - 1
            inside = j >= 0 and deleted[j][0] <= pos < deleted[j][1]
            out.append(Piece("del" if inside else "eq", text[pos:order[k + 1]]))
    return [p for p in out if p.kind in MARKERS or p.text]


# ---- XML building ----------------------------------------------------------------------
def _el(name: str, attrs: Optional[Dict[str, str]] = None):
    e = ooxml.etree().Element(qn(name))
    for k, v in (attrs or {}).items():
        e.set(qn("w:" + k), str(v))
    return e


def text_runs(text: str, rpr=None, deleted: bool = False):
    """w:r elements for `text` ("\\t" as w:tab), each with a copy of `rpr`."""
    tag = "w:delText" if deleted else "w:t"
    r = _el("w:r")
    if rpr is not None:
        r.append(copy.deepcopy(rpr))
    for k, part in enumerate(xml_safe(text).split("\t")):
        if k:
            r.append(_el("w:tab"))
        if part:
            t = _el(tag)
            t.text = part
            t.set(XML_SPACE, "preserve")
            r.append(t)
    return [r]


def text_document(lines: Sequence[str], styles: Optional[Sequence[Optional[str]]] = None):
    """A w:document whose body has one paragraph per line (with an optional paragraph style)."""
    et = ooxml.etree()
    root = et.Element(qn("w:document"), nsmap=ooxml.NSMAP)
    body = et.SubElement(root, BODY)
    for k, line in enumerate(lines):
        p = et.SubElement(body, P)
        style = styles[k] if styles else None
        indent = line[:1].isspace()
        if style or indent:
            ppr = et.SubElement(p, PPR)
            if style:
                _el_sub(ppr, "w:pStyle", val=style)
            if indent:  # the text brings its own indent (　　): no first-line indent on top
                _el_sub(ppr, "w:ind", firstLineChars="0", firstLine="0")
        if line:
            p.extend(text_runs(line))
    body.append(et.fromstring(f'<w:sectPr xmlns:w="{ooxml.W_NS}">'.encode() +
                              ooxml.SECTION_XML[len("<w:sectPr>"):].encode()))
    return root


def _el_sub(parent, name, **attrs):
    e = _el(name, attrs)
    parent.append(e)
    return e


class Comment:
    """A comment to write: its paragraphs of text; author and initials."""

    def __init__(self, paragraphs: Sequence[str], author: str = "doclint", initials: str = "DL"):
        self.paragraphs = list(paragraphs)
        self.author = author
        self.initials = initials
        self.id: Optional[int] = None


def comment_elements(comments: Sequence[Comment], date: str):
    out = []
    for c in comments:
        e = _el("w:comment", {"id": c.id, "author": c.author, "date": date, "initials": c.initials})
        for k, para in enumerate(c.paragraphs or [""]):
            p = _el_sub(e, "w:p")
            _el_sub(_el_sub(p, "w:pPr"), "w:pStyle", val="CommentText")
            if k == 0:
                ref = _el_sub(p, "w:r")
                _el_sub(_el_sub(ref, "w:rPr"), "w:rStyle", val="CommentReference")
                _el_sub(ref, "w:annotationRef")
            p.extend(text_runs(para))
        out.append(e)
    return out


def write_package(pkg, main_part: Optional[str], root, comments: Sequence[Comment], date: str,
                  track_revisions: bool = False) -> bytes:
    """The .docx bytes: `root` as the main part of `pkg` (or of a new package when `pkg` is None),
    with `comments` added to the comments part (created if the document has none)."""
    doc_xml = ooxml.serialize(root)
    if pkg is None:
        croot = _comments_root(None, comments, date) if comments else None
        return ooxml.new_package(doc_xml, ooxml.serialize(croot) if croot is not None else None, track_revisions)
    replaced = {main_part: doc_xml}
    if comments:
        target = pkg.related(main_part, ooxml.REL_COMMENTS)
        if target is not None and pkg.has(target):
            replaced[target] = ooxml.serialize(_comments_root(pkg.xml(target), comments, date))
        else:
            folder = main_part.rsplit("/", 1)[0] if "/" in main_part else ""
            n, name = 0, "comments.xml"
            while pkg.has(f"{folder}/{name}".lstrip("/")):
                n += 1
                name = f"comments{n}.xml"
            part = f"{folder}/{name}".lstrip("/")
            replaced[part] = ooxml.serialize(_comments_root(None, comments, date))
            rels = pkg.rels_name(main_part)
            replaced[rels], _ = ooxml.add_relationship(pkg.read(rels) if pkg.has(rels) else None,
                                                       ooxml.REL_COMMENTS, name)
            replaced["[Content_Types].xml"] = ooxml.add_override(pkg.read("[Content_Types].xml"), part,
                                                                  ooxml.CT_COMMENTS)
        styles = pkg.related(main_part, ooxml.REL_STYLES)
        if styles is not None and pkg.has(styles):
            replaced[styles] = ooxml.ensure_comment_styles(pkg.read(styles))
    return pkg.save(replaced)


def _comments_root(existing, comments: Sequence[Comment], date: str):
    root = existing if existing is not None else ooxml.etree().Element(qn("w:comments"), nsmap={"w": ooxml.W_NS})
    root.extend(comment_elements(comments, date))
    return root


# ---- accepting what a body already has ------------------------------------------------
_RANGE_KEEP = frozenset(qn(f"w:{x}") for x in ("commentRangeStart", "commentRangeEnd", "bookmarkStart",
                                               "bookmarkEnd"))
_MOVE_RANGES = frozenset(qn(f"w:{x}") for x in ("moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart",
                                                "moveToRangeEnd"))
_FORMAT_CHANGES = frozenset(qn(f"w:{x}") for x in ("rPrChange", "pPrChange", "sectPrChange", "tblPrChange",
                                                   "trPrChange", "tcPrChange", "tblGridChange",
                                                   "tblPrExChange", "numberingChange"))


# complexity: one pass over every revision kind Word writes (inline, mark, row, formatting); each branch is two lines
def accept_all(root) -> int:
    """Accept every tracked change in the document tree (as Word's Accept All does); returns how many."""
    n = 0
    for e in list(root.iter(*(GONE | {qn("w:ins"), qn("w:moveTo")} | _MOVE_RANGES | _FORMAT_CHANGES))):
        parent = e.getparent()
        if parent is None:
            continue
        n += 1
        if e.tag in _MOVE_RANGES or e.tag in _FORMAT_CHANGES:
            parent.remove(e)
        elif parent.tag == RPR and parent.getparent() is not None and parent.getparent().tag == PPR:
            _accept_mark(parent.getparent().getparent(), e)
        elif parent.tag == qn("w:trPr"):
            row = parent.getparent()
            if e.tag in GONE and row.getparent() is not None:
                row.getparent().remove(row)
            else:
                parent.remove(e)
        elif e.tag in GONE:
            for keep in [c for c in e.iter(*_RANGE_KEEP)]:
                e.addprevious(keep)
            parent.remove(e)
        else:  # w:ins / w:moveTo around content: unwrap
            for c in list(e):
                e.addprevious(c)
            parent.remove(e)
    return n


def _accept_mark(p, marker) -> None:
    rpr = marker.getparent()
    rpr.remove(marker)
    if marker.tag not in GONE:
        return
    nxt = p.getnext()
    while nxt is not None and (not isinstance(nxt.tag, str) or nxt.tag in _RANGE_KEEP):
        nxt = nxt.getnext()
    if nxt is None or nxt.tag != P:
        return
    # the deleted mark joins p to the next paragraph, which keeps its own properties
    anchor = nxt.find(PPR)
    content = [c for c in p if c.tag != PPR]
    for c in reversed(content):
        if anchor is not None:
            anchor.addnext(c)
        else:
            nxt.insert(0, c)
    p.getparent().remove(p)


def first_free_id(pkg, main_part, root) -> int:
    """An id above every w:id of the document and of its comments part (ids are not reused)."""
    roots = [root]
    if pkg is not None:
        target = pkg.related(main_part, ooxml.REL_COMMENTS)
        if target is not None and pkg.has(target):
            roots.append(pkg.xml(target))
    return max_id(*roots) + 1


def max_id(*roots) -> int:
    best = 0
    wid = qn("w:id")
    for root in roots:
        if root is None:
            continue
        for e in root.iter():
            v = e.get(wid) if isinstance(e.tag, str) else None
            if v is not None and v.lstrip("-").isdigit():
                best = max(best, int(v))
    return best


# ---- the editor ----------------------------------------------------------------------------
class Editor:
    """Writes streams into the body of `root`; `base` is the side whose text the body holds."""

    def __init__(self, root, base: str, author: str, date: str, first_id: int):
        assert base in ("old", "new")
        self.root = root
        body = root.find(BODY)
        if body is not None and project(root).paras == []:  # Word always has one; a bare body may not
            body.insert(0, ooxml.etree().Element(P))
        self.body_kinds = NEW_KINDS if base == "new" else OLD_KINDS
        self.author, self.date = author, date
        self.ids = itertools.count(first_id)
        _flatten_texts(root)
        self._index()

    # ---- positions ---------------------------------------------------------------------
    def _index(self) -> None:
        """Projection, line starts, and every live run with its offsets."""
        self.proj = project(self.root)
        self.text = self.proj.text
        self.line_starts, self.line_last = [], []
        runs = []  # (start, end, run, p)
        pos = 0
        self.line_starts.append(0)
        for k, para in enumerate(self.proj.paras):
            for atom in para.atoms:
                if not atom.live:
                    continue
                if runs and runs[-1][2] is atom.run:
                    runs[-1][1] += len(atom.text)
                else:
                    runs.append([pos, pos + len(atom.text), atom.run, para.p])
                pos += len(atom.text)
            if para.line_end and k + 1 < len(self.proj.paras):
                self.line_last.append(para)
                pos += 1
                self.line_starts.append(pos)
        if self.proj.paras:
            self.line_last.append(self.proj.paras[-1])
        self.runs = runs
        self.run_starts = [r[0] for r in runs]

    def split_at(self, cuts) -> None:
        """Split runs so that every offset in `cuts` falls on a run boundary; re-index."""
        by_run: Dict[int, List[int]] = {}
        for c in cuts:
            k = bisect_right(self.run_starts, c) - 1
            if k >= 0 and self.runs[k][0] < c < self.runs[k][1]:
                by_run.setdefault(k, []).append(c)
        if not by_run:
            return
        for k, offsets in by_run.items():
            start, _, run, _ = self.runs[k]
            for c in sorted(set(offsets), reverse=True):
                _split_run(run, c - start)
        self._index()

    def line_of(self, pos: int) -> int:
        return bisect_right(self.line_starts, pos) - 1

    def mark_ok(self, line: int) -> bool:
        """Whether the mark ending line `line` may carry a revision."""
        para = self.line_last[line]
        return para.sibling_next and para.mark is None

    def _runs_in(self, a: int, b: int):
        k = bisect_left(self.run_starts, a)
        while k < len(self.runs) and self.runs[k][0] < b:
            yield self.runs[k]
            k += 1

    def _anchor(self, pos: int):
        """(paragraph, node to insert before or None for the end) for offset `pos`."""
        line = self.line_of(pos)
        k = bisect_left(self.run_starts, pos)
        end = self.line_starts[line + 1] if line + 1 < len(self.line_starts) else len(self.text) + 1
        if k < len(self.runs) and self.runs[k][0] < end:
            node = self.runs[k][2]
            p = self.runs[k][3]
            while node.getparent() is not p and _first_child(node):
                node = node.getparent()
            return p, node
        return self.line_last[line].p, None

    # ---- checks --------------------------------------------------------------------------
    def can_wrap(self, a: int, b: int) -> bool:
        """Whether text [a, b) of the body can be wrapped in a revision (marks included)."""
        self.split_at((a, b))
        for _, _, run, p in self._runs_in(a, b):
            if _revision_ancestor(run, p):
                return False
        for line in range(self.line_of(a), self.line_of(b) if b > a else self.line_of(a)):
            if self.line_starts[line + 1] - 1 >= a and not self.mark_ok(line):
                return False
        return True

    def can_emit(self, pos: int, text: str) -> bool:
        """Whether new `text` can be put at `pos` as a revision."""
        self.split_at((pos,))
        p, node = self._anchor(pos)
        if node is not None and _revision_ancestor(node, p, include_self=False):
            return False
        return "\n" not in text or node is None or node.getparent() is p

    # ---- writing ---------------------------------------------------------------------------
    def apply(self, stream: Sequence[Piece], comments: Sequence[Comment] = ()) -> None:
        """Write `stream` into the body; the body's text must be the stream's side."""
        side = "".join(p.text for p in stream if p.kind in self.body_kinds)
        if side != self.text:
            raise ValueError("the stream does not match the body's text")
        for c in comments:
            if c.id is None:
                c.id = next(self.ids)
        ops, cuts, pos = [], set(), 0
        for piece in stream:
            cuts.add(pos)
            if piece.kind in MARKERS:
                ops.append((pos, None, piece))
            elif piece.kind in self.body_kinds:
                if piece.kind != "eq":
                    ops.append((pos, pos + len(piece.text), piece))
                    cuts.add(pos + len(piece.text))
                pos += len(piece.text)
            else:
                ops.append((pos, None, piece))
        self.split_at(cuts)
        for k, (a, b, piece) in enumerate(ops):
            if piece.kind in MARKERS:
                self._comment_marker(a, piece, comments[piece.cid].id)
            elif b is not None:
                self._wrap(a, b, piece)
            else:
                # new text replacing text that is there takes that text's formatting
                replacing = k + 1 < len(ops) and ops[k + 1][0] == a and ops[k + 1][1] is not None
                self._emit(a, piece, replacing)

    def _revision(self, kind: str):
        return _el(TAG[kind], {"id": next(self.ids), "author": self.author, "date": self.date})

    def _insert(self, pos: int, elements) -> None:
        p, node = self._anchor(pos)
        for e in elements:
            if node is None:
                p.append(e)
            else:
                node.addprevious(e)

    def _comment_marker(self, pos: int, piece: Piece, cid: int) -> None:
        if piece.kind == "cstart":
            self._insert(pos, [_el("w:commentRangeStart", {"id": cid})])
            return
        end = _el("w:commentRangeEnd", {"id": cid})
        self._insert(pos, [end])
        ref = _el("w:r")
        _el_sub(_el_sub(ref, "w:rPr"), "w:rStyle", val="CommentReference")
        _el_sub(ref, "w:commentReference", id=str(cid))
        top = end
        while top.getparent() is not None and top.getparent().tag != P:
            top = top.getparent()
        top.addnext(ref)

    def _range(self, kind: str, name: str):
        start_tag, end_tag = RANGE[kind]
        rid = next(self.ids)
        return (_el(start_tag, {"id": rid, "name": name, "author": self.author, "date": self.date}),
                _el(end_tag, {"id": rid}))

    def _wrap(self, a: int, b: int, piece: Piece) -> None:
        rng = self._range(piece.kind, piece.name) if piece.kind in RANGE else None
        if rng:
            self._insert(a, [rng[0]])
        groups: List[list] = []
        for _, _, run, p in self._runs_in(a, b):
            if _revision_ancestor(run, p):
                raise Untrackable("text inside an existing revision")
            if groups and groups[-1][-1].getnext() is run:
                groups[-1].append(run)
            else:
                groups.append([run])
        for group in groups:
            box = self._revision(piece.kind)
            group[0].addprevious(box)
            for run in group:
                box.append(run)
                if piece.kind == "del":
                    _to_deleted(run)
        first = self.line_of(a)
        for line in range(first, self.line_of(b)):
            if self.line_starts[line + 1] - 1 < a:
                continue
            if not self.mark_ok(line):
                raise Untrackable("a paragraph mark that cannot be tracked")
            _set_mark(self.line_last[line].p, self._revision(piece.kind))
        if rng:
            self._insert(b, [rng[1]])

    def _emit(self, pos: int, piece: Piece, replacing: bool = False) -> None:
        p, node = self._anchor(pos)
        if node is not None and _revision_ancestor(node, p, include_self=False):
            raise Untrackable("an insertion inside an existing revision")
        rpr = self._neighbour_rpr(pos, p, replacing)
        rng = self._range(piece.kind, piece.name) if piece.kind in RANGE else None
        if rng:
            self._insert(pos, [rng[0]])
        chunks = piece.text.split("\n")
        for k, chunk in enumerate(chunks):
            if chunk:
                box = self._revision(piece.kind)
                box.extend(text_runs(chunk, rpr, deleted=piece.kind == "del"))
                self._insert(pos, [box])
            if k + 1 < len(chunks):
                p, node = self._anchor(pos)
                if node is not None and node.getparent() is not p:
                    raise Untrackable("a paragraph break inside a field or control")
                _set_mark(_split_paragraph(p, node), self._revision(piece.kind))
        if rng:
            self._insert(pos, [rng[1]])

    def _neighbour_rpr(self, pos: int, p, after_first: bool = False):
        """Run properties for new text at `pos`: those of the run before it, else after it (the other
        way round for text that replaces the run after it), else the paragraph mark's."""
        k = bisect_left(self.run_starts, pos)
        for j in ((k, k - 1) if after_first else (k - 1, k)):
            if 0 <= j < len(self.runs) and self.runs[j][3] is p:
                rpr = self.runs[j][2].find(RPR)
                return _clean_rpr(rpr) if rpr is not None else None
        mark = p.find(PPR + "/" + RPR)
        return _clean_rpr(mark) if mark is not None else None


def _clean_rpr(rpr):
    out = copy.deepcopy(rpr)
    out.tag = RPR
    for c in list(out):
        if c.tag in REVISIONS or c.tag == qn("w:rPrChange") or (
                c.tag == qn("w:rStyle") and c.get(qn("w:val")) == "CommentReference"):
            out.remove(c)
    return out if len(out) else None


def _first_child(node) -> bool:
    prev = node.getprevious()
    while prev is not None and not isinstance(prev.tag, str):
        prev = prev.getprevious()
    return prev is None or prev.tag == qn("w:sdtPr") or prev.tag == RPR


def _revision_ancestor(node, p, include_self: bool = True) -> bool:
    e = node if include_self else node.getparent()
    while e is not None and e is not p:
        if e.tag in REVISIONS:
            return True
        e = e.getparent()
    return False


def _flatten_texts(root) -> None:
    """w:t holding entity references or comments becomes plain text (what the reader read)."""
    from doclint.files.docx import _Reader
    reader = None
    for t in root.iter(T, DEL_TEXT):
        if len(t):
            reader = reader or _Reader(root)
            text = reader.text_of(t)
            for c in list(t):
                t.remove(c)
            t.text = text


def _live_len(node) -> int:
    tag = node.tag
    if tag == T or tag == DEL_TEXT:
        return len(node.text or "")
    if tag in (qn("w:tab"), qn("w:ptab"), qn("w:cr"), qn("w:noBreakHyphen")):
        return 1
    if tag == qn("w:br"):
        return 1 if node.get(qn("w:type")) in (None, "textWrapping") else 0
    return 0


def _split_run(run, k: int):
    """Split `run` at character `k` of its text; the right part (same properties) follows it."""
    right = ooxml.etree().Element(run.tag, attrib=dict(run.attrib))
    rpr = run.find(RPR)
    if rpr is not None:
        right.append(copy.deepcopy(rpr))
    pos = 0
    for c in [c for c in run if c.tag != RPR]:
        n = _live_len(c) if isinstance(c.tag, str) else 0
        if pos >= k:
            right.append(c)
        elif pos + n > k:
            cut = k - pos
            c2 = ooxml.etree().SubElement(right, c.tag)
            c2.text = c.text[cut:]
            c.text = c.text[:cut]
            c.set(XML_SPACE, "preserve")
            c2.set(XML_SPACE, "preserve")
        pos += n
    run.addnext(right)
    return right


def _to_deleted(run) -> None:
    for c in run:
        if c.tag == T:
            c.tag = DEL_TEXT
        elif c.tag == INSTR:
            c.tag = DEL_INSTR


def _set_mark(p, revision) -> None:
    ppr = p.find(PPR)
    if ppr is None:
        ppr = _el("w:pPr")
        p.insert(0, ppr)
    rpr = ppr.find(RPR)
    if rpr is None:
        rpr = _el("w:rPr")
        ooxml.insert_ordered(ppr, rpr, ooxml.PPR_ORDER)
    if any(c.tag in REVISIONS for c in rpr):
        raise Untrackable("the paragraph mark already carries a revision")
    rpr.insert(0, revision)


def _split_paragraph(p, node):
    """A new paragraph before `p` holding p's content before `node` (all of it if None); returned."""
    first = ooxml.etree().Element(P)
    ppr = p.find(PPR)
    if ppr is not None:
        mine = copy.deepcopy(ppr)
        for c in list(mine):
            if c.tag in (SECT_PR, PPR_CHANGE):
                mine.remove(c)
        rpr = mine.find(RPR)
        if rpr is not None:
            for c in list(rpr):
                if c.tag in REVISIONS:
                    rpr.remove(c)
        first.append(mine)
    for c in list(p):
        if c is node:
            break
        if c.tag != PPR:
            first.append(c)
    p.addprevious(first)
    return first
