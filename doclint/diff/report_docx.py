"""`doclint diff OLD NEW -f docx -o 比对.docx`: the new draft as a Word document whose tracked
revisions are the differences (修订稿): accept all and it is the new draft, reject all and it is
the old one, character for character.

The adapter from the differ's result to the writer's stream is `redline_stream`, the one place
that reads the DiffResult (Change.op, the old/new Segments and their character offsets, the word
edits): sentences the differ aligned (equal, modify) are the skeleton, in order; inside a
modified sentence its word edits become deletions and insertions; a sentence moved unchanged is
a move (w:moveFrom at its old place, w:moveTo at its new place); a moved-and-edited sentence is
a deletion and an insertion with a comment at each end saying where it went or came from; the
text between aligned sentences (deleted and inserted sentences, paragraph marks, whitespace) is
aligned character by character. Whatever the differ reports, the stream is checked against both
texts, and a plain line-then-character diff replaces it if it does not match.

The document: when NEW is a .docx, its own paragraphs, runs, styles, tables, headers and footers
are kept (its own pending revisions accepted first, so that rejecting all gives the old draft);
if its structure cannot carry a revision (a paragraph mark between table cells, a paragraph
break inside a content control) the document is made from the text instead, and a note says so.
Otherwise a new document in GB/T 9704 layout has one paragraph per line, headings styled by
level. A final line break of a text file ends the last paragraph (it is not an empty paragraph).
"""
from __future__ import annotations

import bisect
import difflib
from typing import List, Optional, Sequence, Tuple

from doclint.diff.model import DiffResult
from doclint.diff.render import labels
from doclint.files import ooxml, tracked
from doclint.files.tracked import Comment, Piece, normalized

AUTHOR = "doclint"
Note = Tuple[str, str]


class _Region:
    """Text of one side that belongs to one change: its span and its pieces in the stream."""
    __slots__ = ("start", "end", "pieces")

    def __init__(self, start: int, end: int, pieces: List[Piece]):
        self.start, self.end, self.pieces = start, end, pieces


# ---- texts ---------------------------------------------------------------------------------
def _span(seg, fmap, limit: int):
    if seg is None:
        return None
    a, b = (fmap(seg.start), fmap(seg.end)) if fmap else (seg.start, seg.end)
    return (a, b) if 0 <= a <= b <= limit else None


# ---- the adapter -----------------------------------------------------------------------------
def redline_stream(res: DiffResult, old: str, new: str, old_map=None, new_map=None,
                   lang: str = "zh") -> Tuple[List[Piece], List[Comment]]:
    """The stream from `old` to `new` that the DiffResult describes, and the comments it refers to."""
    comments: List[Comment] = []
    L = labels(lang, res.units)
    pairs, olds, news = [], [], []
    moves = 0
    for c in res.changes:
        o, n = _span(c.old, old_map, len(old)), _span(c.new, new_map, len(new))
        if c.op in ("equal", "modify") and o and n:
            pairs.append((o, n, c))
        elif c.op == "move" and o and n:
            moves += 1
            ot, nt = old[o[0]:o[1]], new[n[0]:n[1]]
            if ot == nt:
                name = f"doclint_move{moves}"
                olds.append(_Region(o[0], o[1], [Piece("mfrom", ot, name)]))
                news.append(_Region(n[0], n[1], [Piece("mto", nt, name)]))
            else:
                olds.append(_Region(o[0], o[1], _commented("del", ot, comments, [
                    f"doclint：{L['move']}（{L['edited']}）" if lang == "zh" else f"doclint: {L['move']} ({L['edited']})",
                    L["moved_to"].format(c.new_line)])))
                news.append(_Region(n[0], n[1], _commented("ins", nt, comments, [
                    f"doclint：{L['move']}（{L['edited']}）" if lang == "zh" else f"doclint: {L['move']} ({L['edited']})",
                    L["moved_from"].format(c.old_line),
                    ("原句：" if lang == "zh" else "Was: ") + ot])))
        elif c.op == "delete" and o:
            olds.append(_Region(o[0], o[1], [Piece("del", old[o[0]:o[1]])]))
        elif c.op == "insert" and n:
            news.append(_Region(n[0], n[1], [Piece("ins", new[n[0]:n[1]])]))
    pairs = _skeleton(pairs, olds, news, old, new)
    stream = _weave(pairs, _disjoint(olds, [p[0] for p in pairs]), _disjoint(news, [p[1] for p in pairs]), old, new)
    stream = tracked.coalesce(stream)
    if tracked.old_text(stream) != old or tracked.new_text(stream) != new:
        return fallback_stream(old, new), []
    return stream, comments


def _commented(kind: str, text: str, comments: List[Comment], lines: List[str]) -> List[Piece]:
    comments.append(Comment(lines))
    k = len(comments) - 1
    return [Piece("cstart", cid=k), Piece(kind, text), Piece("cend", cid=k)]


