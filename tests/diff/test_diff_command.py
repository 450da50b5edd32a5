"""`doclint diff` at the command line: exit codes, errors, git revisions, formats, --lint."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from doclint.cli import main

PAIRS = Path(__file__).parent / "pairs"
OLD = PAIRS / "moved_edited.old.txt"
NEW = PAIRS / "moved_edited.new.txt"


def invoke(args, **kw):
    return CliRunner().invoke(main, ["diff", *args], **kw)


def test_exit_codes():
    assert invoke([str(OLD), str(OLD)]).exit_code == 0
    assert invoke([str(OLD), str(NEW)]).exit_code == 1


def test_missing_file_is_one_line_error_naming_it(tmp_path):
    r = invoke([str(OLD), str(tmp_path / "没有.txt")])
    assert r.exit_code == 2
    lines = r.output.strip().splitlines()
    assert len(lines) == 1 and "没有.txt" in lines[0] and "Traceback" not in r.output


def test_binary_file_error(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    r = invoke([str(bad), str(OLD), "--lang", "en"])
    assert r.exit_code == 2 and "bad.txt" in r.output and "binary" in r.output


def test_real_process_error_has_no_traceback(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "doclint", "diff", str(OLD), str(tmp_path / "x.txt")],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stdout == "" and proc.stderr.count("\n") == 1 and "x.txt" in proc.stderr


def test_stdin_side():
    r = invoke(["-", str(NEW)], input=OLD.read_text(encoding="utf-8"))
    assert r.exit_code == 1 and "移动 #1" in r.output
    r = invoke(["-", "-"], input="x")
    assert r.exit_code == 2


def test_text_report_plain_without_tty_and_coloured_on_request():
    r = invoke([str(OLD), str(NEW)])
    assert "\x1b[" not in r.output
    assert "{+切实+}" in r.output and "新稿第 8 行  移动 #1（自旧稿第 7 行移来，有修改）" in r.output
    assert "共 1 处改动" in r.output and "移动 1 处（其中有修改 1 处）" in r.output
    r = invoke([str(OLD), str(NEW), "--color"], color=True)
    assert "\x1b[32;4m切实\x1b[0m" in r.output
    r = invoke([str(OLD), str(NEW), "--lang", "en"])
    assert "moved from old line 7" in r.output and "1 moved (1 of them edited)" in r.output


def test_context_shows_unchanged_sentences_around_each_edit():
    plain = invoke([str(OLD), str(NEW)]).output
    assert "  | " not in plain
    r = invoke([str(OLD), str(NEW), "--context", "1"])
    ctx = [ln[4:] for ln in r.output.splitlines() if ln.startswith("  | ")]
    # The sentence before and after where the moved sentence arrives (new draft, line 8).
    assert ctx == ["各级领导干部要带头深入企业，帮助解决实际困难。",
                   "同志们，优化营商环境永远在路上。"]
    md = invoke([str(OLD), str(NEW), "--context", "1", "-f", "markdown"]).output
    assert "  > 各级领导干部要带头深入企业，帮助解决实际困难。" in md


def test_json_shape():
    r = invoke([str(OLD), str(NEW), "--format", "json"])
    assert r.exit_code == 1
    d = json.loads(r.output)
    assert set(d) == {"old", "new", "stats", "changes", "blocks"}
    assert d["old"] == str(OLD) and d["new"] == str(NEW)
    for c in d["changes"]:
        assert set(c) == {"op", "old_text", "new_text", "old_line", "new_line", "similarity", "edits",
                          "block", "move_id"}
        assert c["op"] in ("equal", "insert", "delete", "modify", "move")
        assert (c["block"] is None) == (c["op"] == "equal")
    # One block: the moved sentence, pointing at its change; the summary counts blocks.
    assert [(b["kind"], b["move_id"], b["edited"]) for b in d["blocks"]] == [("move", 1, True)]
    assert [d["changes"][k]["op"] for k in d["blocks"][0]["changes"]] == ["move"]
    assert d["stats"]["edits"]["total"] == 1 and d["stats"]["edits"]["move"] == 1
    mv = [c for c in d["changes"] if c["op"] == "move"]
    assert len(mv) == 1
    m = mv[0]
    assert (m["old_line"], m["new_line"]) == (7, 8)
    assert m["old_text"] == "要加大惠企政策兑现力度，做到应享尽享。"
    assert 0.6 < m["similarity"] < 1
    assert [(e["op"], e["old"], e["new"], e["kind"], e["move"]) for e in m["edits"]] == [
        ("insert", "", "切实", None, None), ("insert", "", "、直达快享", None, None)]
    for e in m["edits"]:
        assert m["new_text"][e["new_start"]:e["new_end"]] == e["new"]
    assert d["stats"]["move"] == 1 and d["stats"]["moved_and_edited"] == 1
    assert d["stats"]["budget_exhausted"] is False
    # One entry per sentence: equal + changed entries cover the new draft.
    assert sum(1 for c in d["changes"] if c["new_text"] is not None) == d["stats"]["new_sentences"]


def test_budget_option_reported():
    r = invoke([str(PAIRS / "edits.old.txt"), str(PAIRS / "edits.new.txt"), "--budget", "1",
                "-f", "json"])
    d = json.loads(r.output)
    assert d["stats"]["budget_exhausted"] is True and d["stats"]["budget"] == 1
    r = invoke([str(PAIRS / "edits.old.txt"), str(PAIRS / "edits.new.txt"), "--budget", "1"])
    assert "比较预算（1 次）已用尽" in r.output


def test_markdown_escapes_document_text(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("保持不变的一句话。\n", encoding="utf-8")
    b.write_text("保持不变的一句话。\n新增**加粗**与<script>alert(1)</script>及[链接](http://x)|表格。\n",
                 encoding="utf-8")
    r = invoke([str(a), str(b), "-f", "markdown"])
    assert r.exit_code == 1
    out = r.output
    assert "<script" not in out and "**加粗**" not in out and "](http" not in out
    assert "&lt;script\\>" in out and "\\*\\*加粗\\*\\*" in out and "<ins>" in out
    assert "| 0 | 1 | 0 | 0 |" in out
    # Readable as plain text: no numeric character references for ordinary punctuation.
    a.write_text("去年增长5.2%，完成目标。\n", encoding="utf-8")
    b.write_text("去年增长5.5%，完成目标。\n", encoding="utf-8")
    out = invoke([str(a), str(b), "-f", "markdown"]).output
    assert "&#" not in out and "<del>5.2%</del><ins>5.5%</ins>" in out


def test_html_output_file_and_escaping(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("第一句。\n", encoding="utf-8")
    b.write_text("第一句。<script>alert('x')</script>。\n", encoding="utf-8")
    out = tmp_path / "r.html"
    r = invoke([str(a), str(b), "-f", "html", "-o", str(out)])
    assert r.exit_code == 1 and r.output == ""
    html = out.read_text(encoding="utf-8")
    assert html.count("<script") == 1 and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "Content-Security-Policy" in html


def test_unwritable_output(tmp_path):
    r = invoke([str(OLD), str(NEW), "-o", str(tmp_path / "no" / "such" / "dir.html"), "-f", "html"])
    assert r.exit_code == 2 and "dir.html" in r.output


def test_lint_introduced_and_resolved(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("关于秋冬季生产的通知\n各地要动员群众做好秋冬季农业农业生产。\n请于规定时间前报送材料。\n",
                 encoding="utf-8")
    # The duplicated word is fixed, a placeholder is introduced, and a new
    # paragraph shifts every line: nothing else counts as introduced.
    b.write_text("关于秋冬季生产的通知\n新增一段说明文字。\n各地要动员群众做好秋冬季农业生产。\n请于XX月XX日前报送材料。\n",
                 encoding="utf-8")
    r = invoke([str(a), str(b), "--lint", "--select", "DL101,DL201", "-f", "json"])
    d = json.loads(r.output)
    assert [(f["code"], f["text"], f["line"]) for f in d["lint"]["introduced"]] == [("DL201", "XX月XX日", 4)]
    assert [(f["code"], f["text"], f["line"]) for f in d["lint"]["resolved"]] == [("DL101", "农业农业", 2)]
    r = invoke([str(a), str(b), "--lint", "--select", "DL101,DL201"])
    assert "新稿引入的问题（1）" in r.output and "新稿已解决的问题（1）" in r.output


def test_lint_same_finding_on_moved_line_is_not_new(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("请于XX月XX日前报送材料。\n", encoding="utf-8")
    b.write_text("前言一句。\n\n请于XX月XX日前报送材料。\n", encoding="utf-8")
    d = json.loads(invoke([str(a), str(b), "--lint", "--select", "DL201", "-f", "json"]).output)
    assert d["lint"]["introduced"] == [] and d["lint"]["resolved"] == []


def test_lint_unknown_code_is_an_error():
    r = invoke([str(OLD), str(NEW), "--lint", "--select", "DL999"])
    assert r.exit_code == 2 and len(r.output.strip().splitlines()) == 1


# ---- git revisions ----------------------------------------------------------

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture
def repo(tmp_path, monkeypatch):
    def git(*args):
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)
    git("init", "-q")
    git("config", "user.email", "t@example.com")
    git("config", "user.name", "t")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "speech.txt").write_text(OLD.read_text(encoding="utf-8"), encoding="utf-8")
    git("add", ".")
    git("commit", "-q", "-m", "first")
    (tmp_path / "docs" / "speech.txt").write_text(NEW.read_text(encoding="utf-8"), encoding="utf-8")
    git("commit", "-q", "-am", "second")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@needs_git
def test_git_revision_against_working_file(repo):
    r = invoke(["HEAD~1:docs/speech.txt", "docs/speech.txt", "-f", "json"])
    assert r.exit_code == 1
    d = json.loads(r.output)
    assert d["old"] == "HEAD~1:docs/speech.txt" and d["stats"]["move"] == 1
    assert invoke(["HEAD:docs/speech.txt", "docs/speech.txt"]).exit_code == 0
    assert invoke(["HEAD~1:docs/speech.txt", "HEAD:docs/speech.txt"]).exit_code == 1


@needs_git
def test_git_path_relative_to_current_folder(repo, monkeypatch):
    monkeypatch.chdir(repo / "docs")
    assert invoke(["HEAD~1:speech.txt", "speech.txt"]).exit_code == 1
    assert invoke(["HEAD:speech.txt", "speech.txt"]).exit_code == 0


@needs_git
def test_git_errors_name_the_argument(repo):
    r = invoke(["nosuchrev:docs/speech.txt", "docs/speech.txt"])
    assert r.exit_code == 2 and "nosuchrev:docs/speech.txt" in r.output and "Traceback" not in r.output
    assert len(r.output.strip().splitlines()) == 1
    r = invoke(["HEAD:docs/missing.txt", "docs/speech.txt"])
    assert r.exit_code == 2 and "HEAD:docs/missing.txt" in r.output


@needs_git
def test_git_outside_repository(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("一句话。\n", encoding="utf-8")
    r = invoke(["HEAD:a.txt", "a.txt", "--lang", "en"])
    assert r.exit_code == 2 and "HEAD:a.txt" in r.output


def test_whitespace_only_is_exit_0_paragraph_split_is_exit_1(tmp_path):
    a, b, c = tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "c.txt"
    a.write_text("第一句。第二句。\n第三段。\n", encoding="utf-8")
    b.write_text("第一句。 第二句。\r\n\r\n第三段。\r\n", encoding="utf-8")
    c.write_text("第一句。\n第二句。\n第三段。\n", encoding="utf-8")
    r = invoke([str(a), str(b)])
    assert r.exit_code == 0 and "仅空白或换行不同" in r.output
    r = invoke([str(a), str(c)])
    assert r.exit_code == 1 and "分段不同" in r.output


def test_control_characters_in_drafts_are_shown_not_obeyed(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("各地区要动员群众做好秋冬季农业生产。\n", encoding="utf-8")
    b.write_text("各地区要动员群众\x1b[2J做好\x1b]0;x\x07秋冬季农业生产\u202e工作。\n", encoding="utf-8")
    for fmt in ("text", "markdown", "html"):
        out = invoke([str(a), str(b), "-f", fmt, "--no-color"]).output
        assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out, fmt
        assert "\u241b" in out, fmt  # ESC shown as the control picture ␛
    d = json.loads(invoke([str(a), str(b), "-f", "json"]).output)
    assert "\x1b[2J" in d["changes"][0]["new_text"]  # JSON keeps the exact text (escaped)


def test_docx_drafts_report_paragraphs(tmp_path):
    docx = pytest.importorskip("docx")
    for name, text in (("a.docx", "我们要加强建设，提高效率。"), ("b.docx", "我们要加强构建，提高效率。")):
        d = docx.Document()
        d.add_paragraph("关于加强管理的通知")
        d.add_paragraph(text)
        d.save(tmp_path / name)
    r = invoke([str(tmp_path / "a.docx"), str(tmp_path / "b.docx")])
    assert r.exit_code == 1
    assert "旧稿第 2 段 → 新稿第 2 段  修改" in r.output and "[-建设-]{+构建+}" in r.output


def test_lint_section_in_markdown_and_html(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("请于规定时间前报送材料。\n", encoding="utf-8")
    b.write_text("请于XX月XX日前报送材料。\n", encoding="utf-8")
    md = invoke([str(a), str(b), "--lint", "--select", "DL201", "-f", "markdown"]).output
    assert "**新稿引入的问题** (1)" in md and "`DL201`" in md and "**新稿已解决的问题** (0)" in md
    html = invoke([str(a), str(b), "--lint", "--select", "DL201", "-f", "html"]).output
    assert "新稿引入的问题 (1)" in html and "<code>DL201</code>" in html


@needs_git
@pytest.mark.parametrize("arg", ["--output={dir}/pwned:x.txt", "--output={dir}/pwned:docs/speech.txt",
                                 "-o{dir}/pwned:x.txt", "HEAD\x1b[2J:docs/speech.txt"])
def test_revision_is_never_a_git_option(repo, tmp_path, arg):
    # `git show --output=DIR/pwned:x.txt` would write the file DIR/pwned:x.txt.
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    r = invoke(["--", arg.format(dir=out_dir), "docs/speech.txt"])
    assert r.exit_code == 2 and len(r.output.strip().splitlines()) == 1 and "Traceback" not in r.output
    assert list(out_dir.iterdir()) == [] and not list(repo.glob("*pwned*"))


@needs_git
def test_git_is_called_with_end_of_options(repo, tmp_path, monkeypatch):
    # Even with the revision check off, git reads "--output=…" as a revision, not an option.
    from doclint.diff import git as git_mod
    from doclint.errors import InputError
    monkeypatch.setattr(git_mod, "check_rev", lambda rev, label: None)
    with pytest.raises(InputError):
        git_mod.git_show(f"--output={tmp_path}/pwned", "x.txt", "x")
    assert not list(tmp_path.glob("pwned*"))


def test_lint_unchanged_finding_next_to_an_edit_is_neither_new_nor_gone(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("关于秋冬季生产的通知\n各地要动员群众做好秋冬季农业农业生产。请于XX月XX日前报送。\n", encoding="utf-8")
    # Words added right beside both findings change the text around them (their fingerprints),
    # not the findings; a third finding in the same sentence is new.
    b.write_text("关于秋冬季生产的通知\n各地要动员群众切实做好秋冬季农业农业生产工作。请务必于XX月XX日前报送，工作工作不得延误。\n",
                 encoding="utf-8")
    d = json.loads(invoke([str(a), str(b), "--lint", "--select", "DL101,DL201", "-f", "json"]).output)
    assert [(f["code"], f["text"]) for f in d["lint"]["introduced"]] == [("DL101", "工作工作")]
    assert d["lint"]["resolved"] == []
    # The sentence holding a finding is deleted: the finding is resolved.
    b.write_text("关于秋冬季生产的通知\n请于XX月XX日前报送。\n", encoding="utf-8")
    d = json.loads(invoke([str(a), str(b), "--lint", "--select", "DL101,DL201", "-f", "json"]).output)
    assert d["lint"]["introduced"] == []
    assert [(f["code"], f["text"]) for f in d["lint"]["resolved"]] == [("DL101", "农业农业")]


def test_the_report_does_not_depend_on_the_hash_seed(tmp_path):
    """Python gives every process its own string-hash seed; the move search once iterated a set of
    character pairs, so the same drafts gave different comparison counts (and on large pairs
    different moves) from one run to the next. Two processes with different seeds must agree."""
    import os
    from samples import CORPUS, SAMPLE
    if CORPUS.exists():   # two consecutive reports: the move search has much to compare
        old, new = (CORPUS / "2023.txt").read_text("utf-8"), (CORPUS / "2024.txt").read_text("utf-8")
    else:
        texts = [p.read_text("utf-8") for p in sorted(SAMPLE.glob("*.txt"))]
        old, new = "\n".join(texts), "\n".join(reversed(texts))     # every paragraph moved
    (tmp_path / "old.txt").write_text(old, "utf-8")
    (tmp_path / "new.txt").write_text(new, "utf-8")
    outs = set()
    for seed in ("0", "1", "2"):
        r = subprocess.run([sys.executable, "-m", "doclint", "diff", "-f", "json", "old.txt", "new.txt"], cwd=tmp_path,
                           capture_output=True, timeout=300, env=dict(os.environ, PYTHONHASHSEED=seed))
        assert r.returncode in (0, 1), r.stderr.decode()
        outs.add(r.stdout)
    assert len(outs) == 1
