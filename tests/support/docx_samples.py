""".docx files for the tests, made here from WordprocessingML text (no binary fixtures), and an
independent reading of tracked changes to check written files without LibreOffice.

`package(body)` wraps body XML (the children of w:body) into a complete .docx with styles,
settings, a header, a footer, footnotes, an image-like media part and, optionally, comments, so
that tests can see that everything outside the body survives. `FEATURES` is the reader's corpus:
one small body per feature that a reader could drop text from, with the lines doclint must read.
"""
from __future__ import annotations

import io
import zipfile
from typing import Dict, List, Optional

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = f'xmlns:w="{W}" xmlns:r="{R}"'
WNS = "{%s}" % W
REV = 'w:author="张三" w:date="2024-05-10T09:30:00Z"'


def p(*runs: str, ppr: str = "") -> str:
    return f"<w:p>{ppr}{''.join(runs)}</w:p>"


def r(text: str, rpr: str = "") -> str:
    return f'<w:r>{f"<w:rPr>{rpr}</w:rPr>" if rpr else ""}<w:t xml:space="preserve">{text}</w:t></w:r>'


def ins(inner: str, rid: int = 901) -> str:
    return f'<w:ins w:id="{rid}" {REV}>{inner}</w:ins>'


def dele(text: str, rid: int = 902, rpr: str = "") -> str:
    rp = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return f'<w:del w:id="{rid}" {REV}><w:r>{rp}<w:delText xml:space="preserve">{text}</w:delText></w:r></w:del>'


BOLD_RED = '<w:rFonts w:eastAsia="黑体"/><w:b/><w:color w:val="C00000"/><w:sz w:val="32"/>'
ITALIC_U = '<w:i/><w:u w:val="single"/>'
KAI = '<w:rFonts w:ascii="Times New Roman" w:eastAsia="楷体_GB2312"/><w:sz w:val="32"/>'

_STYLES = (f'<w:styles {NS}><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
           '</w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
           '<w:basedOn w:val="Normal"/><w:rPr><w:rFonts w:eastAsia="黑体"/><w:b/></w:rPr></w:style>'
           '<w:style w:type="paragraph" w:styleId="BodyIndent"><w:name w:val="Body Indent"/>'
           '<w:pPr><w:ind w:firstLineChars="200"/></w:pPr></w:style></w:styles>')
_HEADER = f'<w:hdr {NS}><w:p><w:r><w:t>某市人民政府办公室文件（页眉）</w:t></w:r></w:p></w:hdr>'
_FOOTER = f'<w:ftr {NS}><w:p><w:r><w:t>— 页脚 —</w:t></w:r></w:p></w:ftr>'
_FOOTNOTES = (f'<w:footnotes {NS}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
              '</w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
              '</w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>脚注正文，不属于正文行。</w:t></w:r></w:p>'
              '</w:footnote></w:footnotes>')
SECT = ('<w:sectPr><w:headerReference w:type="default" r:id="rIdH"/><w:footerReference w:type="default" '
        'r:id="rIdF"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" '
        'w:left="1588" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>')
MEDIA = bytes(range(256)) * 4  # stands for an image: must come back byte for byte


