"""Chinese and Arabic numerals: one total parser for the numbers official prose writes.

`parse(s)` returns the value of `s` or None; it never raises, whatever `s` is.
Accepted forms:

- Arabic digits, ASCII or full-width: 12, １２;
- positional Chinese numerals up to 9999: 十, 十五, 二十, 一十, 二十三, 一百零五,
  三百二十, 两千, 一千九百九十九 (零 where a unit is skipped);
- with ``digitwise=True``, digit-by-digit numerals of two or more characters, as
  years and codes are written: 二〇〇八, 一九九〇, 三四 (= 34; callers that read
  estimates such as 三四个 must not ask for this form).

``liang=False`` refuses 两 (heading numbers are never written with it; counts
such as 两项 are). Malformed numerals are None: 十十, 二十十, 两十, and 三三
unless digit by digit is asked for.

Every part of doclint that reads a number written in Chinese (headings,
enumerations, stated counts, dates and deadlines, date numerals) uses this
module, so one string has one value everywhere.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

DIGITS = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = (("千", 1000), ("百", 100), ("十", 10))
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_TO_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_CN = "〇一二三四五六七八九"


def _digit(c: str, liang: bool) -> Optional[int]:
    if c == "两":
        return 2 if liang else None
    v = DIGITS.get(c)
    return v if v else None  # 1..9 only: zero is written as 零 between units


def _positional(s: str, liang: bool) -> Optional[int]:
    """一千九百零五 and the like; None unless well formed."""
    total, i, n = 0, 0, len(s)
    seen_unit = False
    for unit, value in _UNITS:
        if i + 1 < n and s[i] == "零" and seen_unit:
            i += 1  # 一千零五十: a skipped unit
        if i + 1 < n and s[i + 1] == unit:
            d = _digit(s[i], liang and unit != "十")  # 两十 is not a number
            if d is None:
                return None
            total += d * value
            i += 2
            seen_unit = True
        elif i < n and s[i] == unit == "十" and not seen_unit:
            total += 10  # 十, 十五: the leading 一 is left out
            i += 1
            seen_unit = True
    if i + 1 < n and s[i] == "零" and seen_unit:
        i += 1  # 一百零五
    if i < n:
        d = _digit(s[i], liang)
        if d is None or i + 1 != n:
            return None
        total += d
        i += 1
    if i != n or total == 0:
        return None
    return total


@lru_cache(maxsize=1024)
def parse(s: str, *, digitwise: bool = False, liang: bool = True) -> Optional[int]:
    """The value of numeral `s` (see the module docstring), or None."""
    if not s or not isinstance(s, str):
        return None
    ascii_digits = s.translate(_FULLWIDTH)
    if ascii_digits.isascii() and ascii_digits.isdigit():
        return int(ascii_digits)
    if len(s) == 1:
        if s in DIGITS:
            return DIGITS[s]
        if s == "两":
            return 2 if liang else None
        if s == "十":
            return 10
        return None
    if digitwise and all(c in DIGITS for c in s):
        v = 0
        for c in s:
            v = v * 10 + DIGITS[c]
        return v
    return _positional(s, liang)


def to_chinese(n: int) -> str:
    """1 -> 一, 12 -> 十二, 20 -> 二十, 105 -> 一百零五, 110 -> 一百一十; 1000 and above stay Arabic."""
    if n >= 1000 or n < 0:
        return str(n)
    if n >= 100:
        h, r = divmod(n, 100)
        if r == 0:
            return _CN[h] + "百"
        if r < 10:
            return _CN[h] + "百零" + _CN[r]
        rest = to_chinese(r)
        return _CN[h] + "百" + ("一" + rest if r < 20 else rest)
    if n < 10:
        return _CN[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN[tens]) + "十" + (_CN[ones] if ones else "")


def count_word(n: int) -> str:
    """A count before a classifier: 两项, not 二项."""
    return "两" if n == 2 else to_chinese(n)


def written_like(n: int, like: str) -> str:
    """`n` in the numeral system of `like` (Chinese, ASCII or full-width digits)."""
    if like and like[0] in "0123456789":
        return str(n)
    if like and like[0] in "０１２３４５６７８９":
        return str(n).translate(_TO_FULLWIDTH)
    return to_chinese(n)
