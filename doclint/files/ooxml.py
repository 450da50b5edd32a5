"""Office Open XML plumbing for .docx: the zip package, the XML parser, WordprocessingML names.

Reading: `Package` holds the parts of a .docx in memory (the zip is read from bytes, so a pipe
works too) and parses them with a parser that never loads a DTD, never resolves an entity and
never touches the network. Writing: `Package.save` copies every part it was not asked to
replace byte for byte, so a document keeps everything doclint does not touch (headers, footers,
footnotes, images, custom XML, settings); `new_package` makes a small document from scratch.

Element order inside w:rPr and w:pPr follows the schema sequence (Word rejects a file whose
properties are out of order; LibreOffice and python-docx do not check). Dates are written the way
Word writes them: the local wall-clock time with a "Z" (Word and LibreOffice both show the digits
as written, so a reviewer sees the time of day the file was made).
"""
from __future__ import annotations

import datetime as _dt
import io
import posixpath
import zipfile
from typing import Dict, List, Optional

from doclint.errors import InputError

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
XML_NS = "http://www.w3.org/XML/1998/namespace"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
NSMAP = {"w": W_NS, "r": R_NS}

REL_BASE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
REL_OFFICE_DOC = REL_BASE + "officeDocument"
REL_STYLES = REL_BASE + "styles"
REL_SETTINGS = REL_BASE + "settings"
REL_COMMENTS = REL_BASE + "comments"

_CT_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
CT_DOCUMENT = _CT_WML + "document.main+xml"
CT_DOCUMENT_TYPES = (CT_DOCUMENT, _CT_WML + "template.main+xml",
                     "application/vnd.ms-word.document.macroEnabled.main+xml",
                     "application/vnd.ms-word.template.macroEnabledTemplate.main+xml")
CT_STYLES = _CT_WML + "styles+xml"
CT_SETTINGS = _CT_WML + "settings+xml"
CT_COMMENTS = _CT_WML + "comments+xml"
CT_RELS = "application/vnd.openxmlformats-package.relationships+xml"

XML_SPACE = f"{{{XML_NS}}}space"

# Limits on a package read from memory (reader.check_docx_limits applies the same ones to a
# file on disk before it is opened; a pipe is only checked here).
MAX_PARTS = 2000
MAX_UNCOMPRESSED = 64 * 1024 * 1024


def qn(name: str) -> str:
    """'w:t' -> '{namespace}t' (Clark notation)."""
    prefix, local = name.split(":")
    return f"{{{NSMAP[prefix] if prefix != 'mc' else MC_NS}}}{local}"


def local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


# CT_RPr / EG_RPrBase sequence (ECMA-376 Part 1, 17.3.2.28), as python-docx orders it.
RPR_ORDER = ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
             "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
             "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect",
             "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
             "specVanish", "oMath", "rPrChange")
# The paragraph mark's properties (w:pPr/w:rPr, CT_ParaRPr): revision markers first.
MARK_RPR_ORDER = ("ins", "del", "moveFrom", "moveTo") + RPR_ORDER
# CT_PPr sequence (17.3.1.26).
PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
             "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
             "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
             "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
             "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle",
             "rPr", "sectPr", "pPrChange")


def etree():
    from lxml import etree as _etree
    return _etree


def parser():
    """An XML parser for untrusted parts: no DTD loading, no entity expansion, no network."""
    return etree().XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def insert_ordered(parent, child, order) -> None:
    """Insert `child` into `parent` at its place in the schema sequence `order`."""
    rank = {name: i for i, name in enumerate(order)}
    mine = rank.get(local(child.tag), len(order))
    for i, c in enumerate(parent):
        if rank.get(local(c.tag), len(order)) > mine:
            parent.insert(i, child)
            return
    parent.append(child)


