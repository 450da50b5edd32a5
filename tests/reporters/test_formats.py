"""Output formats: text, full, concise, json, sarif (schema-validated), github, junit."""
from __future__ import annotations

import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from doclint.model.finding import Finding
from doclint.reporters import FileResult
from doclint.reporters.github import escape_data, escape_property
from doclint.reporters.junit import JunitReporter

SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
DRAFT = "关于做好秋冬季农业农业生产的通知\n各单位：\n请于×月×日前报送。\n"
CLEAN = "关于做好秋冬季农业生产的通知\n"


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "doclint", *args], capture_output=True, cwd=cwd, timeout=120)


@pytest.fixture
def repo(tmp_path):
    (tmp_path / "草稿 一.txt").write_text(DRAFT, "utf-8")
    (tmp_path / "clean.txt").write_text(CLEAN, "utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02binary")
    return tmp_path


def json_findings(repo, *files):
    r = run("check", "-f", "json", *files, cwd=repo)
    return json.loads(r.stdout)


def test_json_keeps_exactly_the_documented_keys(repo):
    raw = run("check", "-f", "json", "草稿 一.txt", cwd=repo).stdout.decode("utf-8")
    assert '"text": "农业农业"' in raw and "\\u" not in raw    # UTF-8, greppable: no \u escapes
    items = json_findings(repo, "草稿 一.txt")
    assert [i["code"] for i in items] == ["DL101", "DL201"]
    for i in items:
        assert set(i) == {"path", "code", "name", "severity", "message", "line", "column",
                          "end_line", "end_column", "text", "fix"}
    assert items[0]["line"] == 1 and items[0]["text"] == "农业农业"
    assert items[0]["fix"]["safe"] is True


def test_sarif_validates_against_the_official_schema(repo):
    r = run("check", "-f", "sarif", "草稿 一.txt", "clean.txt", "bad.txt", cwd=repo)
    assert r.returncode == 2                  # bad.txt could not be read
    log = json.loads(r.stdout)
    schema = json.loads(SCHEMA.read_text("utf-8"))
    assert schema["id"].endswith("sarif-schema-2.1.0.json")
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    errors = sorted(cls(schema, format_checker=cls.FORMAT_CHECKER).iter_errors(log), key=str)
    assert not errors, [e.message for e in errors[:5]]
    run_ = log["runs"][0]
    results = run_["results"]
    assert [x["ruleId"] for x in results] == ["DL101", "DL201"]
    assert [x["level"] for x in results] == ["warning", "error"]
    loc = results[0]["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "%E8%8D%89%E7%A8%BF%20%E4%B8%80.txt"
    assert loc["region"]["startLine"] == 1 and loc["region"]["snippet"]["text"] == "农业农业"
    assert results[0]["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == ""
    rules = run_["tool"]["driver"]["rules"]
    assert [rules[x["ruleIndex"]]["id"] for x in results] == ["DL101", "DL201"]
    inv = run_["invocations"][0]
    assert inv["executionSuccessful"] is False
    assert "bad.txt" in inv["toolExecutionNotifications"][0]["message"]["text"]


def test_sarif_schema_rejects_a_broken_log():
    """The validation above can fail: a log without `runs` or with a bad level is rejected."""
    schema = json.loads(SCHEMA.read_text("utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    v = cls(schema)
    assert list(v.iter_errors({"version": "2.1.0"}))
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "doclint"}},
                                         "results": [{"message": {"text": "x"}, "level": "fatal"}]}]}
    assert list(v.iter_errors(bad))


def test_github_annotations(repo):
    r = run("check", "-f", "github", "草稿 一.txt", "clean.txt", cwd=repo)
    lines = r.stdout.decode("utf-8").splitlines()
    assert r.returncode == 1
    assert lines[0] == ("::warning file=草稿 一.txt,line=1,col=8,endLine=1,endColumn=12,"
                        "title=DL101 duplicated-word::词语重复：“农业农业”，疑为多打了一个“农业”")
    assert lines[1].startswith("::error file=草稿 一.txt,line=3,col=3,")
    assert len(lines) == 2


