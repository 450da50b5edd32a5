"""Reading Word .docx drafts into a Document: the body's text as Word shows it with all changes accepted.

Every paragraph of the body becomes one line, in document order; a table contributes the
paragraphs of its cells row by row, left to right (a merged cell once), nested tables included.
Empty paragraphs stay as empty lines, so line N is the N-th paragraph of the body and reporters
can say 第 N 段 / paragraph N. A line break inside a paragraph (Shift+Enter) becomes a space so
that numbering stays aligned; a tab stays a tab.

No text of the body is dropped:
- tracked changes are read as accepted: inserted and moved-to text is read, deleted and
  moved-from text is not, a deleted paragraph mark joins its paragraph to the next one, a
  deleted table row is left out; the Document's `notes` say that the draft has unaccepted
  revisions, and how many;
- content controls (w:sdt, inline and around paragraphs, rows or cells), simple fields
  (w:fldSimple) and the results of complex fields are read (field codes are not text);
- hyperlinks, smart tags, custom XML and bidi wrappers are read through;
- an entity reference inside w:t (only possible with a DTD, which Word never writes) is read as
  its declared text when it is a plain internal entity, else as the reference itself, and the
  text after it is kept; so is text after an XML comment or processing instruction.
Headers, footers, footnotes, endnotes, comments and text boxes are not part of the body's lines
(line N must stay paragraph N of the body); the notes say when text boxes hold text. Word's
automatic list numbering is not part of the text.

The projection (`project`) is shared with the writer (doclint.files.tracked), so offsets into
a Document read from a .docx point at the same characters the writer edits.
"""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

from doclint.errors import InputError
from doclint.files.ooxml import Package, local, qn
from doclint.model.document import Document

LINE_LABEL = "paragraph"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

P, R, T, TBL, TR, TC = (qn(f"w:{x}") for x in ("p", "r", "t", "tbl", "tr", "tc"))
PPR, RPR, SDT, SDT_CONTENT = qn("w:pPr"), qn("w:rPr"), qn("w:sdt"), qn("w:sdtContent")
INS, DEL, MOVE_FROM, MOVE_TO = qn("w:ins"), qn("w:del"), qn("w:moveFrom"), qn("w:moveTo")
REVISIONS = frozenset((INS, DEL, MOVE_FROM, MOVE_TO))
GONE = frozenset((DEL, MOVE_FROM))           # content that is not there once changes are accepted
# Inline containers read through (their content is text of the paragraph).
THROUGH = frozenset(qn(f"w:{x}") for x in ("hyperlink", "smartTag", "customXml", "fldSimple", "dir", "bdo",
                                           "ins", "moveTo"))
TXBX = qn("w:txbxContent")
ALT, CHOICE = qn("mc:AlternateContent"), qn("mc:Choice")
# What a run's children contribute to the text (python-docx's reading, kept for line/column stability).
_TAB, _PTAB, _BR, _CR, _NBH, _DELTEXT = (qn(f"w:{x}") for x in ("tab", "ptab", "br", "cr", "noBreakHyphen",
                                                                "delText"))
_TEXT_TAGS = frozenset((T, _DELTEXT))
_FIXED = {_TAB: "\t", _PTAB: "\t", _CR: " ", _NBH: "-"}
# Block-level markup that may sit between two paragraphs without separating them.
_BETWEEN = frozenset(qn(f"w:{x}") for x in ("bookmarkStart", "bookmarkEnd", "commentRangeStart",
                                            "commentRangeEnd", "proofErr", "permStart", "permEnd",
                                            "moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart",
                                            "moveToRangeEnd"))


class DocxDocument(Document):
    """A Document read from a .docx, with `notes`: (zh, en) remarks on the reading."""

    def __init__(self, *args, notes=(), **kw):
        super().__init__(*args, **kw)
        self.notes = tuple(notes)


class Atom:
    """One text-bearing child of a run: its text, and whether it is there once changes are accepted."""
    __slots__ = ("run", "node", "text", "live")

    def __init__(self, run, node, text, live):
        self.run, self.node, self.text, self.live = run, node, text, live


class Para:
    """One w:p of the body: its atoms in order, its mark's revision state, its place in a line."""
    __slots__ = ("p", "atoms", "mark", "sibling_next", "line_end", "text")

    def __init__(self, p, atoms, mark):
        self.p = p
        self.atoms = atoms
        self.mark = mark              # None, or the tag of the revision on the paragraph mark
        self.sibling_next = False     # the next paragraph of the body is this one's next sibling
        self.line_end = True          # the mark ends a line (False: a deleted mark joins the next)
        self.text = "".join(a.text for a in atoms if a.live)


