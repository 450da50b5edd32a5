"""`doclint diff --lint`: findings the new draft introduced and the ones it resolved.

Findings of the two drafts are compared by their fingerprint (doclint.model.finding):
the check code, the flagged text and a little of the text around it. Line
numbers move with every inserted paragraph, so they are never part of it;
counting fingerprints (a multiset) keeps two identical findings in different
places apart.
"""
from __future__ import annotations

from collections import Counter
from typing import List

from doclint.model.finding import fingerprint


def lint_changes(old_doc, new_doc, session, select=None) -> dict:
    """Introduced and resolved findings, both drafts linted with the plan of the new draft's config."""
    config = session.config_for(new_doc.path)
    plan = session.plan(config, select)
    old_f = session.lint(old_doc, config, plan)
    new_f = session.lint(new_doc, config, plan)
    lang = session.settings.lang
    old_keys = Counter(fingerprint(old_doc, f) for f in old_f)
    new_keys = Counter(fingerprint(new_doc, f) for f in new_f)
    introduced = _beyond(new_doc, new_f, old_keys, lang)
    resolved = _beyond(old_doc, old_f, new_keys, lang)
    return {"introduced": introduced, "resolved": resolved,
            "old_findings": len(old_f), "new_findings": len(new_f)}


def _beyond(doc, findings, other: Counter, lang: str) -> List[dict]:
    """Findings of `doc` in excess of how often their fingerprint occurs in the other draft."""
    out: List[dict] = []
    seen: Counter = Counter()
    for f in findings:
        k = fingerprint(doc, f)
        seen[k] += 1
        if seen[k] > other[k]:
            out.append(f.to_dict(doc, lang))
    return out
