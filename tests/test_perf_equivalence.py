"""The speed-ups change no result: fast paths against their reference paths on real text.

- doclint.text.rx: a pattern rebuilt from the on-disk program cache matches exactly
  like regex.compile of the same pattern (every pattern doclint compiles while
  checking the seed speech and a report, on that real text); a damaged cache
  file and a disabled cache give the same findings as a warm cache.
- registry: the cheap "no plugin declares doclint.checks" answer agrees with
  importlib.metadata, and sees a plugin when there is one.
- dates.extract: the memoised result equals a fresh extraction.
- --jobs 2 gives byte-identical JSON to --jobs 1 on the whole corpus, all checks.
"""
from __future__ import annotations

import os
import subprocess
import sys

import regex

from doclint.text import rx


def _matches(pattern, text):
    out = []
    for m in pattern.finditer(text):
        out.append((m.span(), m.groups(), tuple(sorted(m.groupdict().items()))))
    return out


def test_cached_programs_match_like_regex_compile(seed_path, corpus_files, tmp_path, monkeypatch):
    from doclint.api import lint_text
    monkeypatch.setattr(rx, "_save", lambda: None)      # keep the user's cache file untouched
    seed = seed_path.read_text(encoding="utf-8")
    report = corpus_files[-1].read_text(encoding="utf-8")
    # The store holds every program rx.compile has seen in this process (module
    # patterns at import, dictionary patterns on first use), read from the
    # cache file or recorded on a miss.
    lint_text(seed)
    lint_text(report)
    store = rx._load()
    assert len(store) >= 20, "expected the checks' dictionary patterns to go through rx.compile"
    text = seed + "\n" + report[:20000]
    compared = 0
    for (pattern, flags, _version), args in store.items():
        fast = rx._REAL.compile(*args)
        ref = regex.compile(pattern, flags)
        assert fast.pattern == ref.pattern and fast.groups == ref.groups
        assert fast.groupindex == ref.groupindex
        assert _matches(fast, text) == _matches(ref, text), pattern[:80]
        compared += 1
    assert compared == len(store)


def _check_json(path, env_extra, cwd):
    env = dict(os.environ, **env_extra)
    p = subprocess.run([sys.executable, "-m", "doclint", "check", str(path), "-f", "json", "--exit-zero"],
                       capture_output=True, env=env, cwd=cwd, timeout=300)
    assert p.returncode == 0, p.stderr.decode("utf-8", "replace")
    return p.stdout


def test_findings_same_with_warm_damaged_and_disabled_regex_cache(seed_path, tmp_path):
    cache = tmp_path / "cache"
    env = {"DOCLINT_CACHE_DIR": str(cache)}
    cold = _check_json(seed_path, env, tmp_path)            # writes the cache
    files = list(cache.glob("regex-*.marshal"))
    assert len(files) == 1 and files[0].stat().st_size > 10_000
    warm = _check_json(seed_path, env, tmp_path)            # reads it
    off = _check_json(seed_path, dict(env, DOCLINT_REGEX_CACHE="0"), tmp_path)
    files[0].write_bytes(b"\x00garbage" * 100)
    damaged = _check_json(seed_path, env, tmp_path)
    assert cold == warm == off == damaged
    assert b"DL101" in cold and b"DL201" in cold            # the seed's real defects are found


def test_plugin_shortcut_agrees_with_importlib_metadata(tmp_path, monkeypatch):
    from importlib.metadata import entry_points
    from doclint.engine import registry
    found = list(entry_points(group=registry.ENTRY_POINT_GROUP))
    if not registry._may_have_plugins():
        assert found == []
    dist = tmp_path / "dlplug-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: dlplug\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text(f"[{registry.ENTRY_POINT_GROUP}]\nx = dlplug\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert registry._may_have_plugins()
    assert [e.name for e in entry_points(group=registry.ENTRY_POINT_GROUP)] == ["x"]


def test_jobs2_equals_jobs1_on_the_corpus(corpus_dir, seed_path):
    def run(*extra):
        p = subprocess.run([sys.executable, "-m", "doclint", "check", str(corpus_dir), str(seed_path),
                            "-f", "json", "--exit-zero", *extra], capture_output=True, timeout=600)
        assert p.returncode == 0, p.stderr.decode("utf-8", "replace")
        return p.stdout
    one, two = run("--jobs", "1"), run("--jobs", "2")
    assert one == two
    assert one.count(b'"code"') > 100


