"""Behaviour that changes with document size: DL602 on very large inputs."""
from __future__ import annotations

import doclint.checks.consistency as consistency
from doclint.api import lint_text

LONG = "全市各级各部门要坚持问题导向，扎实推进营商环境优化提升行动，确保各项任务按期完成。"
NEAR = "全市各级各部门要坚持问题导向，扎实推进营商环境优化提升专项行动，确保各项任务按期完成。"


def _dl602(text):
    return [f for f in lint_text(text, select=["DL602"]) if f.code == "DL602"]


def test_large_documents_fall_back_to_exact_repeats(monkeypatch):
    text = "一、甲\n" + LONG + "\n二、乙\n今年工作总体平稳。\n三、丙\n" + NEAR + "\n四、丁\n" + LONG + "\n"
    fuzzy = _dl602(text)
    assert len(fuzzy) == 2            # the near copy and the exact copy
    monkeypatch.setattr(consistency, "FUZZY_LIMIT", 10)
    exact = _dl602(text)
    assert [f.line for f in exact] == [8]  # only the verbatim copy is left
