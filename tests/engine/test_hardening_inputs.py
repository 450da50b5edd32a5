"""Hostile configs, dictionaries and baselines; crashing checks.

- config, dictionary and baseline files are bounded regular files: a FIFO or /dev/zero is one
  line naming it (no hang), deep nesting too (TOML, JSON), never a traceback;
- a dictionary's bad entry names file:line, never the line's content;
- a config found upward that belongs to another user, or that anyone may write, is ignored with
  one warning line; --config always works;
- a regular expression from a config's dictionary cannot backtrack for minutes: it runs with a
  timeout, and a timeout is one line naming the dictionary file and line (and the document);
- a check that raises loses only its own findings: one line naming the check and the file, exit 2,
  the other checks' findings reported.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
import regex
from click.testing import CliRunner

import doclint.engine.config as config_module
import doclint.engine.session as session_module
from doclint.cli import main
from doclint.text import rx

GOOD = "要做好秋冬季农业农业生产。\n"
# (农|农农)+$ backtracks exponentially when the run of 农 is not at the end of the line: 45 of
# them take hours. Built-in patterns never contain such a thing; a user's dictionary may.
SLOW = "(农|农农)+$"
SLOW_LINE = "农业" + "农" * 45 + "业。\n"


def run(args, cwd, timeout=300):
    """doclint in a fresh interpreter; the timeout only keeps a hang from stalling the suite."""
    env = dict(os.environ, NO_COLOR="1")
    env.pop("DOCLINT_LANG", None)
    return subprocess.run([sys.executable, "-m", "doclint", *args], cwd=cwd, capture_output=True,
                          timeout=timeout, env=env)


def one_line(r, *words):
    err = r.stderr.decode("utf-8", "replace")
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert r.returncode == 2 and "Traceback" not in err, err
    assert len(lines) == 1 and lines[0].startswith("doclint: "), err
    assert all(w in lines[0] for w in words), (lines[0], words)
    return lines[0]


# --------------------------------------------------------------- bounded config/dictionary/baseline
@pytest.fixture
def work(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, "utf-8")
    os.mkfifo(tmp_path / "fifo")
    return tmp_path


@pytest.mark.parametrize("option,what", [("--config", "配置文件"), ("--baseline", "基线文件")])
@pytest.mark.parametrize("target", ["fifo", "/dev/zero"])
def test_config_and_baseline_that_are_not_regular_files(work, option, what, target):
    if target == "/dev/zero" and not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero here")
    one_line(run(["check", option, target, "good.txt"], work), target, what)


@pytest.mark.parametrize("target,words", [("fifo", ["词典文件"]), ("/dev/zero", ["词典文件"]), ("folder", ["目录"])])
@pytest.mark.parametrize("name", ["allow", "user_words"])
def test_dictionary_that_is_not_a_regular_file(work, target, words, name):
    """A folder as a dictionary was a traceback (found by the fuzz run): os.fdopen refused it first."""
    if target == "/dev/zero" and not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero here")
    (work / "folder").mkdir()
    (work / "doclint.toml").write_text(f'[dictionaries]\n{name} = ["{target}"]\n', "utf-8")
    one_line(run(["check", "good.txt"], work), target, *words)


def test_deeply_nested_toml_and_baseline_are_one_line(work):
    (work / "deep.toml").write_text("a = " + "[" * 100_000 + "]" * 100_000 + "\n", "utf-8")
    (work / "deep2.toml").write_text("a = " + "{b = " * 50_000 + "1" + "}" * 50_000 + "\n", "utf-8")
    (work / "deep.json").write_text('{"a":' * 100_000 + "1" + "}" * 100_000, "utf-8")
    one_line(run(["check", "--config", "deep.toml", "good.txt"], work), "deep.toml")
    one_line(run(["check", "--config", "deep2.toml", "good.txt"], work), "deep2.toml")
    one_line(run(["check", "--baseline", "deep.json", "good.txt"], work), "deep.json")


def test_oversized_config_is_refused(work):
    (work / "big.toml").write_text("select = [" + ",".join(['"DL1"'] * 200_000) + "]\n", "utf-8")
    one_line(run(["check", "--config", "big.toml", "good.txt"], work), "big.toml", "过大")


def test_a_dictionary_of_secrets_is_named_by_line_never_shown(work):
    """Pointing a dictionary at a file of secrets (like /proc/self/environ) shows file:line only."""
    (work / "env.txt").write_text("PATH=/usr/bin\nAPI_TOKEN=hunter2-secret\n", "utf-8")
    for name in ("leftover_web", "misused_words"):
        (work / "doclint.toml").write_text(f'[dictionaries]\n{name} = ["env.txt"]\n', "utf-8")
        line = one_line(run(["check", "good.txt"], work), "env.txt:1")
        assert "hunter2" not in line and "PATH" not in line



@pytest.mark.parametrize("name, entry", [
    ("leftover_web", "a(b-hunter2\t残留\tresidue\tspan=match\n"),                  # regex syntax error
    ("leftover_web", "下载\t残留\tresidue\tline_max=hunter2\n"),                  # option not a number
    ("misused_words", "甲\t乙\t原因\treason\tafter=(hunter2\n"),
    ("misused_words", "甲…乙\t乙\t原因\treason\tgap_max=hunter2\n"),
])
def test_a_broken_entry_is_explained_without_its_text(work, name, entry):
    """The reason and position of a bad entry are shown, never the pattern or option value."""
    (work / "words.txt").write_text(entry, "utf-8")
    (work / "doclint.toml").write_text(f'[dictionaries]\n{name} = ["words.txt"]\n', "utf-8")
    r = run(["check", "good.txt"], work)
    line = one_line(r, "words.txt:1")
    assert "hunter2" not in line
    assert any(w in line for w in ("missing", "数字", "格式")), line


# --------------------------------------------------------------- configs nobody should trust
@pytest.fixture
def fresh_discovery(monkeypatch):
    """Config discovery without what earlier tests cached or warned about."""
    monkeypatch.setattr(config_module, "_FOUND", {})
    monkeypatch.setattr(config_module, "SKIPPED", {})
    monkeypatch.setattr(session_module, "_WARNED", set())


def _project(tmp_path, config="doclint.toml", body='ignore = ["DL101"]\n'):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(GOOD, "utf-8")
    if config == "pyproject.toml":
        body = "[tool.doclint]\n" + body
    (tmp_path / config).write_text(body, "utf-8")
    return tmp_path / "sub" / "a.txt", tmp_path / config


def _codes(r):
    return [f["code"] for f in json.loads(r.stdout)]


def _check(*args):
    try:
        runner = CliRunner(mix_stderr=False)
    except TypeError:   # click >= 8.2 keeps stderr apart already
        runner = CliRunner()
    return runner.invoke(main, ["check", "-f", "json", *args])


def _give_away(path, monkeypatch):
    """Make `path` another user's: really (as root, whose own configs are trusted), else by
    pretending to be someone else."""
    monkeypatch.delenv("SUDO_UID", raising=False)
    if os.geteuid() == 0:
        os.chown(path, 1000, 1000)
    else:
        owner = path.stat().st_uid
        monkeypatch.setattr(config_module.os, "geteuid", lambda: owner + 1)


@pytest.mark.parametrize("config", ["doclint.toml", ".doclint.toml", "pyproject.toml"])
def test_a_config_of_another_user_is_ignored_with_one_warning(tmp_path, monkeypatch, fresh_discovery, config):
    draft, cfg = _project(tmp_path, config)
    assert _codes(_check(str(draft))) == []                    # ours: DL101 ignored as it says
    monkeypatch.setattr(config_module, "_FOUND", {})
    _give_away(cfg, monkeypatch)
    r = _check(str(draft), str(draft))
    assert _codes(r) == ["DL101", "DL101"]
    warnings = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert len(warnings) == 1 and str(cfg) in warnings[0] and "已忽略" in warnings[0], r.stderr
    assert _codes(_check("--config", str(cfg), str(draft))) == []     # named explicitly: used


@pytest.mark.parametrize("mode,folder_mode,used", [
    (0o666, 0o755, False),        # anyone may rewrite the config
    (0o644, 0o777, False),        # anyone may replace it
    (0o644, 0o1777, True),        # sticky folder (like /tmp): only its owner may replace it
    (0o664, 0o775, True),         # group-writable: a team's shared folder, trusted
])
def test_configs_anyone_may_write_are_ignored(tmp_path, fresh_discovery, mode, folder_mode, used):
    draft, cfg = _project(tmp_path)
    os.chmod(cfg, mode)
    os.chmod(tmp_path, folder_mode)
    try:
        r = _check(str(draft))
    finally:
        os.chmod(tmp_path, 0o755)
    assert _codes(r) == ([] if used else ["DL101"])
    assert ("已忽略" in r.stderr) is (not used), r.stderr


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to give a folder away")
def test_a_config_in_a_folder_of_another_user_is_ignored(tmp_path, monkeypatch, fresh_discovery):
    """Our own file in someone else's folder: they can replace it at will."""
    monkeypatch.delenv("SUDO_UID", raising=False)
    draft, cfg = _project(tmp_path)
    os.chown(tmp_path, 1000, 1000)
    r = _check("--lang", "en", str(draft))
    assert _codes(r) == ["DL101"] and "folder belongs to user 1000" in r.stderr


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to give a file away")
def test_root_ignores_a_users_config_unless_run_through_sudo_by_that_user(tmp_path, monkeypatch, fresh_discovery):
    draft, cfg = _project(tmp_path)
    os.chown(cfg, 1000, 1000)
    monkeypatch.delenv("SUDO_UID", raising=False)
    r = _check("--lang", "en", str(draft))
    assert _codes(r) == ["DL101"] and "belongs to user 1000" in r.stderr
    monkeypatch.setattr(config_module, "_FOUND", {})
    monkeypatch.setenv("SUDO_UID", "1000")
    assert _codes(_check(str(draft))) == []