def _similar_pairs_reference(keys, cutoff, q=4, max_posting=400):
    """DL602's candidate search as first written: count every posting of every kept q-gram."""
    from collections import Counter, defaultdict
    from rapidfuzz import fuzz
    grams = [{k[p:p + q] for p in range(len(k) - q + 1)} for k in keys]
    index = defaultdict(list)
    for i, gs in enumerate(grams):
        for g in gs:
            index[g].append(i)
    out = []
    slack = 1.0 - cutoff / 100.0
    for i, k in enumerate(keys):
        la = len(k)
        dmax = int(slack * la * 200.0 / cutoff) + 1
        shared, skipped = Counter(), 0
        for g in grams[i]:
            if len(index[g]) > max_posting:
                skipped += 1
                continue
            shared.update(index[g])
        need = max(1, len(grams[i]) - q * dmax - skipped)
        for j, n in shared.items():
            if j <= i or n < need:
                continue
            lb = len(keys[j])
            if 200.0 * min(la, lb) / (la + lb) < cutoff:
                continue
            r = fuzz.ratio(k, keys[j], score_cutoff=cutoff)
            if r:
                out.append((i, j, r))
    return out


def test_dl602_candidate_search_equals_counting_every_posting(corpus_files):
    """Pigeonhole probing finds exactly the pairs that counting all shared q-grams finds."""
    import random
    from doclint.checks.consistency import _NORM, _similar_pairs
    from doclint.model.document import Document
    rnd = random.Random(7)
    keys = []
    for f in corpus_files[::6]:
        keys += [k for k in (_NORM.sub("", s.text) for s in Document(f.read_text(encoding="utf-8")).sentences)
                 if len(k) >= 25]
    # plant near-copies: one to three characters deleted, inserted or replaced
    for k in rnd.sample(keys, 60):
        c = list(k)
        for _ in range(rnd.randint(1, 3)):
            p = rnd.randrange(len(c))
            op = rnd.choice("dir")
            if op == "d":
                del c[p]
            elif op == "i":
                c.insert(p, rnd.choice("的和要在"))
            else:
                c[p] = rnd.choice("的和要在")
        keys.insert(rnd.randrange(len(keys)), "".join(c))
    # and a q-gram common enough to be skipped (more than max_posting sentences)
    keys += [f"坚持稳中求进工作总基调第{i}项任务要抓实抓细抓到位确保如期完成" for i in range(30)]
    for cutoff, max_posting in ((95.0, 400), (90.0, 400), (95.0, 20)):
        fast = sorted(_similar_pairs(keys, cutoff, max_posting=max_posting))
        ref = sorted(_similar_pairs_reference(keys, cutoff, max_posting=max_posting))
        assert fast == ref
        assert len(ref) >= 40          # the planted copies are found


def test_dl101_repeat_scan_equals_overlapped_regex_search(corpus_files, seed_path):
    """DL101's prefiltered scan yields the matches of the overlapped \\p{Han} search."""
    from doclint.checks.duplicated_word import _REPEAT, _repeats
    texts = [f.read_text(encoding="utf-8") for f in corpus_files[::4]] + [seed_path.read_text(encoding="utf-8")]
    texts += ["𠀀𠀀𠀁𠀁々々〇〇〇豈豈", "ab ab  农业\n农业农业的的的，  ——……1100 abab 研究研究研究",
              "\ud800\ud800的的\r\n\r\n一二一二一二三四五六七八一二三四五六七八"]
    total = 0
    for s in texts:
        fast = [(m.span(), m.group(1)) for m in _repeats(s)]
        ref = [(m.span(), m.group(1)) for m in _REPEAT.finditer(s, overlapped=True)]
        assert fast == ref
        total += len(ref)
    assert total > 200


def test_text_excerpt_fast_path_equals_per_character_rule(seed_path, corpus_files):
    """printable(): the C-level isprintable() shortcut gives what the per-character rule gives."""
    import unicodedata
    from doclint.reporters.text import printable

    def rule(s):
        return "".join(c if c == "\t" or ((c.isprintable() or unicodedata.category(c) == "Zs")
                                          and not 0xD800 <= ord(c) <= 0xDFFF)
                       else "\ufffd" for c in s).replace("\t", " ")
    text = seed_path.read_text(encoding="utf-8") + corpus_files[0].read_text(encoding="utf-8")[:20000]
    pieces = [text[i:i + 30] for i in range(0, len(text), 17)]
    pieces += ["\u3000\u3000一、", "a\tb", "\x1b[31m红\x1b[0m", "\ud800x", "\u202e反转", "\u00a0", "𠀀", ""]
    for p in pieces:
        assert printable(p) == rule(p), repr(p)


def _deep_outline_text(n=600, seed=3):
    """Headings of all four levels in a random walk (deeper, same, shallower), numbered in
    sequence per level, with some sub-lists restarted at 1 and some numbers skipped."""
    import random
    rnd = random.Random(seed)
    cn = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四",
          "十五", "十六", "十七", "十八", "十九", "二十"]
    counters = [0, 0, 0, 0, 0]
    level, lines = 1, []
    for i in range(n):
        level = max(1, min(4, level + rnd.choice((-2, -1, 0, 0, 1, 1, 1))))
        counters[level] = (counters[level] % 20) + (2 if rnd.random() < 0.05 else 1)
        if rnd.random() < 0.04:
            counters[level] = 1                      # a restarted sub-list
        counters[level] = min(counters[level], 20)
        for deeper in range(level + 1, 5):
            counters[deeper] = 0
        k = counters[level]
        marker = {1: f"{cn[k]}、", 2: f"（{cn[k]}）", 3: f"{k}.", 4: f"（{k}）"}[level]
        lines.append(f"{marker}第{i}项工作")
        if rnd.random() < 0.5:
            lines.append("按照要求做好相关工作。")
    return "\n".join(lines) + "\n"