class Projection:
    """The body as doclint reads it: paragraphs, lines (paragraphs joined by deleted marks), text."""

    def __init__(self, paras: List[Para], stats: dict):
        self.paras = paras
        self.stats = stats
        lines, cur = [], []
        for k, para in enumerate(paras):
            nxt = paras[k + 1] if k + 1 < len(paras) else None
            para.sibling_next = nxt is not None and _next_paragraph(para.p) is nxt.p
            para.line_end = not (para.mark in GONE and para.sibling_next)
            cur.append(para.text)
            if para.line_end or nxt is None:
                lines.append("".join(cur))
                cur = []
        self.lines = lines
        self.text = "\n".join(lines)


def _next_paragraph(p):
    nxt = p.getnext()
    while nxt is not None and (not isinstance(nxt.tag, str) or nxt.tag in _BETWEEN):
        nxt = nxt.getnext()
    return nxt if nxt is not None and nxt.tag == P else None


class _Reader:
    """Walks a body (or any block container) into Paras, counting what it met."""

    def __init__(self, root):
        self.entities = _entities(root)
        self.stats = {"revisions": 0, "textboxes": 0, "altchunks": 0}

    # ---- blocks ------------------------------------------------------------
    def blocks(self, container, out: List[Para]) -> None:
        for child in container:
            tag = child.tag
            if tag == P:
                out.append(self.paragraph(child))
            elif tag == TBL:
                self.table(child, out)
            elif tag == SDT:
                content = child.find(SDT_CONTENT)
                if content is not None:
                    self.blocks(content, out)
            elif tag == qn("w:customXml"):
                self.blocks(child, out)
            elif tag == qn("w:altChunk"):
                self.stats["altchunks"] += 1

    def table(self, tbl, out) -> None:
        for tr in _flat(tbl, TR):
            trpr = tr.find(qn("w:trPr"))
            if trpr is not None and (trpr.find(DEL) is not None or trpr.find(INS) is not None):
                self.stats["revisions"] += 1
                if trpr.find(DEL) is not None:
                    continue  # a deleted row is gone once changes are accepted
            for tc in _flat(tr, TC):
                vmerge = tc.find(qn("w:tcPr") + "/" + qn("w:vMerge"))
                if vmerge is not None and vmerge.get(qn("w:val")) != "restart":
                    continue  # continuation of a vertically merged cell: read once, above
                self.blocks(tc, out)

    # ---- inline ------------------------------------------------------------
    def paragraph(self, p) -> Para:
        mark = None
        rpr = p.find(PPR + "/" + RPR)
        if rpr is not None:
            for c in rpr:
                if c.tag in REVISIONS:
                    mark = c.tag
                    self.stats["revisions"] += 1
                    break
        atoms: List[Atom] = []
        self.inline(p, True, atoms)
        return Para(p, atoms, mark)

    def inline(self, el, live: bool, atoms: List[Atom]) -> None:
        for c in el:
            tag = c.tag
            if tag == R:
                self.run(c, live, atoms)
            elif tag in THROUGH:
                if tag in (INS, MOVE_TO):
                    self.stats["revisions"] += 1
                self.inline(c, live, atoms)
            elif tag in GONE:
                self.stats["revisions"] += 1
                self.inline(c, False, atoms)
            elif tag == SDT:
                content = c.find(SDT_CONTENT)
                if content is not None:
                    self.inline(content, live, atoms)
            elif tag == ALT:
                choice = c.find(CHOICE)
                if choice is not None:
                    self.inline(choice, live, atoms)

    def run(self, r, live: bool, atoms: List[Atom]) -> None:
        for c in r:
            tag = c.tag
            if tag in _TEXT_TAGS:
                text = self.text_of(c)
                # w:delText outside a deletion is not text Word shows; w:t inside one is deleted text
                is_live = live and tag == T
            elif tag in _FIXED:
                text, is_live = _FIXED[tag], live
            elif tag == _BR:
                text, is_live = (" " if c.get(qn("w:type")) in (None, "textWrapping") else ""), live
            else:
                continue
            if text:
                atoms.append(Atom(r, c, text, is_live))

    def text_of(self, node) -> str:
        if len(node) == 0:
            return node.text or ""
        # entity references, comments and PIs inside w:t: keep the text after them too
        parts = [node.text or ""]
        for c in node:
            if c.tag is _entity_tag():
                parts.append(self.entities.get(c.name, c.text or ""))
            parts.append(c.tail or "")
        return "".join(parts)


