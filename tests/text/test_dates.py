"""doclint.text.dates: extraction, classification and normalisation of time expressions."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings, strategies as st

from doclint.text import dates
from doclint.text.dates import (Holidays, add_working_days, document_date, extract, number,
                           reference_date)

REF = dt.date(2020, 9, 8)  # a Tuesday


def one(text, kind=None):
    xs = [x for x in extract(text) if kind is None or x.kind == kind]
    assert len(xs) == 1, [(x.text, x.kind) for x in extract(text)]
    return xs[0]


@pytest.mark.parametrize("text,written,due", [
    ("9月30日前完成起草。", "9月30日前", "2020-09-30"),
    ("10月底前报市政府审定。", "10月底前", "2020-10-31"),
    ("2月底前完成。", "2月底前", "2020-02-29"),
    ("确保本月底经费落实到位。", "本月底", "2020-09-30"),
    ("确保所有项目年底前全面交账。", "年底前", "2020-12-31"),
    ("确保年内创建成功。", "年内", "2020-12-31"),
    ("10月上旬前完成。", "10月上旬前", "2020-10-10"),
    ("10月中旬前完成。", "10月中旬前", "2020-10-20"),
    ("11月下旬前完成。", "11月下旬前", "2020-11-30"),
    ("确保上半年全面完成。", "上半年", "2020-06-30"),
    ("确保下半年全面完成。", "下半年", "2020-12-31"),
    ("三季度末前完成验收。", "三季度末前", "2020-09-30"),
    ("5个工作日内办结。", "5个工作日内", "2020-09-15"),
    ("10日内报送。", "10日内", "2020-09-18"),
    ("明年3月底前全面完成。", "明年3月底前", "2021-03-31"),
    ("2021年6月30日前全面实施。", "2021年6月30日前", "2021-06-30"),
    ("二〇二一年六月三十日前全面实施。", "二〇二一年六月三十日前", "2021-06-30"),
    ("２０２１年６月３０日前全面实施。", "２０２１年６月３０日前", "2021-06-30"),
    ("2025年前基本建成。", "2025年前", "2025-12-31"),
    ("必须在10月中旬省环保督察回头看前完成。", "10月中旬", "2020-10-20"),
    # the forms of the deadline table in the writing rules, as notices write them
    ("请于9月30日（星期三）前报送。", "9月30日（星期三）前", "2020-09-30"),
    ("请于10月9日(周五)下午5时前报送。", "10月9日(周五)下午5时前", "2020-10-09"),
    ("确保本月内全部完成。", "本月内", "2020-09-30"),
    ("本年度内全面完成。", "本年度内", "2020-12-31"),
    ("要在9月底前建成全市统一的数据共享平台。", "9月底前", "2020-09-30"),
])
def test_deadlines_normalised(text, written, due):
    x = one(text, "deadline")
    assert x.text == written
    assert x.due(REF).isoformat() == due


def test_window_of_a_part_of_a_month():
    x = one("10月中下旬开工。")
    assert x.window(REF) == (dt.date(2020, 10, 11), dt.date(2020, 10, 31))


@pytest.mark.parametrize("text,kind", [
    ("截至9月底，已完成投资80亿元。", "asof"),
    ("截止目前，×个已完成整改。", None),
    ("从×-×月来看，全市新增×家企业。", "period"),
    ("1—8月全市规模工业增加值增长5.1%。", "period"),
    ("自即日起施行。", "start"),
    ("市政府从10月中下旬开始开展百日攻坚行动。", "start"),
    ("为11月1日正式入户登记作准备。", "point"),
    ("四季度又是还款高峰期。", "period"),
    ("一九七八年前的二十六年平均每年增加四十九亿元。", "period"),
    ("到2035年，基本实现社会主义现代化。", "target"),
    ("从1949年到1952年，共增加了一倍。", "period"),
    ("钢产量上升到1956年的四百四十万吨。", None),
    ("五年内修建公路一万公里以上。", None),
    ("9月30日前后召开。", "point"),
    ("相当于一九七七年前十九年新建住宅面积的总和。", "period"),
    ("2005年底前注册营运的黄标车全部淘汰。", "period"),   # an attribute: 要在/确保 would make it due
    ("本月内的会议安排如下。", "point"),
    ("9月30日（星期三）下午召开动员会。", "point"),
])
def test_not_deadlines(text, kind):
    xs = extract(text)
    assert all(x.kind != "deadline" for x in xs), [(x.text, x.kind) for x in xs]
    if kind is not None:
        assert [x.kind for x in xs] == [kind]


def test_placeholders_are_unknown_not_dated():
    xs = [x for x in extract("×月底前报市政府研究，务必在×月×日前完成所有整改。") if x.kind == "deadline"]
    assert [x.text for x in xs] == ["×月底前", "×月×日前"]
    assert all(x.unknown and x.due(REF) is None and x.key() is None for x in xs)


def test_relative_expressions_need_a_reference_date():
    x = one("确保本月底经费落实到位。")
    assert x.due(None) is None and x.key() is None
    y = one("9月底前完成。")
    assert y.due(None) is None and y.key() == (("r", 0), (9, 30))


@pytest.mark.parametrize("text,reason", [
    ("2月30日前完成。", "2月最多只有29日"),
    ("11月31日前报送。", "11月只有30日"),
    ("13月底前完成。", "没有13月"),
    ("2023年2月29日召开。", "2023年不是闰年，2月没有29日"),
])
def test_invalid_dates(text, reason):
    assert one(text).invalid == reason


def test_leap_day_valid_with_unknown_or_leap_year():
    assert not one("2月29日前完成。").invalid
    assert not one("2024年2月29日召开。").invalid


@pytest.mark.parametrize("s,n", [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("三十一", 31),
                                  ("一二", None), ("十十", None), ("二十〇", None), ("", None)])
def test_cn_number(s, n):
    assert number(s) == n


@given(st.integers(1, 12), st.integers(1, 31))
def test_arabic_month_day_valid_iff_calendar(m, d):
    x = one(f"{m}月{d}日前完成。")
    try:
        dt.date(2000, m, d)
        ok = True
    except ValueError:
        ok = False
    assert bool(x.invalid) is not ok
    if ok:
        assert x.due(dt.date(2000, 1, 1)) == dt.date(2000, m, d)


def test_working_days_skip_weekends_and_listed_holidays():
    fri = dt.date(2020, 9, 25)
    assert add_working_days(fri, 1) == dt.date(2020, 9, 28)
    hol = Holidays(["2020-10-01", "2020-10-02", "2020-09-27\t工作日"])
    assert add_working_days(fri, 1, hol) == dt.date(2020, 9, 27)
    assert add_working_days(dt.date(2020, 9, 30), 1, hol) == dt.date(2020, 10, 5)


def test_document_date_under_title_and_at_the_end():
    assert document_date("讲话\n（2020年9月8日）\n同志们：") == (dt.date(2020, 9, 8), 2)
    assert document_date("报告\n2020年5月22日在第十三届全国人民代表大会第三次会议上\n各位代表：")[0] == dt.date(2020, 5, 22)
    assert document_date("通知\n正文。\n××市人民政府\n二〇二〇年九月八日\n") == (dt.date(2020, 9, 8), 4)
    assert document_date("成文日期：2020年9月8日\n正文")[0] == dt.date(2020, 9, 8)
    # a date inside prose is not the document's date
    assert document_date("标题\n会议定于2020年9月8日召开，请准时参加。\n") is None


def test_reference_date_precedence():
    text = "讲话\n（2020年9月8日）\n正文"
    assert reference_date(text, "2021-01-01", "2019-01-01").source == "option"
    r = reference_date(text, None, "2019-01-01")
    assert (r.date, r.source, r.line) == (dt.date(2020, 9, 8), "document", 2)
    r = reference_date("正文", None, "2019-01-01")
    assert (r.date, r.source) == (dt.date(2019, 1, 1), "config")
    r = reference_date("正文", today=dt.date(2030, 1, 2))
    assert (r.date, r.source) == (dt.date(2030, 1, 2), "today")
    assert "今天" in r.describe("zh") and "today" in r.describe("en")
    r = reference_date("正文", allow_today=False)
    assert r.date is None and r.source == "none"
    with pytest.raises(ValueError):
        reference_date("正文", "2020-13-01")


@pytest.mark.parametrize("text", ["收到申请后5个工作日内办结。", "自受理之日起10日内答复。",
                                  "各县市区要在接到通知后3日内上报。"])
def test_days_counted_from_an_event_have_no_date(text):
    x = one(text, "deadline")
    assert x.after_event and x.due(REF) is None


_ALPHABET = list("0123456789一二三四五六七八九十〇年月日号底末前内以之上中下旬半季度第个工作天即起截至从到—-，。；要完成已了本明今×X")


@given(st.lists(st.sampled_from(_ALPHABET), max_size=40).map("".join))
def test_extraction_spans_are_truthful_on_any_text(text):
    for x in extract(text):
        assert text[x.start:x.end] == x.text and x.text
        assert x.kind in ("deadline", "point", "start", "asof", "period", "target")
        w = x.window(REF)
        if w is not None:
            assert w[0] <= w[1]
        if x.unknown:
            assert w is None


@given(st.lists(st.sampled_from(_ALPHABET + ["\n", "一、", "二、", "市发改委", "牵头"]), max_size=60).map("".join))
def test_dl4_checks_never_crash_and_spans_are_in_text(text):
    from doclint.api import lint_text
    from doclint.engine.config import Config
    for f in lint_text(text, select=["DL4"], config=Config(date="2020-09-08")):
        assert 0 <= f.start < f.end <= len(text) and f.text == text[f.start:f.end]


# ---------------------------------------------------------------- the anchored scan (extract's speed)

def _reference_matches(text):
    return [(m.span(), m.groups()) for m in dates._PATTERN.finditer(text)]


def _anchored_matches(text):
    return [(m.span(), m.groups()) for m in dates._matches(text)]


def test_anchored_scan_equals_finditer_on_real_text(real_texts):
    """extract tries the pattern only near 年/月/季/日/天 (dates._matches): the same matches as
    trying it everywhere, on the samples, the seed and every report of both corpora."""
    from samples import CORPUS, PROVINCIAL
    texts = list(real_texts)
    for folder in (CORPUS, PROVINCIAL):
        if folder.exists():
            texts += [p.read_text("utf-8") for p in sorted(folder.glob("*.txt"))]
    found = 0
    for text in texts:
        ref = _reference_matches(text)
        assert _anchored_matches(text) == ref
        found += len(ref)
    assert found > (100 if CORPUS.exists() else 20)    # the samples alone hold a few dozen


# The longest run before each alternative's first anchor, and each way a 年 can start a match.
_EDGES = ["在二十五个工作日内办结", "于二〇二〇年度十二月三十一日（星期四）前", "××××年度×月×日", "下一年度三月底前",
          "下个月中旬", "截至上一年上半年", "第四季度末", "今年度内", "二〇三五年以前", "到２０３５年", "至2035年，",
          "三十一日内", "一二三个天内", "即日起", "20年底前", "2020年年底", "十二三月", "月底前", "1—8月"]


def test_anchored_scan_equals_finditer_on_edges():
    for text in _EDGES:
        for variant in (text, "的" + text, "年" + text, text + "年", "2019年" + text):
            assert _anchored_matches(variant) == _reference_matches(variant), variant


_DATE_ALPHABET = st.sampled_from(
    list("年月日天季度份号底末初内前后以之起止到至从自截上中下半旬第个工作即本今明去当次两十一二三四九〇○"
         "0123１２×Xx：:（）星期的，。 \n") + ["2020", "二〇二四", "上半年", "工作日", "12月31日", "到2035年", "二十五",
                                           "个工作日内", "年度", "×××"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_DATE_ALPHABET, max_size=40).map("".join))
def test_anchored_scan_equals_finditer_on_random_text(text):
    assert _anchored_matches(text) == _reference_matches(text)
