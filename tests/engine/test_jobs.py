"""Many files: --jobs N gives the same output in the same order; progress bar; cheap start-up."""
from __future__ import annotations

import json
import os
import pty
import subprocess
import sys

import pytest


def run(*args, cwd=None, **kw):
    # workers even for these tiny files (by default a worker starts only per 384 KiB of input)
    env = dict(os.environ, DOCLINT_MIN_BYTES_PER_WORKER="0", **kw.pop("env", {}))
    return subprocess.run([sys.executable, "-m", "doclint", *args], capture_output=True, cwd=cwd,
                          timeout=300, env=env, **kw)


def test_workers_only_for_enough_input():
    from doclint.engine import batch
    kib = 1024
    assert batch.useful_jobs(2, [3 * kib, 5 * kib]) == 1                     # two small drafts: no pool
    assert batch.useful_jobs(2, [300 * kib] * 2) == 1                         # 600 KiB: one worker's worth
    assert batch.useful_jobs(2, [400 * kib] * 2) == 2
    assert batch.useful_jobs(8, [100 * kib] * 52) == 8                        # the corpus: 5 MB
    assert batch.useful_jobs(4, [10 * 2**20]) == 1                            # one file: never a pool
    assert batch.useful_jobs(1, [10 * 2**20] * 3) == 1


@pytest.fixture
def many(tmp_path):
    """14 drafts with different findings, one unreadable file, named so that input order != sorted order."""
    names = []
    for i in range(14):
        name = f"{(i * 5) % 14:02d}-稿.txt"
        body = "同志们：\n" + "要做好农业农业生产。\n" * (i % 3) + f"请于×月×日前报送第{i}份材料。\n" * (i % 2)
        (tmp_path / name).write_text(body, "utf-8")
        names.append(name)
    (tmp_path / "bad.txt").write_bytes(b"\x00\x00binary")
    names.insert(7, "bad.txt")
    return tmp_path, names


def test_parallel_output_equals_serial_and_keeps_input_order(many):
    root, names = many
    serial = run("check", "-f", "json", "--select", "DL101,DL201", *names, cwd=root)
    parallel = run("check", "-f", "json", "--jobs", "2", "--select", "DL101,DL201", *names, cwd=root)
    assert serial.returncode == parallel.returncode == 2      # bad.txt, others still checked
    assert serial.stdout == parallel.stdout
    assert serial.stderr == parallel.stderr
    paths = [i["path"] for i in json.loads(parallel.stdout)]
    order = [n for n in names if n in paths]
    assert paths == sorted(paths, key=order.index)           # grouped and in input order
    assert len(set(paths)) == 11 and order != sorted(order)
    text1 = run("check", "--select", "DL101,DL201", *names, cwd=root)
    text3 = run("check", "-j", "3", "--select", "DL101,DL201", *names, cwd=root)
    assert text1.stdout == text3.stdout and b"bad.txt" in text3.stderr
    assert "代码     数量" in text3.stdout.decode("utf-8")       # summary table at the end


def test_parallel_fix(many):
    root, names = many
    r = run("check", "--fix", "-j", "2", "--select", "DL101", *[n for n in names if n != "bad.txt"], cwd=root)
    assert r.returncode == 0, r.stderr.decode()
    assert not any("农业农业" in (root / n).read_text("utf-8") for n in names if n != "bad.txt")


def _run_with_tty_stderr(args, cwd):
    master, slave = pty.openpty()
    try:
        p = subprocess.run([sys.executable, "-m", "doclint", *args], stdout=subprocess.PIPE, stderr=slave,
                           cwd=cwd, timeout=300)
        os.close(slave)
        slave = None
        chunks = []
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        return p, b"".join(chunks).decode("utf-8", "replace")
    finally:
        if slave is not None:
            os.close(slave)
        os.close(master)


