"""Issue 6 checks (DL102/103, DL601-603, DL701/702): helpers, dictionaries, config, CLI."""
from __future__ import annotations

import subprocess
import sys

import pytest

from doclint.api import lint_text
from doclint.engine.config import load_config


def _cli(*args, cwd):
    return subprocess.run([sys.executable, "-m", "doclint", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def test_every_builtin_wording_entry_parses_and_carries_a_rationale():
    from doclint.checks.wording import _entries
    from doclint.engine.dictionaries import builtin_entries
    entries = _entries(builtin_entries("misused_words"))
    assert len(entries) >= 60
    for e in entries:
        assert e.why_zh and e.why_en and e.kind in ("misused", "redundant")
        if e.safe:
            assert e.right is not None, e.wrong  # a safe fix needs a replacement


def test_rules_show_each_entry_with_its_rationale(tmp_path):
    out = _cli("rules", "DL102", cwd=tmp_path).stdout
    assert "公诸于众 → 公之于众" in out and "“诸”即“之于”" in out
    out_en = _cli("rules", "DL103", "--lang", "en", cwd=tmp_path).stdout
    assert "涉及到 → 涉及" in out_en and "already means" in out_en


def test_user_dictionary_adds_entries_and_bad_entries_fail_cleanly(tmp_path):
    (tmp_path / "doclint.toml").write_text('[dictionaries]\nmisused_words = ["mine.txt"]\n', "utf-8")
    (tmp_path / "mine.txt").write_text("好象\t好像\t“好象”为旧写法\tobsolete spelling\tfix=safe\n", "utf-8")
    (tmp_path / "a.txt").write_text("看起来好象不错。\n", "utf-8")
    config = load_config(tmp_path / "doclint.toml")
    found = lint_text("看起来好象不错。", select=["DL102"], config=config)
    assert [(f.text, f.fix.edits[0].replacement, f.fix.safe) for f in found] == [("好象", "好像", True)]
    # a malformed entry: one line naming the file, exit 2, no traceback
    (tmp_path / "mine.txt").write_text("坏\t好\t理由\treason\tafter=(\n", "utf-8")
    r = _cli("check", "a.txt", cwd=tmp_path)
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    assert "mine.txt" in r.stderr and "misused_words" in r.stderr


def test_leftovers_do_not_repeat_placeholder_findings():
    text = "国家检查组将于【待补充】抵达，会议时间（待定），[待补充]，【此处插入图表】。"
    codes = {f.code for f in lint_text(text, select=["DL2", "DL7"])}
    assert "DL201" in codes
    assert not codes & {"DL701", "DL702"}


def test_repeated_passage_options_from_config(tmp_path):
    sent = "要加快推进重点项目建设，确保全年完成固定资产投资目标任务。"
    text = f"一、稳增长\n{sent}\n二、惠民生\n{sent}\n"
    assert [f.line for f in lint_text(text, select=["DL602"])] == [4]
    (tmp_path / "doclint.toml").write_text("[checks.DL602]\nmin-chars = 40\n", "utf-8")
    config = load_config(tmp_path / "doclint.toml")
    assert not lint_text(text, select=["DL602"], config=config)


def test_count_mismatch_message_names_the_list():
    f, = lint_text("今年要抓好四项工作：一是稳投资；二是促消费；三是保就业。", select=["DL601"])
    assert "四项工作" in f.message and "三项" in f.message and "一是" in f.message
    f, = lint_text("突出三个重点：一是稳投资、二是促消费。", select=["DL601"], lang="en")
    assert "2 items" in f.message


def test_inconsistent_name_is_info_and_suggests_the_majority_form():
    text = "市发改委牵头，市发改委负责调度，市发展改革委配合。"
    f, = lint_text(text, select=["DL603"])
    assert f.severity == "info" and f.text == "市发展改革委"
    assert f.fix.edits[0].replacement == "市发改委" and not f.fix.safe


@pytest.mark.parametrize("text", [
    "各位代表：\n现在，我代表国务院，向大会报告政府工作，请予审议。\n",
    "资料来源：国家统计局。\n",
    "附件：1.重点项目清单\n2.责任分工表\n",
])
def test_ordinary_official_text_is_clean(text):
    assert not [f for f in lint_text(text, select=["DL102", "DL6", "DL7"]) if f.severity != "info"]
