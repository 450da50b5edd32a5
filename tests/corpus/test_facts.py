"""DL511 and DL604-DL606 on real text: planted conflicts are found, clean reports stay quiet.

The national reports are clean, edited prose that restates few figures: where one does
(a target list followed by a paragraph explaining some of its targets), the two places
agree. Changing one of the two occurrences must give a DL604 warning naming the other;
dropping an item from a list with a stated total, or changing a part, must give DL605.
Warnings on the corpora are listed in tests/corpus/expected/<CODE>.toml (test_expected);
the info findings of these four codes are listed here, each with the reason.
"""
from __future__ import annotations

import regex
import pytest

from doclint.api import lint_text
from samples import CORPUS, PROVINCIAL, SEED, SHARED

CODES = ["DL511", "DL604", "DL605", "DL606"]


def _lint(text, codes=("DL604", "DL605")):
    return [(f.code, f.severity, f.line, f.text, f.message) for f in lint_text(text, select=list(codes))]


def _report(name):
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared real-data folder (../shared) is not beside this checkout")
    return path.read_text("utf-8")


def _change_on_line(text, line, old, new):
    """`text` with `old` replaced by `new` on 1-based line `line` only (it must be there once)."""
    lines = text.split("\n")
    assert lines[line - 1].count(old) == 1, (line, old)
    lines[line - 1] = lines[line - 1].replace(old, new)
    return "\n".join(lines)


# --- planted conflicting figures (DL604) ------------------------------------------------------

@pytest.mark.parametrize("report,line,old,new,other_line", [
    # 2025: the unemployment target of the target list (line 41), explained again in line 43
    ("2025.txt", 43, "城镇调查失业率5.5%左右", "城镇调查失业率5.6%左右", 41),
    # 2007: the growth target (line 85) restated as 提出今年国内生产总值增长8%左右的目标 (line 87)
    ("2007.txt", 87, "增长8%左右的目标", "增长9%左右的目标", 85),
    # 2014: the CPI target (line 79), explained as 把居民消费价格涨幅控制在3.5%左右 (line 83)
    ("2014.txt", 83, "控制在3.5%左右", "控制在3%左右", 79),
    # the same, with the first occurrence changed: the later one is reported, naming the first
    ("2025.txt", 41, "城镇调查失业率5.5%左右", "城镇调查失业率5%左右", 41),
])
def test_planted_conflicting_figure_is_found(report, line, old, new, other_line):
    text = _report(report)
    assert _lint(text, ["DL604"]) == []
    got = _lint(_change_on_line(text, line, old, new), ["DL604"])
    assert len(got) == 1, got
    code, severity, at, flagged, message = got[0]
    assert (code, severity) == ("DL604", "warning")
    changed_value = regex.search(r"[0-9.]+%", new).group(0)
    if line > other_line:
        assert (at, flagged) == (line, changed_value)
        assert f"第{other_line}行" in message
    else:  # the first place changed: the finding is at the later, unchanged one
        assert at > line and f"第{line}行" in message and changed_value in message


def test_changed_achieved_figure_does_not_conflict_with_the_target():
    """2024 reports 增长5.2% for 2023 and sets 增长5%左右 for 2024: different facts. Changing the
    achieved figure (there is no second statement of it) must not raise anything."""
    text = _report("2024.txt")
    changed = _change_on_line(text, 16, "增长5.2%", "增长5.3%")
    assert _lint(changed) == []


def test_repeating_a_target_elsewhere_with_the_same_value_is_no_conflict():
    text = _report("2025.txt")
    assert _lint(text + "\n今年城镇调查失业率5.5%左右的目标必须实现。") == []
    got = _lint(text + "\n今年城镇调查失业率5.8%左右的目标必须实现。")
    assert [(g[0], g[1], g[3]) for g in got] == [("DL604", "warning", "5.8%")]


# --- planted parts against totals (DL605) ------------------------------------------------------

