"""Messages never echo the contents of a file doclint was pointed at (CI logs are public).

A drafting repo's doclint.toml may point a dictionary at any file on the CI
machine (/proc/self/environ holds the job's secrets); `--config` and
`--baseline` take paths too. Whatever such a file holds, and whichever
command reads it, no line of it may reach stdout or stderr: errors name the
file (and a line number), never its text. A bug met while checking (an
exception whose message may quote anything) is reported by type and place.
"""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

SECRETS = ("SECRET_MARKER_A", "hunter2", "SECRET_MARKER_B", "SECRET_MARKER_C", "SECRET_MARKER_D",
           "SECRET_MARKER_ENV", "hunter3")
# Shapes a dictionary reader meets: key=value, tab columns with an option, a broken regex, an escaped #.
SECRET_FILE = ("SECRET_MARKER_A=hunter2\nSECRET_MARKER_B\tx\ty\tz=1\nSECRET_MARKER_C(unclosed[\n"
               "\\#SECRET_MARKER_D\n{\"version\": \"SECRET_MARKER_A\"}\n")
DRAFT = "关于召开会议的通知\n要做好秋冬季农业农业生产，9月30日前完成。\n"


def run(args, cwd):
    env = dict(os.environ, SECRET_MARKER_ENV="hunter3", DOCLINT_NO_PROGRESS="1")
    p = subprocess.run([sys.executable, "-m", "doclint", *args], cwd=cwd, capture_output=True, env=env, timeout=120)
    return p.returncode, (p.stdout + p.stderr).decode("utf-8", "replace")


def assert_no_secret(out, what):
    leaked = [s for s in SECRETS if s in out]
    assert not leaked, (what, leaked, [ln for ln in out.splitlines() if any(s in ln for s in leaked)][:3])


@pytest.fixture
def repo(tmp_path):
    (tmp_path / "secret.txt").write_text(SECRET_FILE, "utf-8")
    (tmp_path / "draft.txt").write_text(DRAFT, "utf-8")
    (tmp_path / "old.txt").write_text(DRAFT.replace("农业农业", "农业"), "utf-8")
    return tmp_path


SOURCES = ["secret.txt"] + (["/proc/self/environ"] if os.path.exists("/proc/self/environ") else [])


# Runs in a child process (so that /proc/self/environ holds SECRET_MARKER_ENV): every
# dictionary pointed at the source, every command, in-process through click; prints
# one JSON line per run.
_DRIVER = """
import json, sys
from click.testing import CliRunner
from doclint.cli import main
from doclint.engine.dictionaries import SPECS
source = sys.argv[1]
commands = (["check", "draft.txt"], ["check", "-f", "json", "draft.txt"], ["check", "-f", "github", "draft.txt"],
            ["outline", "draft.txt"], ["deadlines", "draft.txt"], ["diff", "--lint", "old.txt", "draft.txt"])
for name in sorted(set(SPECS) | {"allow", "user-words"}):
    open("doclint.toml", "w").write('[dictionaries]\\n"%s" = ["%s"]\\n' % (name, source))
    for args in commands:
        r = CliRunner().invoke(main, args)
        out = r.output + (repr(r.exception) if r.exception and not isinstance(r.exception, SystemExit) else "")
        print(json.dumps({"name": name, "args": args, "code": r.exit_code, "out": out}))
"""


@pytest.mark.parametrize("source", SOURCES)
def test_dictionaries_pointed_at_secrets(repo, source):
    import json
    env = dict(os.environ, SECRET_MARKER_ENV="hunter3", DOCLINT_NO_PROGRESS="1")
    p = subprocess.run([sys.executable, "-c", _DRIVER, source], cwd=repo, capture_output=True, env=env,
                       timeout=600)
    assert p.returncode == 0, p.stderr.decode("utf-8", "replace")[-2000:]
    runs = [json.loads(ln) for ln in p.stdout.decode("utf-8").splitlines()]
    assert len(runs) > 60
    for r in runs:
        assert "Traceback" not in r["out"] and "Error(" not in r["out"], r
        assert_no_secret(r["out"], (r["name"], r["args"]))
    assert any(r["code"] == 2 for r in runs)     # some dictionaries refuse such a file: their errors were checked
    assert any(r["code"] == 1 for r in runs)     # others read it and the check still ran


@pytest.mark.parametrize("source", SOURCES)
def test_config_and_baseline_pointed_at_secrets(repo, source):
    for args in (["check", "--config", source, "draft.txt"], ["check", "--baseline", source, "draft.txt"],
                 ["deadlines", "--config", source, "draft.txt"], ["outline", "--config", source, "draft.txt"]):
        code, out = run(args, repo)
        assert code == 2 and "Traceback" not in out, (args, out)
        assert_no_secret(out, args)


def test_an_exception_while_checking_is_reported_by_type_not_by_message(tmp_path, monkeypatch):
    import doclint.engine.registry as registry
    from doclint.cli import main
    from doclint.engine.registry import check

    @check(code="ZZ902", name="test-raises", severity="warning", summary={"zh": "t", "en": "t"},
           description={"zh": "t", "en": "t"}, wrong="x", right="y")
    def raising(doc, ctx):
        raise ValueError("SECRET_MARKER_A " + doc.text)

    monkeypatch.setattr(registry, "_ALL", {"ZZ902": raising})
    (tmp_path / "d.txt").write_text("hunter2\n", "utf-8")
    r = CliRunner().invoke(main, ["check", str(tmp_path / "d.txt")])
    assert r.exit_code == 2
    assert "内部错误（ValueError @ test_no_content_in_messages.py:" in r.output
    assert_no_secret(r.output, "internal error")
