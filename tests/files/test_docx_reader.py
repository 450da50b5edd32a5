""".docx reading never drops body text: tracked changes read as accepted (and said so), content
controls, fields, hyperlinks, entities; text boxes, headers, footers and footnotes stay out of the
body's lines. The corpus is made here from XML (tests/support/docx_samples.py); LibreOffice
(when installed) must read the same lines once it has accepted all changes."""
from __future__ import annotations

import subprocess
import sys
import time

import pytest

from docx_samples import ENTITY_BODY, ENTITY_DOCTYPE, FEATURES, NOT_FOR_LIBREOFFICE, dele, ins, p, package, r
from doclint.errors import InputError
from doclint.files.docx import read_docx


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "doclint", *args], capture_output=True, cwd=cwd, timeout=120)


@pytest.mark.parametrize("name,body,lines", FEATURES, ids=[f[0] for f in FEATURES])
def test_feature_is_read(tmp_path, name, body, lines):
    path = tmp_path / f"{name}.docx"
    path.write_bytes(package(body))
    doc = read_docx(path)
    assert doc.text.split("\n") == lines


def test_revisions_are_reported_as_accepted(tmp_path):
    path = tmp_path / "a.docx"
    path.write_bytes(package(p(r("要"), ins(r("切实")), dele("认真", 903), r("加强。"))))
    notes = read_docx(path).notes
    assert len(notes) == 1 and "2 处未接受的修订" in notes[0][0] and "accepted" in notes[0][1]
    plain = tmp_path / "b.docx"
    plain.write_bytes(package(p(r("要切实加强。"))))
    assert read_docx(plain).notes == ()


def test_text_boxes_are_left_out_and_said_so(tmp_path):
    name, body, lines = next(f for f in FEATURES if f[0] == "text_box_left_out")
    path = tmp_path / "tb.docx"
    path.write_bytes(package(body))
    doc = read_docx(path)
    assert doc.text == "正文继续" and any("文本框" in zh for zh, _ in doc.notes)


def test_headers_footers_footnotes_are_not_body_lines(tmp_path):
    path = tmp_path / "a.docx"
    path.write_bytes(package(p(r("正文第一段")) + p(r("正文第二段"))))
    assert read_docx(path).text == "正文第一段\n正文第二段"   # the package has a header, footer, footnote


def test_entities_keep_the_text_after_them_and_are_not_expanded_recursively(tmp_path):
    path = tmp_path / "e.docx"
    path.write_bytes(package(ENTITY_BODY, doctype=ENTITY_DOCTYPE))
    t = time.monotonic()
    doc = read_docx(path)
    assert time.monotonic() - t < 5
    # a plain internal entity reads as its text; one that refers to others stays a reference
    assert doc.text == "发文机关：某市人民政府，请各单位&lol2;认真落实。"


def test_diff_sees_drafts_that_differ_only_in_tracked_insertions(tmp_path):
    (tmp_path / "v1.docx").write_bytes(package(p(r("要加强管理。")) + p(r("第二段。"))))
    (tmp_path / "v2.docx").write_bytes(package(p(r("要"), ins(r("切实")), r("加强管理。")) + p(r("第二段。"))))
    res = run("diff", "v1.docx", "v2.docx", cwd=tmp_path)
    out, err = res.stdout.decode(), res.stderr.decode()
    assert res.returncode == 1 and "两稿文字相同" not in out and "{+切实+}" in out
    assert "v2.docx: 含 1 处未接受的修订，按接受全部修订后的文字读取" in err and "Traceback" not in err


def test_check_tells_about_unaccepted_revisions(tmp_path):
    (tmp_path / "v2.docx").write_bytes(package(p(r("要"), ins(r("加大加大")), r("力度。"))))
    res = run("check", "--select", "DL101", "v2.docx", cwd=tmp_path)
    assert "加大加大" in res.stdout.decode() and "未接受的修订" in res.stderr.decode()


@pytest.mark.parametrize("xml,word", [
    ("<w:body><w:p><w:r><w:t>未闭合</w:r></w:p></w:body>", "XML"),
    ("<w:notbody/>", None),
])
def test_broken_document_part_is_one_line(tmp_path, xml, word):
    import io
    import zipfile
    data = io.BytesIO()
    src = zipfile.ZipFile(io.BytesIO(package(p(r("x")))))
    with zipfile.ZipFile(data, "w") as z:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "word/document.xml":
                body = f'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">{xml}' \
                       '</w:document>'.encode()
            z.writestr(item, body)
    path = tmp_path / "坏.docx"
    path.write_bytes(data.getvalue())
    if word is None:
        assert read_docx(path).text == ""
        return
    with pytest.raises(InputError) as exc:
        read_docx(path)
    msg = exc.value.render("zh")
    assert msg.startswith(f"{path}: 不是有效的 .docx 文件") and word in msg and "\n" not in msg


def test_a_spreadsheet_renamed_docx_is_refused(tmp_path):
    import io
    import zipfile
    src, out = zipfile.ZipFile(io.BytesIO(package(p(r("x"))))), io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for item in src.infolist():
            z.writestr(item, src.read(item.filename).replace(b"wordprocessingml.document.main+xml",
                                                             b"spreadsheetml.sheet.main+xml"))
    path = tmp_path / "表.docx"
    path.write_bytes(out.getvalue())
    with pytest.raises(InputError) as exc:
        read_docx(path)
    assert "不是 Word 文档" in exc.value.render("zh")


# ------------------------------------------------------------------ LibreOffice agrees
def test_libreoffice_reads_the_same_lines_once_changes_are_accepted(tmp_path):
    from libreoffice import office
    lo = office()
    for name, body, lines in FEATURES:
        if name in NOT_FOR_LIBREOFFICE:
            continue
        path = tmp_path / f"{name}.docx"
        path.write_bytes(package(body))
        got = lo.inspect(path)
        assert got["accepted"] == read_docx(path).text.split("\n") == lines, name
