"""Figures (doclint.text.figures), DL604-DL606 details and `doclint facts` (table, markdown, CSV, JSON).

The drafts here are written for the tests; the real reports are in tests/corpus/test_facts.py.
"""
from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest
from click.testing import CliRunner

from doclint.api import lint_text
from doclint.cli.facts import facts
from doclint.engine.dictionaries import Dictionaries
from doclint.model.document import Document
from doclint.reporters.facts import csv_cell
from doclint.text import figures as fg

REPORT = """政府工作报告
——2026年2月3日在市第十七届人民代表大会第五次会议上
一、2025年工作回顾
过去一年，全市地区生产总值超过5200亿元，增长5.2%；城镇新增就业1.25万人，城镇调查失业率平均为5.1%。
粮食总产量稳定在120万吨左右，农村居民人均可支配收入实际增长6.3%。
中央财政赤字和地方财政赤字分别增加100亿元、50亿元。
二、2026年工作安排
今年全市经济社会发展的主要预期目标是：地区生产总值增长5%左右；城镇新增就业1.2万人以上；居民消费价格涨幅2%左右。
预计一般公共预算收入增长3%。
"""


def _figs(text):
    return fg.figures_in(Document(text), Dictionaries().entries("indicators"))


def _rows(text):
    return [(f.written, f.measure, f.shown, f.value.unit, f.bound, f.kind, f.period) for f in _figs(text)]


def test_figures_of_a_report():
    assert _rows(REPORT) == [
        ("全市地区生产总值", "水平", "超过5200亿元", "元", ">=", "achieved", "2025年"),
        ("全市地区生产总值", "增长", "5.2%", "%", "", "achieved", "2025年"),
        ("城镇新增就业", "水平", "1.25万人", "人", "", "achieved", "2025年"),
        ("城镇调查失业率", "平均水平", "5.1%", "%", "", "achieved", "2025年"),
        ("粮食总产量", "水平", "120万吨左右", "吨", "~", "achieved", "2025年"),
        ("农村居民人均可支配收入", "实际增长", "6.3%", "%", "", "achieved", "2025年"),
        ("地区生产总值", "增长", "5%左右", "%", "~", "target", "2026年"),
        ("城镇新增就业", "水平", "1.2万人以上", "人", ">=", "target", "2026年"),
        ("居民消费价格涨幅", "上涨", "2%左右", "%", "~", "target", "2026年"),
        ("一般公共预算收入", "增长", "3%", "%", "", "estimate", "2026年"),
    ]


def test_report_year_from_the_dated_subtitle_or_the_headings():
    assert fg.report_year(REPORT) == 2026
    doc = Document("一、2024年工作回顾\n内容。\n二、2025年工作任务\n内容。")
    assert fg.report_year(doc.text, doc.headings.headings) == 2025
    doc = Document("一、2024年工作回顾\n内容。\n二、2026年工作任务\n内容。")   # they disagree: none
    assert fg.report_year(doc.text, doc.headings.headings) is None


@pytest.mark.parametrize("text,amount,quantum", [
    ("5.2%", "5.2", "0.1"),
    ("126.06万亿元", "126060000000000", "10000000000"),
    ("1244万人", "12440000", "10000"),
    ("一千一百七十二亿元", "117200000000", "100000000"),
    ("四万三千多人", "43000", "1"),
    ("一万零五百亿斤", "1050000000000", "100000000"),
    ("百分之七点八", "7.8", "0.1"),
    ("１２．５％", "12.5", "0.1"),
])
def test_values_as_written(text, amount, quantum):
    v = fg.read_value(fg._VALUE_RX.fullmatch(text))
    assert (v.amount, v.quantum) == (Decimal(amount), Decimal(quantum))


def test_values_that_are_not_numbers():
    assert fg.read_value(fg._VALUE_RX.fullmatch("一二十公里")) is None     # an estimate, not a number
    assert fg.read_value(fg._VALUE_RX.fullmatch("十十个")) is None


def _v(text):
    return fg.read_value(fg._VALUE_RX.fullmatch(text))


def test_same_amount_rounds_amounts_but_not_rates():
    assert fg.same_amount(_v("126万亿元"), _v("126.06万亿元"))
    assert fg.same_amount(_v("1.2万人"), _v("12000人"))
    assert fg.same_amount(_v("1.2万人"), _v("12400人"))           # rounded to the coarser precision
    assert not fg.same_amount(_v("1.2万人"), _v("12600人"))
    assert not fg.same_amount(_v("2万人"), _v("1.5万人"))          # one significant digit is no rounding
    assert not fg.same_amount(_v("5%"), _v("5.2%"))               # rates are written as meant
    assert not fg.same_amount(_v("5.5%"), _v("6%"))