def test_progress_bar_only_on_a_terminal_with_many_files(many):
    root, names = many
    files = [n for n in names if n != "bad.txt"]
    env = {k: v for k, v in os.environ.items() if k != "DOCLINT_NO_PROGRESS"}
    p, err = _run_with_tty_stderr(["check", "--select", "DL101", *files], root)
    assert p.returncode == 1
    assert f"] {len(files)}/{len(files)} " in err and "\r" in err
    assert b"\r" not in p.stdout and b"#" not in p.stdout      # nothing of it on stdout
    # few files on a terminal: no bar
    p, err = _run_with_tty_stderr(["check", "--select", "DL101", *files[:3]], root)
    assert "]" not in err
    # many files, stderr not a terminal (CI, pipes): no bar
    r = run("check", "--select", "DL101", *files, cwd=root, env=env)
    assert r.stderr == b""


def test_startup_does_not_import_docx_or_multiprocessing(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("要做好农业农业生产。\n", "utf-8")
    code = (
        "import sys\n"
        "from doclint.cli import main\n"
        "try:\n"
        f"    main(['check', '--select', 'DL101', {str(f)!r}])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ['docx', 'lxml', 'multiprocessing', 'concurrent.futures', 'doclint.engine.baseline', 'doclint.files.writer']\n"
        "print(','.join(m for m in heavy if m in sys.modules), file=sys.stderr)\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120)
    assert b"DL101" in r.stdout
    assert r.stderr.decode().strip() == ""


def test_date_option_reaches_the_checks_and_is_validated(tmp_path, monkeypatch):
    import doclint.engine.registry as registry
    from click.testing import CliRunner
    from doclint.cli import main
    from doclint.model.finding import Issue
    from doclint.engine.registry import check

    @check(code="ZZ903", name="test-date", severity="info", summary={"zh": "t", "en": "t"},
           description={"zh": "t", "en": "t"}, wrong="x", right="y")
    def date_check(doc, ctx):
        yield Issue(0, 1, f"date={ctx.date_option}", "x")

    monkeypatch.setattr(registry, "_ALL", {"ZZ903": date_check})
    f = tmp_path / "a.txt"
    f.write_text("正文\n", "utf-8")
    r = CliRunner().invoke(main, ["check", "-f", "concise", "--date", "2026-09-01", str(f)])
    assert "date=2026-09-01" in r.output
    r = CliRunner().invoke(main, ["check", "--date", "2026-13-01", str(f)])
    assert r.exit_code == 2 and "--date" in r.output


def test_a_dying_worker_is_one_line_exit_2(tmp_path):
    for name in ("a.txt", "boom.txt", "c.txt"):
        (tmp_path / name).write_text("要做好农业农业生产。\n", "utf-8")
    code = (
        "import os, sys\n"
        "import doclint.engine.batch as runner\n"
        "orig = runner.FileChecker.__call__\n"
        "def call(self, path, error=None):\n"
        "    if path.endswith('boom.txt'):\n"
        "        os._exit(9)   # the worker process dies, as if killed\n"
        "    return orig(self, path, error)\n"
        "runner.FileChecker.__call__ = call\n"
        "from doclint.cli import main\n"
        "main(['check', '--jobs', '2', 'a.txt', 'boom.txt', 'c.txt'])\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=tmp_path, timeout=120,
                       env=dict(os.environ, DOCLINT_MIN_BYTES_PER_WORKER="0"))
    err = r.stderr.decode("utf-8")
    assert r.returncode == 2, err
    assert "并行检查失败" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_jobs2_equals_jobs1_on_real_text():
    """Byte-identical JSON with --jobs 2 and --jobs 1: the examples and samples, and the corpus when present."""
    from samples import CORPUS, EXAMPLES, SAMPLE, SEED
    paths = [str(EXAMPLES), str(SAMPLE)] + [str(p) for p in (CORPUS, SEED) if p.exists()]

    def run(*extra):
        p = subprocess.run([sys.executable, "-m", "doclint", "check", *paths,
                            "-f", "json", "--exit-zero", *extra], capture_output=True, timeout=600)
        assert p.returncode == 0, p.stderr.decode("utf-8", "replace")
        return p.stdout
    one, two = run("--jobs", "1"), run("--jobs", "2")
    assert one == two
    assert one.count(b'"code"') > 10
