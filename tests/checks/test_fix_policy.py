"""The fix safety policy (README, “修复的安全性 Fix safety”), enforced on every case text and on the shared
corpora: a fix is safe (applied by a plain --fix) only when the finding is certain and the edit cannot change
the meaning, so no info-level finding and no single-character doubling (DL101: 的的, 区区委) carries a safe
fix, and web residue (DL701) is never deleted without --unsafe-fixes."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from doclint.api import lint_text
from fix_policy import violations

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CASES = Path(__file__).parent / "cases"


def _case_texts():
    for f in sorted(CASES.glob("*.toml")):
        data = tomllib.loads(f.read_text("utf-8"))
        for kind in ("fail", "pass"):
            for i, case in enumerate(data.get(kind, [])):
                yield pytest.param(case["text"], id=f"{f.stem}-{kind}-{i}")


@pytest.mark.parametrize("text", list(_case_texts()))
def test_policy_on_every_case_text(text):
    assert not violations(lint_text(text))


def test_policy_on_the_shared_corpora(real_texts):
    texts = list(real_texts)
    assert texts
    bad = [v for t in texts for v in violations(lint_text(t))]
    assert not bad, bad[:10]


def test_the_policy_has_teeth():
    """The examples of the issue: info findings and single-character doublings get unsafe fixes only."""
    findings = lint_text("请区区委书记带队检查，研究研究这个问题，这是我们的的工作。")
    single = [f for f in findings if f.code == "DL101" and f.text in ("区区", "的的")]
    assert len(single) == 2 and all(f.fix is not None and not f.fix.safe for f in single)
    abab = [f for f in findings if f.text == "研究研究"]
    assert abab and abab[0].severity == "info" and not abab[0].fix.safe
