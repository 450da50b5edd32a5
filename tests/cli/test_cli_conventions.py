"""Conventions users know from ruff/eslint, run as a user runs them.

-o/--output-file, --statistics, --stdin-filename, -q, `--fix -` and `--diff -`
on standard input, readable fix previews, TOML-valid `rules` options,
NO_COLOR/FORCE_COLOR, warnings for unknown directives, the .doc/.wps hint,
and the reporter interface (`binary`, `renders_fixes`) with a test reporter.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from samples import EXAMPLES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DRAFT = "关于做好秋冬季农业生产的通知\n各单位：\n要做好秋冬季农业农业生产,请于×月×日前报送。\n请再研究研究。\n"
FIXED = "关于做好秋冬季农业生产的通知\n各单位：\n要做好秋冬季农业生产，请于×月×日前报送。\n请再研究研究。\n"


def run(*args, cwd=None, stdin=None, env=None):
    e = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "DOCLINT_LANG")}
    e["DOCLINT_NO_PROGRESS"] = "1"
    e.update(env or {})
    p = subprocess.run([sys.executable, "-m", "doclint", *map(str, args)], capture_output=True, cwd=cwd,
                       input=stdin.encode("utf-8") if isinstance(stdin, str) else stdin, env=e, timeout=120)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


@pytest.fixture
def draft(tmp_path):
    p = tmp_path / "稿.txt"
    p.write_text(DRAFT, "utf-8")
    return p


def one_line(err, *needles):
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1 and "Traceback" not in err, err
    for n in needles:
        assert n in lines[0], (n, lines[0])


# ------------------------------------------------------------------ -o
def test_output_file_gets_exactly_the_report(draft, tmp_path):
    code, expected, _ = run("check", "-f", "json", draft.name, cwd=tmp_path)
    for opt in ("-o", "--output-file"):
        out = tmp_path / f"报告{opt}.json"
        code2, stdout, err = run("check", "-f", "json", opt, out.name, draft.name, cwd=tmp_path)
        assert (code2, stdout) == (code, "")
        assert out.read_text("utf-8") == expected
        assert f"报告已写入 {out.name}" in err
    assert not list(tmp_path.glob(".doclint-*"))          # no temporary file left behind
    # Text goes to the file uncoloured even with FORCE_COLOR (a file is not a terminal).
    code, _, _ = run("check", "-o", "r.txt", draft.name, cwd=tmp_path, env={"FORCE_COLOR": "1"})
    text = (tmp_path / "r.txt").read_text("utf-8")
    assert "稿.txt:3:7: DL101" in text and "\x1b" not in text


def test_output_file_errors_are_one_line_and_never_clobber_an_input(draft, tmp_path):
    before = draft.read_bytes()
    code, out, err = run("check", "-o", draft.name, draft.name, cwd=tmp_path)
    assert code == 2 and out == ""
    one_line(err, "-o", draft.name)
    assert draft.read_bytes() == before
    code, out, err = run("check", "-o", "no/such/dir/r.html", "-f", "html", draft.name, cwd=tmp_path)
    assert code == 2
    one_line(err, "no/such/dir/r.html", "无法写入")
    # An existing report is replaced whole.
    (tmp_path / "r.json").write_text("old", "utf-8")
    run("check", "-f", "json", "-o", "r.json", draft.name, cwd=tmp_path)
    assert json.loads((tmp_path / "r.json").read_text("utf-8"))[0]["code"] == "DL101"


# ---------------------------------------------------------- --statistics
def test_statistics_counts_per_code(draft, tmp_path):
    _, js, _ = run("check", "-f", "json", draft.name, cwd=tmp_path)
    counts = {}
    for f in json.loads(js):
        counts[f["code"]] = counts.get(f["code"], 0) + 1
    code, out, _ = run("check", "--statistics", draft.name, cwd=tmp_path)
    assert code == 1
    rows = [ln.split() for ln in out.splitlines()]
    assert {r[1]: int(r[0]) for r in rows} == counts
    assert [int(r[0]) for r in rows] == sorted((int(r[0]) for r in rows), reverse=True)
    dl101 = next(r for r in rows if r[1] == "DL101")
    assert dl101[2] == "[*]" and next(r for r in rows if r[1] == "DL201")[2] == "["
    assert "稿.txt" not in out                                # counts only, no findings
    code, out, _ = run("check", "--statistics", "-f", "json", draft.name, cwd=tmp_path)
    stats = json.loads(out)
    assert {s["code"]: s["count"] for s in stats} == counts
    assert {s["code"]: s["fixable"] for s in stats}["DL101"] == 1
    code, _, err = run("check", "--statistics", "-f", "sarif", draft.name, cwd=tmp_path)
    assert code == 2
    one_line(err, "--statistics")


# ------------------------------------------------------------ -q
def test_quiet_prints_findings_only(draft, tmp_path):
    code, out, err = run("check", "-q", draft.name, cwd=tmp_path)
    assert code == 1
    assert "稿.txt:3:7: DL101" in out
    assert "共" not in out and "处问题" not in out and "代码     数量" not in out
    code, out, err = run("check", "--quiet", "--fix", draft.name, cwd=tmp_path)
    assert "已修复" not in err and "DL201" in out


# ---------------------------------------------------------- stdin
def test_stdin_filename_names_the_input_and_finds_its_config(tmp_path):
    proj = tmp_path / "proj"
    (proj / "archive").mkdir(parents=True)
    (proj / "doclint.toml").write_text('[per-file-ignores]\n"archive/*.txt" = ["DL2"]\n', "utf-8")
    code, out, _ = run("check", "-f", "json", "--stdin-filename", "archive/旧稿.txt", "-", cwd=proj, stdin=DRAFT)
    items = json.loads(out)
    assert {i["path"] for i in items} == {"archive/旧稿.txt"}
    assert "DL201" not in {i["code"] for i in items}          # the config's per-file ignore applied
    # Without a path, --stdin-filename reads standard input (as ruff does).
    code, out2, _ = run("check", "-f", "json", "--stdin-filename", "archive/旧稿.txt", cwd=proj, stdin=DRAFT)
    assert out2 == out
    code, out, _ = run("check", "-f", "json", "--stdin-filename", "new.txt", cwd=proj, stdin=DRAFT)
    assert "DL201" in {i["code"] for i in json.loads(out)}
    code, _, err = run("check", "--stdin-filename", "x.txt", "a.txt", cwd=proj)
    assert code == 2
    one_line(err, "--stdin-filename")


def test_stdin_filename_docx(tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("要做好秋冬季农业农业生产。")
    d.save(str(tmp_path / "a.docx"))
    code, out, err = run("check", "-f", "json", "--stdin-filename", "通知.docx", cwd=tmp_path,
                         stdin=(tmp_path / "a.docx").read_bytes())
    items = json.loads(out)
    assert [(i["path"], i["code"], i["line"]) for i in items] == [("通知.docx", "DL101", 1)], err


def test_fix_on_stdin_prints_the_fixed_text(tmp_path):
    code, out, err = run("check", "--fix", "-", cwd=tmp_path, stdin=DRAFT)
    assert out == FIXED                                      # the fixed text, nothing else, on stdout
    assert "<stdin>:3:14: DL201" in err and ":3:7: DL101" not in err   # what remains, on stderr
    assert code == 1                                          # DL201 (error) remains
    code, out, err = run("check", "--fix", "--select", "DL101,DL501", "-", cwd=tmp_path, stdin=DRAFT)
    assert (code, out) == (0, FIXED)
    code, out, _ = run("check", "--fix", "-", cwd=tmp_path, stdin=FIXED.replace("×月×日", "9月30日"))
    assert out == FIXED.replace("×月×日", "9月30日") and code == 0   # nothing to fix: the text as it was
    # With -o the remaining findings go to the file.
    code, out, _ = run("check", "--fix", "-f", "json", "-o", "r.json", "-", cwd=tmp_path, stdin=DRAFT)
    assert out == FIXED and [i["code"] for i in json.loads((tmp_path / "r.json").read_text("utf-8"))] == ["DL201",
                                                                                                           "DL101"]


def test_diff_on_stdin_shows_the_fixes(tmp_path):
    """`cat f | doclint check --diff -` said "nothing to fix"; it shows the fixes, writes nothing."""
    code, out, err = run("check", "--diff", "-", cwd=tmp_path, stdin=DRAFT)
    assert code == 1
    assert "<stdin>:3:7: DL101 “农业农业” → “农业”" in out
    assert "没有可自动修复" not in err and "可修复" in err
    code, out, _ = run("check", "--diff", "-f", "patch", "--stdin-filename", "d/稿.txt", cwd=tmp_path, stdin=DRAFT)
    assert out.startswith("--- a/d/稿.txt\n+++ b/d/稿.txt\n")
    assert "+要做好秋冬季农业生产，请于×月×日前报送。\n" in out


# ------------------------------------------------------- fix previews
def test_fix_preview_is_word_level_not_whole_paragraphs(seed_path):
    """The seed's 1,000-character paragraphs: each fix is one short line plus its context."""
    code, out, _ = run("check", "--diff", seed_path)
    assert code == 1
    lines = out.splitlines()
    assert f"{seed_path}:20:377: DL101 “农业农业” → “农业”" in lines
    assert "    …抓好产业扶贫，动员群众做好秋冬季[-农业农业-]{+农业+}生产，大力发展烤烟、油茶、中药材…" in lines
    assert max(len(ln) for ln in lines) < 200
    paragraph = seed_path.read_text("utf-8").splitlines()[19]
    assert len(paragraph) > 1000 and paragraph not in out
    # One line per change with -f concise; JSON carries the changes with their positions.
    _, concise, _ = run("check", "--diff", "-f", "concise", seed_path)
    assert [ln for ln in concise.splitlines() if ":20:377:" in ln] == [f"{seed_path}:20:377: DL101 “农业农业” → “农业”"]
    _, js, _ = run("check", "--diff", "-f", "json", seed_path)
    change = next(c for c in json.loads(js) if c["line"] == 20)
    assert (change["column"], change["old"], change["new"], change["codes"]) == (377, "农业农业", "农业", ["DL101"])
    text = seed_path.read_text("utf-8")
    assert text[change["start"]:change["end"]] == "农业农业"


