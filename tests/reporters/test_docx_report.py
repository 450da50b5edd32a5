"""The 审核稿 reporter (`-f docx`): a comment on the exact text of every finding, fixes as tracked
changes, everything else in a .docx as it was. Tested through the reporter API (the CLI gives a
binary output file and the fix options; see doclint/reporters/docx.py).

Without LibreOffice: comment ranges, revisions and untouched runs are checked on the XML (an
independent reading, tests/support/docx_samples.py). With LibreOffice: the comments are there
with their authors and anchored texts, accepting all gives `--fix`'s text and rejecting all the
original; the seed speech is rendered to PDF and PNG.
"""
from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from docx_samples import (BOLD_RED, ITALIC_U, KAI, WNS, check_ooxml, dele, existing_comment, ins, p, package, r,
                          views)
from doclint.api import fix_text
from doclint.engine.batch import FileResult
from doclint.engine.fixes import apply_fixes
from doclint.engine.session import Session, Settings
from doclint.files.docx import project, read_docx
from doclint.files.ooxml import parser
from doclint.files.tracked import normalized
from doclint.model.document import Document
from doclint.reporters import get_reporter
from doclint.reporters.docx import annotate

WHEN = dt.datetime(2025, 3, 1, 9, 30)
DRAFT = ("关于做好秋冬季农业生产工作的通知\n"
         "【打印】【关闭】\n"
         "各乡镇人民政府,县直各有关单位：\n"
         "　　为切实加大加大农业生产推进力度,现就有关事项通知如下。\n"
         "一、提高思想认识\n"
         "各地要充分认识做好秋冬季农业生产的重要意义，，确保粮食稳产增产.会议要求大家回去研究研究。\n"
         "三、压实工作责任\n"
         "请于××月××日前将工作进展报送县农业农村局（联系人：XXX），参会人数约为3千人。\n"
         "\t附件：1.工作进展表\n")


def lint(doc):
    return Session(Settings()).lint(doc)


def render(doc, findings, **options) -> bytes:
    """Through the reporter interface, as the CLI calls it (binary stream, fix options)."""
    out = io.BytesIO()
    cls = get_reporter("docx")
    assert cls.binary and cls.renders_fixes
    reporter = cls(out, lang="zh", color=False, when=WHEN, **options)
    result = FileResult(doc.path, doc=doc, findings=findings)
    reporter.file(result)
    reporter.finish([result])
    return out.getvalue()


def comment_ranges(data: bytes):
    """{comment id: (merged text in range, comment text)} from the XML (paragraphs joined by "\\n")."""
    z = zipfile.ZipFile(io.BytesIO(data))
    root = ET.fromstring(z.read("word/document.xml"))
    comments = {c.get(WNS + "id"): "\n".join("".join(t.text or "" for t in q.iter(WNS + "t"))
                                              for q in c.iter(WNS + "p"))
                for c in ET.fromstring(z.read("word/comments.xml")).iter(WNS + "comment")}
    open_, out, first = {}, {}, True
    for para in root.iter(WNS + "p"):
        if not first:
            for k in open_:
                open_[k] += "\n"
        first = False
        for e in para.iter():
            if e.tag == WNS + "commentRangeStart":
                open_[e.get(WNS + "id")] = ""
            elif e.tag == WNS + "commentRangeEnd":
                cid = e.get(WNS + "id")
                out[cid] = (open_.pop(cid), comments[cid])
            elif e.tag in (WNS + "t", WNS + "delText", WNS + "tab"):
                for k in open_:
                    open_[k] += "\t" if e.tag == WNS + "tab" else (e.text or "")
    return out


def expected_merged_anchor(text, f, edits):
    """The finding's text with the tracked insertions that fall strictly inside it."""
    out, pos = "", f.start
    for s, e, rep in sorted(edits):
        if f.start < e < f.end:
            out += text[pos:e] + rep
            pos = e
    return out + text[pos:f.end]


def tracked_edits(findings, fix, unsafe):
    applied = apply_fixes(DRAFT, findings, unsafe)[1] if (fix or unsafe) else []
    return [(e.start, e.end, e.replacement) for f in applied for e in f.fix.edits]