def ooxml_date(when: Optional[_dt.datetime] = None) -> str:
    """xsd:dateTime as Word writes it: local wall-clock time, whole seconds, a 'Z'."""
    when = when or _dt.datetime.now()
    if when.tzinfo is not None:
        when = when.astimezone().replace(tzinfo=None)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def serialize(root) -> bytes:
    return etree().tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


class Package:
    """The parts of a .docx package, read from bytes; `save` writes a copy with some parts replaced."""

    def __init__(self, data: bytes, shown: str):
        self.shown = shown
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, NotImplementedError) as exc:
            raise self.error(f"不是有效的 .docx 文件（{_detail(exc)}）", f"is not a valid .docx file ({_detail(exc)})")
        if len(infos) > MAX_PARTS or sum(i.file_size for i in infos) > MAX_UNCOMPRESSED:
            raise self.error(".docx 部件过多或解压后过大，疑为恶意压缩包，未读取",
                             ".docx has too many parts or is too large when uncompressed; looks like a zip bomb")
        self.names = [i.filename for i in infos]
        self._lookup = {n.lower(): n for n in self.names}

    def error(self, zh: str, en: str) -> InputError:
        return InputError(self.shown, zh, en)

    def has(self, name: str) -> bool:
        return name.lower() in self._lookup

    def read(self, name: str) -> bytes:
        real = self._lookup.get(name.lower())
        if real is None:
            raise self.error(f"不是有效的 .docx 文件（缺少 {name}）", f"is not a valid .docx file (no {name})")
        try:
            return self.zip.read(real)
        except (zipfile.BadZipFile, ValueError, EOFError, NotImplementedError, OSError) as exc:
            raise self.error(f"不是有效的 .docx 文件（{name}: {_detail(exc)}）",
                             f"is not a valid .docx file ({name}: {_detail(exc)})")

    def xml(self, name: str):
        try:
            return etree().fromstring(self.read(name), parser())
        except etree().XMLSyntaxError as exc:
            raise self.error(f"不是有效的 .docx 文件（{name} 的 XML 有误：{_detail(exc)}）",
                             f"is not a valid .docx file (bad XML in {name}: {_detail(exc)})")

    # ---- relationships and content types ----------------------------------
    @staticmethod
    def rels_name(part: str) -> str:
        folder, base = posixpath.split(part)
        return posixpath.join(folder, "_rels", base + ".rels")

    def relationships(self, part: str) -> List[dict]:
        """The relationships of `part` ('' for the package): Id, Type, Target (resolved), External."""
        name = self.rels_name(part) if part else "_rels/.rels"
        if not self.has(name):
            return []
        out = []
        folder = posixpath.dirname(part)
        for rel in self.xml(name):
            if local(rel.tag) != "Relationship":
                continue
            target = rel.get("Target", "")
            external = rel.get("TargetMode") == "External"
            if not external:
                target = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            out.append({"Id": rel.get("Id"), "Type": rel.get("Type"), "Target": target, "External": external})
        return out

    def related(self, part: str, reltype: str) -> Optional[str]:
        for rel in self.relationships(part):
            if rel["Type"] == reltype and not rel["External"]:
                return rel["Target"]
        return None

    def main_part(self) -> str:
        """The main document part named by the package relationships (word/document.xml as a rule)."""
        name = self.related("", REL_OFFICE_DOC) or "word/document.xml"
        ctype = self.content_type(name)
        if ctype is not None and ctype not in CT_DOCUMENT_TYPES:
            raise self.error(f"不是 Word 文档（主部件类型为 {ctype}）", f"is not a Word document (main part is {ctype})")
        return name

    def content_type(self, part: str) -> Optional[str]:
        if not self.has("[Content_Types].xml"):
            return None
        ext = part.rsplit(".", 1)[-1].lower()
        default = None
        for item in self.xml("[Content_Types].xml"):
            kind = local(item.tag)
            if kind == "Override" and item.get("PartName", "").lstrip("/").lower() == part.lower():
                return item.get("ContentType")
            if kind == "Default" and item.get("Extension", "").lower() == ext:
                default = item.get("ContentType")
        return default

    # ---- writing -----------------------------------------------------------
    def save(self, replaced: Dict[str, bytes]) -> bytes:
        """The package as bytes with `replaced` parts substituted or added; every other part as it was."""
        out = io.BytesIO()
        pending = dict(replaced)
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for info in self.zip.infolist():
                name = info.filename
                if name in pending:
                    z.writestr(_info(name), pending.pop(name))
                else:
                    z.writestr(info, self.zip.read(name))
            for name, data in pending.items():
                z.writestr(_info(name), data)
        return out.getvalue()


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _detail(exc: Exception) -> str:
    text = str(exc).splitlines()[0][:120] if str(exc) else ""
    return text or type(exc).__name__


