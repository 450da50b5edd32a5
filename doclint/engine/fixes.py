"""Applying fixes to text: the pure part of `--fix` (file writing is elsewhere).

Fixes are applied all at once from the original text. A fix whose edits
overlap an edit already accepted is skipped (it is re-examined on the next
pass); `apply_until_stable` repeats check-and-fix until nothing changes.

No fix, safe or unsafe, edits protected text (doclint.text.protected: code,
URLs, e-mail addresses, entities and, in Markdown, the syntax of links,
images, footnotes and HTML). This is decided once, where check output
becomes findings (`screen`, called by the session for every check, built-in
or plugin): a finding wholly inside protected text is not reported (that text
is not prose: code, a URL, a tag), and a finding whose fix would touch it is
reported without the fix, its message saying why. Everything downstream
(--fix, --diff, the JSON "fix" field, the API's fix_text) then never sees
such an edit.
"""
from __future__ import annotations

import bisect
from dataclasses import replace
from typing import Iterable, List, Tuple

WITHHELD = {"zh": "（自动修复会改动代码、网址或标记语法，未提供）",
            "en": " (no automatic fix: it would edit code, a URL or markup)"}


def fix_allowed(protected, fix) -> bool:
    """Whether every edit of `fix` leaves protected text intact (or removes a construct whole)."""
    return all(protected.allows(e.start, e.end, e.replacement) for e in fix.edits)


def screen(protected, finding, lang: str):
    """`finding` as it may be reported: None when it lies wholly in protected text; without its
    fix (and saying so) when the fix would edit protected text; else unchanged."""
    if not protected.spans:
        return finding
    if protected.inside(finding.start, finding.end):
        return None
    if finding.fix is not None and not fix_allowed(protected, finding.fix):
        return replace(finding, fix=None, message=finding.message + WITHHELD["en" if lang == "en" else "zh"])
    return finding


def _clash(e, a: int, b: int) -> bool:
    """Whether edit e may not be applied together with an accepted edit [a, b)."""
    return not (e.end <= a or b <= e.start) or (e.start == e.end == a == b)


# complexity: the fast path (a binary search per edit, one splice) and its exact fallback for clashing
# edits share the accept loop; tests compare both with the pairwise reference
def apply_fixes(text: str, findings: Iterable, unsafe: bool = False) -> Tuple[str, List]:
    """(new_text, applied_findings) after applying the fixes of `findings`.

    A fix is skipped when one of its edits clashes with an edit already
    accepted. While the accepted edits do not clash with each other (always,
    unless one fix brings clashing edits of its own), they sorted by start have
    non-decreasing ends, so one binary search answers the clash test, and they
    can be spliced in one pass; otherwise every accepted edit is compared and
    the edits are applied one by one from the end, as written first.
    """
    accepted, taken = [], []
    spans: List[Tuple[int, int]] = []   # accepted edits sorted by (start, end)
    points = set()                      # accepted empty edits (insertions)
    disjoint = True
    for f in sorted((f for f in findings if f.fix is not None and (f.fix.safe or unsafe)),
                    key=lambda f: (min(e.start for e in f.fix.edits), f.code)):
        edits = sorted(f.fix.edits, key=lambda e: e.start)
        if disjoint and any(e.start > e.end for e in edits):
            disjoint = False  # not a span: compare as written first
        if disjoint:
            # an accepted [a, b) with a < e.end has the largest end at index k - 1
            clash = False
            for e in edits:
                k = bisect.bisect_left(spans, (e.end, float("-inf")))
                if (k and spans[k - 1][1] > e.start) or (e.start == e.end and e.start in points):
                    clash = True
                    break
        else:
            clash = any(_clash(e, a, b) for e in edits for a, b in taken)
        if clash:
            continue
        for e in edits:
            taken.append((e.start, e.end))
        if disjoint:
            if any(_clash(e, x.start, x.end) for k, e in enumerate(edits) for x in edits[k + 1:]):
                disjoint = False
            else:
                for e in edits:
                    bisect.insort(spans, (e.start, e.end))
                    if e.start == e.end:
                        points.add(e.start)
        accepted.append(f)
    all_edits = sorted((e for f in accepted for e in f.fix.edits), key=lambda e: e.start, reverse=True)
    if disjoint and len({e.start for e in all_edits}) == len(all_edits):
        # ordered, non-overlapping edits with distinct starts: splice in one pass
        parts, pos = [], 0
        for e in reversed(all_edits):
            parts.append(text[pos:e.start])
            parts.append(e.replacement)
            pos = e.end
        parts.append(text[pos:])
        return "".join(parts), accepted
    out = text
    for e in all_edits:
        out = out[:e.start] + e.replacement + out[e.end:]
    return out, accepted


def apply_until_stable(text: str, lint_text, unsafe: bool = False, max_passes: int = 10):
    """Re-lint and fix until no fix applies. `lint_text(text)` returns findings."""
    applied = []
    for _ in range(max_passes):
        new, done = apply_fixes(text, lint_text(text), unsafe)
        if not done or new == text:
            break
        applied.extend(done)
        text = new
    return text, applied
