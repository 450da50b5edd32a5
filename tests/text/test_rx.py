"""Canary for doclint/text/rx.py: a program replayed from the cache matches exactly like regex.compile's.

rx.py replays the arguments of an internal call of the `regex` package. If a
`regex` release changes that call, this test fails (it needs no ../shared):
every pattern doclint compiles while checking the examples is rebuilt from
its recorded arguments and compared with a fresh regex.compile on real text.
"""
from __future__ import annotations

from pathlib import Path

import regex

from doclint.api import lint_text
from doclint.text import rx

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _matches(pattern, text):
    return [(m.span(), m.groups(), tuple(sorted(m.groupdict().items()))) for m in pattern.finditer(text)]


def test_cached_programs_match_like_regex_compile(monkeypatch):
    assert rx._enabled, "the regex program cache is off: rx cannot reach regex's internal compile"
    monkeypatch.setattr(rx, "_save", lambda: None)      # keep the user's cache file untouched
    text = "\n".join(p.read_text("utf-8") for p in sorted(EXAMPLES.glob("*.txt")))
    lint_text(text)                                     # every check: module and dictionary patterns
    store = rx._load()
    assert len(store) >= 100
    for (pattern, flags, _version), args in store.items():
        fast = rx._REAL.compile(*args)
        ref = regex.compile(pattern, flags)
        assert fast.pattern == ref.pattern and fast.groups == ref.groups and fast.groupindex == ref.groupindex
        assert _matches(fast, text) == _matches(ref, text), pattern[:80]


def test_damaged_store_shapes_are_refused():
    good = {("a", 0, 0): ("a", 0, [1, 2, 3], {}, {}, {}, {}, 0, (), 0, 0)}
    assert rx._valid(good)
    assert not rx._valid([1, 2])
    assert not rx._valid({("a", 0, 0): ("b", 0, [1])})           # another pattern's program
    assert not rx._valid({("a", 0, 0): ("a", 0, "x")})           # not a program


def test_a_saved_store_is_used_on_the_next_run(tmp_path):
    """A second run finds every program in the cache, so it compiles nothing and does not rewrite
    the file (a store rejected by the shape check would be rebuilt and rewritten every run)."""
    import os
    import subprocess
    import sys
    env = dict(os.environ, DOCLINT_CACHE_DIR=str(tmp_path))
    draft = str(EXAMPLES / "speech_draft.txt")

    def run():
        p = subprocess.run([sys.executable, "-m", "doclint", "check", "--exit-zero", draft], env=env,
                           capture_output=True, timeout=300)
        assert p.returncode == 0, p.stderr
        [f] = tmp_path.glob("regex-*.marshal")
        return os.stat(f).st_ino, os.stat(f).st_mtime_ns

    first = run()
    assert run() == first