def add_override(ct_xml: bytes, part: str, content_type: str) -> bytes:
    """[Content_Types].xml with an Override for `part` (unchanged if it has one)."""
    et = etree()
    root = et.fromstring(ct_xml, parser())
    for item in root:
        if local(item.tag) == "Override" and item.get("PartName", "").lstrip("/").lower() == part.lower():
            return ct_xml
    et.SubElement(root, f"{{{CT_NS}}}Override", PartName="/" + part, ContentType=content_type)
    return serialize(root)


def add_relationship(rels_xml: Optional[bytes], reltype: str, target: str):
    """(rels part with a relationship to `target`, its Id); an existing one is reused."""
    et = etree()
    root = et.fromstring(rels_xml, parser()) if rels_xml else et.Element(f"{{{PKG_REL_NS}}}Relationships",
                                                                       nsmap={None: PKG_REL_NS})
    ids = set()
    for rel in root:
        ids.add(rel.get("Id"))
        if rel.get("Type") == reltype and rel.get("Target", "").lstrip("/").endswith(target):
            return (rels_xml if rels_xml else serialize(root)), rel.get("Id")
    n = 1
    while f"rId{n}" in ids:
        n += 1
    et.SubElement(root, f"{{{PKG_REL_NS}}}Relationship", Id=f"rId{n}", Type=reltype, Target=target)
    return serialize(root), f"rId{n}"


# ---- a document from scratch -------------------------------------------------
# GB/T 9704-2012 layout: A4, margins 37/35/28/26 mm, body 仿宋_GB2312 三号 (16 pt), title
# 方正小标宋简体 二号 (22 pt) centred, headings 黑体 / 楷体_GB2312 / 仿宋 bold; fixed 28 pt line
# spacing. Machines without these fonts fall back to what they have.
_HEADINGS = (("Heading1", "heading 1", "黑体", False, 0), ("Heading2", "heading 2", "楷体_GB2312", False, 1),
             ("Heading3", "heading 3", "仿宋_GB2312", True, 2), ("Heading4", "heading 4", "仿宋_GB2312", False, 3))


def _style_heading(sid, name, font, bold, level):
    return (f'<w:style w:type="paragraph" w:styleId="{sid}"><w:name w:val="{name}"/><w:basedOn w:val="Normal"/>'
            f'<w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:outlineLvl w:val="{level}"/></w:pPr>'
            f'<w:rPr><w:rFonts w:eastAsia="{font}"/>{"<w:b/>" if bold else ""}</w:rPr></w:style>')


