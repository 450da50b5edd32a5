"""Bounded work: pipes as input, the findings cap, and the engine's per-finding work done by binary
search instead of scans (suppression directives, allowed phrases) and the protected-span scanners
rewritten to be linear — each checked against the plain version it replaces.

Speed itself is measured in bench/bench_hardening.py (never asserted here).
"""
from __future__ import annotations

import json
import os
import random
import threading
import time

import pytest
import regex
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from doclint.cli import main
from doclint.engine import session as session_module
from doclint.engine.session import LintReport, Session, Settings
from doclint.engine.suppress import Suppressions, parse
from doclint.model.document import Document
from doclint.text import protected

GOOD = "要做好秋冬季农业农业生产。\n"


def _cli(*args, env=None, monkeypatch=None):
    try:
        runner = CliRunner(mix_stderr=False)
    except TypeError:
        runner = CliRunner()
    r = runner.invoke(main, list(args), env=env)
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    return r


# ------------------------------------------------------------------ pipes as input
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")
def test_a_pipe_nobody_writes_to_is_one_line_after_the_timeout(tmp_path):
    fifo = tmp_path / "draft.txt"
    os.mkfifo(fifo)
    (tmp_path / "good.txt").write_text(GOOD, "utf-8")
    r = _cli("check", "-f", "json", str(fifo), str(tmp_path / "good.txt"), env={"DOCLINT_PIPE_TIMEOUT": "0.3"})
    assert r.exit_code == 2
    [line] = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert str(fifo) in line and "管道" in line
    assert [os.path.basename(f["path"]) for f in json.loads(r.stdout)] == ["good.txt"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")
def test_a_pipe_with_a_writer_is_read_to_the_end(tmp_path):
    """What `doclint check <(git show HEAD:draft.txt)` gives: a pipe written in pieces."""
    fifo = tmp_path / "draft.txt"
    os.mkfifo(fifo)

    def writer():
        with open(fifo, "w", encoding="utf-8") as fh:
            for piece in ("要做好", "秋冬季农业", "农业生产。\n" * 50_000):
                fh.write(piece)
                fh.flush()
                time.sleep(0.05)

    t = threading.Thread(target=writer)
    t.start()
    try:
        r = _cli("check", "-f", "json", "--select", "DL101", str(fifo), env={"DOCLINT_PIPE_TIMEOUT": "20"})
    finally:
        t.join(30)
    assert r.exit_code == 1, r.stderr
    assert json.loads(r.stdout)[0]["text"] == "农业农业"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")
def test_a_docx_that_is_a_pipe_is_refused_without_waiting(tmp_path):
    fifo = tmp_path / "draft.docx"
    os.mkfifo(fifo)
    r = _cli("check", str(fifo))
    assert r.exit_code == 2 and "普通文件" in r.stderr


# ------------------------------------------------------------------ the findings cap
def test_findings_beyond_the_cap_are_counted_and_the_first_ones_kept():
    text = "农业农业生产,要在×月×日前完成1-8月的任务。\n" * 300
    doc = Document(text, path="dense.txt")
    session = Session(Settings(ignore=("DL401",)))
    everything = session.lint(doc)                  # the API keeps every finding
    report = LintReport(limit=100)
    kept = session.lint(doc, report=report)
    assert len(everything) > 1000
    assert [f.sort_key() for f in kept] == [f.sort_key() for f in everything[:100]]
    assert report.dropped == len(everything) - 100
    [note] = report.notices("dense.txt", "en")
    assert "more than 100 findings" in note and str(report.dropped) in note


def test_the_cli_says_when_findings_were_capped(tmp_path, monkeypatch):
    monkeypatch.setattr(session_module, "MAX_FINDINGS", 50)
    (tmp_path / "dense.txt").write_text("农业农业，1-8月。\n" * 200, "utf-8")
    r = _cli("check", "-f", "json", str(tmp_path / "dense.txt"))
    assert len(json.loads(r.stdout)) == 50 and r.exit_code == 1
    assert "问题超过 50 处" in r.stderr


# ------------------------------------------------------------------ suppression by binary search
class _ReferenceSuppressions:
    """Suppressions as first written: every directive, next-line span and rule scanned per finding."""

    def __init__(self, doc, directives):
        from doclint.engine.suppress import _next_line
        self.directives = directives
        self.states, rules, self.next_line = [], (), []
        for d in directives:
            if d.action == "disable-next-line":
                span = _next_line(doc, d.end)
                if span is not None:
                    self.next_line.append((span[0], span[1], d.selectors))
                continue
            off = d.action == "disable"
            rules = rules + tuple((s, off) for s in d.selectors) if d.selectors else ((("ALL", True),) if off else ())
            self.states.append((d.end, rules))

    def silenced(self, code, name, start, end):
        from doclint.engine.suppress import _matches
        if any(d.start <= start < d.end or (start == end and d.start <= start <= d.end) for d in self.directives):
            return True
        if any(a <= start <= b and (not s or any(_matches(x, code, name) for x in s)) for a, b, s in self.next_line):
            return True
        rules = ()
        for e, r in self.states:
            if e <= start:
                rules = r
            else:
                break
        decision = False
        for sel, off in rules:
            if _matches(sel, code, name):
                decision = off
        return decision


DIRECTIVES = ["<!-- doclint: disable -->", "<!-- doclint: enable -->", "<!-- doclint: disable=DL101 -->",
              "<!-- doclint: enable=DL1 -->", "<!-- doclint: disable=DL5,DL101 -->", "# doclint: disable-next-line",
              "<!-- doclint: disable-next-line=DL501 -->", "<!-- doclint: enable=ALL -->", "<!-- doclint:disable=duplicated-word -->"]


def test_suppression_by_binary_search_equals_the_scan():
    rnd = random.Random(5)
    codes = [("DL101", "duplicated-word"), ("DL501", "halfwidth-punctuation"), ("DL201", "unfilled-placeholder")]
    for _ in range(200):
        lines = [rnd.choice(DIRECTIVES + ["正文。", "", "农业农业。"]) for _ in range(rnd.randint(1, 30))]
        doc = Document("\n".join(lines))
        directives = parse(doc.text)
        fast, ref = Suppressions(doc, directives), _ReferenceSuppressions(doc, directives)
        for _ in range(60):
            s = rnd.randint(0, len(doc.text))
            e = min(len(doc.text), s + rnd.choice((0, 1, 3)))
            code, name = rnd.choice(codes)
            assert fast.silenced(code, name, s, e) == ref.silenced(code, name, s, e), (doc.text, s, e, code)


def test_allowed_phrases_by_binary_search_equal_the_scan():
    rnd = random.Random(8)
    for _ in range(300):
        text = "".join(rnd.choice("农业生产的") for _ in range(60))
        phrases = ["".join(rnd.choice("农业生产的") for _ in range(rnd.randint(1, 4))) for _ in range(3)]
        allowed = session_module._allowed_spans(Document(text), phrases)
        spans = [(i, i + len(p)) for p in phrases for i in range(len(text)) if text.startswith(p, i)]
        for _ in range(40):
            s = rnd.randint(0, len(text))
            e = min(len(text), s + rnd.randint(0, 5))
            naive = any(a <= s and e <= b for a, b in spans)
            assert (allowed is not None and session_module._inside(allowed, s, e)) == naive


# ------------------------------------------------------------------ linear scanners, same spans
_OLD_EMAIL = regex.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from("ab.-_@ 中1"), max_size=60))
def test_email_scanner_equals_the_old_regex(text):
    """The old regex retried from every letter of a run before an @ (160,000 letters: 151 s)."""
    assert protected._emails(text) == [m.span() for m in _OLD_EMAIL.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from("http://w.a(b)).,;"), max_size=60))
def test_url_trimming_equals_counting_parentheses_each_time(text):
    old = []
    for m in protected._URL.finditer(text):
        a, b = m.span()
        while b > a and text[b - 1] in ".,;:!?)]'":
            if text[b - 1] == ")" and text[a:b].count("(") >= text[a:b].count(")"):
                break
            b -= 1
        old.append((a, b))
    assert protected._urls(text) == old
