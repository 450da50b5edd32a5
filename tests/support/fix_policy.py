"""The fix safety policy as a test helper (README “修复的安全性 Fix safety”).

A fix is safe only when the finding is certain and the edit cannot change the meaning: no info-level
finding, no single-character doubling (DL101: 的的, 区区委) and no web residue (DL701: deleting lines is
the drafter's decision) carries a safe fix. `violations(findings)` lists the findings that break it.
"""
from __future__ import annotations


def violations(findings):
    out = []
    for f in findings:
        if f.fix is None or not f.fix.safe:
            continue
        if f.severity == "info":
            out.append((f.code, f.line, f.text, "an info finding with a safe fix"))
        if f.code == "DL101" and len(f.text.replace("\n", "").replace("\r", "")) == 2:
            out.append((f.code, f.line, f.text, "a single-character doubling with a safe fix"))
        if f.code == "DL701":
            out.append((f.code, f.line, f.text, "web residue deleted by a safe fix"))
    return out
