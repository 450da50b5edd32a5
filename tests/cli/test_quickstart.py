"""The README's quick start, run line by line as written, in a fresh venv from a clean clone.

The working tree under test is committed to a repository of its own (so the
clone holds exactly this tree); the README's `<仓库地址>` is that repository's
path. Each line of the quick-start block runs in one bash session (so `cd`
and `. .venv/bin/activate` carry over) with a HOME of its own; after each,
its exit code is compared with the one its comment promises ("退出码 1"), or 0.
The numbers the comments give (16 findings: 6 errors, 10 warnings) are
checked against what doclint printed, and the release facts the README and
CHANGELOG state (version, tag) against the package. pip installs the
dependencies into the new venv (from its cache, or PyPI): about a minute.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
from gitrepo import ROOT, git_env, snapshot_repo

README = ROOT / "README.md"
PLACEHOLDER = "<仓库地址>"


def quickstart_lines():
    text = README.read_text("utf-8")
    section = text[text.index("## 快速开始 Quick start"):]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    return [ln for ln in block.splitlines() if ln.strip()]


def expected_code(line: str) -> int:
    m = re.search(r"#.*?退出码\s*(\d)", line)
    return int(m.group(1)) if m else 0


def test_quickstart_block_is_what_the_test_runs():
    lines = quickstart_lines()
    assert lines[0].startswith(f"git clone {PLACEHOLDER} ")
    assert any("python3 -m venv" in ln for ln in lines) and any("pip install" in ln for ln in lines)
    assert [expected_code(ln) for ln in lines if ln.startswith("doclint check")] == [1, 0, 1]


@pytest.mark.skipif(shutil.which("git") is None or shutil.which("bash") is None, reason="needs git and bash")
def test_readme_quickstart_runs_as_written(tmp_path):
    (tmp_path / "home").mkdir()
    env = git_env(tmp_path / "home")       # no VIRTUAL_ENV: the quick start makes and activates its own
    origin = tmp_path / "origin" / "doclint"
    snapshot_repo(origin, env)
    work = tmp_path / "fresh"
    work.mkdir()
    lines = quickstart_lines()
    script = []
    for k, ln in enumerate(lines):
        script.append(ln.replace(PLACEHOLDER, origin.as_posix()))
        script.append(f'echo "@@ {k} $?"')
    r = subprocess.run(["bash", "-c", "\n".join(script)], cwd=work, env=env, capture_output=True, timeout=1200)
    out = r.stdout.decode("utf-8", "replace")
    err = r.stderr.decode("utf-8", "replace")
    codes = {int(k): int(c) for k, c in re.findall(r"^@@ (\d+) (\d+)$", out, re.M)}
    assert len(codes) == len(lines), out + err
    for k, ln in enumerate(lines):
        assert codes[k] == expected_code(ln), (ln, codes[k], out[-3000:], err[-3000:])
    # What the comments promise about the example is what doclint said.
    promised = re.search(r"(\d+) 处问题（错误 (\d+)、警告 (\d+)）", "\n".join(lines))
    total, errors, warnings = promised.groups()
    assert f"共 {total} 处问题" in out and f"按级别：错误 {errors}，警告 {warnings}" in out, out
    assert "未发现问题" in out
    assert "doclint, version" in out
    report = work / "doclint" / "报告.html"
    assert report.exists() and "<!DOCTYPE html>" in report.read_text("utf-8")
    assert re.search(r"\d+ passed", out), out[-2000:]
    # It ran in the new venv, from the clone.
    assert (work / "doclint" / ".venv" / "bin" / "doclint").exists()


def test_release_facts_agree():
    """One version everywhere: the package, the CHANGELOG's newest release, the README's tags."""
    from doclint import __version__
    changelog = (ROOT / "CHANGELOG.md").read_text("utf-8")
    assert re.findall(r"^## \[(\d+\.\d+\.\d+)\]", changelog, re.M)[0] == __version__
    readme = README.read_text("utf-8")
    tags = set(re.findall(r"\bv(\d+\.\d+\.\d+)\b", readme))
    assert tags == {__version__}, tags
    assert f"rev: v{__version__}" in readme
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text("utf-8")
    assert 'args: ["--"]' in hooks and f"rev: v{__version__}" in hooks
    r = subprocess.run([sys.executable, "-m", "doclint", "--version"], capture_output=True, text=True)
    assert r.stdout.strip() == f"doclint, version {__version__}"