def package(body: str, comments: Optional[str] = None, doctype: str = "", sect: bool = True) -> bytes:
    """A complete .docx whose w:body holds `body` (plus a section with header and footer)."""
    ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/'
          'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
          'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
          '<Default Extension="bin" ContentType="application/octet-stream"/>'
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
          'wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/'
          'vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/header1.xml" '
          'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
          '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
          'wordprocessingml.footer+xml"/><Override PartName="/word/footnotes.xml" ContentType="application/vnd.'
          'openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
          + ('<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.'
             'wordprocessingml.comments+xml"/>' if comments else "") + '</Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            '</Relationships>')
    base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    doc_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.'
                'openxmlformats.org/package/2006/relationships">'
                f'<Relationship Id="rIdS" Type="{base}styles" Target="styles.xml"/>'
                f'<Relationship Id="rIdH" Type="{base}header" Target="header1.xml"/>'
                f'<Relationship Id="rIdF" Type="{base}footer" Target="footer1.xml"/>'
                f'<Relationship Id="rIdN" Type="{base}footnotes" Target="footnotes.xml"/>'
                f'<Relationship Id="rIdM" Type="{base}package" Target="media/blob.bin"/>'
                + (f'<Relationship Id="rIdC" Type="{base}comments" Target="comments.xml"/>' if comments else "")
                + '</Relationships>')
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{doctype}<w:document {NS}><w:body>'
                f'{body}{SECT if sect else ""}</w:body></w:document>')
    parts = {"[Content_Types].xml": ct, "_rels/.rels": rels, "word/_rels/document.xml.rels": doc_rels,
             "word/document.xml": document, "word/styles.xml": _STYLES, "word/header1.xml": _HEADER,
             "word/footer1.xml": _FOOTER, "word/footnotes.xml": _FOOTNOTES}
    if comments:
        parts["word/comments.xml"] = f'<w:comments {NS}>{comments}</w:comments>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text.encode("utf-8"))
        z.writestr("word/media/blob.bin", MEDIA)
    return out.getvalue()


def existing_comment(cid: int, text: str) -> str:
    return (f'<w:comment w:id="{cid}" w:author="李四" w:date="2024-05-09T08:00:00Z" w:initials="LS"><w:p>'
            f'<w:r><w:annotationRef/></w:r><w:r><w:t>{text}</w:t></w:r></w:p></w:comment>')


# ---- the reader's corpus: (name, body, lines doclint reads) ---------------------------------
_TB = ('<w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
       '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="x">'
       '<wps:wsp xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:txbx>'
       '<w:txbxContent><w:p><w:r><w:t>文本框里的字</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp>'
       '</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>')
