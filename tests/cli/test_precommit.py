"""End to end: the real `pre-commit` tool, this checkout as the hook repository.

pre-commit clones the hook repository at `rev`, so the test first copies this
working tree (without .git, virtualenvs and caches) into a temporary git repo
and commits it; a temporary drafting repo then uses it in its
.pre-commit-config.yaml. A commit with 农业农业 in a draft is blocked with the
finding shown; after the fix the same commit passes. pre-commit builds the
hook's virtualenv with pip (PyPI is reachable here and in CI); every
subprocess has a time limit.

Also: a committed file named like an option (`--write-baseline=README.txt`)
is checked as a draft and overwrites nothing (the hook's args end with `--`;
without them it would); `args: [--fix, --]` fixes the draft and the next
commit passes; info findings pass the hook and show only with `verbose: true`.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from gitrepo import git_env, sh, snapshot_repo

pytest.importorskip("pre_commit")



@pytest.fixture(scope="module")
def env(tmp_path_factory):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    return git_env(tmp_path_factory.mktemp("home"), PRE_COMMIT_HOME=str(tmp_path_factory.mktemp("pre-commit-cache")),
                   PRE_COMMIT_COLOR="never")


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory, env):
    repo = tmp_path_factory.mktemp("hook") / "doclint"
    return repo, snapshot_repo(repo, env)


def test_commit_blocked_by_finding_then_passes_once_fixed(tmp_path, env, hook_repo):
    repo, rev = hook_repo
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    sh(["git", "init", "-q", "-b", "main"], drafts, env)
    (drafts / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {repo.as_posix()}\n    rev: {rev}\n    hooks:\n      - id: doclint\n", "utf-8")
    (drafts / "doclint.toml").write_text('fail-on = "warning"\n', "utf-8")
    sh([sys.executable, "-m", "pre_commit", "install"], drafts, env)
    assert (drafts / ".git" / "hooks" / "pre-commit").exists()

    draft = drafts / "讲话稿.txt"
    draft.write_text("同志们：\n今年要做好秋冬季农业农业生产。\n", "utf-8")
    (drafts / "notes.py").write_text("x = 1\n", "utf-8")  # not a draft: the hook ignores it
    sh(["git", "add", "-A"], drafts, env)
    # First commit: pre-commit builds the hook environment (pip install of the hook repo).
    r = sh(["git", "commit", "-m", "初稿"], drafts, env, timeout=900, check=False)
    out = (r.stdout + r.stderr).decode("utf-8", "replace")
    assert r.returncode != 0, out
    assert "doclint（公文检查）" in out and "Failed" in out
    assert "讲话稿.txt:2:9: DL101" in out and "农业农业" in out
    assert sh(["git", "rev-list", "--all"], drafts, env, check=False).stdout == b""  # nothing committed

    draft.write_text("同志们：\n今年要做好秋冬季农业生产。\n", "utf-8")
    sh(["git", "add", "-A"], drafts, env)
    r = sh(["git", "commit", "-m", "初稿"], drafts, env, timeout=300, check=False)
    out = (r.stdout + r.stderr).decode("utf-8", "replace")
    assert r.returncode == 0, out
    assert "doclint（公文检查）" in out and "Passed" in out
    log = sh(["git", "log", "--format=%s"], drafts, env).stdout.decode("utf-8")
    assert log.strip() == "初稿"

    # A .docx draft goes through the same hook.
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("请于×月×日前报送。")
    d.save(str(drafts / "通知.docx"))
    sh(["git", "add", "通知.docx"], drafts, env)
    r = sh(["git", "commit", "-m", "通知"], drafts, env, timeout=300, check=False)
    out = (r.stdout + r.stderr).decode("utf-8", "replace")
    assert r.returncode != 0 and "通知.docx:1:" in out and "DL201" in out, out


def drafting_repo(path: Path, env, hook_repo, extra: str = "", config: str = ""):
    """A drafting repo using the hook; `extra` is added under the hook's id (YAML, 8 spaces)."""
    repo, rev = hook_repo
    path.mkdir()
    sh(["git", "init", "-q", "-b", "main"], path, env)
    (path / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {repo.as_posix()}\n    rev: {rev}\n    hooks:\n      - id: doclint\n{extra}", "utf-8")
    if config:
        (path / "doclint.toml").write_text(config, "utf-8")
    sh([sys.executable, "-m", "pre_commit", "install"], path, env)
    return path


def commit(path: Path, env, message: str):
    sh(["git", "add", "-A"], path, env)
    r = sh(["git", "commit", "-m", message], path, env, timeout=900, check=False)
    return r.returncode, (r.stdout + r.stderr).decode("utf-8", "replace")


def test_a_file_named_like_an_option_is_a_file(tmp_path, env, hook_repo):
    drafts = drafting_repo(tmp_path / "drafts", env, hook_repo)
    (drafts / "README.txt").write_text("起草说明。\n", "utf-8")
    (drafts / "--write-baseline=README.txt").write_text("要做好秋冬季农业农业生产。\n", "utf-8")
    code, out = commit(drafts, env, "初稿")
    assert code != 0, out
    assert "--write-baseline=README.txt:1:7: DL101" in out      # checked as a draft
    assert (drafts / "README.txt").read_text("utf-8") == "起草说明。\n"
    assert "基线" not in out
    # The danger is real: with args that do not end with --, the name is taken as an option.
    unsafe = drafting_repo(tmp_path / "unsafe", env, hook_repo, "        args: []\n")
    (unsafe / "README.txt").write_text("起草说明。\n", "utf-8")
    (unsafe / "--write-baseline=README.txt").write_text("要做好秋冬季农业农业生产。\n", "utf-8")
    commit(unsafe, env, "初稿")
    assert (unsafe / "README.txt").read_text("utf-8") != "起草说明。\n"


def test_fix_args_then_commit_passes(tmp_path, env, hook_repo):
    drafts = drafting_repo(tmp_path / "drafts", env, hook_repo, "        args: [--fix, --]\n")
    draft = drafts / "讲话稿.txt"
    draft.write_text("同志们：\n今年要做好秋冬季农业农业生产。\n", "utf-8")
    code, out = commit(drafts, env, "初稿")
    assert code != 0 and "files were modified by this hook" in out, out
    assert draft.read_text("utf-8") == "同志们：\n今年要做好秋冬季农业生产。\n"
    code, out = commit(drafts, env, "初稿")
    assert code == 0 and "Passed" in out, out


def test_hints_pass_and_show_with_verbose(tmp_path, env, hook_repo):
    """Info findings do not block a commit (fail-on defaults to warning); verbose: true shows them."""
    quiet = drafting_repo(tmp_path / "quiet", env, hook_repo)
    (quiet / "稿.txt").write_text("请再研究研究。\n", "utf-8")
    code, out = commit(quiet, env, "初稿")
    assert code == 0 and "Passed" in out and "DL101" not in out, out
    shown = drafting_repo(tmp_path / "shown", env, hook_repo, "        verbose: true\n")
    (shown / "稿.txt").write_text("请再研究研究。\n", "utf-8")
    code, out = commit(shown, env, "初稿")
    assert code == 0 and "Passed" in out, out
    assert "稿.txt:1:3: DL101" in out and "[提示]" in out
