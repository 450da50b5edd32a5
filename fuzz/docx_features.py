""".docx drafts made with the Word features that hide text from a naive reader, for fuzz/run.py.

Each draft is built with python-docx (a real package: styles, settings, content
types) and lxml (the features python-docx has no API for), with a unique
marker in every feature, and comes with what a reader must show: the text as
Word displays it with all changes accepted. Features:

- ins: a tracked insertion (w:ins) — its text is shown;
- del: a tracked deletion (w:del/w:delText) — its text is not;
- sdt-run / sdt-block: content controls inside a paragraph and around paragraphs;
- fld-simple: a simple field (w:fldSimple) — its result is shown;
- fld-complex: a complex field (fldChar begin/separate/end) — its result is shown, the
  instruction (instrText) is not;
- entity: a DTD entity in document.xml — the text after it is shown; an external entity
  (SYSTEM "file:///etc/passwd") beside it is never resolved;
- comment: a comment on a run — the commented text is shown (the comment itself is not
  read: comments are not body text);
- hyperlink: a hyperlink's text is shown;
- moved: a moved-to run (w:moveTo) is shown, its moved-from copy (w:moveFrom) is not.

`make(rnd)` returns (bytes, features, expectations): expectations are (feature, text,
shown) triples: `text` must (shown) or must not appear in what a reader gives.
"""
from __future__ import annotations

import io
import random
import zipfile
from typing import List, Tuple

HAN = "农业生产经济发展改革创新推进落实加强建设工作服务保障民生环境治理"
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
R_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
FEATURES = ("ins", "del", "sdt-run", "sdt-block", "fld-simple", "fld-complex", "entity", "comment",
            "hyperlink", "moved")


def marker(rnd: random.Random) -> str:
    return "".join(rnd.choice(HAN) for _ in range(6))


def _run(text: str, tag: str = "w:t") -> str:
    return f'<w:r><{tag} xml:space="preserve">{text}</{tag}></w:r>'


def _para(inner: str) -> str:
    return f"<w:p {W_NS} {R_NS}>{inner}</w:p>"


def _feature(name: str, rnd: random.Random, doc, show: List[str], hide: List[str]):
    """Add feature `name` to python-docx Document `doc`; record markers to show and to hide."""
    from docx.oxml import parse_xml
    body = doc.element.body
    a, b, c = marker(rnd), marker(rnd), marker(rnd)
    if name == "comment":
        p = doc.add_paragraph(f"{a}")
        doc.add_comment(p.runs[0], text=f"批注{b}", author="审稿人")
        show.append(a)
        hide.append(f"批注{b}")
        return
    if name == "ins":
        xml = _para(_run(a) + f'<w:ins w:id="{rnd.randrange(1, 10**6)}" w:author="甲" w:date="2026-01-01T00:00:00Z">'
                    + _run(b) + "</w:ins>" + _run(c))
        show += [a, b, c]
    elif name == "del":
        xml = _para(_run(a) + f'<w:del w:id="{rnd.randrange(1, 10**6)}" w:author="甲">'
                    + _run(b, "w:delText") + "</w:del>" + _run(c))
        show += [a, c]
        hide.append(b)
    elif name == "moved":
        xml = _para(_run(a) + f'<w:moveFrom w:id="{rnd.randrange(1, 10**6)}" w:author="甲">' + _run(b)
                    + "</w:moveFrom>" + f'<w:moveTo w:id="{rnd.randrange(1, 10**6)}" w:author="甲">' + _run(c)
                    + "</w:moveTo>")
        show += [a, c]
        hide.append(b)
    elif name == "sdt-run":
        xml = _para(_run(a) + "<w:sdt><w:sdtPr><w:alias w:val=\"填写\"/></w:sdtPr><w:sdtContent>" + _run(b)
                    + "</w:sdtContent></w:sdt>" + _run(c))
        show += [a, b, c]
    elif name == "sdt-block":
        body.append(parse_xml(f"<w:sdt {W_NS} {R_NS}><w:sdtPr/><w:sdtContent>"
                              f"<w:p>{_run(a)}</w:p><w:p>{_run(b)}</w:p></w:sdtContent></w:sdt>"))
        show += [a, b]
        return
    elif name == "fld-simple":
        xml = _para(_run(a) + f'<w:fldSimple w:instr=" DOCPROPERTY {c} ">' + _run(b) + "</w:fldSimple>")
        show += [a, b]
        hide.append(c)
    elif name == "fld-complex":
        xml = _para(_run(a) + '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                    + f'<w:r><w:instrText xml:space="preserve"> REF {c} </w:instrText></w:r>'
                    + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + _run(b)
                    + '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
        show += [a, b]
        hide.append(c)
    elif name == "hyperlink":
        rid = doc.part.relate_to("https://www.example.gov.cn/",
                                 "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
                                 is_external=True)
        xml = _para(_run(a) + f'<w:hyperlink r:id="{rid}">' + _run(b) + "</w:hyperlink>")
        show += [a, b]
    elif name == "entity":
        # the entity itself is written into document.xml after saving (see make)
        xml = _para(_run(f"{a}ENTITYMARK{b}EXTERNALMARK"))
        show += [a, b]
        hide.append("root:")
    else:  # pragma: no cover
        raise ValueError(name)
    body.append(parse_xml(xml))


def _add_entity(data: bytes) -> bytes:
    """document.xml with a DTD declaring an entity, used where ENTITYMARK stands."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            part = src.read(info.filename)
            if info.filename == "word/document.xml" and b"ENTITYMARK" in part:
                head, sep, rest = part.partition(b"?>")
                dtd = b'<!DOCTYPE w:document [<!ENTITY dl "\xe5\x86\x9c"><!ENTITY ext SYSTEM "file:///etc/passwd">]>'
                part = (head + sep + dtd + rest) if sep else part
                part = part.replace(b"ENTITYMARK", b"&dl;").replace(b"EXTERNALMARK", b"&ext;")
            z.writestr(info, part)
    return out.getvalue()


def _keep_sectpr_last(doc) -> None:
    """Body children added at the end go before w:sectPr, where Word expects them."""
    body = doc.element.body
    sect = body.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}sectPr")
    if sect is not None:
        body.remove(sect)
        body.append(sect)


def make(rnd: random.Random) -> Tuple[bytes, Tuple[str, ...], List[Tuple[str, str, bool]]]:
    import docx
    doc = docx.Document()
    first = marker(rnd)
    doc.add_paragraph(f"关于做好{first}工作的通知")
    expect = [("plain", first, True)]
    features = tuple(rnd.sample(FEATURES, rnd.randint(1, len(FEATURES))))
    for name in features:
        show: List[str] = []
        hide: List[str] = []
        _feature(name, rnd, doc, show, hide)
        # the external entity is a safety property, never an expected miss
        expect += [(name, t, True) for t in show] + [("external-entity" if t == "root:" else name, t, False)
                                                     for t in hide]
        if rnd.random() < 0.3:
            doc.add_paragraph("要做好秋冬季农业农业生产。")
    _keep_sectpr_last(doc)
    buf = io.BytesIO()
    doc.save(buf)
    data = buf.getvalue()
    if "entity" in features:
        data = _add_entity(data)
    return data, features, expect