def test_fix_preview_rebuilds_the_fixed_text(tmp_path):
    """Applying the previewed changes to the original gives exactly what --fix writes."""
    src = EXAMPLES / "speech_draft.txt"
    original = src.read_text("utf-8")
    _, js, _ = run("check", "--diff", "--unsafe-fixes", "-f", "json", src)
    changes = json.loads(js)
    rebuilt, pos = [], 0
    for c in changes:
        rebuilt += [original[pos:c["start"]], c["new"]]
        pos = c["end"]
    rebuilt.append(original[pos:])
    copy = tmp_path / "d.txt"
    copy.write_text(original, "utf-8")
    run("check", "--fix", "--unsafe-fixes", copy)
    assert "".join(rebuilt) == copy.read_text("utf-8")
    assert any(not c["new"] for c in changes)                 # a deletion (web residue) is among them


# --------------------------------------------------------------- rules
def test_rules_options_paste_into_a_config_as_toml():
    code, out, _ = run("rules", "DL101")
    assert "line-wraps = true" in out
    lines = out.splitlines()
    start = next(k for k, ln in enumerate(lines) if ln.startswith("选项"))
    table = "[checks.DL101]\n" + "\n".join(ln.strip() for ln in lines[start + 1:] if " = " in ln)
    parsed = tomllib.loads(table)["checks"]["DL101"]
    assert parsed == {"line-wraps": True, "max-unit": 8}
    for code in ("DL201", "DL401", "DL602"):
        _, out, _ = run("rules", code)
        opts = [ln.strip() for ln in out.splitlines() if ln.startswith("  ") and " = " in ln]
        assert opts and tomllib.loads("\n".join(opts))
    _, out, _ = run("rules")
    assert "DL101  duplicated-word" in out and "警告" in out and " warning " not in out