def test_values_of_lists_and_from_to_pairs_are_not_tied_to_the_indicator():
    assert _rows("城镇居民人均可支配收入17175元，农村居民人均纯收入5153元，实际增长9.8%和8.5%。")[-1][0] \
        == "农村居民人均纯收入"
    assert [r[2] for r in _rows("城镇居民人均可支配收入17175元，农村居民人均纯收入5153元，实际增长9.8%和8.5%。")] \
        == ["17175元", "5153元"]
    assert _rows("国内生产总值从26.6万亿元增加到51.9万亿元。") == []
    assert _rows("城镇和农村居民人均可支配收入分别增长4.5%、6.2%。") == []
    assert _rows("财政赤字占国内生产总值的比重为3%。") == []
    assert _rows("消费拉动经济增长1.2个百分点。") == []
    assert _rows("人均国内生产总值达到9万元。") == []


def test_periods_and_bases():
    rows = _rows("2005年与2000年相比，国内生产总值增长57.3%，年均增长9.5%。")
    assert [(r[1], r[6]) for r in rows] == [("增长（比2000年）", "2005年"), ("年均增长（比2000年）", "2005年")]
    assert _rows("前三季度地区生产总值增长5.4%。")[0][6] == "前三季度"
    assert _rows("过去五年，我市发展成就显著。地区生产总值增长30%。")[0][6] == "多年"


def test_a_heading_naming_two_periods_gives_none():
    figs = _figs("一、2025年和“十四五”时期工作回顾\n地区生产总值增长5.5%。\n地区生产总值增长5.2%。")
    assert {(f.period, f.period_from) for f in figs} == {("", "ambiguous")}
    assert lint_text("一、2025年和“十四五”时期工作回顾\n地区生产总值增长5.5%。\n地区生产总值增长5.2%。",
                     select=["DL604"]) == []


def test_dl604_message_names_both_places():
    text = "一、2025年工作回顾\n全市地区生产总值增长5.2%。\n二、主要成绩\n2025年全市地区生产总值增长5.3%，好于预期。"
    f, = lint_text(text, select=["DL604"])
    assert f.message == "同一指标数值不一致：“全市地区生产总值增长”此处为5.3%，第2行（一、2025年工作回顾）为5.2%"
    f, = lint_text(text, select=["DL604"], lang="en")
    assert f.message.startswith("conflicting figures for one indicator: “全市地区生产总值增长” is 5.3% here and 5.2% at line 2")


def test_breakdowns():
    b, = fg.breakdowns(Document("全年共实施重点项目120个，其中工业项目65个、基础设施项目48个等。"))
    assert (b.total.text, [p.value.text for p in b.parts], b.whole, b.partial) == \
        ("120个", ["65个", "48个"], True, True)
    b, = fg.breakdowns(Document("财政赤字2.38万亿元，其中中央财政赤字1.55万亿元，地方财政赤字8300亿元。"))
    assert b.complementary and not b.whole
    assert fg.breakdowns(Document("工农业总产值增长5.5%，其中，农业总产值增长4%。")) == []


def test_dl605_message_gives_the_sum():
    f, = lint_text("全年共实施重点项目120个，其中工业项目65个、基础设施项目68个。", select=["DL605"])
    assert f.message == "分项之和与总数不符：各项相加为133个，超过总数120个"
    f, = lint_text("今年中央政府公共投资9243亿元，其中，保障性住房投资占44%，自主创新占36%，重大基础设施建设占23%。",
                   select=["DL605"], lang="en")
    assert f.message == "the shares listed add up to 103%, over 100%"


def test_dl606_quotes_across_a_line_break_count_as_quotes():
    assert lint_text("“\n十三五\n”规划开局良好。实施“十三五”规划。", select=["DL606"]) == []


def test_dl511_fix_keeps_everything_but_the_space():
    from doclint.engine.fixes import apply_until_stable
    text = "在这种情况下，“ 四人帮”为了达到目的。由于 “四人帮”的干扰。\n市长　周明远\n"
    fixed, _ = apply_until_stable(text, lambda t: lint_text(t, select=["DL511"]))
    assert fixed == "在这种情况下，“四人帮”为了达到目的。由于“四人帮”的干扰。\n市长　周明远\n"


