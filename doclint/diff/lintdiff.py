"""`doclint diff --lint`: findings the new draft introduced and the ones it resolved.

A finding is introduced only if it is new, resolved only if it is gone. Findings
of the two drafts are paired in two steps:

1. by their fingerprint (doclint.model.finding): the check code, the flagged
   text and a little of the text around it. Line numbers move with every
   inserted paragraph, so they are never part of it; counting fingerprints (a
   multiset) keeps two identical findings in different places apart;
2. the ones left over by the alignment: same code and flagged text in
   sentences the differ paired (equal, modified or moved). An edit right next
   to an unchanged finding changes the text around it, and so its
   fingerprint, but not the finding.
"""
from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from typing import List, Optional

from doclint.model.finding import fingerprint


def lint_changes(old_doc, new_doc, session, select=None, diff=None) -> dict:
    """Introduced and resolved findings, both drafts linted with the plan of the new draft's config;
    `diff` (the DiffResult of the two drafts) pairs findings inside paired sentences."""
    config = session.config_for(new_doc.path)
    plan = session.plan(config, select)
    old_f = session.lint(old_doc, config, plan)
    new_f = session.lint(new_doc, config, plan)
    lang = session.settings.lang
    old_keys = [fingerprint(old_doc, f) for f in old_f]
    new_keys = [fingerprint(new_doc, f) for f in new_f]
    left_old = _unpaired(old_keys, Counter(new_keys))
    left_new = _unpaired(new_keys, Counter(old_keys))
    if diff is not None and left_old and left_new:
        left_old, left_new = _pair_in_place(diff, old_f, new_f, left_old, left_new)
    return {"introduced": [new_f[k].to_dict(new_doc, lang) for k in left_new],
            "resolved": [old_f[k].to_dict(old_doc, lang) for k in left_old],
            "old_findings": len(old_f), "new_findings": len(new_f)}


def _pair_in_place(diff, old_f, new_f, left_old, left_new):
    """The leftovers that stay unpaired once findings with the same code and text in sentences the
    differ paired are paired (counted: two such findings pair with two)."""
    where_old, where_new = _locator(diff, "old"), _locator(diff, "new")
    old_keys = [(old_f[k].code, old_f[k].text, where_old(old_f[k].start)) for k in left_old]
    new_keys = [(new_f[k].code, new_f[k].text, where_new(new_f[k].start)) for k in left_new]
    available = Counter(key for key in old_keys if key[2] is not None)
    paired: Counter = Counter()
    still_new = []
    for k, key in zip(left_new, new_keys):
        if available[key] > 0:
            available[key] -= 1
            paired[key] += 1
        else:
            still_new.append(k)
    still_old = []
    for k, key in zip(left_old, old_keys):
        if paired[key] > 0:
            paired[key] -= 1
        else:
            still_old.append(k)
    return still_old, still_new


def _unpaired(keys, other: Counter) -> List[int]:
    """Indices of the findings whose fingerprint occurs more often than in the other draft."""
    out: List[int] = []
    seen: Counter = Counter()
    for k, key in enumerate(keys):
        seen[key] += 1
        if seen[key] > other[key]:
            out.append(k)
    return out


def _locator(diff, side: str):
    """offset -> the id of the change holding that offset on `side` (None outside any sentence),
    the same for both sides of an equal, modified or moved sentence."""
    spans = []
    for c in diff.changes:
        seg = c.old if side == "old" else c.new
        if seg is not None and c.old is not None and c.new is not None:
            spans.append((seg.start, seg.end, id(c)))
    spans.sort()
    starts = [s for s, _, _ in spans]

    def where(offset: int) -> Optional[int]:
        k = bisect_right(starts, offset) - 1
        if k >= 0 and spans[k][0] <= offset < spans[k][1]:
            return spans[k][2]
        return None
    return where

