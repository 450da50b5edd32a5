"""Reading Word .docx drafts (python-docx) into a Document.

Every paragraph of the body becomes one line, in document order; a table
contributes the paragraphs of its cells row by row, left to right (a merged
cell once), nested tables included. Empty paragraphs stay as empty lines, so
line N is the N-th paragraph of the body and reporters can say 第 N 段 /
paragraph N. A line break inside a paragraph (Shift+Enter) becomes a space so
that numbering stays aligned. Headers, footers, footnotes, comments and text
boxes are not read. Word's automatic list numbering is not part of the text.

python-docx is imported only when a .docx file is read.
"""
from __future__ import annotations

from pathlib import Path

from doclint.model.document import Document
from doclint.errors import InputError

LINE_LABEL = "paragraph"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _lines_of(container, out, seen):
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    for item in container.iter_inner_content():
        if isinstance(item, Paragraph):
            out.append(_clean(item.text))
        elif isinstance(item, Table):
            for row in item.rows:
                for cell in row.cells:
                    tc = cell._tc  # kept alive in `seen`, so identity is stable
                    if tc in seen:
                        continue
                    seen.add(tc)
                    _lines_of(cell, out, seen)


def _clean(text: str) -> str:
    return text.replace("\r\n", " ").replace("\r", " ").replace("\n", " ")


def read_docx(path, display=None, user_words=()) -> Document:
    shown = display or str(path)
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError(shown, "是目录，不是文件", "is a directory, not a file")
        with open(p, "rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        from doclint.files.reader import os_error
        raise os_error(shown, exc) from None
    if head.startswith(_OLE_MAGIC):
        raise InputError(shown, "是加密的 Word 文件或旧版 .doc 格式，请另存为未加密的 .docx",
                         "is an encrypted Word file or an old .doc file; save it as an unencrypted .docx")
    if not head.startswith(b"PK"):
        raise InputError(shown, "不是有效的 .docx 文件（不是 zip 包）", "is not a valid .docx file (not a zip package)")
    try:
        import docx
    except ImportError:  # pragma: no cover - python-docx is a dependency
        raise InputError(shown, "读取 .docx 需要 python-docx（pip install python-docx）",
                         "reading .docx needs python-docx (pip install python-docx)")
    try:
        d = docx.Document(str(p))
        lines = []
        _lines_of(d, lines, set())
    except InputError:
        raise
    except Exception as exc:  # corrupt zip, missing parts, wrong content type...
        detail = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        raise InputError(shown, f"不是有效的 .docx 文件（{detail}）", f"is not a valid .docx file ({detail})")
    text = "\n".join(lines)
    return Document(text, path=shown, encoding="utf-8", bom=False, newline="\n",
                    kind="docx", line_label=LINE_LABEL, user_words=user_words)
