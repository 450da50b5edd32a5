"""Baseline files: record today's findings, report only new ones, robust to line shifts."""
from __future__ import annotations

import json
import subprocess
import sys


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "doclint", *args], capture_output=True, cwd=cwd, timeout=120)


OLD = "关于做好秋冬季农业农业生产的通知\n各单位：\n请于×月×日前报送材料。\n"


def findings(cwd, *args):
    r = run("check", "-f", "json", "--select", "DL101,DL201", *args, cwd=cwd)
    return r.returncode, [(i["path"], i["code"], i["text"], i["line"]) for i in json.loads(r.stdout)]


def test_write_then_use_baseline(tmp_path):
    (tmp_path / "drafts").mkdir()
    a = tmp_path / "drafts" / "a.txt"
    a.write_text(OLD, "utf-8")
    r = run("check", "--select", "DL101,DL201", "--write-baseline", "doclint-baseline.json", "drafts", cwd=tmp_path)
    assert r.returncode == 0, r.stderr.decode()
    assert "已把 2 处问题写入基线" in r.stderr.decode("utf-8")
    data = json.loads((tmp_path / "doclint-baseline.json").read_text("utf-8"))
    assert data["tool"] == "doclint" and data["version"] == 1
    assert {(e["path"], e["code"], e["text"]) for e in data["findings"]} == {
        ("drafts/a.txt", "DL101", "农业农业"), ("drafts/a.txt", "DL201", "×月×日")}

    assert findings(tmp_path, "--baseline", "doclint-baseline.json", "drafts") == (0, [])

    # lines added above and between: old findings stay hidden
    a.write_text("（草稿）\n\n" + OLD.replace("各单位：\n", "各单位：\n新增一段说明。\n"), "utf-8")
    assert findings(tmp_path, "--baseline", "doclint-baseline.json", "drafts") == (0, [])

    # a new defect is reported, and so is a second copy of a baselined one
    a.write_text(a.read_text("utf-8") + "要加大加大力度。\n关于做好秋冬季农业农业生产的通知\n", "utf-8")
    rc, got = findings(tmp_path, "--baseline", "doclint-baseline.json", "drafts")
    assert rc == 1
    assert [(g[1], g[2]) for g in got] == [("DL101", "加大加大"), ("DL101", "农业农业")]
    assert got[1][3] == 8  # the added copy, not the baselined one on line 3


def test_baseline_paths_are_relative_to_the_baseline_file(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(OLD, "utf-8")
    assert run("check", "--write-baseline", "base.json", "sub/a.txt", cwd=tmp_path).returncode == 0
    # from another folder, naming the baseline by a different relative path
    assert findings(tmp_path / "sub", "--baseline", "../base.json", "a.txt") == (0, [])


def test_editing_the_flagged_words_revives_the_finding(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(OLD, "utf-8")
    run("check", "--write-baseline", "b.json", "a.txt", cwd=tmp_path)
    f.write_text(OLD.replace("秋冬季农业农业生产", "春季农业农业生产"), "utf-8")
    rc, got = findings(tmp_path, "--baseline", "b.json", "a.txt")
    assert [(g[1], g[2]) for g in got] == [("DL101", "农业农业")]


def test_baselined_findings_are_not_fixed(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(OLD, "utf-8")
    run("check", "--write-baseline", "b.json", "a.txt", cwd=tmp_path)
    f.write_text(OLD + "要加大加大力度。\n", "utf-8")
    r = run("check", "--fix", "--baseline", "b.json", "a.txt", cwd=tmp_path)
    assert r.returncode == 0, r.stderr.decode()
    assert f.read_text("utf-8") == OLD + "要加大力度。\n"


def test_bad_baseline_files(tmp_path):
    (tmp_path / "a.txt").write_text(OLD, "utf-8")
    (tmp_path / "bad.json").write_text("{not json", "utf-8")
    (tmp_path / "other.json").write_text('{"findings": []}', "utf-8")
    for name, words in (("bad.json", "基线文件无法读取"), ("other.json", "不是 doclint 基线文件"),
                        ("missing.json", "基线文件不存在")):
        r = run("check", "--baseline", name, "a.txt", cwd=tmp_path)
        err = r.stderr.decode("utf-8")
        assert r.returncode == 2 and words in err and name in err and "Traceback" not in err
        assert r.stdout == b""   # rejected before any output
    r = run("check", "--baseline", "x.json", "--write-baseline", "y.json", "a.txt", cwd=tmp_path)
    assert r.returncode == 2