def test_section_ends_equal_the_scan_over_later_paths(corpus_files):
    """Outline section ends (used by section_at, DL4 task sections) as the first written scan gives them."""
    from doclint.model.document import Document
    from doclint.model.outline import build_outline
    texts = [f.read_text(encoding="utf-8") for f in corpus_files[::5]] + [_deep_outline_text()]
    checked = 0
    for text in texts:
        outline = build_outline(Document(text))
        hs = outline.headings
        for i, h in enumerate(hs):
            end = len(text)
            for later in hs[i + 1:]:
                if h not in later.path()[:-1]:
                    end = later.start
                    break
            assert outline.section_end(h) == end
            checked += 1
    assert checked > 300


def test_open_stack_lookup_equals_scanning_the_stack():
    """build_tree's indexed stack answers _continues as the scan down a plain list does."""
    import random
    from doclint.model.outline import Heading, _continues, _OpenStack
    rnd = random.Random(5)
    indexed, plain = _OpenStack(), []
    for step in range(3000):
        op = rnd.random()
        if op < 0.5 or not plain:
            h = Heading(level=rnd.randint(0, 4), number=rnd.randint(1, 6), marker="", style="",
                        title="", start=step, end=step, line=step)
            indexed.append(h)
            plain.append(h)
        elif op < 0.8:
            assert indexed.pop() is plain.pop()
        else:
            i = rnd.randrange(len(plain) + 1)
            indexed.truncate(i)
            del plain[i:]
        probe = Heading(level=rnd.randint(0, 4), number=rnd.randint(1, 7), marker="", style="",
                        title="", start=-1, end=-1, line=0)
        assert _continues(indexed, probe) == _continues(plain, probe)
        assert list(indexed) == plain


def _apply_fixes_reference(text, findings, unsafe=False):
    """apply_fixes as first written: every edit against every accepted one, splices from the end."""
    accepted, taken = [], []
    for f in sorted((f for f in findings if f.fix is not None and (f.fix.safe or unsafe)),
                    key=lambda f: (min(e.start for e in f.fix.edits), f.code)):
        edits = sorted(f.fix.edits, key=lambda e: e.start)
        if any(not (e.end <= a or b <= e.start) or (e.start == e.end == a == b)
               for e in edits for a, b in taken):
            continue
        for e in edits:
            taken.append((e.start, e.end))
        accepted.append(f)
    out = text
    for e in sorted((e for f in accepted for e in f.fix.edits), key=lambda e: e.start, reverse=True):
        out = out[:e.start] + e.replacement + out[e.end:]
    return out, accepted


def test_apply_fixes_equals_the_pairwise_version(seed_path, corpus_files):
    """Same text and same accepted findings on real findings and on random clashing edits."""
    import random
    from types import SimpleNamespace
    from doclint.api import lint_text
    from doclint.model.finding import Edit, Fix
    from doclint.engine.fixes import apply_fixes
    texts = [seed_path.read_text(encoding="utf-8"), corpus_files[10].read_text(encoding="utf-8"),
             corpus_files[40].read_text(encoding="utf-8")]
    for text in texts:
        findings = lint_text(text)
        for unsafe in (False, True):
            fast, ref = apply_fixes(text, findings, unsafe), _apply_fixes_reference(text, findings, unsafe)
            assert fast[0] == ref[0] and fast[1] == ref[1]
    rnd = random.Random(9)
    text = "".join(rnd.choice("农业生产的，。一二") for _ in range(200))
    for _ in range(400):
        findings = []
        for n in range(rnd.randint(1, 25)):
            edits = []
            for _ in range(rnd.choice((1, 1, 1, 2, 3))):
                s = rnd.randint(0, len(text))
                e = min(len(text), s + rnd.choice((0, 0, 1, 2, 5)))
                edits.append(Edit(s, e, rnd.choice(("", "X", "的的"))))
            findings.append(SimpleNamespace(fix=Fix(tuple(edits), safe=rnd.random() < 0.8),
                                            code=f"DL{rnd.randint(100, 105)}", n=n))
        for unsafe in (False, True):
            fast, ref = apply_fixes(text, findings, unsafe), _apply_fixes_reference(text, findings, unsafe)
            assert fast[0] == ref[0] and [f.n for f in fast[1]] == [f.n for f in ref[1]]
