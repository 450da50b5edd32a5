"""One generic test for every check's case file in tests/checks/cases/<CODE>.toml.

Format (see tests/checks/cases/README.md):

    [[fail]]                      # must be reported by this code
    text = "秋冬季农业农业生产"
    flagged = ["农业农业"]         # optional: the flagged texts, in order
    severity = "warning"          # optional: every finding's severity
    messages = ["农业"]            # optional: a piece of each finding's Chinese message, in order
    fixed = "秋冬季农业生产"        # optional: text after applying safe fixes
    unsafe_fixed = "..."          # optional: after safe + unsafe fixes
    [[pass]]                      # must produce no finding of this code
    text = "常常深入基层"
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from doclint.api import lint_text
from doclint.engine.fixes import apply_until_stable

CASES = Path(__file__).parent / "cases"


def _load():
    out = []
    for f in sorted(CASES.glob("*.toml")):
        data = tomllib.loads(f.read_text("utf-8"))
        code = data.get("code", f.stem)
        for kind in ("fail", "pass"):
            for i, case in enumerate(data.get(kind, [])):
                out.append(pytest.param(code, kind, case, id=f"{f.stem}-{kind}-{i}-{case['text'][:12]}"))
    return out


@pytest.mark.parametrize("code,kind,case", _load())
def test_case(code, kind, case):
    findings = [f for f in lint_text(case["text"], select=[code]) if f.code.startswith(code)]
    if kind == "pass":
        assert not findings, f"unexpected: {[(f.code, f.text, f.message) for f in findings]}"
        return
    assert findings, f"{code} did not flag: {case['text']}"
    if "flagged" in case:
        assert [f.text for f in findings] == case["flagged"], [(f.text, f.message) for f in findings]
    if "messages" in case:
        assert len(findings) == len(case["messages"]), [f.message for f in findings]
        for f, piece in zip(findings, case["messages"]):
            assert piece in f.message, (piece, f.message)
    if "severity" in case:
        assert {f.severity for f in findings} == {case["severity"]}
    if "fixed" in case:
        fixed, _ = apply_until_stable(case["text"], lambda t: lint_text(t, select=[code]))
        assert fixed == case["fixed"]
    if "unsafe_fixed" in case:
        fixed, _ = apply_until_stable(case["text"], lambda t: lint_text(t, select=[code]), unsafe=True)
        assert fixed == case["unsafe_fixed"]


def test_case_files_exist_for_every_builtin_check():
    from doclint.engine.registry import all_checks
    codes = {c.code for c in all_checks().values() if c.origin == "builtin"}
    have = {f.stem for f in CASES.glob("*.toml")}
    missing = sorted(c for c in codes if not any(c.startswith(h) or h.startswith(c) for h in have))
    assert not missing, f"checks without a case file: {missing}"
