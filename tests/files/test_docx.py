""".docx input: files made by python-docx here; paragraphs and table cells become lines."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

docx = pytest.importorskip("docx")

from doclint.files.docx import read_docx  # noqa: E402
from doclint.errors import InputError  # noqa: E402


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "doclint", *args], capture_output=True, cwd=cwd, timeout=120)


def make(path):
    d = docx.Document()
    d.add_paragraph("关于做好秋冬季农业生产的通知")           # 1
    d.add_paragraph("")                                          # 2 (empty paragraph kept)
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = "责任单位"                                # 3
    t.cell(0, 1).text = "××县农业局"                             # 4
    merged = t.cell(1, 0).merge(t.cell(1, 1))
    merged.text = "完成时限：按要求加大加大推进力度"              # 7 (one merged cell, once)
    inner = t.cell(0, 1).add_table(rows=1, cols=1)
    inner.cell(0, 0).text = "嵌套表格里的文字"                   # 5, inside the same cell, and Word's
    #                                                              mandatory empty paragraph after it: 6
    d.add_paragraph("第二段\n软换行之后")                         # last
    d.save(str(path))
    return path


def test_paragraphs_and_cells_become_lines(tmp_path):
    doc = read_docx(make(tmp_path / "通知.docx"))
    assert doc.text.split("\n") == ["关于做好秋冬季农业生产的通知", "", "责任单位", "××县农业局",
                                    "嵌套表格里的文字", "", "完成时限：按要求加大加大推进力度", "第二段 软换行之后"]
    assert doc.kind == "docx" and doc.line_label == "paragraph"


def test_findings_point_to_paragraph_numbers(tmp_path):
    path = make(tmp_path / "通知.docx")
    r = run("check", "--select", "DL101,DL201", str(path))
    out = r.stdout.decode("utf-8")
    assert r.returncode == 1
    assert f"{path}:7:9: （第 7 段） DL101" in out
    assert f"{path}:4:1: （第 4 段） DL201" in out
    r = run("check", "--lang", "en", "--select", "DL101", str(path))
    assert "(paragraph 7) DL101" in r.stdout.decode("utf-8")
    items = json.loads(run("check", "-f", "json", "--select", "DL101", str(path)).stdout)
    assert [(i["line"], i["text"]) for i in items] == [(7, "加大加大")]


def test_docx_is_never_modified_by_fix(tmp_path):
    path = make(tmp_path / "a.docx")
    data = path.read_bytes()
    r = run("check", "--fix", "--select", "DL101", str(path))
    assert path.read_bytes() == data
    err = r.stderr.decode("utf-8")
    assert err.count("\n") == 1 and ".docx 文件无法原地修复" in err and "Traceback" not in err
    r = run("check", "--diff", "--select", "DL101", str(path))
    assert path.read_bytes() == data and r.stdout == b""


@pytest.mark.parametrize("content,words", [
    (b"just some text, not a zip", "不是有效的 .docx"),
    (b"PK\x03\x04 truncated zip", "不是有效的 .docx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "加密"),
])
def test_bad_docx_is_one_line_exit_2_and_others_still_checked(tmp_path, content, words):
    bad = tmp_path / "坏.docx"
    bad.write_bytes(content)
    good = make(tmp_path / "好.docx")
    r = run("check", "--select", "DL101", str(bad), str(good))
    err = r.stderr.decode("utf-8")
    assert r.returncode == 2
    assert err.strip().splitlines() == [err.strip()] and words in err and str(bad) in err
    assert "Traceback" not in err
    assert "加大加大" in r.stdout.decode("utf-8")       # the good file was still checked


def test_folder_search_finds_docx_and_skips_word_lock_files(tmp_path):
    make(tmp_path / "a.docx")
    (tmp_path / "~$a.docx").write_bytes(b"lock")
    r = run("check", "-f", "concise", "--select", "DL101", str(tmp_path))
    assert r.returncode == 1 and "~$" not in r.stdout.decode() + r.stderr.decode()


def test_read_docx_missing_file(tmp_path):
    with pytest.raises(InputError) as exc:
        read_docx(tmp_path / "nope.docx", "nope.docx")
    assert exc.value.render("zh") == "nope.docx: 文件不存在"