def _flat(el, want):
    """Children of `el` with tag `want`, looking through w:sdt / w:customXml wrappers."""
    for c in el:
        if c.tag == want:
            yield c
        elif c.tag == SDT:
            content = c.find(SDT_CONTENT)
            if content is not None:
                yield from _flat(content, want)
        elif c.tag == qn("w:customXml"):
            yield from _flat(c, want)


_MAX_ENTITY = 1000


def _entity_tag():
    from lxml import etree
    return etree.Entity


def _entities(root) -> dict:
    """Internal entities with plain text that a DTD declares (Word never writes one)."""
    dtd = root.getroottree().docinfo.internalDTD
    out = {}
    if dtd is None:
        return out
    for ent in dtd.iterentities():
        content = ent.content
        if content is not None and len(content) <= _MAX_ENTITY and "&" not in content and "<" not in content:
            out[ent.name] = content
    return out


def project(root) -> Projection:
    """The body of a w:document as doclint reads it."""
    body = root.find(qn("w:body")) if local(root.tag) == "document" else root
    reader = _Reader(root)
    paras: List[Para] = []
    if body is not None:
        reader.blocks(body, paras)
    reader.stats["textboxes"] = _textboxes_with_text(body)
    return Projection(paras, reader.stats)


def _textboxes_with_text(body) -> int:
    if body is None:
        return 0
    return sum(1 for tb in body.iter(TXBX) if "".join(t.text or "" for t in tb.iter(T)).strip())


def reading_notes(stats: dict):
    """(zh, en) remarks on what the reading did, for the user."""
    notes = []
    if stats["revisions"]:
        n = stats["revisions"]
        notes.append((f"含 {n} 处未接受的修订，按接受全部修订后的文字读取",
                      f"has {n} unaccepted tracked change(s); read as if all were accepted"))
    if stats["textboxes"]:
        n = stats["textboxes"]
        notes.append((f"{n} 个文本框中的文字不在正文段落之内，未读取",
                      f"text in {n} text box(es) is outside the body's paragraphs and was not read"))
    if stats["altchunks"]:
        notes.append(("含嵌入的外部内容（altChunk），未读取", "embedded external content (altChunk) was not read"))
    return notes


def read_package(path, shown: str) -> Package:
    """The .docx package at `path` (a file or a pipe), with the usual one-line errors."""
    from doclint.files.reader import MAX_BYTES, os_error
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError(shown, "是目录，不是文件", "is a directory, not a file")
        with open(p, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise os_error(shown, exc) from None
    return package_from_bytes(data, shown)


def package_from_bytes(data: bytes, shown: str) -> Package:
    from doclint.files.reader import MAX_BYTES
    if len(data) > MAX_BYTES:
        raise InputError(shown, f"文件过大（超过 {MAX_BYTES // 2**20} MB 上限）",
                         f"file too large (over the {MAX_BYTES // 2**20} MB limit)")
    if data.startswith(_OLE_MAGIC):
        raise InputError(shown, "是加密的 Word 文件或旧版 .doc 格式，请另存为未加密的 .docx",
                         "is an encrypted Word file or an old .doc file; save it as an unencrypted .docx")
    if not data.startswith(b"PK"):
        raise InputError(shown, "不是有效的 .docx 文件（不是 zip 包）", "is not a valid .docx file (not a zip package)")
    return Package(data, shown)


def document_root(pkg: Package):
    """The parsed main document part; InputError if it is not a WordprocessingML document."""
    root = pkg.xml(pkg.main_part())
    if root.tag != qn("w:document"):
        raise pkg.error("不是有效的 .docx 文件（主部件不是 w:document）",
                        "is not a valid .docx file (the main part is not a w:document)")
    return root


def read_docx(path, display: Optional[str] = None, user_words=()) -> Document:
    shown = display or str(path)
    pkg = read_package(path, shown)
    try:
        proj = project(document_root(pkg))
    except InputError:
        raise
    except (ValueError, RecursionError) as exc:  # malformed beyond what the parser caught
        detail = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        raise InputError(shown, f"不是有效的 .docx 文件（{detail}）", f"is not a valid .docx file ({detail})")
    return DocxDocument(proj.text, path=shown, encoding="utf-8", bom=False, newline="\n", kind="docx",
                        line_label=LINE_LABEL, user_words=user_words, notes=reading_notes(proj.stats))