STYLES_XML = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="{W_NS}">'
    '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" '
    'w:eastAsia="仿宋_GB2312" w:cs="Times New Roman"/><w:sz w:val="32"/><w:szCs w:val="32"/>'
    '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
    '<w:pPrDefault><w:pPr><w:spacing w:line="560" w:lineRule="exact"/></w:pPr></w:pPrDefault></w:docDefaults>'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
    '<w:pPr><w:ind w:firstLineChars="200" w:firstLine="640"/><w:jc w:val="both"/></w:pPr></w:style>'
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
    '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/>'
    '<w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:line="720" w:lineRule="exact"/>'
    '<w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr>'
    '<w:rPr><w:rFonts w:eastAsia="方正小标宋简体"/><w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr></w:style>'
    + "".join(_style_heading(*h) for h in _HEADINGS) +
    '<w:style w:type="paragraph" w:styleId="CommentText"><w:name w:val="annotation text"/>'
    '<w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:pPr>'
    '<w:spacing w:line="240" w:lineRule="auto"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="left"/>'
    '</w:pPr><w:rPr><w:rFonts w:eastAsia="宋体"/><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>'
    '<w:style w:type="character" w:styleId="CommentReference"><w:name w:val="annotation reference"/>'
    '<w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:rPr><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr>'
    '</w:style></w:styles>')

COMMENT_STYLES = ("CommentText", "CommentReference")

SETTINGS_XML = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:settings xmlns:w="{W_NS}">'
                '{track}<w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/>'
                '<w:compat><w:compatSetting w:name="compatibilityMode" '
                'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>')

SECTION_XML = ('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" '
               'w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/>'
               '<w:docGrid w:type="lines" w:linePitch="579"/></w:sectPr>')


def new_package(document_xml: bytes, comments_xml: Optional[bytes] = None, track_revisions: bool = False) -> bytes:
    """A complete small .docx: the document, GB/T 9704 styles, settings and (optionally) comments."""
    overrides = [("word/document.xml", CT_DOCUMENT), ("word/styles.xml", CT_STYLES),
                 ("word/settings.xml", CT_SETTINGS)]
    rels = [("rId1", REL_STYLES, "styles.xml"), ("rId2", REL_SETTINGS, "settings.xml")]
    if comments_xml is not None:
        overrides.append(("word/comments.xml", CT_COMMENTS))
        rels.append(("rId3", REL_COMMENTS, "comments.xml"))
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    types = (head + f'<Types xmlns="{CT_NS}"><Default Extension="rels" ContentType="{CT_RELS}"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             + "".join(f'<Override PartName="/{p}" ContentType="{t}"/>' for p, t in overrides) + "</Types>")
    root_rels = (head + f'<Relationships xmlns="{PKG_REL_NS}"><Relationship Id="rId1" Type="{REL_OFFICE_DOC}" '
                 'Target="word/document.xml"/></Relationships>')
    doc_rels = (head + f'<Relationships xmlns="{PKG_REL_NS}">'
                + "".join(f'<Relationship Id="{i}" Type="{t}" Target="{g}"/>' for i, t, g in rels)
                + "</Relationships>")
    parts = [("[Content_Types].xml", types.encode("utf-8")), ("_rels/.rels", root_rels.encode("utf-8")),
             ("word/document.xml", document_xml), ("word/_rels/document.xml.rels", doc_rels.encode("utf-8")),
             ("word/styles.xml", STYLES_XML.encode("utf-8")),
             ("word/settings.xml", SETTINGS_XML.replace("{track}", "<w:trackRevisions/>" if track_revisions
                                                        else "").encode("utf-8"))]
    if comments_xml is not None:
        parts.append(("word/comments.xml", comments_xml))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            z.writestr(_info(name), data)
    return out.getvalue()


def ensure_comment_styles(styles_xml: bytes) -> bytes:
    """styles.xml with Word's comment styles (CommentText, CommentReference) added if missing."""
    et = etree()
    root = et.fromstring(styles_xml, parser())
    have = {s.get(qn("w:styleId")) for s in root if local(s.tag) == "style"}
    if all(s in have for s in COMMENT_STYLES):
        return styles_xml
    ours = et.fromstring(STYLES_XML.encode("utf-8"), parser())
    for style in ours:
        if local(style.tag) == "style" and style.get(qn("w:styleId")) in COMMENT_STYLES \
                and style.get(qn("w:styleId")) not in have:
            root.append(style)
    return serialize(root)
