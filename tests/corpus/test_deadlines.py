"""DL4 on the 52 national government work reports (real, clean prose).

Every DL4 finding at warning or above on these reports must be a real defect.
The expected list is empty, and here is why that is the right answer, not a
blind spot:

- No report has a date line under its title except 1957.txt (1957年6月26日在第一届
  全国人民代表大会第四次会议上); the others give no reference date, so DL403
  (past deadline) has nothing to compare against, by design (a check never uses
  today's date). 1957.txt's past years are retrospective statements (从1949年到
  1952年, 到1956年…), which dates.py classifies as periods/targets, not deadlines.
- Their deadlines are few (年底前要清偿一半以上 in 2019, 今年…) and no task is
  given two different deadlines; year targets (到2020年, 到2035年) belong to
  different goals; the numerous 五年内 are durations, not year-end dates.
- No impossible calendar date (2月30日, 11月31日, 13月) occurs in them.

The planted tests below prove the same code does fire on real report text.
"""
from __future__ import annotations

import regex

from doclint.api import lint_text
from doclint.engine.config import Config
from doclint.model.finding import SEVERITY_RANK

# Findings expected at warning or above, per report: {"2019.txt": [("DL401", line, text), ...]}.
EXPECTED = {}


def _dl4(text, config=None):
    return [f for f in lint_text(text, select=["DL4"], config=config)
            if SEVERITY_RANK[f.severity] >= SEVERITY_RANK["warning"]]


def test_dl4_on_all_reports_exact(corpus_files):
    got = {}
    for f in corpus_files:
        fs = _dl4(f.read_text("utf-8"))
        if fs:
            got[f.name] = [(x.code, x.line, x.text) for x in fs]
    assert got == EXPECTED


def test_dl4_with_each_report_dated_at_its_session(corpus_files):
    """Even when a user configures the report's date (the NPC opens in early March),
    the years and plans that the 1950s–1980s reports mention raise no past-deadline alarm:
    一九七八年以前二十六年, 2000年底以前发布的…法规, 2005年底前注册营运的黄标车 are not deadlines."""
    got = {}
    for f in corpus_files:
        fs = _dl4(f.read_text("utf-8"), Config(date=f"{f.stem}-03-05"))
        if fs:
            got[f.name] = [(x.code, x.line, x.text) for x in fs]
    assert got == {}


def _sentence_with(text, needle):
    m = regex.search(r"[^。；\n]*" + regex.escape(needle) + r"[^。；\n]*[。；]", text)
    assert m, needle
    return m


def test_planted_conflict_in_a_real_report_is_found(corpus_dir):
    """Copy a real deadline sentence of 2019.txt into a later section with another deadline."""
    text = (corpus_dir / "2019.txt").read_text("utf-8")
    m = _sentence_with(text, "年底前要清偿一半以上")
    sentence = m.group(0)
    changed = sentence.replace("年底前", "9月底前")
    lines = text.split("\n")
    target = len(lines) - 3                    # near the end: another section
    lines.insert(target, changed)
    planted = "\n".join(lines)
    fs = _dl4(planted)
    assert [(f.code, f.line, f.text) for f in fs] == [("DL401", target + 1, "9月底前")]
    line_of_original = text.count("\n", 0, m.start()) + 1
    assert f"第{line_of_original}行" in fs[0].message and "“年底前”" in fs[0].message


def _plant_near_end(text, sentence):
    lines = text.split("\n")
    target = len(lines) - 3
    return "\n".join(lines[:target] + [sentence] + lines[target:]), target + 1


def test_planted_paraphrase_in_a_real_report_is_found(corpus_dir):
    """2022.txt sets 对小微企业的存量留抵税额于6月底前一次性全部退还; the same task restated near
    the end in other words (subject first, 要在 for 于, 退还到位) with another deadline is a
    conflict; the other half of that sentence (增量留抵税额) with a deadline is another task."""
    text = (corpus_dir / "2022.txt").read_text("utf-8")
    line_of_original = text.count("\n", 0, text.index("存量留抵税额于6月底前")) + 1
    planted, line = _plant_near_end(text, "小微企业存量留抵税额要在9月底前一次性退还到位。")
    fs = _dl4(planted)
    assert [(f.code, f.line, f.text) for f in fs] == [("DL401", line, "9月底前")]
    assert f"第{line_of_original}行" in fs[0].message and "“6月底前”" in fs[0].message
    other, _ = _plant_near_end(text, "对小微企业的增量留抵税额于9月底前足额退还。")
    assert _dl4(other) == []


def test_planted_stage_and_repeat_are_not_conflicts(corpus_dir):
    text = (corpus_dir / "2019.txt").read_text("utf-8")
    sentence = _sentence_with(text, "年底前要清偿一半以上").group(0)
    # the same deadline repeated elsewhere
    assert _dl4(text + "\n" + sentence) == []
    # a different task with another deadline
    assert _dl4(text + "\n各地要在9月底前完成农村公路危桥改造。") == []


def test_planted_invalid_date_and_past_deadline(corpus_dir):
    text = (corpus_dir / "2019.txt").read_text("utf-8")
    sentence = _sentence_with(text, "年底前要清偿一半以上").group(0)
    bad = text.replace(sentence, sentence.replace("年底前", "11月31日前"))
    assert [(f.code, f.text) for f in _dl4(bad)] == [("DL402", "11月31日")]
    past = text.replace(sentence, sentence.replace("年底前", "2018年底前"))
    assert _dl4(past) == []                                  # no reference date: silent
    fs = _dl4(past, Config(date="2019-03-05"))
    assert [(f.code, f.text) for f in fs] == [("DL403", "2018年底前")]