# --------------------------------------------------------------- regexes from a config's dictionary
@pytest.mark.parametrize("name,entry,line", [
    ("leftover_notes", f"# 注释\n{SLOW}\t批注\tnote\n", 2),
    ("leftover_web", f"{SLOW}\t残留\tresidue\tspan=match\n", 1),
    ("misused_words", f"农业\t-\t理由\treason\tafter={SLOW}\n", 1),
    ("formulaic_phrases", f"某某套话\n# 注释\n{SLOW}\n", 3),
])
def test_a_backtracking_dictionary_regex_times_out_as_one_line(tmp_path, name, entry, line):
    (tmp_path / "words.txt").write_text(entry, "utf-8")
    (tmp_path / "doclint.toml").write_text(f'[dictionaries]\n{name} = ["words.txt"]\n', "utf-8")
    (tmp_path / "slow.txt").write_text(SLOW_LINE * 3, "utf-8")
    (tmp_path / "good.txt").write_text(GOOD, "utf-8")
    r = run(["check", "-f", "json", "slow.txt", "good.txt"], tmp_path)
    err = one_line(r, f"words.txt:{line}", "slow.txt", "超时")
    assert SLOW not in err
    assert [(f["path"], f["code"]) for f in json.loads(r.stdout)] == [("good.txt", "DL101")]