def test_dropped_item_of_a_counted_list_in_a_provincial_report():
    """辽宁省 line 37: 一是…提出6项指标 … 五是…提出2项指标。以上共计28项指标. Drop 四是 (7项)."""
    path = PROVINCIAL / "辽宁省.txt"
    if not path.exists():
        pytest.skip(f"{path} is absent")
    text = path.read_text("utf-8")
    assert _lint(text) == []
    m = regex.search(r"四是[^。]*提出7项指标[^。]*。", text)
    assert m, "the 四是 item of line 37"
    got = _lint(text[:m.start()] + text[m.end():])
    assert [(g[0], g[1], g[2], g[3]) for g in got] == [("DL605", "warning", 37, "28项")]
    assert "21项" in got[0][4]


def test_changed_part_of_the_deficit_in_a_national_report():
    """2018 line 83: 财政赤字2.38万亿元，其中中央财政赤字1.55万亿元，地方财政赤字8300亿元."""
    text = _report("2018.txt")
    over = _lint(_change_on_line(text, 83, "地方财政赤字8300亿元", "地方财政赤字9300亿元"))
    assert [(g[0], g[1], g[2], g[3]) for g in over] == [("DL605", "warning", 83, "2.38万亿元")]
    assert "2.48万亿元" in over[0][4]
    short = _lint(_change_on_line(text, 83, "地方财政赤字8300亿元", "地方财政赤字7300亿元"))
    assert [(g[0], g[1], g[3]) for g in short] == [("DL605", "warning", "2.38万亿元")]   # 中央 + 地方 is the whole


def test_dropped_item_of_a_whole_in_a_1950s_report():
    """1958 line 106: 建设项目共有一千一百八十五个，其中 seven kinds that add up exactly. Dropping one
    leaves 1161: the total says 共有, so the shortfall is reported, at info (the list might be partial)."""
    text = _report("1958.txt")
    assert _lint(text) == []
    dropped = _change_on_line(text, 106, "，其他建设项目是二十四个", "")
    got = _lint(dropped)
    assert [(g[0], g[1], g[2], g[3]) for g in got] == [("DL605", "info", 106, "一千一百八十五个")]
    assert "1161个" in got[0][4]
    grown = _change_on_line(text, 106, "其他建设项目是二十四个", "其他建设项目是五十四个")
    assert [(g[0], g[1]) for g in _lint(grown)] == [("DL605", "warning")]


# --- precision: every info finding of these codes on the shared corpora, with its reason ---------

# (code, file, line, flagged text): reason. Warnings are in tests/corpus/expected/<CODE>.toml.
INFO = {
    ("DL606", "gov-work-reports/1959.txt", 70, "四大指标"):
        "the four production targets of 1959 (钢、煤、粮食、棉花) are 提出了…的四项指标 and, later in the same "
        "paragraph, 以四大指标为中心的国民经济计划: one term written two ways; info because there is one of each",
}


def _corpus():
    if not SHARED.exists():
        pytest.skip(f"{SHARED} is absent: the shared real-data folder (../shared) is not beside this checkout")
    files = sorted(CORPUS.glob("*.txt")) + sorted(PROVINCIAL.glob("*.txt")) + [SEED]
    for p in files:
        rel = p.relative_to(SHARED / "corpus").as_posix() if p.is_relative_to(SHARED / "corpus") \
            else p.relative_to(SHARED).as_posix()
        yield rel, p.read_text("utf-8")


def test_info_findings_on_the_corpora_are_listed_and_within_budget():
    found = {}
    chars = 0
    for rel, text in _corpus():
        chars += len(text)
        for f in lint_text(text, select=CODES):
            if f.severity == "info":
                found[(f.code, rel, f.line, f.text)] = f.message
    assert set(found) == set(INFO), sorted(set(found) ^ set(INFO))
    per_100k = len(found) / chars * 100_000
    print(f"info findings of {', '.join(CODES)}: {len(found)} in {chars} characters ({per_100k:.2f} per 100,000)")
    assert per_100k < 1
