"""A plain --fix on the whole shared corpus changes nothing that is not a certain defect.

Every edit the safe fixes make (applied until stable, as `doclint check --fix` does) is listed in
tests/corpus/safe_fixes.toml with the reason it is a certain defect and the edit keeps the meaning;
an unlisted edit or a listed edit no longer made fails. The fix safety policy (no safe fix on an info
finding, a single-character doubling or web residue) holds on every finding of the corpora.
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

from doclint.api import lint_text
from doclint.engine.fixes import apply_until_stable
from fix_policy import violations
from samples import CORPUS, PROVINCIAL, SEED, SHARED

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

LISTED = Path(__file__).resolve().parent / "safe_fixes.toml"


@pytest.fixture(scope="module")
def texts():
    if not SHARED.exists():
        pytest.skip(f"{SHARED} is absent: the shared real-data folder (../shared) is not beside this checkout")
    files = sorted(CORPUS.glob("*.txt")) + sorted(PROVINCIAL.glob("*.txt")) + [SEED]
    out = {}
    for p in files:
        rel = p.relative_to(SHARED / "corpus").as_posix() if p.is_relative_to(SHARED / "corpus") \
            else p.relative_to(SHARED).as_posix()
        out[rel] = p.read_text("utf-8")
    return out


def _edits(text):
    """(line, code, before, after) of every safe fix applied to `text` until stable."""
    _, applied = apply_until_stable(text, lambda t: lint_text(t))
    out = []
    for f in applied:
        lo = min([f.start] + [e.start for e in f.fix.edits])
        hi = max([f.end] + [e.end for e in f.fix.edits])
        before = after = text[lo:hi]
        for e in sorted(f.fix.edits, key=lambda e: -e.start):
            after = after[:e.start - lo] + e.replacement + after[e.end - lo:]
        out.append((f.line, f.code, before, after))
    return out


def test_every_safe_edit_on_the_corpora_is_listed_with_a_reason(texts):
    listed = tomllib.loads(LISTED.read_text("utf-8"))["fix"]
    assert all(len(e["reason"]) > 20 for e in listed)
    want = Counter((e["file"], e["line"], e["code"], e["before"], e["after"]) for e in listed)
    got = Counter((name, *edit) for name, text in texts.items() for edit in _edits(text))
    assert got == want, ("not listed:\n" + "\n".join(map(str, sorted(got - want)))
                         + "\nlisted but not made:\n" + "\n".join(map(str, sorted(want - got))))


def test_the_fix_safety_policy_holds_on_every_corpus_finding(texts):
    bad = [(name, v) for name, text in texts.items() for v in violations(lint_text(text))]
    assert not bad, bad[:10]


def test_safe_fixes_only_change_punctuation_words_named_in_the_list(texts):
    """The Chinese characters of a fixed text differ from the original only by the listed word fixes."""
    han = lambda s: "".join(c for c in s if "\u4e00" <= c <= "\u9fff")  # noqa: E731
    word_fixes = {("gov-work-reports/1999.txt"), ("gov-work-reports/2018.txt"), ("seeds/000_ab06478cd3cfddd3.txt")}
    for name, text in texts.items():
        fixed, _ = apply_until_stable(text, lambda t: lint_text(t))
        if name not in word_fixes:
            assert han(fixed) == han(text), name