# -------------------------------------------------------------- colour
@pytest.mark.parametrize("env,args,coloured", [
    ({}, [], False),                                  # a pipe: no colour
    ({"FORCE_COLOR": "1"}, [], True),
    ({"FORCE_COLOR": "0"}, [], False),
    ({"FORCE_COLOR": "1"}, ["--no-color"], False),    # the flag wins
    ({"NO_COLOR": "1"}, ["--color"], True),
    ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, [], True),
])
def test_no_color_and_force_color(draft, tmp_path, env, args, coloured):
    for cmd in (["check", draft.name], ["check", "--diff", draft.name]):
        _, out, _ = run(*cmd, *args, cwd=tmp_path, env=env)
        assert ("\x1b[" in out) == coloured, (cmd, env, args)


# ------------------------------------------------------- directives
def test_unknown_directive_is_a_warning(tmp_path):
    p = tmp_path / "d.txt"
    p.write_text("<!-- doclint: disabel=DL101 -->\n要做好农业农业生产。\n# doclint: ignore\n"
                 "<!-- doclint: disable-next-line=DL101 -->\n要做好农业农业生产。\n", "utf-8")
    code, out, err = run("check", "-f", "json", p.name, cwd=tmp_path)
    assert [i["line"] for i in json.loads(out)] == [2]           # the misspelt directive silences nothing
    lines = err.splitlines()
    assert len(lines) == 2, err
    assert lines[0].startswith("doclint: d.txt:1: 未知的 doclint 指令“disabel=DL101”")
    assert lines[1].startswith("doclint: d.txt:3: 未知的 doclint 指令“ignore”")
    assert code == 1


