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


def test_a_save_keeps_what_recent_runs_used():
    store = {("a", 0, 0): 1, ("b", 0, 0): 2, ("c", 0, 0): 3}
    seen = {("a", 0, 0): 10, ("b", 0, 0): 10 - rx.KEEP_SAVES + 1}
    keep, ages = rx._kept(store, seen, used={("c", 0, 0)}, generation=11)
    assert set(keep) == {("a", 0, 0), ("c", 0, 0)}          # b was last used KEEP_SAVES saves ago
    assert ages == {("a", 0, 0): 10, ("c", 0, 0): 11}


def test_patterns_of_old_configs_leave_the_cache(tmp_path):
    """Each edit of a project's word list compiles new patterns; the file must not keep them all
    (it is read whole on every run), while doclint's own patterns stay."""
    import marshal
    import os
    import subprocess
    import sys
    from doclint.files import cache
    env = dict(os.environ, DOCLINT_CACHE_DIR=str(tmp_path / "cache"))
    draft = tmp_path / "a.txt"
    draft.write_text("市发改委负责推进农业现代化。\n", "utf-8")

    def run(word):
        (tmp_path / "words.txt").write_text(f"{word}\t-\t说明\tnote\n", "utf-8")
        (tmp_path / "doclint.toml").write_text('[dictionaries]\nmisused_words = ["words.txt"]\n', "utf-8")
        p = subprocess.run([sys.executable, "-m", "doclint", "check", "--exit-zero", str(draft)], env=env,
                           cwd=tmp_path, capture_output=True, timeout=300)
        assert p.returncode == 0, p.stderr

    def stored():
        data = (tmp_path / "cache" / rx._cache_name()).read_bytes()
        _, store, _ = marshal.loads(cache.unframe(data, rx._FORMAT))
        return {k[0] for k in store}

    run("甲乙丙丁")
    first = stored()
    assert any("甲乙丙丁" in p for p in first)
    for i in range(rx.KEEP_SAVES):
        run(f"戊己{i}庚辛")
    last = stored()
    assert not any("甲乙丙丁" in p for p in last)
    assert any(f"戊己{rx.KEEP_SAVES - 1}庚辛" in p for p in last)
    builtin = {p for p in first if "甲乙丙丁" not in p}
    assert builtin <= last