def test_guarded_patterns_time_out_and_blame_the_slow_alternative(monkeypatch):
    monkeypatch.setattr(rx, "CALL_SECONDS", 0.2)
    slow_text = "农" * 40 + "业"
    parts = ["甲乙", SLOW]
    pattern = rx.guarded(rx.compile("|".join(f"(?:{p})" for p in parts)), "w.txt", parts)
    assert pattern.sub("", "甲乙丙") == "丙" and pattern.pattern.startswith("(?:甲乙)")
    for use in (lambda: pattern.sub("", slow_text), lambda: list(pattern.finditer(slow_text)),
                lambda: pattern.search(slow_text)):
        with pytest.raises(rx.RegexTimeout) as exc:
            use()
        assert exc.value.where == "w.txt" and exc.value.part == SLOW
    compiled = rx.compile("甲")
    assert rx.guarded(compiled, None) is compiled          # built-in patterns run as they are


def test_the_budget_bounds_many_slow_calls(monkeypatch):
    """Each call under its own limit, together over the check's: still a timeout."""
    monkeypatch.setattr(rx, "CHECK_SECONDS", 0.3)
    monkeypatch.setattr(rx, "CHECK_PER_CHAR", 0.0)
    pattern = rx.guarded(regex.compile(SLOW), "w.txt:1")
    line = "农" * 22 + "业"                                 # a few milliseconds each
    with pytest.raises(rx.RegexTimeout):
        with rx.budget(0):
            for _ in range(10_000):
                pattern.search(line)


def test_builtin_dictionary_entries_are_not_guarded():
    from doclint.engine.dictionaries import Dictionaries
    d = Dictionaries()
    assert all(e.where is None for e in d.entries("leftover_web"))


# --------------------------------------------------------------- a check that raises
def _register(monkeypatch, fn, code="ZZ990"):
    import doclint.engine.registry as registry
    from doclint.engine.registry import all_checks, check
    checks = dict(all_checks())
    checks[code] = check(code=code, name="boom", severity="warning", summary={"zh": "t", "en": "t"},
                         description={"zh": "t", "en": "t"}, wrong="甲", right="乙")(fn)
    monkeypatch.setattr(registry, "_ALL", checks)


@pytest.mark.parametrize("how", ["raises", "bad-span", "not-an-issue"])
def test_a_failing_plugin_check_is_reported_and_the_builtin_findings_stay(tmp_path, monkeypatch, how):
    from doclint.model.finding import Issue

    def boom(doc, ctx):
        yield Issue(0, 1, "先报一条", "one first")           # lost with the check, not with the file
        if how == "raises":
            raise KeyError("\x1b[2J多行\n消息")
        if how == "bad-span":
            yield Issue(0, len(doc.text) + 5, "越界", "out of range")
        else:
            yield "not an Issue"

    _register(monkeypatch, boom)
    (tmp_path / "a.txt").write_text(GOOD, "utf-8")
    (tmp_path / "b.txt").write_text("正文。\n", "utf-8")
    r = _check(str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    assert r.exit_code == 2
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert len(lines) == 2, r.stderr                         # one per file, both named
    for line, name in zip(lines, ("a.txt", "b.txt")):
        assert name in line and "ZZ990" in line and "boom" in line and "\x1b" not in line
    found = [(os.path.basename(f["path"]), f["code"]) for f in json.loads(r.stdout)]
    assert found == [("a.txt", "DL101")]                     # built-in findings stay; ZZ990's are gone


def test_the_api_names_the_check_that_raised(monkeypatch):
    from doclint.api import lint_text
    from doclint.engine.session import CheckFailed

    def boom(doc, ctx):
        raise ValueError("bug")
        yield  # pragma: no cover

    _register(monkeypatch, boom)
    with pytest.raises(CheckFailed) as exc:
        lint_text(GOOD)
    assert "ZZ990" in str(exc.value) and isinstance(exc.value.exc, ValueError)