# ------------------------------------------------------------ .doc/.wps
def test_doc_and_wps_files_get_a_save_as_docx_hint(tmp_path):
    (tmp_path / "旧.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 200)
    (tmp_path / "稿.wps").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 200)
    (tmp_path / "ok.txt").write_text("要做好农业农业生产。\n", "utf-8")
    code, out, err = run("check", "旧.doc", "稿.wps", "ok.txt", cwd=tmp_path)
    assert code == 2 and "ok.txt:1:4: DL101" in out
    lines = err.splitlines()
    assert len(lines) == 2 and "Traceback" not in err
    assert lines[0].startswith("doclint: 旧.doc: 是Word 97-2003 文档（.doc）") and "另存为” .docx" in lines[0]
    assert lines[1].startswith("doclint: 稿.wps: 是WPS 文字文档（.wps）") and "另存为” .docx" in lines[1]
    _, _, err = run("check", "--lang", "en", "旧.doc", cwd=tmp_path)
    assert 'Save As" .docx' in err


# ------------------------------------------------- the reporter interface
class _Recorder:
    """What the test reporters saw."""
    seen: list = []


def _reporters(monkeypatch):
    """Register two test formats: a binary one and one that renders fixes itself."""
    import doclint.reporters as reporters
    from doclint.reporters import Reporter

    class BinaryReporter(Reporter):
        binary = True

        def file(self, result):
            self.stream.write(f"{len(result.findings)}\n".encode())

        def finish(self, results):
            self.stream.write(b"\x00\xffend")

    class FixingReporter(Reporter):
        renders_fixes = True

        def file(self, result):
            _Recorder.seen.append((result, dict(self.options)))

        def finish(self, results):
            self.stream.write("done\n")

    mod = sys.modules[__name__]
    monkeypatch.setattr(mod, "BinaryReporter", BinaryReporter, raising=False)
    monkeypatch.setattr(mod, "FixingReporter", FixingReporter, raising=False)
    monkeypatch.setitem(reporters.REPORTERS, "bin", f"{__name__}:BinaryReporter")
    monkeypatch.setitem(reporters.REPORTERS, "fixing", f"{__name__}:FixingReporter")
    _Recorder.seen = []


