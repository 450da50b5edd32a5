"""doclint.text.numerals: one total parser for every numeral doclint reads.

The classes below are the inputs on which the four parsers doclint used to
have disagreed (十十 raised in one, was None in two and 20 in the fourth; 两
and 三三 likewise): now each has one answer, and no input raises.
"""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from doclint.text.numerals import count_word, parse, to_chinese, written_like


@pytest.mark.parametrize("s,value", [
    ("一", 1), ("九", 9), ("十", 10), ("十一", 11), ("一十", 10), ("一十五", 15), ("二十", 20),
    ("二十三", 23), ("九十九", 99), ("一百", 100), ("一百零五", 105), ("一百一十", 110),
    ("三百二十", 320), ("两千", 2000), ("一千零五十", 1050), ("一千九百九十九", 1999),
    ("两", 2), ("〇", 0), ("零", 0), ("4", 4), ("１２", 12), ("2025", 2025),
])
def test_values(s, value):
    assert parse(s) == value


@pytest.mark.parametrize("s", ["", "十十", "二十十", "两十", "三三", "百", "千", "十零", "一零",
                               "零五", "〇十", "一两", "X", "×", "第一", "1.5", "一二三四五"])
def test_malformed_is_none(s):
    assert parse(s) is None


def test_digit_by_digit_only_when_asked():
    assert parse("二〇〇八", digitwise=True) == 2008
    assert parse("一九九〇", digitwise=True) == 1990
    assert parse("三三", digitwise=True) == 33
    assert parse("二〇〇八") is None and parse("三三") is None


def test_liang_refused_for_heading_numbers():
    assert parse("两", liang=False) is None and parse("两千", liang=False) is None
    assert parse("二", liang=False) == 2


def test_round_trip_and_writing():
    for n in range(1, 1000):
        assert parse(to_chinese(n)) == n
    assert to_chinese(10) == "十" and to_chinese(21) == "二十一" and to_chinese(105) == "一百零五"
    assert count_word(2) == "两" and count_word(3) == "三"
    assert written_like(12, "３") == "１２" and written_like(12, "3") == "12" and written_like(12, "三") == "十二"


@given(st.text(alphabet="〇○零一二两三四五六七八九十百千万0123456789０１２３４５６７８９xX×", max_size=8))
def test_total(s):
    for dw in (False, True):
        for liang in (False, True):
            v = parse(s, digitwise=dw, liang=liang)
            assert v is None or (isinstance(v, int) and v >= 0)