FEATURES = [
    ("tracked_insertion", p(r("要"), ins(r("切实")), r("加强管理。")), ["要切实加强管理。"]),
    ("tracked_deletion", p(r("要"), dele("认真"), r("加强管理。")), ["要加强管理。"]),
    ("tracked_move", p(r("甲。"), f'<w:moveFrom w:id="5" {REV}>{r("移走的句子。")}</w:moveFrom>')
     + p(r("乙。"), f'<w:moveTo w:id="6" {REV}>{r("移走的句子。")}</w:moveTo>'), ["甲。", "乙。移走的句子。"]),
    # Word's markup for text one reviewer inserted and another deleted: w:del inside w:ins
    ("deletion_inside_insertion", p(r("前"), f'<w:ins w:id="7" {REV}><w:del w:id="8" w:author="李四" '
                                              'w:date="2024-05-11T10:00:00Z"><w:r><w:delText>插入后又删除</w:delText>'
                                              '</w:r></w:del></w:ins>', r("后")), ["前后"]),
    ("deleted_paragraph_mark", p(r("第一段"), ppr=f'<w:pPr><w:rPr><w:del w:id="9" {REV}/></w:rPr></w:pPr>')
     + p(r("接着第二段")) + p(r("第三段")), ["第一段接着第二段", "第三段"]),
    ("deleted_whole_paragraph", p(dele("整段删除"), ppr=f'<w:pPr><w:rPr><w:del w:id="10" {REV}/></w:rPr></w:pPr>')
     + p(r("留下的段")), ["留下的段"]),
    ("inserted_paragraph", p(ins(r("新增一段")), ppr=f'<w:pPr><w:rPr><w:ins w:id="11" {REV}/></w:rPr></w:pPr>')
     + p(r("原有段")), ["新增一段", "原有段"]),
    ("content_control_inline", p(r("报送单位："), '<w:sdt><w:sdtPr><w:id w:val="1"/></w:sdtPr><w:sdtContent>'
                                 + r("××县农业局") + '</w:sdtContent></w:sdt>', r("。")), ["报送单位：××县农业局。"]),
    ("content_control_block", '<w:sdt><w:sdtPr><w:id w:val="2"/></w:sdtPr><w:sdtContent>' + p(r("控件里的第一段"))
     + p(r("控件里的第二段")) + '</w:sdtContent></w:sdt>' + p(r("控件之后")),
     ["控件里的第一段", "控件里的第二段", "控件之后"]),
    ("field_simple", p(r("第"), '<w:fldSimple w:instr=" PAGE ">' + r("1") + '</w:fldSimple>', r("页")), ["第1页"]),
    ("field_complex", p(r("见"), '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">'
                        ' REF _Ref1 \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>',
                        r("第二条"), '<w:r><w:fldChar w:fldCharType="end"/></w:r>', r("规定。")), ["见第二条规定。"]),
    ("hyperlink_smarttag", p(r("详见"), '<w:hyperlink r:id="rIdM">' + r("政府网站") + '</w:hyperlink>',
                             '<w:smartTag w:uri="u" w:element="e">' + r("通知") + '</w:smartTag>'), ["详见政府网站通知"]),
    ("breaks_tabs_hyphens", p('<w:r><w:t>一</w:t><w:tab/><w:t>二</w:t><w:br/><w:t>三</w:t><w:noBreakHyphen/>'
                              '<w:t>四</w:t><w:br w:type="page"/><w:t>五</w:t><w:cr/><w:t>六</w:t></w:r>'),
     ["一\t二 三-四五 六"]),
    ("text_box_left_out", p(r("正文"), _TB, r("继续")), ["正文继续"]),
    ("xml_comment_in_text", p('<w:r><w:t xml:space="preserve">注释<!-- 批注 -->之后的字</w:t></w:r>'),
     ["注释之后的字"]),
    ("table_rows_cells", '<w:tbl><w:tr><w:tc>' + p(r("单位")) + '</w:tc><w:tc>' + p(r("时限")) + '</w:tc></w:tr>'
     '<w:tr><w:trPr><w:del w:id="12" ' + REV + '/></w:trPr><w:tc>' + p(dele("删除的行")) + '</w:tc><w:tc>'
     + p(dele("x", 13)) + '</w:tc></w:tr><w:sdt><w:sdtContent><w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/>'
     '</w:tcPr>' + p(r("纵向合并")) + '</w:tc><w:tc>' + p(r("甲")) + '</w:tc></w:tr></w:sdtContent></w:sdt>'
     '<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr>' + p() + '</w:tc><w:tc>' + p(r("乙")) + '</w:tc></w:tr></w:tbl>'
     + p(r("表后")), ["单位", "时限", "纵向合并", "甲", "乙", "表后"]),
]
# LibreOffice's text export writes a line break as a new line and a non-breaking hyphen as U+2011,
# where doclint reads a space and "-" (keeping line N = paragraph N): compared by hand, not here.
NOT_FOR_LIBREOFFICE = {"breaks_tabs_hyphens"}

ENTITY_DOCTYPE = ('<!DOCTYPE w:document [<!ENTITY org "某市人民政府"><!ENTITY lol "lol">'
                  '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>')
ENTITY_BODY = p('<w:r><w:t xml:space="preserve">发文机关：&org;，请各单位&lol2;认真落实。</w:t></w:r>')


# ---- an independent reading of revisions (old / new / merged paragraphs) ----------------------
def views(data: bytes) -> Dict[str, List[str]]:
    """Paragraph texts of the body with all changes rejected ('old'), accepted ('new') or shown
    ('merged'), read with ElementTree (not doclint's reader). Tables cell by cell; w:tab = "\\t"."""
    import xml.etree.ElementTree as ET
    root = ET.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    body = root.find(WNS + "body")
    paras = [el for el in body.iter(WNS + "p")]
    out = {"old": [""], "new": [""], "merged": []}
    parent = {c: pa for pa in body.iter() for c in pa}
    for k, para in enumerate(paras):
        merged = ""
        for node in para.iter():
            if node.tag not in (WNS + "t", WNS + "delText", WNS + "tab"):
                continue
            ch = "\t" if node.tag == WNS + "tab" else (node.text or "")
            kinds, a = set(), parent.get(node)
            while a is not None and a is not para:
                kinds.add(a.tag[len(WNS):])
                a = parent.get(a)
            merged += ch
            if not kinds & {"ins", "moveTo"}:
                out["old"][-1] += ch
            if not kinds & {"del", "moveFrom"}:
                out["new"][-1] += ch
        out["merged"].append(merged)
        if k + 1 < len(paras):
            mark = para.find(f"{WNS}pPr/{WNS}rPr")
            kinds = {c.tag[len(WNS):] for c in mark} if mark is not None else set()
            if not kinds & {"ins", "moveTo"}:
                out["old"].append("")
            if not kinds & {"del", "moveFrom"}:
                out["new"].append("")
    return out


