"""Heading and list markers: one recogniser for the outline (doclint.model.outline) and DL601.

Official documents number their structure with markers of four levels
(GB/T 9704-2012 §7.3.3): 一、 （一） 1. （1）, and part headings 第一部分/第一章.
`recognise(text)` reads the marker at the start of a paragraph, in its
canonical form or one of the common wrong forms (一. 一， (一) （一）、 1、 (1) …),
and leaves alone numbers in prose (2025年…, 1.5万亿元, 二、三产业, 三、四月份).

In-paragraph enumerations (一要/二要, 一是/二是, 第一，/第二，, 首先/其次/最后)
are matched by `ENUMERATION`. `LIST_FAMILIES` are the item markers a stated
count may be followed by (DL601: “以下四项工作：一是…”), built from the same
numerals; `item_at_start(text)` reads an item marker at a paragraph's start
with `recognise` for the heading forms.

Only well-formed numerals 1–99 are markers: 十十 or 三三 are not numbers.
"""
from __future__ import annotations

from typing import NamedTuple, Optional, Tuple

import regex

from doclint.text import numerals, rx

CN_NUM = r"(?:[二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九])"
AR_NUM = r"[0-9０-９]{1,2}"

# How each level is written, for messages.
LEVEL_NAMES = {0: "第一部分", 1: "一、", 2: "（一）", 3: "1.", 4: "（1）"}

MD_HEADING_PREFIX = rx.compile(r"^#{1,6}\s+")  # a Markdown heading's ### before its marker
_PART = rx.compile(rf"^第(?P<num>{CN_NUM}|{AR_NUM})(?P<unit>部分|章|篇)(?P<mark>[、，：:．.]?)")
_PAREN = rx.compile(
    rf"^(?P<open>[（(])[ \t]*(?P<num>{CN_NUM}|{AR_NUM})[ \t]*(?P<close>[)）])(?P<mark>[、，,.．]?)")
_CN_MARK = rx.compile(rf"^(?P<num>{CN_NUM})(?P<mark>[、，,.．､])")
_AR_MARK = rx.compile(rf"^(?P<num>{AR_NUM})(?P<mark>[.．、，,])(?![0-9０-９%％])")
# Nouns a pair of ordinals shares: 第一、二轮 (the first and second rounds), 第三、四批, 二、三产业.
ORDINAL_NOUNS = r"(?:轮次?|批次?|期|届|季度|季|阶段|梯队|产业|产|线|档|类|代|级|年级|号|等奖|部分|章|节|条|款|版)"
# After "一、": a further numeral list (二、三产业, 一、二线城市, 三、四月份, 一、二轮督察) means prose.
_NUMERAL_LIST = rx.compile(rf"^(?P<y>[一二三四五六七八九十]{{1,2}})(?:[、，至到—～\-]|{ORDINAL_NOUNS}|个月|月份?)")
_DIGIT_AFTER = rx.compile(r"^[0-9０-９]")


def parse_number(s: str) -> int:
    """The value of a marker numeral (the patterns above admit only well-formed ones)."""
    return numerals.parse(s, liang=False)


def _style(level: int, m, kind: str) -> str:
    if kind == "part":
        return "part"
    if kind == "paren":
        base = "cn-paren" if level == 2 else "arabic-paren"
        half = m.group("open") == "(" or m.group("close") == ")"
        mark = m.group("mark")
        if half and mark:
            return base + "-half-mark"
        if half:
            return base + "-half"
        if mark:
            return base + "-mark"
        return base
    mark = m.group("mark")
    if level == 1:
        return {"、": "cn-dun", "，": "cn-comma", ",": "cn-comma", ".": "cn-dot", "．": "cn-dot",
                "､": "cn-halfdun"}[mark]
    return {".": "arabic-dot", "．": "arabic-dot", "、": "arabic-dun", "，": "arabic-comma",
            ",": "arabic-comma"}[mark]


# Every marker above starts with one of these (第, a bracket, a Chinese or an Arabic digit):
# most paragraphs start with none, and need no pattern tried.
_MARKER_FIRST = frozenset("第（(一二三四五六七八九十0123456789０１２３４５６７８９")