def _skeleton(pairs, olds, news, old, new):
    """The aligned pairs that are in order on both sides and do not overlap (a longest chain);
    any other pair becomes a deletion and an insertion."""
    pairs = sorted(pairs, key=lambda p: (p[1][0], p[0][0]))
    tails, tail_idx, prev = [], [], [-1] * len(pairs)
    for k, (o, n, _) in enumerate(pairs):
        i = bisect.bisect_left(tails, o[0])
        if i > 0:
            prev[k] = tail_idx[i - 1]
        if i == len(tails):
            tails.append(o[0])
            tail_idx.append(k)
        else:
            tails[i], tail_idx[i] = o[0], k
    keep = set()
    k = tail_idx[-1] if tail_idx else -1
    while k >= 0:
        keep.add(k)
        k = prev[k]
    out, last_o, last_n = [], 0, 0
    for k, (o, n, c) in enumerate(pairs):
        if k in keep and o[0] >= last_o and n[0] >= last_n:
            out.append((o, n, c))
            last_o, last_n = o[1], n[1]
        else:
            olds.append(_Region(o[0], o[1], [Piece("del", old[o[0]:o[1]])]))
            news.append(_Region(n[0], n[1], [Piece("ins", new[n[0]:n[1]])]))
    return out


def _disjoint(regions: List[_Region], taken: List[Tuple[int, int]]) -> List[_Region]:
    """Regions sorted, without any that overlaps a skeleton span or an earlier region."""
    spans = sorted(taken)
    starts = [s for s, _ in spans]
    out: List[_Region] = []
    for r in sorted(regions, key=lambda r: (r.start, r.end)):
        k = bisect.bisect_right(starts, r.start) - 1
        clash = (k >= 0 and spans[k][1] > r.start) or (k + 1 < len(spans) and spans[k + 1][0] < r.end)
        if clash or (out and out[-1].end > r.start):
            continue
        out.append(r)
    return out


def _weave(pairs, olds: List[_Region], news: List[_Region], old: str, new: str) -> List[Piece]:
    out: List[Piece] = []
    po = pn = oi = ni = 0
    for (os_, oe), (ns, ne), c in pairs + [((len(old), len(old)), (len(new), len(new)), None)]:
        oj, nj = oi, ni
        while oj < len(olds) and olds[oj].end <= os_:
            oj += 1
        while nj < len(news) and news[nj].end <= ns:
            nj += 1
        out.extend(_gap(old, po, os_, olds[oi:oj], new, pn, ns, news[ni:nj]))
        oi, ni = oj, nj
        if c is not None:
            out.extend(_pair(c, old[os_:oe], new[ns:ne]))
        po, pn = oe, ne
    return out


def _gap_tokens(text: str, a: int, b: int, regions: Sequence[_Region]):
    toks, pos = [], a
    for r in regions:
        toks.extend(text[pos:r.start])
        toks.append(r)
        pos = r.end
    toks.extend(text[pos:b])
    return toks


def _gap(old: str, oa: int, ob: int, olds, new: str, na: int, nb: int, news) -> List[Piece]:
    """Between two aligned pairs: regions are opaque (never equal); free characters
    (paragraph marks, whitespace) are aligned with each other."""
    a, b = _gap_tokens(old, oa, ob, olds), _gap_tokens(new, na, nb, news)
    if not a and not b:
        return []
    out: List[Piece] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(Piece("eq", "".join(a[i1:i2])))
            continue
        for t in a[i1:i2]:
            out.extend(t.pieces if isinstance(t, _Region) else [Piece("del", t)])
        for t in b[j1:j2]:
            out.extend(t.pieces if isinstance(t, _Region) else [Piece("ins", t)])
    return out


def _pair(c, o: str, n: str) -> List[Piece]:
    """An aligned pair: its word edits when they describe exactly these texts, else a char diff."""
    if o == n:
        return [Piece("eq", o)]
    if c.edits and c.old is not None and c.new is not None and c.old.text == o and c.new.text == n:
        out, po, pn = [], 0, 0
        for e in c.edits:
            if (e.old_start < po or e.new_start < pn or o[po:e.old_start] != n[pn:e.new_start]
                    or o[e.old_start:e.old_end] != e.old or n[e.new_start:e.new_end] != e.new):
                return tracked.char_diff(o, n)
            out += [Piece("eq", o[po:e.old_start]), Piece("del", e.old), Piece("ins", e.new)]
            po, pn = e.old_end, e.new_end
        if o[po:] == n[pn:]:
            return out + [Piece("eq", o[po:])]
    return tracked.char_diff(o, n)


def fallback_stream(old: str, new: str) -> List[Piece]:
    """A line diff, then a character diff inside replaced runs of lines: right by construction."""
    a = [line + "\n" for line in old.split("\n")]
    b = [line + "\n" for line in new.split("\n")]
    out: List[Piece] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        x, y = "".join(a[i1:i2]), "".join(b[j1:j2])
        if op == "equal":
            out.append(Piece("eq", x))
        elif op == "replace":
            out.extend(tracked.char_diff(x, y))
        else:
            out += [Piece("del", x), Piece("ins", y)]
    return _exact(_trim_final_newline(tracked.coalesce(out)), old, new)