def test_indicators_dictionary_extended_from_the_config(tmp_path):
    (tmp_path / "more.txt").write_text("旅游总收入\t旅游收入\n", encoding="utf-8")
    (tmp_path / "doclint.toml").write_text('[dictionaries]\nindicators = ["more.txt"]\n', encoding="utf-8")
    p = tmp_path / "a.txt"
    p.write_text("2025年全市旅游总收入达到120亿元。\n2025年旅游收入130亿元。\n", encoding="utf-8")
    r = CliRunner().invoke(facts, [str(p), "-f", "json"], catch_exceptions=False)
    data = json.loads(r.output)
    assert [(x["indicator"], x["value"]) for x in data["figures"]] == [("旅游总收入", "120亿元"), ("旅游总收入", "130亿元")]
    from doclint.cli.check import check as check_cmd
    r = CliRunner().invoke(check_cmd, [str(p), "--select", "DL604", "-f", "concise"])
    assert "DL604" in r.output and "130亿元" in r.output


# ---- doclint facts --------------------------------------------------------------------------------

def _run(args):
    return CliRunner().invoke(facts, args, catch_exceptions=False)


def test_facts_table_markdown_json_csv(tmp_path):
    p = tmp_path / "report.txt"
    p.write_text(REPORT, encoding="utf-8")
    r = _run([str(p)])
    assert r.exit_code == 0
    assert "共 10 个数据" in r.output
    assert "城镇调查失业率平均" in r.output and "超过5200亿元" in r.output and "目标" in r.output

    r = _run([str(p), "-f", "markdown", "--lang", "en"])
    assert "| 7 | 地区生产总值 (growth) | 5%左右 | % | target | 2026年 | 二、2026年工作安排 | 8 |" in r.output

    data = json.loads(_run([str(p), "-f", "json"]).output)
    first = data["figures"][0]
    assert {k: first[k] for k in ("indicator", "written", "measure", "value", "amount", "unit", "bound", "kind",
                                  "period", "line", "column")} == {
        "indicator": "生产总值", "written": "全市地区生产总值", "measure": "水平", "value": "超过5200亿元",
        "amount": "520000000000", "unit": "元", "bound": ">=", "kind": "achieved", "period": "2025年",
        "line": 4, "column": 16}

    out = tmp_path / "facts.csv"
    _run([str(p), "-f", "csv", "-o", str(out)])
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["序号", "指标", "数值", "单位", "性质", "时期", "部分", "行"]
    assert rows[2] == ["2", "全市地区生产总值增长", "5.2%", "%", "实际", "2025年", "一、2025年工作回顾", "4"]


def test_facts_csv_cells_cannot_start_a_formula(tmp_path):
    assert [csv_cell(c) for c in ("=1+1", "+SUM(A1)", "-2", "@cmd", " =x", "\t=x", "增长")] == \
        ["'=1+1", "'+SUM(A1)", "'-2", "'@cmd", "' =x", "' =x", "增长"]
    (tmp_path / "more.txt").write_text("=HYPERLINK(1)\n", encoding="utf-8")
    (tmp_path / "doclint.toml").write_text('[dictionaries]\nindicators = ["more.txt"]\n', encoding="utf-8")
    a = tmp_path / "=2+3.txt"
    a.write_text("2025年=HYPERLINK(1)达到5亿元。\n", encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text("2025年粮食产量120万吨。\n", encoding="utf-8")
    out = tmp_path / "x.csv"
    _run([str(a), str(b), "-f", "csv", "-o", str(out)])
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    assert rows[1][1] == "'" + str(a) if str(a).startswith("=") else rows[1][1] == str(a)
    assert rows[1][2] == "'=HYPERLINK(1)"
    assert all(not c.startswith(("=", "+", "-", "@")) for row in rows for c in row)


def test_facts_output_carries_no_control_characters(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("一、2025年\x1b[31m工作\u202e回顾\n粮食产量达到120万吨。\n", encoding="utf-8")
    for fmt in ("table", "markdown", "csv"):
        out = _run([str(p), "-f", fmt]).output
        assert "120万吨" in out
        assert "\x1b" not in out and "\u202e" not in out, fmt
    data = json.loads(_run([str(p), "-f", "json"]).output)      # JSON escapes them; the value survives
    assert "\x1b" in data["figures"][0]["section"]


def test_facts_bad_input_is_one_line_exit_2(tmp_path):
    r = CliRunner().invoke(facts, [str(tmp_path / "missing.txt")])
    assert r.exit_code == 2 and "Traceback" not in r.output and len(r.output.strip().splitlines()) == 1
    p = tmp_path / "empty.txt"
    p.write_text("各位代表：\n", encoding="utf-8")
    assert "没有找到指标数据" in _run([str(p)]).output
