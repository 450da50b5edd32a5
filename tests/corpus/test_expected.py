"""Every warning on every shared corpus, listed with a reason (tests/corpus/expected/<CODE>.toml).

All checks run with the default configuration on the national work reports,
the ten 2026 provincial reports and the seed speech. Each finding at warning
or above must be listed in the file of its code with the reason it is a real
defect of the text; a listed finding that is no longer raised fails too, so a
change of behaviour on real text is always seen and judged. An entry marked
`false_alarm = true` is a known bug of doclint (listed until it is fixed) and
`review = true` one nobody has judged yet: tests/corpus/test_expected.py
reports how many of each remain.
"""
from __future__ import annotations

import sys
from collections import Counter

import pytest

from doclint.api import lint_text
from samples import CORPUS, PROVINCIAL, SEED, SHARED

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from pathlib import Path

EXPECTED = Path(__file__).resolve().parent / "expected"
SHOWN = 60  # a flagged text longer than this (a block of page chrome) is keyed by its first 59 characters and "…"


def shown(text: str) -> str:
    """The flagged text as it is written in the expected files."""
    return text if len(text) <= SHOWN else text[:SHOWN - 1] + "…"


def _expected():
    out = Counter()
    flags = {}
    for f in sorted(EXPECTED.glob("*.toml")):
        for e in tomllib.loads(f.read_text("utf-8")).get("warning", []):
            key = (f.stem, e["file"], e["line"], shown(e["text"]))
            out[key] += 1
            assert e.get("reason"), f"{f.name}: {key} has no reason"
            flags[key] = "false_alarm" if e.get("false_alarm") else "review" if e.get("review") else ""
    return out, flags


@pytest.fixture(scope="module")
def found():
    if not SHARED.exists():
        pytest.skip(f"{SHARED} is absent: the shared real-data folder (../shared) is not beside this checkout")
    files = sorted(CORPUS.glob("*.txt")) + sorted(PROVINCIAL.glob("*.txt")) + [SEED]
    out = Counter()
    for p in files:
        rel = p.relative_to(SHARED / "corpus").as_posix() if p.is_relative_to(SHARED / "corpus") \
            else p.relative_to(SHARED).as_posix()
        for f in lint_text(p.read_text("utf-8"), path=str(p)):
            if f.severity != "info":
                out[(f.code, rel, f.line, shown(f.text))] += 1
    return out


def test_every_warning_is_listed_with_a_reason(found):
    expected, _ = _expected()
    new = found - expected
    gone = expected - found
    assert not new and not gone, (
        "warnings not listed in tests/corpus/expected/<CODE>.toml:\n"
        + "\n".join(f"  + {k}" for k in sorted(new))
        + "\nlisted warnings no longer raised:\n" + "\n".join(f"  - {k}" for k in sorted(gone)))


def test_known_false_alarms_and_unreviewed_entries_are_counted():
    """Not a pass/fail rule on its own: prints what is still open, so the count is visible in every run."""
    _, flags = _expected()
    open_items = Counter(v for v in flags.values() if v)
    print(f"open: {open_items.get('false_alarm', 0)} known false alarms, {open_items.get('review', 0)} unreviewed")
    assert all(v in ("", "false_alarm", "review") for v in flags.values())
