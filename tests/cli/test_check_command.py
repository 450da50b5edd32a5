"""The `doclint check` / `doclint rules` command line, run as a user runs it."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def run(*args, cwd=None, stdin=None):
    p = subprocess.run([sys.executable, "-m", "doclint", *map(str, args)], capture_output=True,
                       text=True, cwd=cwd, input=stdin, encoding="utf-8")
    return p.returncode, p.stdout, p.stderr


def assert_one_line_error(err, *needles):
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    for n in needles:
        assert n in lines[0], (n, lines[0])


def test_example_draft_findings_and_exit_code():
    code, out, err = run("check", EXAMPLES / "speech_draft.txt", "--select", "DL101,DL201")
    assert code == 1
    assert "speech_draft.txt:7:27: DL101" in out
    assert "农业农业" in out and "×亿元" in out
    assert "共" in out and "DL201" in out.splitlines()[-1] or "DL201" in out


def test_clean_example_exits_zero():
    code, out, err = run("check", EXAMPLES / "speech_clean.txt", "--select", "DL101,DL201")
    assert code == 0, out + err
    assert "未发现问题" in out


def test_json_has_exactly_the_documented_keys():
    code, out, _ = run("check", EXAMPLES / "speech_draft.txt", "--select", "DL101", "-f", "json")
    assert code == 1
    items = json.loads(out)
    assert {tuple(sorted(i)) for i in items} == {tuple(sorted(
        ["path", "code", "name", "severity", "message", "line", "column", "end_line",
         "end_column", "text", "fix"]))}
    first = items[0]
    assert (first["code"], first["text"], first["line"], first["column"]) == ("DL101", "农业农业", 7, 27)
    assert first["end_column"] == 31 and first["fix"]["safe"] is True


def test_english_messages():
    code, out, _ = run("check", EXAMPLES / "speech_draft.txt", "--select", "DL101", "--lang", "en")
    assert "duplicated word" in out and "疑为" not in out


def test_select_ignore_by_prefix_and_name():
    _, out, _ = run("check", EXAMPLES / "speech_draft.txt", "--select", "duplicated-word", "-f", "json")
    assert {i["code"] for i in json.loads(out)} == {"DL101"}
    _, out, _ = run("check", EXAMPLES / "speech_draft.txt", "--select", "DL1,DL2", "--ignore", "DL1",
                    "-f", "json")
    assert {i["code"] for i in json.loads(out)} == {"DL201"}


def test_exit_zero_and_fail_on(tmp_path):
    code, _, _ = run("check", EXAMPLES / "speech_draft.txt", "--select", "DL101", "--exit-zero")
    assert code == 0
    # Default fail-on is warning: an info finding (colloquial ABAB) is shown as a hint, exit 0.
    code, out, _ = run("check", "-", "--select", "DL101", stdin="请再研究研究。", cwd=tmp_path)
    assert code == 0 and "DL101" in out and "[提示]" in out
    code, _, _ = run("check", "-", "--select", "DL101", "--fail-on", "info", stdin="请再研究研究。", cwd=tmp_path)
    assert code == 1
    (tmp_path / "doclint.toml").write_text('fail-on = "info"\n', "utf-8")
    code, _, _ = run("check", "-", "--select", "DL101", stdin="请再研究研究。", cwd=tmp_path)
    assert code == 1                                   # the config's fail-on
    code, _, _ = run("check", "-", "--select", "DL101", "--fail-on", "warning", stdin="请再研究研究。", cwd=tmp_path)
    assert code == 0                                   # the command line wins
    # A warning still fails by default.
    code, _, _ = run("check", "-", "--select", "DL101", stdin="这是我们的的工作。")
    assert code == 1


def test_stdin():
    code, out, _ = run("check", "-", "--select", "DL101", stdin="这是我们的的工作。")
    assert code == 1 and ":1:5: DL101" in out


def test_unknown_code_is_a_usage_error():
    code, out, err = run("check", EXAMPLES / "speech_draft.txt", "--select", "DL999")
    assert code == 2 and out == ""
    assert_one_line_error(err, "DL999")


def test_bad_inputs_reported_and_other_files_still_checked(tmp_path):
    (tmp_path / "bin.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    (tmp_path / "bad.txt").write_bytes(b"\x80\x81\xff\xfe\xfd" * 20)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "gbk.txt").write_bytes("要加大加大推进力度。\r\n".encode("gbk"))
    emptydir = tmp_path / "nothing"
    emptydir.mkdir()
    (emptydir / "a.pdf").write_bytes(b"%PDF")
    code, out, err = run("check", tmp_path / "missing.txt", tmp_path / "bin.txt", tmp_path / "bad.txt",
                         emptydir, tmp_path / "empty.txt", tmp_path / "gbk.txt", "--select", "DL101")
    assert code == 2
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 4, err
    assert "missing.txt" in lines[0] and "不存在" in lines[0]
    assert "bin.txt" in lines[1] and "二进制" in lines[1]
    assert "bad.txt" in lines[2] and "编码" in lines[2]
    assert "nothing" in lines[3] and "没有可检查的文本文件" in lines[3]
    # The good files were still checked: the GBK file's doubled word is found.
    assert "gbk.txt:1:2: DL101" in out


def test_empty_file_is_clean(tmp_path):
    (tmp_path / "e.txt").write_text("  \n\n", encoding="utf-8")
    code, out, err = run("check", tmp_path / "e.txt")
    assert code == 0 and err == ""


def test_directory_recursion(tmp_path):
    sub = tmp_path / "drafts" / "v2"
    sub.mkdir(parents=True)
    (sub / "a.md").write_text("要推进推进改革。", encoding="utf-8")
    (tmp_path / "drafts" / "b.txt").write_text("这是是重点。", encoding="utf-8")
    (tmp_path / "drafts" / "c.py").write_text("print('的的')", encoding="utf-8")
    _, out, _ = run("check", tmp_path / "drafts", "--select", "DL101", "-f", "json")
    assert sorted(Path(i["path"]).name for i in json.loads(out)) == ["a.md", "b.txt"]


def test_encodings_and_positions(tmp_path):
    text = "第一行\r\n要加大加大推进力度。\r\n"
    for name, data in {"bom.txt": b"\xef\xbb\xbf" + text.encode("utf-8"),
                       "u16.txt": text.encode("utf-16"),
                       "gb.txt": text.encode("gb18030")}.items():
        (tmp_path / name).write_bytes(data)
        _, out, err = run("check", tmp_path / name, "--select", "DL101", "-f", "json")
        item = json.loads(out)[0]
        assert (item["line"], item["column"], item["end_column"], item["text"]) == (2, 2, 6, "加大加大"), name


def test_config_found_upward_and_malformed_config(tmp_path):
    proj = tmp_path / "proj"
    (proj / "drafts").mkdir(parents=True)
    (proj / "drafts" / "s.txt").write_text("×月×日召开，请再研究研究。", encoding="utf-8")
    (proj / "doclint.toml").write_text('ignore = ["DL201"]\n[checks.DL101]\nseverity = "error"\n',
                                       encoding="utf-8")
    _, out, _ = run("check", proj / "drafts" / "s.txt", "-f", "json")
    items = json.loads(out)
    assert [i["code"] for i in items] == ["DL101"]
    # The check's own per-issue severity (info for colloquial ABAB) is kept.
    assert items[0]["severity"] == "info"
    (proj / "doclint.toml").write_text("select = [DL1\n", encoding="utf-8")
    code, out, err = run("check", proj / "drafts" / "s.txt")
    assert code == 2
    assert_one_line_error(err, "doclint.toml", "TOML")


def test_config_dictionaries_extend_allowlist(tmp_path):
    (tmp_path / "allow.txt").write_text("# our terms\n区区长\n", encoding="utf-8")
    (tmp_path / "doclint.toml").write_text(
        '[dictionaries]\nreduplication_allow = ["allow.txt"]\n', encoding="utf-8")
    (tmp_path / "d.txt").write_text("这是区区长办公会。", encoding="utf-8")
    code, out, _ = run("check", tmp_path / "d.txt", "--select", "DL101")
    assert code == 0, out


def test_pyproject_tool_section(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname="x"\n[tool.doclint]\nselect = ["DL2"]\n',
                                            encoding="utf-8")
    (tmp_path / "d.txt").write_text("农业农业，×月。", encoding="utf-8")
    _, out, _ = run("check", tmp_path / "d.txt", "-f", "json")
    assert {i["code"] for i in json.loads(out)} == {"DL201"}


def test_rules_lists_and_explains():
    code, out, _ = run("rules")
    assert code == 0 and "DL101" in out and "DL201" in out
    code, out, _ = run("rules", "DL101")
    assert "错误示例" in out and "农业农业" in out
    code, out, _ = run("rules", "DL101", "--lang", "en")
    assert "Wrong:" in out


def test_plugin_entry_point(tmp_path):
    """A third-party check registered in the doclint.checks entry-point group."""
    pkg = tmp_path / "plug"
    (pkg / "dlplug").mkdir(parents=True)
    (pkg / "dlplug" / "__init__.py").write_text(
        "from doclint.engine.registry import check\nfrom doclint.model.finding import Issue\n"
        "@check(code='XY100', name='no-foo', severity='warning', summary={'zh':'禁用词','en':'no foo'},"
        " description={'zh':'d','en':'d'}, wrong='foo', right='bar')\n"
        "def no_foo(doc, ctx):\n    i = doc.text.find('foo')\n"
        "    if i >= 0:\n        yield Issue(i, i + 3, '禁用 foo', 'no foo')\n", encoding="utf-8")
    dist = pkg / "dlplug-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: dlplug\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text("[doclint.checks]\nnofoo = dlplug\n")
    env = dict(__import__("os").environ, PYTHONPATH=str(pkg))
    p = subprocess.run([sys.executable, "-m", "doclint", "check", "-", "--select", "XY"],
                       input="a foo b", capture_output=True, text=True, env=env)
    assert p.returncode == 1 and "XY100" in p.stdout, p.stderr
