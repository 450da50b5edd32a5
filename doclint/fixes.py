"""Applying fixes to text: the pure part of `--fix` (file writing is elsewhere).

Fixes are applied all at once from the original text. A fix whose edits
overlap an edit already accepted is skipped (it is re-examined on the next
pass); `apply_until_stable` repeats check-and-fix until nothing changes.
"""
from __future__ import annotations

from typing import Iterable, List, Tuple


def apply_fixes(text: str, findings: Iterable, unsafe: bool = False) -> Tuple[str, List]:
    """(new_text, applied_findings) after applying the fixes of `findings`."""
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
    all_edits = sorted((e for f in accepted for e in f.fix.edits), key=lambda e: e.start, reverse=True)
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