# ------------------------------------------------------------------ text input
@pytest.mark.parametrize("fix,unsafe", [(False, False), (True, False), (True, True)])
def test_text_draft_gets_a_comment_on_every_finding_and_fixes_as_revisions(fix, unsafe):
    doc = Document(DRAFT, path="通知.txt")
    findings = lint(doc)
    assert {"DL101", "DL201", "DL301", "DL501", "DL503", "DL509", "DL701"} <= {f.code for f in findings}
    data = render(doc, findings, fix=fix, unsafe=unsafe)
    ranges = comment_ranges(data)
    assert len(ranges) == len(findings) + 1
    edits = tracked_edits(findings, fix, unsafe)
    summary = ranges.pop(min(ranges, key=int))
    assert summary[0] == "关于做好秋冬季农业生产工作的通知" and summary[1].startswith(f"doclint 审核：共 {len(findings)} 处问题")
    for f, (anchor, body) in zip(findings, sorted(ranges.values(), key=lambda x: 0) and
                                 [ranges[k] for k in sorted(ranges, key=int)]):
        assert anchor == expected_merged_anchor(DRAFT, f, edits)
        assert body.startswith(f"{f.code} {f.name}（") and f.message in body
    v = views(data)
    assert v["old"] == normalized(DRAFT)[0].split("\n")
    fixed = apply_fixes(DRAFT, findings, unsafe)[0] if fix else DRAFT
    assert v["new"] == normalized(fixed)[0].split("\n")
    counts = check_ooxml(data)
    assert (counts["ins"] + counts["del"] > 0) == fix
    import docx
    d = docx.Document(io.BytesIO(data))
    assert len(list(d.comments)) == len(findings) + 1
    assert {c.author for c in d.comments} == {"doclint"}


def test_fix_status_is_said_in_each_comment():
    doc = Document(DRAFT, path="通知.txt")
    findings = lint(doc)
    _, status = annotate(doc, findings, fix=True, when=WHEN)
    by_code = {}
    for k, f in enumerate(findings):
        by_code.setdefault(f.code, set()).add(status.get(k))
    assert by_code["DL501"] == {"tracked"}
    # DL701 deletes whole lines: never a safe fix (README, fix safety policy), so only with --unsafe-fixes
    assert by_code["DL301"] == {"unsafe"} and by_code["DL701"] == {"unsafe"} and by_code["DL201"] == {None}
    texts = [body for _, body in comment_ranges(render(doc, findings, fix=True)).values()]
    assert any("已作为修订，可接受或拒绝" in t for t in texts)
    assert any("需人工确认，未作修订" in t for t in texts)


def test_info_findings_can_be_left_out():
    doc = Document(DRAFT, path="通知.txt")
    findings = lint(doc)
    info = [f for f in findings if f.severity == "info"]
    assert info
    data = render(doc, findings, fail_on="warning")
    assert len(comment_ranges(data)) == len(findings) - len(info) + 1


def test_crlf_text_comments_land_on_the_same_characters():
    text = DRAFT.replace("\n", "\r\n")
    doc = Document(text, path="通知.txt")
    findings = lint(doc)
    ranges = comment_ranges(render(doc, findings))
    got = [ranges[k][0] for k in sorted(ranges, key=int)][1:]
    assert got == [f.text.replace("\r\n", "\n") for f in findings]


def test_more_than_one_file_is_refused():
    from doclint.errors import UsageError
    cls = get_reporter("docx")
    reporter = cls(io.BytesIO(), lang="zh")
    doc = Document("甲", path="a.txt")
    reporter.file(FileResult("a.txt", doc=doc))
    reporter.file(FileResult("b.txt", doc=doc))
    with pytest.raises(UsageError):
        reporter.finish([])


def test_more_than_one_file_on_the_command_line_is_one_line_before_checking(tmp_path):
    """Was a traceback (the reporter's UsageError escaped the CLI); now refused before any work."""
    import subprocess
    import sys
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("推进农业农业现代化。\n", "utf-8")
    r = subprocess.run([sys.executable, "-m", "doclint", "check", "-f", "docx", "-o", "out.docx", "a.txt", "b.txt"],
                       cwd=tmp_path, capture_output=True, timeout=120)
    err = r.stderr.decode("utf-8")
    assert r.returncode == 2 and "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert "一次只能检查一个文件" in err and not (tmp_path / "out.docx").exists()


# ------------------------------------------------------------------ .docx input
HEADING = '<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>'
BODY_DOCX = (
    p(r("关于做好秋冬季农业生产工作的通知", KAI), ppr=HEADING)
    + p(r("【打印】【关闭】"))
    + p(r("各乡镇人民政府"), r(",", BOLD_RED), r("县直各有关单位："))
    + p(r("　　为切实加大"), r("加大", BOLD_RED), r("农业生产推进力度", ITALIC_U), r(",现就有关事项通知如下。"))
    + '<w:tbl><w:tr><w:tc>' + p(r("责任单位")) + '</w:tc><w:tc>' + p(r("请于××月××日前报送")) + '</w:tc></w:tr>'
      '</w:tbl>'
    + p('<w:commentRangeStart w:id="0"/>', r("各地要充分认识做好秋冬季农业生产的重要意义，，确保粮食稳产增产."),
        '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>',
        ins(r("会议要求做好农业农业生产。"), 901), dele("原有删除", 902))
    + p(r("三、压实工作责任"), ppr=HEADING)
    + p(r("参会人数约为3千人。")))


