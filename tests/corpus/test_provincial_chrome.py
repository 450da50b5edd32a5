"""DL701 on the ten 2026 provincial reports against an independent annotation of their lines.

tests/corpus/provincial_chrome.json was made by reading the pages before any rule was
tuned on them: for each file the lines of page chrome, of the report's own front matter
(title, subtitle, byline, salutation) and own end matter (glossary, annexes), and the
lines whose status is ambiguous. Every chrome line must be inside a DL701 finding and no
other line may be (ambiguous lines are not judged); every finding's fix deletes exactly
the lines it reports and is never applied by a plain --fix.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from doclint.api import lint_text
from doclint.engine.fixes import apply_until_stable
from samples import PROVINCIAL

ANNOTATION = json.loads((Path(__file__).resolve().parent / "provincial_chrome.json").read_text("utf-8"))


def _reported(text):
    findings = lint_text(text, select=["DL701"])
    return findings, {ln for f in findings for ln in range(f.line, f.end_line + 1)}


@pytest.fixture(scope="module")
def pages():
    if not PROVINCIAL.exists():
        pytest.skip(f"{PROVINCIAL} is absent: the shared real-data folder (../shared) is not beside this checkout")
    return {name: (PROVINCIAL / name).read_text("utf-8") for name in ANNOTATION}


@pytest.mark.parametrize("name", sorted(ANNOTATION))
def test_every_chrome_line_is_reported_and_nothing_else(pages, name):
    a = ANNOTATION[name]
    text = pages[name]
    _, got = _reported(text)
    chrome = set(a["chrome"])
    ambiguous = {int(k) for k in a["ambiguous"]}
    assert chrome <= got, f"chrome lines not reported: {sorted(chrome - got)}"
    own = set(range(1, len(text.split("\n")) + 1)) - chrome - ambiguous
    assert not got & own, f"own lines reported: {sorted(got & own)}"
    assert not got & set(a["own_front"] + a["own_end"])


@pytest.mark.parametrize("name", sorted(ANNOTATION))
def test_fix_deletes_exactly_the_reported_lines(pages, name):
    text = pages[name]
    findings, got = _reported(text)
    safe, _ = apply_until_stable(text, lambda t: lint_text(t, select=["DL701"]))
    assert safe == text                      # deleting lines is never a safe fix
    fixed, _ = apply_until_stable(text, lambda t: lint_text(t, select=["DL701"]), unsafe=True)
    kept = [ln for i, ln in enumerate(text.split("\n"), 1) if i not in got]
    assert fixed.split("\n") == kept
    assert not lint_text(fixed, select=["DL701"])


def test_chrome_is_found_as_blocks_at_the_top_and_bottom(pages):
    """One finding per block; on these pages the blocks sit before the salutation or after the body."""
    for name, text in pages.items():
        findings, _ = _reported(text)
        lines = text.split("\n")
        salute = next(i + 1 for i, ln in enumerate(lines) if ln.startswith("各位代表："))
        last_body = max(i + 1 for i, ln in enumerate(lines) if ln.startswith("各位代表！") or ln.startswith("20."))
        for f in findings:
            assert f.end_line < salute or f.line > last_body, (name, f.line)
        # consecutive findings are separated by the document's own lines
        for a, b in zip(findings, findings[1:]):
            assert b.line > a.end_line + 1, (name, a.line, b.line)