def test_binary_reporter_needs_an_output_file(monkeypatch, draft, tmp_path):
    from doclint.cli import main
    _reporters(monkeypatch)
    r = CliRunner().invoke(main, ["check", "-f", "bin", str(draft)])
    assert r.exit_code == 2 and "-o" in r.output and len(r.output.strip().splitlines()) == 1
    out = tmp_path / "r.bin"
    r = CliRunner().invoke(main, ["check", "-f", "bin", "-o", str(out), str(draft)])
    assert r.exit_code == 1, r.output
    assert out.read_bytes() == b"4\n\x00\xffend"             # the reporter wrote bytes to the file


def test_reporter_that_renders_fixes_gets_them_and_the_input_is_never_written(monkeypatch, draft, tmp_path):
    from doclint.cli import main
    _reporters(monkeypatch)
    before = draft.read_bytes()
    r = CliRunner().invoke(main, ["check", "-f", "fixing", "--fix", str(draft)])
    assert draft.read_bytes() == before                       # --fix never writes for such a reporter
    (result, options), = _Recorder.seen
    assert options["fix"] is True and options["unsafe"] is False
    assert result.fixed_text == FIXED and result.fixed == 2
    assert [(c.old, c.new, c.codes) for c in result.changes] == [("农业农业", "农业", ("DL101",)),
                                                                  (",", "，", ("DL501",))]
    assert [f.code for f in result.findings][:2] == ["DL101", "DL501"]   # the original findings
    assert "done" in r.output and "已修复" not in r.output
    # Without --fix the reporter is told so and gets no fixes.
    _Recorder.seen = []
    CliRunner().invoke(main, ["check", "-f", "fixing", str(draft)])
    (result, options), = _Recorder.seen
    assert "fix" not in options and result.fixed_text is None and result.changes == []
    # --unsafe-fixes is passed on; with -j 2 the workers compute the same.
    _Recorder.seen = []
    other = tmp_path / "b.txt"
    other.write_text(DRAFT, "utf-8")
    CliRunner().invoke(main, ["check", "-f", "fixing", "--fix", "--unsafe-fixes", "-j", "2", str(draft), str(other)])
    assert [o["unsafe"] for _, o in _Recorder.seen] == [True, True]
    unsafe = FIXED.replace("研究研究", "研究")                  # the colloquial ABAB: an unsafe fix
    assert [res.fixed_text for res, _ in _Recorder.seen] == [unsafe, unsafe]
    assert other.read_text("utf-8") == DRAFT


def test_reporter_that_renders_fixes_gets_them_for_docx(monkeypatch, tmp_path):
    docx = pytest.importorskip("docx")
    from doclint.cli import main
    _reporters(monkeypatch)
    d = docx.Document()
    d.add_paragraph("要做好秋冬季农业农业生产。")
    path = tmp_path / "a.docx"
    d.save(str(path))
    data = path.read_bytes()
    r = CliRunner().invoke(main, ["check", "-f", "fixing", "--fix", str(path)])
    assert path.read_bytes() == data and "无法原地修复" not in r.output
    (result, _), = _Recorder.seen
    assert [(c.line, c.old, c.new) for c in result.changes] == [(1, "农业农业", "农业")]


def test_output_paths_are_relative_as_given(draft, tmp_path):
    """The report names files as the user wrote them (no resolving behind their back)."""
    code, out, _ = run("check", "-f", "concise", Path("稿.txt"), cwd=tmp_path)
    assert out.startswith("稿.txt:")


def test_diff_lint_names_severities_in_the_users_language(tmp_path):
    (tmp_path / "old.txt").write_text("要做好秋冬季农业生产。\n", "utf-8")
    (tmp_path / "new.txt").write_text("要做好秋冬季农业农业生产。\n", "utf-8")
    _, out, _ = run("diff", "--lint", "old.txt", "new.txt", cwd=tmp_path)
    line = next(ln for ln in out.splitlines() if "DL101" in ln)
    assert "DL101 警告" in line and "warning" not in line
    _, out, _ = run("diff", "--lint", "--lang", "en", "old.txt", "new.txt", cwd=tmp_path)
    assert "DL101 warning" in out