def _docx(tmp_path, body=BODY_DOCX, comments=existing_comment(0, "李四的原有批注")):
    path = tmp_path / "审核前.docx"
    path.write_bytes(package(body, comments=comments))
    return path


def runs_with_offsets(data: bytes):
    """[(start, end, run XML)] of the runs present before any of our changes (the original side)."""
    from lxml import etree
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"), parser())
    out, pos = [], 0
    for k, para in enumerate(project(root).paras):
        for a in para.atoms:
            if a.live:
                out.append((pos, pos + len(a.text), etree.tostring(a.run)))
                pos += len(a.text)
        pos += 1 if para.line_end else 0
    return out


def test_docx_keeps_everything_it_does_not_touch(tmp_path):
    path = _docx(tmp_path)
    doc = read_docx(path)
    findings = lint(doc)
    data = render(doc, findings, fix=True)
    before = zipfile.ZipFile(path)
    after = zipfile.ZipFile(io.BytesIO(data))
    for name in before.namelist():
        if name not in ("word/document.xml", "word/comments.xml", "word/styles.xml"):
            assert after.read(name) == before.read(name), name
    # runs that hold no finding are byte for byte the same, in the same order
    spans = [(f.start, f.end) for f in findings] + [(e.start, e.end) for f in findings if f.fix
                                                     for e in f.fix.edits]
    untouched = [xml for s, e, xml in runs_with_offsets(path.read_bytes())
                 if not any(a < e and s < b or s < a < e for a, b in spans)]
    out_runs = [xml for _, _, xml in runs_with_offsets(data)]
    it = iter(out_runs)
    assert all(any(x == y for y in it) for x in untouched), "an untouched run changed"
    assert len(untouched) >= 4
    # the other reviewers' comment and revisions are still there
    xml = after.read("word/document.xml").decode()
    assert xml.count('w:author="张三"') == 2 and "李四的原有批注" in after.read("word/comments.xml").decode()
    ranges = comment_ranges(data)
    assert len(ranges) == len(findings) + 2   # + the summary + 李四's
    check_ooxml(data)
    import docx
    d = docx.Document(io.BytesIO(data))
    assert len(list(d.comments)) == len(findings) + 2 and len(d.tables) == 1


def test_docx_spans_that_cross_runs_keep_each_characters_formatting(tmp_path):
    path = _docx(tmp_path)
    doc = read_docx(path)
    findings = [f for f in lint(doc) if f.code == "DL101" and f.text == "加大加大"]
    data = render(doc, findings, fix=True)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    para = xml[xml.index("为切实"):xml.index("现就有关事项")]
    # the comment starts inside the first run (split there), the deleted 加大 keeps its bold red
    assert '<w:commentRangeStart w:id="' in para and "为切实</w:t>" in para
    deleted = para[para.index("<w:del "):para.index("</w:del>")]
    assert '<w:b/><w:color w:val="C00000"/>' in deleted and ">加大</w:delText>" in deleted
    assert ITALIC_U in para  # the italic run after it is untouched


def test_docx_fix_inside_someone_elses_revision_is_only_commented(tmp_path):
    path = _docx(tmp_path)
    doc = read_docx(path)
    findings = lint(doc)
    k = next(i for i, f in enumerate(sorted(findings, key=lambda f: f.sort_key())) if f.text == "农业农业")
    _, status = annotate(doc, findings, fix=True, when=WHEN)
    assert status[k] == "structure"
    data = render(doc, findings, fix=True)
    assert any(body and "无法承载修订" in body for _, body in comment_ranges(data).values())
    assert any(x.endswith("农业农业生产。") for x in views(data)["new"])  # 张三's insertion left as it was


def test_docx_changed_after_the_check_is_refused(tmp_path):
    from doclint.errors import DoclintError
    path = _docx(tmp_path)
    doc = read_docx(path)
    path.write_bytes(package(p(r("另一份文件"))))
    with pytest.raises(DoclintError) as exc:
        annotate(doc, lint(doc))
    assert "被修改" in exc.value.render("zh")


# ------------------------------------------------------------------ LibreOffice
def test_libreoffice_text_draft(tmp_path):
    from libreoffice import office
    lo = office()
    doc = Document(DRAFT, path="通知.txt")
    findings = lint(doc)
    for fix, unsafe in ((True, False), (True, True)):
        f = tmp_path / f"审核稿_{unsafe}.docx"
        f.write_bytes(render(doc, findings, fix=fix, unsafe=unsafe))
        got = lo.inspect(f)
        assert got["rejected"] == normalized(DRAFT)[0].split("\n")
        assert got["accepted"] == normalized(fix_text(DRAFT, unsafe=unsafe))[0].split("\n")
        assert got["redlines_left"] == [0, 0]
        assert len(got["comments"]) == len(findings) + 1
        assert {c["author"] for c in got["comments"]} == {"doclint"}
        # each comment's anchored text is the finding's text (in the original, after reject-all)
        rejected = [c["anchor"] for c in got["comments_rejected"]]
        assert sorted(rejected[1:]) == sorted(f.text for f in findings) and rejected[0] == DRAFT.split("\n")[0]
        edits = tracked_edits(findings, fix, unsafe)
        assert sorted(c["anchor"] for c in got["comments"][1:]) == sorted(
            expected_merged_anchor(DRAFT, f, edits) for f in findings)