# ---- what Word is strict about and we can check here -----------------------------------------
RPR_ORDER = ("rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
             "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText "
             "vertAlign rtl cs em lang eastAsianLayout specVanish oMath rPrChange").split()
PPR_ORDER = ("pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs "
             "suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
             "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection "
             "textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange").split()
REVISION_TAGS = ("ins", "del", "moveFrom", "moveTo")


def check_ooxml(data: bytes, author: str = "doclint") -> Dict[str, int]:
    """Assert the rules Word enforces that LibreOffice and python-docx do not: schema order in
    w:rPr / w:pPr (paragraph-mark revisions first), xml:space="preserve" on every text we wrote,
    w:delText only inside deletions, revisions with author and date and unique ids and never
    nested, each comment with its range start, range end, reference run (outside any revision)
    and its entry in the comments part; move ranges paired by name. Returns counts by kind."""
    import xml.etree.ElementTree as ET
    z = zipfile.ZipFile(io.BytesIO(data))
    root = ET.fromstring(z.read("word/document.xml"))
    parent = {c: pa for pa in root.iter() for c in pa}

    def ancestors(e):
        a = parent.get(e)
        while a is not None:
            yield a
            a = parent.get(a)
    counts = {k: 0 for k in REVISION_TAGS}
    ids = set()
    for e in root.iter():
        tag = e.tag[len(WNS):] if e.tag.startswith(WNS) else None
        if tag in ("rPr", "pPr"):
            mark = tag == "rPr" and parent.get(e) is not None and parent[e].tag == WNS + "pPr"
            order = (list(REVISION_TAGS) + RPR_ORDER) if mark else RPR_ORDER if tag == "rPr" else PPR_ORDER
            seq = [order.index(c.tag[len(WNS):]) for c in e if c.tag[len(WNS):] in order]
            assert seq == sorted(seq), f"{tag} children out of schema order: {[c.tag for c in e]}"
        if tag in REVISION_TAGS and e.get(WNS + "author") == author:
            counts[tag] += 1
            assert e.get(WNS + "date"), "revision without a date"
            assert e.get(WNS + "id") not in ids, "revision id used twice"
            ids.add(e.get(WNS + "id"))
            if parent[e].tag != WNS + "rPr":
                assert not any(a.tag[len(WNS):] in REVISION_TAGS for a in ancestors(e)), "nested revision"
        if tag == "delText":
            assert any(a.tag == WNS + "del" for a in ancestors(e)), "w:delText outside a deletion"
        if tag == "t" and e.text and e.text != e.text.strip():
            assert e.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve", "space without preserve"
        if tag == "commentReference":
            assert not any(a.tag[len(WNS):] in REVISION_TAGS for a in ancestors(e)), "comment reference in a revision"
    starts = {e.get(WNS + "id") for e in root.iter(WNS + "commentRangeStart")}
    ends = {e.get(WNS + "id") for e in root.iter(WNS + "commentRangeEnd")}
    refs = {e.get(WNS + "id") for e in root.iter(WNS + "commentReference")}
    assert starts == ends == refs, "comment ranges and references do not pair up"
    if refs:
        croot = ET.fromstring(z.read("word/comments.xml"))
        assert refs <= {c.get(WNS + "id") for c in croot.iter(WNS + "comment")}
    for kind in ("moveFrom", "moveTo"):
        names = [e.get(WNS + "name") for e in root.iter(WNS + kind + "RangeStart")]
        assert len(names) == len(set(names)) == len(list(root.iter(WNS + kind + "RangeEnd")))
    assert sorted(e.get(WNS + "name") for e in root.iter(WNS + "moveFromRangeStart")) == \
        sorted(e.get(WNS + "name") for e in root.iter(WNS + "moveToRangeStart"))
    counts["comments"] = len(refs)
    return counts
