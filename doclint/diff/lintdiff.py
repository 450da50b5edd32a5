"""`doclint diff --lint`: findings the new draft introduced and the ones it resolved.

Findings of the two drafts are compared by what they flag, not where: the
check code, the flagged text and a little of the text around it (up to
CONTEXT characters either side, inside the line). Line numbers move with
every inserted paragraph, so they are never part of the key; counting keys
(a multiset) keeps two identical findings in different places apart.
"""
from __future__ import annotations

from collections import Counter
from typing import List

CONTEXT = 6


def _key(doc, f):
    line = doc.line_span(f.line)
    before = doc.text[max(line.start, f.start - CONTEXT):f.start]
    after = doc.text[f.end:min(line.end, f.end + CONTEXT)]
    return (f.code, f.text, before, after)


def lint_changes(old_doc, new_doc, config=None, lang: str = "zh", select=None, ignore=()) -> dict:
    from doclint.engine.config import Config
    from doclint.engine.runner import lint, select_checks
    config = config or Config()
    selection = select_checks(config, select, ignore)
    old_f = lint(old_doc, selection, config, lang)
    new_f = lint(new_doc, selection, config, lang)
    old_keys = Counter(_key(old_doc, f) for f in old_f)
    new_keys = Counter(_key(new_doc, f) for f in new_f)
    introduced = _beyond(new_doc, new_f, old_keys, lang)
    resolved = _beyond(old_doc, old_f, new_keys, lang)
    return {"introduced": introduced, "resolved": resolved,
            "old_findings": len(old_f), "new_findings": len(new_f)}


def _beyond(doc, findings, other: Counter, lang: str) -> List[dict]:
    """Findings of `doc` in excess of how often their key occurs in the other draft."""
    out: List[dict] = []
    seen: Counter = Counter()
    for f in findings:
        k = _key(doc, f)
        seen[k] += 1
        if seen[k] > other[k]:
            out.append(f.to_dict(doc, lang))
    return out