def test_libreoffice_text_draft_through_the_real_fix(tmp_path):
    from libreoffice import office
    lo = office()
    draft = tmp_path / "通知.txt"
    draft.write_text(DRAFT, "utf-8")
    doc = Document(DRAFT, path=str(draft))
    out = tmp_path / "审核稿.docx"
    out.write_bytes(render(doc, lint(doc), fix=True))
    res = subprocess.run([sys.executable, "-m", "doclint", "check", "--fix", str(draft)], capture_output=True,
                         timeout=120)
    assert res.returncode in (0, 1) and "已修复" in res.stderr.decode()
    assert lo.inspect(out)["accepted"] == normalized(draft.read_text("utf-8"))[0].split("\n")


def test_libreoffice_docx_draft(tmp_path):
    from libreoffice import office
    lo = office()
    path = _docx(tmp_path)
    doc = read_docx(path)
    findings = lint(doc)
    original = lo.inspect(path)
    out = tmp_path / "审核稿.docx"
    out.write_bytes(render(doc, findings, fix=True))
    got = lo.inspect(out)
    # accept all: the fixes (but the one inside 张三's insertion, only commented) and 张三's revisions;
    # reject all: as rejecting all in the input
    trackable = [f for f in findings if f.text != "农业农业"]
    assert got["accepted"] == apply_fixes(doc.text, trackable)[0].split("\n")
    assert got["rejected"] == original["rejected"]
    assert got["redlines_left"] == [0, 0]
    assert len(got["comments"]) == len(findings) + 2
    ours = [c for c in got["comments"] if c["author"] == "doclint"]
    edits = [(e.start, e.end, e.replacement) for f in apply_fixes(doc.text, findings)[1] for e in f.fix.edits
             if f.text != "学习学习"]
    assert sorted(c["anchor"] for c in ours[1:]) == sorted(expected_merged_anchor(doc.text, f, edits)
                                                           for f in findings)
    assert [c for c in got["comments"] if c["author"] == "李四"][0]["anchor"].startswith("各地要充分认识")


def test_libreoffice_seed_speech_to_pdf_and_png(tmp_path, seed_path):
    from libreoffice import convert_pdf, office
    office()  # skips when LibreOffice/UNO is missing
    if not shutil.which("pdftoppm") or not shutil.which("pdftotext"):
        pytest.skip("pdftoppm/pdftotext not found (Debian package poppler-utils)")
    text = seed_path.read_text("utf-8")
    doc = Document(text, path=seed_path.name)
    findings = lint(doc)
    src = tmp_path / "讲话审核稿.docx"
    src.write_bytes(render(doc, findings, fix=True))
    got = office().inspect(src)
    assert len(got["comments"]) == len(findings) + 1
    assert got["accepted"] == normalized(apply_fixes(text, findings)[0])[0].split("\n")
    pdf = convert_pdf(src, tmp_path)
    pdftext = subprocess.run(["pdftotext", "-l", "1", pdf, "-"], capture_output=True, timeout=120).stdout.decode()
    assert "在市政府重点工作推进会上的讲话" in pdftext.replace(" ", "")  # Chinese text, not boxes
    subprocess.run(["pdftoppm", "-r", "70", "-f", "1", "-l", "2", "-png", pdf, str(tmp_path / "page")],
                   check=True, capture_output=True, timeout=120)
    pngs = sorted(tmp_path.glob("page*.png"))
    assert len(pngs) == 2 and all(p_.stat().st_size > 20_000 for p_ in pngs)
    keep = os.environ.get("DOCLINT_RENDER_DIR")  # to look at the pages by eye
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        for f in [src, Path(pdf), *pngs]:
            shutil.copy(f, keep)


def test_english_comments():
    doc = Document(DRAFT, path="draft.txt")
    findings = lint(doc)
    out = io.BytesIO()
    reporter = get_reporter("docx")(out, lang="en", when=WHEN, fix=True)
    result = FileResult(doc.path, doc=doc, findings=findings)
    reporter.file(result)
    reporter.finish([result])
    texts = [body for _, body in comment_ranges(out.getvalue()).values()]
    assert texts[0].startswith(f"doclint review: {len(findings)} finding(s)")
    assert any("made as a tracked change" in t for t in texts) and not any("审核" in t for t in texts)