def recognise(text: str):
    """(level, numeral, style, marker_len, num_span) for a paragraph's start, or None."""
    if text[:1] not in _MARKER_FIRST:
        return None
    m = _PART.match(text)
    if m:
        return 0, m.group("num"), "part", m.end(), m.span("num")
    m = _PAREN.match(text)
    if m:
        num = m.group("num")
        level = 4 if num[0] in "0123456789０１２３４５６７８９" else 2
        rest = text[m.end():]
        if m.group("mark") in (".", "．") and _DIGIT_AFTER.match(rest):
            return None
        return level, num, _style(level, m, "paren"), m.end(), m.span("num")
    m = _CN_MARK.match(text)
    if m:
        rest = text[m.end():]
        pair = _NUMERAL_LIST.match(rest)
        if pair and numerals.parse(pair.group("y")) is not None and (
                numerals.parse(pair.group("y")) > parse_number(m.group("num")) or rest[len(pair.group("y"))] in "、，至到—～-"):
            return None
        if m.group("mark") in "，," and not rest.strip():
            return None
        return 1, m.group("num"), _style(1, m, "mark"), m.end(), m.span("num")
    m = _AR_MARK.match(text)
    if m:
        rest = text[m.end():]
        n = parse_number(m.group("num"))
        if n == 0:
            return None
        if m.group("mark") in "，,、" and (not rest.strip() or regex.match(r"^\s*[0-9０-９]", rest)):
            return None
        return 3, m.group("num"), _style(3, m, "mark"), m.end(), m.span("num")
    return None


ENUMERATION = rx.compile(
    rf"(?:(?<=^|[。；：！？，;:!?\s“（(])(?P<n>{CN_NUM})(?P<fam>[要是])(?![一二三四五六七八九十][，,。是])"
    rf"|(?<=^|[。；：！？，;:!?\s（(])第(?P<dn>{CN_NUM})(?P<dmark>[，、：,:])"
    rf"(?![一二三四五六七八九十]{{1,2}}(?:[、，至到名位次个项]|{ORDINAL_NOUNS}|$)|第[一二三四五六七八九十]|[0-9０-９])"
    r"|(?<=^|[。；：！？，;:!?\s])(?P<ord>首先|其次|再次|最后)(?=[，,：:]|要|是)"
    r")")
ORDER_WORDS = {"首先": 1, "其次": 2, "再次": 3, "最后": 99}


# ---- list items after a stated count (DL601) ---------------------------------

class ListFamily(NamedTuple):
    name: str          # how the message names it: 一、 （一） 1. （1） 一是 一要 第一，
    level: int         # 0..3 heading levels 1..4; 4 for in-paragraph enumerations
    pattern: object    # compiled, group "n" holds the numeral


_CLAUSE = r"(?:(?<=^|[：:，,、；;。！？\s”])|(?<=^\s*))"
LIST_FAMILIES: Tuple[ListFamily, ...] = (
    ListFamily("一、", 0, rx.compile(rf"(?:^|(?<=[：:；;。]))[ \t　]*(?P<n>{CN_NUM})、")),
    ListFamily("（一）", 1, rx.compile(rf"[（(](?P<n>{CN_NUM})[）)]")),
    ListFamily("1.", 2, rx.compile(r"(?:^|(?<=[：:；;。]))[ \t　]*(?P<n>[0-9０-９]{1,2})[.．、](?![0-9０-９])")),
    ListFamily("（1）", 3, rx.compile(r"[（(](?P<n>[0-9０-９]{1,2})[）)]")),
    ListFamily("一是", 4, rx.compile(rf"{_CLAUSE}(?P<n>{CN_NUM})是(?![否非])")),
    ListFamily("一要", 4, rx.compile(rf"{_CLAUSE}(?P<n>{CN_NUM})要(?![求素件点])")),
    ListFamily("第一，", 4, rx.compile(rf"{_CLAUSE}第(?P<n>{CN_NUM})[，,、：:]"
                                     rf"(?![一二三四五六七八九十]{{1,2}}(?:[、，至到]|{ORDINAL_NOUNS}))")),
)
_BY_HEADING_LEVEL = {1: LIST_FAMILIES[0], 2: LIST_FAMILIES[1], 3: LIST_FAMILIES[2], 4: LIST_FAMILIES[3]}


def item_at_start(text: str) -> Optional[Tuple[ListFamily, int]]:
    """(family, number) of an item marker that starts a paragraph, or None.

    Heading forms (一、 （一） 1. （1）, wrong forms included) are read by
    `recognise`, exactly as the outline reads them; enumerations (一是, 一要,
    第一，) by their family patterns.
    """
    got = recognise(text)
    if got is not None:
        fam = _BY_HEADING_LEVEL.get(got[0])
        return (fam, parse_number(got[1])) if fam else None
    for fam in LIST_FAMILIES[4:]:
        m = fam.pattern.match(text)
        if m and m.start("n") <= 3:
            return fam, numerals.parse(m.group("n"))
    return None
