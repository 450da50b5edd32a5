"""Suppression: inline doclint directives and per-file ignores in the config."""
from __future__ import annotations

import json
import subprocess
import sys

from doclint.api import lint_text


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "doclint", *args], capture_output=True, cwd=cwd, timeout=120)


def flagged(text, select=("DL101", "DL201")):
    return [(f.code, f.text) for f in lint_text(text, select=list(select))]


def test_html_comment_region():
    text = ("要做好农业农业生产。\n"
            "<!-- doclint: disable=DL101 -->\n"
            "要加大加大力度，×月×日前完成。\n"
            "<!-- doclint: enable -->\n"
            "要抓好落实落实。\n")
    assert flagged(text) == [("DL101", "农业农业"), ("DL201", "×月×日"), ("DL101", "落实落实")]


def test_hash_line_form_prefix_and_name():
    text = ("# doclint: disable=DL2, duplicated-word\n"
            "要加大加大力度，×月×日前完成。\n"
            "# doclint: enable=DL201\n"
            "××县要做好农业农业生产。\n")
    assert flagged(text) == [("DL201", "××")]


def test_disable_all_and_enable_one_and_fullwidth_punctuation():
    text = ("<!-- doclint：disable -->\n"
            "要加大加大力度，×月×日前完成。\n"
            "<!-- doclint：enable=DL101 -->\n"
            "××县要做好农业农业生产。\n")
    assert flagged(text) == [("DL101", "农业农业")]


def test_disable_next_line_only_affects_the_next_nonblank_line():
    text = ("<!-- doclint: disable-next-line=DL101 -->\n"
            "\n"
            "要加大加大力度。\n"
            "要做好农业农业生产。\n")
    assert flagged(text) == [("DL101", "农业农业")]


def test_hash_form_must_be_a_whole_line_and_works_with_crlf():
    text = "说明 # doclint: disable=DL101\r\n要加大加大力度。\r\n# doclint: disable=DL101\r\n农业农业\r\n"
    assert flagged(text, ["DL101"]) == [("DL101", "加大加大")]


def test_unknown_code_in_directive_is_warned_on_stderr(tmp_path):
    f = tmp_path / "a.md"
    f.write_text("<!-- doclint: disable=DL999 -->\n要加大加大力度。\n", "utf-8")
    r = run("check", "--select", "DL101", str(f))
    assert r.returncode == 1
    assert f"{f}:1: doclint 指令中的 DL999 不是已知的检查代码或名称" in r.stderr.decode("utf-8")


def test_suppressed_findings_are_not_fixed(tmp_path):
    f = tmp_path / "a.txt"
    text = "# doclint: disable=DL101\n要加大加大力度。\n# doclint: enable\n农业农业\n"
    f.write_text(text, "utf-8")
    r = run("check", "--fix", "--select", "DL101", str(f))
    assert r.returncode == 0
    assert f.read_text("utf-8") == text.replace("农业农业", "农业")


def test_directive_in_docx_paragraph(tmp_path):
    import pytest
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("<!-- doclint: disable-next-line=DL101 -->")
    d.add_paragraph("要加大加大力度。")
    d.add_paragraph("要做好农业农业生产。")
    d.save(str(tmp_path / "a.docx"))
    items = json.loads(run("check", "-f", "json", "--select", "DL101", str(tmp_path / "a.docx")).stdout)
    assert [(i["line"], i["text"]) for i in items] == [(3, "农业农业")]


def test_per_file_ignores_from_config(tmp_path):
    (tmp_path / "doclint.toml").write_text(
        '[per-file-ignores]\n"archive/*.txt" = ["DL101"]\n"**/草稿*.txt" = ["unfilled-placeholder"]\n', "utf-8")
    (tmp_path / "archive").mkdir()
    (tmp_path / "drafts").mkdir()
    body = "要加大加大力度，×月×日前完成。\n"
    for rel in ("archive/old.txt", "drafts/草稿1.txt", "drafts/new.txt"):
        (tmp_path / rel).write_text(body, "utf-8")
    items = json.loads(run("check", "-f", "json", "--select", "DL101,DL201", ".", cwd=tmp_path).stdout)
    got = sorted((i["path"].replace("\\", "/"), i["code"]) for i in items)
    assert got == [("archive/old.txt", "DL201"), ("drafts/new.txt", "DL101"), ("drafts/new.txt", "DL201"),
                   ("drafts/草稿1.txt", "DL101")]
    # the patterns are relative to the config's folder, whatever the current folder is
    items = json.loads(run("check", "-f", "json", "--select", "DL101,DL201", "old.txt",
                           cwd=tmp_path / "archive").stdout)
    assert [i["code"] for i in items] == ["DL201"]


def test_per_file_ignores_with_unknown_code_is_an_error(tmp_path):
    (tmp_path / "doclint.toml").write_text('[per-file-ignores]\n"*.txt" = ["DL999"]\n', "utf-8")
    (tmp_path / "a.txt").write_text("农业农业\n", "utf-8")
    r = run("check", "a.txt", cwd=tmp_path)
    assert r.returncode == 2 and "DL999" in r.stderr.decode("utf-8")
    assert "Traceback" not in r.stderr.decode("utf-8")


def test_findings_inside_page_chrome_are_left_to_dl701():
    """The half-width colons of “来源:” and “发布时间:” are part of page chrome, which DL701 reports
    whole (and deletes with its fix); the draft's own half-width colon is still DL501."""
    text = ("首页 > 政务公开 > 政府工作报告\n来源:省政府办公厅  发布时间:2026-01-20\n【字号：大 中 小】 打印 关闭\n\n"
            "政府工作报告\n\n各位代表：\n现在，我代表省人民政府向大会报告工作:请予审议。\n\n扫一扫在手机打开当前页\n")
    found = [(f.code, f.line) for f in lint_text(text)]
    assert ("DL501", 8) in found
    assert [c for c, line in found if line <= 3] == ["DL701"]
    # without DL701 selected nothing is dropped
    assert [f.line for f in lint_text(text, select=["DL501"])] == [2, 2, 8]