def test_github_escaping():
    assert escape_data("50%\r\nx: y, z") == "50%25%0D%0Ax: y, z"
    assert escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"
    f = Finding(path="dir/a,b:c.txt", code="DL101", name="duplicated-word", severity="info",
                message="第一行\n第二行 100%", start=0, end=1, line=2, column=3, end_line=2,
                end_column=4, text="x")
    out = io.StringIO()
    from doclint.reporters.github import GithubReporter
    GithubReporter(out).file(FileResult("dir/a,b:c.txt", findings=[f]))
    assert out.getvalue() == ("::notice file=dir/a%2Cb%3Ac.txt,line=2,col=3,endLine=2,endColumn=4,"
                              "title=DL101 duplicated-word::第一行%0A第二行 100%25\n")


def test_junit_is_well_formed_one_case_per_file(repo):
    r = run("check", "-f", "junit", "草稿 一.txt", "clean.txt", "bad.txt", cwd=repo)
    root = ET.fromstring(r.stdout)
    suite = root.find("testsuite")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == ["草稿 一.txt", "clean.txt", "bad.txt"]
    assert [len(c.findall("failure")) for c in cases] == [2, 0, 0]
    assert cases[2].find("error") is not None
    assert suite.get("failures") == "2" and suite.get("errors") == "1" and suite.get("tests") == "3"
    assert cases[0].find("failure").get("type") == "DL101 警告"   # severity in the report's language
    assert "DL101 [警告]" in cases[0].find("failure").text
    en = ET.fromstring(run("check", "-f", "junit", "--lang", "en", "草稿 一.txt", cwd=repo).stdout)
    assert en.find("testsuite/testcase/failure").get("type") == "DL101 warning"


def test_junit_escapes_markup_and_control_characters():
    f = Finding(path="a<b>&.txt", code="DL201", name="x", severity="error",
                message='含 <标签> & "引号" \x01\x1b 控制符', start=0, end=1, line=1, column=1,
                end_line=1, end_column=2, text="]]>")
    out = io.StringIO()
    rep = JunitReporter(out)
    res = FileResult("a<b>&.txt", findings=[f])
    rep.file(res)
    rep.finish([res])
    root = ET.fromstring(out.getvalue().encode("utf-8"))
    fail = root.find("testsuite/testcase/failure")
    assert fail.get("message").startswith('DL201 含 <标签> & "引号" \ufffd\ufffd')
    assert fail.text.endswith("]]>")
    assert root.find("testsuite/testcase").get("name") == "a<b>&.txt"


def test_concise_is_one_line_per_finding(repo):
    r = run("check", "-f", "concise", "草稿 一.txt", "clean.txt", cwd=repo)
    lines = r.stdout.decode("utf-8").splitlines()
    items = json_findings(repo, "草稿 一.txt", "clean.txt")
    assert len(lines) == len(items) == 2
    zh = {"error": "错误", "warning": "警告", "info": "提示"}
    assert lines == [f"{i['path']}:{i['line']}:{i['column']}: {i['code']} [{zh[i['severity']]}] {i['message']}"
                     for i in items]
    assert lines[0] == "草稿 一.txt:1:8: DL101 [警告] 词语重复：“农业农业”，疑为多打了一个“农业”"
    en = run("check", "-f", "concise", "--lang", "en", "草稿 一.txt", cwd=repo).stdout.decode("utf-8")
    assert en.splitlines()[0].startswith("草稿 一.txt:1:8: DL101 [warning] ")


def test_text_and_full(repo):
    text = run("check", "--no-source", "草稿 一.txt", cwd=repo).stdout.decode("utf-8")
    full = run("check", "-f", "full", "--no-source", "草稿 一.txt", cwd=repo).stdout.decode("utf-8")
    assert text.startswith("草稿 一.txt:1:8: DL101 ")
    assert "秋冬季农业农业生产" not in text              # --no-source honoured by text
    assert "    1 | 关于做好秋冬季农业农业生产的通知" in full  # full always shows the source
    assert "代码     数量" in full and "DL101      1" in full  # summary table
    assert "其中 1 处可用 --fix 自动修复" in full


def test_unknown_format_is_a_usage_error(repo):
    r = run("check", "-f", "xml", "clean.txt", cwd=repo)
    assert r.returncode == 2 and b"Traceback" not in r.stderr
    assert len(r.stderr.decode().strip().splitlines()) == 1