def _trim_final_newline(stream: List[Piece]) -> List[Piece]:
    """Both sides of `stream` end in the "\n" added to every line: remove it from each side."""
    ends = {max((k for k, p in enumerate(stream) if p.kind in kinds), default=None)
            for kinds in (tracked.OLD_KINDS, tracked.NEW_KINDS)}
    for k in ends:
        if k is not None and stream[k].text.endswith("\n"):
            stream[k].text = stream[k].text[:-1]
    return tracked.coalesce(stream)


def _exact(stream: List[Piece], old: str, new: str) -> List[Piece]:
    if tracked.old_text(stream) == old and tracked.new_text(stream) == new:
        return stream
    return tracked.char_diff(old, new)


# ---- the document ------------------------------------------------------------------------------
def paragraph_styles(doc, lines: Sequence[str]) -> List[Optional[str]]:
    """Paragraph styles for a document made from text: headings that are a whole line by level,
    a short first line as the title."""
    styles: List[Optional[str]] = [None] * len(lines)
    try:
        headings = list(doc.headings)
    except Exception:  # styling is cosmetic: a heading parser problem must not lose the redline
        headings = []
    for h in headings:
        k = h.line - 1
        if 0 <= k < len(lines) and not lines[k][h.end - doc.line_span(h.line).start:].strip():
            styles[k] = f"Heading{max(1, min(4, h.level))}"
    for k, line in enumerate(lines):
        if line.strip():
            if (styles[k] is None and len(line.strip()) <= 40 and not line.strip().endswith(("：", ":", "。"))
                    and not line[:1].isspace()):
                styles[k] = "Title"
            break
    return styles


def _source(new_arg: str) -> bytes:
    from doclint.diff.git import git_show, split_rev
    from doclint.files.reader import MAX_BYTES
    rp = split_rev(new_arg)
    if rp is not None:
        return git_show(rp[0], rp[1], new_arg)
    with open(new_arg, "rb") as fh:
        return fh.read(MAX_BYTES + 1)


def _docx_base(new_arg: str, text: str):
    """(package, main part, document root with its own revisions accepted) of the new .docx,
    or None when it no longer reads as `text` (changed since it was compared)."""
    from doclint.files.docx import document_root, package_from_bytes, project
    pkg = package_from_bytes(_source(new_arg), new_arg)
    main = pkg.main_part()
    root = document_root(pkg)
    tracked.accept_all(root)
    if project(root).text != text:
        return None
    return pkg, main, root


def _write(base, stream, comments, author: str, date: str) -> bytes:
    pkg, main, root = base
    ed = tracked.Editor(root, "new", author, date, tracked.first_free_id(pkg, main, root))
    stream = tracked.lo_safe(stream, ed.mark_ok, tracked.NEW_KINDS)
    ed.apply(stream, comments)
    return tracked.write_package(pkg, main, root, comments, date, track_revisions=pkg is None)


def _side_text(doc):
    """A .docx side is already one line per paragraph; a text side is normalized (CRLF, final break)."""
    if getattr(doc, "kind", "") == "docx":
        return doc.text, None
    return normalized(doc.text)


def render_docx(res: DiffResult, old_doc, new_doc, new_arg: Optional[str] = None, lang: str = "zh",
                author: str = AUTHOR, when=None) -> Tuple[bytes, List[Note]]:
    """(the 修订稿 as .docx bytes, notes for the user)."""
    notes: List[Note] = []
    old, old_map = _side_text(old_doc)
    new, new_map = _side_text(new_doc)
    stream, comments = redline_stream(res, old, new, old_map, new_map, lang)
    date = ooxml.ooxml_date(when)
    if res.budget_exhausted:
        notes.append(("比较预算已用尽，部分句子按删除和新增标出", "the comparison budget ran out; some sentences are "
                      "marked as deleted and inserted rather than matched"))
    if getattr(new_doc, "kind", "") == "docx" and new_arg:
        base = _docx_base(new_arg, new)
        if base is None:
            notes.append(("新稿在比较之后有改动，修订稿改由新稿文字生成", "the new draft changed after it was "
                          "compared; the redline is made from its text"))
        else:
            try:
                return _write(base, stream, comments, author, date), notes
            except tracked.Untrackable:
                notes.append(("新稿的版式结构（表格、域或内容控件）无法承载全部修订，修订稿改由新稿文字逐段生成，"
                              "原有格式未保留", "the new draft's structure (tables, fields or content controls) "
                              "cannot carry every revision; the redline is made from its text, without its formatting"))
                for c in comments:
                    c.id = None
    lines = new.split("\n")
    root = tracked.text_document(lines, paragraph_styles(new_doc, lines))
    return _write((None, None, root), stream, comments, author, date), notes


def render(res: DiffResult, lang: str = "zh", docs=(), new_arg: Optional[str] = None, notes=None, **_) -> bytes:
    """`doclint diff -f docx`: the redline of `render_docx` for the CLI's renderer table; the notes
    it returns (e.g. a .docx structure that could not carry a revision) are appended to `notes`."""
    old_doc, new_doc = docs
    data, got = render_docx(res, old_doc, new_doc, new_arg=new_arg, lang=lang)
    if notes is not None:
        notes.extend(got)
    return data
