"""Time expressions in Chinese official prose, normalised to date ranges.

`extract(text)` finds the time expressions a drafting office uses to set
deadlines and dates (9月30日前, ×月底前, 10月中旬, 年底前, 年内, 本月底, 上半年,
四季度末, 5个工作日内, 即日起, 2020年前, 明年3月…) and classifies each one:

- ``deadline``: something must be done by then (…前, …内, …底 + 完成/到位/要…);
- ``point``:    a scheduled date or period (×月×日正式入户登记, ×月份召开…);
- ``start``:    from then on (即日起, 从×月中下旬开始);
- ``asof``:     a status date (截至9月底, 截止目前): never a deadline;
- ``target``:   到2035年: a plan's target year, or a retrospective 到1956年 (not told
                apart, so never dated against the reference date);
- ``period``:   a span that is neither (1—8月, 四季度又是还款高峰期).

Values written with placeholders (×月底前) keep `unknown=True` and get no
date; DL201 reports the placeholder. `TimeExpr.window(ref)` turns an
expression into (first day, last day) against a reference date (the day the
document is dated or given); `reference_date()` finds that date.
"""
from __future__ import annotations

import calendar
from collections import Counter
import datetime as _dt
from dataclasses import dataclass
from typing import Iterable, List, NamedTuple, Optional, Tuple

import regex

from doclint.text import numerals, rx

Date = _dt.date

# ---------------------------------------------------------------------------
# numerals

_CN_DIGIT = set(numerals.DIGITS) | {"两"}
_FW = str.maketrans("０１２３４５６７８９", "0123456789")
_PLACEHOLDER_CHARS = set("×XxＸｘ")


def number(s: str) -> Optional[int]:
    """An Arabic (half or full width) or Chinese number; None for × or nonsense."""
    return numerals.parse(s) if s else None


def year_number(s: str) -> Optional[int]:
    """2020, ２０２０ or 二〇二〇 (four digits, digit by digit) as an int."""
    return numerals.parse(s, digitwise=True) if s and len(s) == 4 and "十" not in s else None


def is_placeholder(s: Optional[str]) -> bool:
    return bool(s) and all(c in _PLACEHOLDER_CHARS for c in s)


# ---------------------------------------------------------------------------
# the pattern

_N = r"(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3}|[×XxＸｘ]{1,2})"
_YN = r"(?:[0-9０-９]{4}|[〇○零一二三四五六七八九]{4}|[×XＸ]{1,4})"
_YREL = r"(?:今|本|当|明|次|去|上一?|下一?|前|后)"
# An optional year in front of a month, half-year or quarter.
_YEAR = rf"(?:(?P<y>{_YN})年(?:度)?|(?P<yr>{_YREL})年(?:度)?)?"

_PATTERN = rx.compile(
    # 1. X月X日 / X月X号, with an optional year
    rf"(?P<date>{_YEAR}(?P<m>{_N})月(?:份)?(?P<d>{_N})[日号]"
    r"(?:\s*[（(](?:星期|周|礼拜)[一二三四五六日天][）)])?"   # 9月30日（星期三）前
    r"(?:\s*(?:上午|下午|中午|晚上)?(?:(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})[时点](?:(?:[0-9０-９]{1,2}|半)分?)?"
    r"|[0-9０-９]{1,2}[:：][0-9０-９]{2}))?)"
    # 2. X月底/末/初/上旬/中旬/下旬/中下旬, X月(份)
    rf"|(?P<month>{_YEAR}(?P<m2>{_N})月(?:份)?(?P<mp>中下旬|上中旬|上旬|中旬|下旬|底|末|初)?)"
    # 3. 本月底, 本月内, 下月中旬 (no month number)
    r"|(?P<rmonth>(?P<rm>本月|当月|下月|下个月|次月)(?P<rmp>中下旬|上旬|中旬|下旬|底|末|内|初)?"
    r"|(?<![0-9０-９一二三四五六七八九十×XxＸ个每年月])月(?P<rmp2>底|末)(?=前|以前|之前))"
    # 4. 上半年 / 下半年
    rf"|(?P<half>{_YEAR}(?P<h>上半年|下半年))"
    # 5. 一季度 … 四季度(末)
    rf"|(?P<quarter>{_YEAR}第?(?P<q>[一二三四1-4１-４])季度(?P<qe>末|底)?)"
    # 6. 年底 / 年末 / 年内 with an optional year: 今年底, 2020年年底, 明年内, 本年度内
    rf"|(?P<yend>(?:(?P<y3>{_YN})|(?P<yr3>今|本|当|明|次|去))?年(?:年|(?<=(?:[0-9０-９〇○零一二三四五六七八九×XＸ]|今|本|当|明|次|去)年)度)?(?P<ye>底|末|内))"
    # 7. N个工作日内 / N日内 / N天内
    r"|(?P<ndays>(?P<n>[0-9０-９]{1,3}|[一二三四五六七八九十两]{1,3}|[×XxＸ]{1,2})个?(?P<unit>工作日|日|天)(?=内|以内|之内))"
    # 8. 即日起
    r"|(?P<now>即日)(?=起)"
    # 9. a year alone, when it is a deadline or target: 2020年前, 到2035年
    rf"|(?P<yearonly>(?P<y4>{_YN})年)(?=前|以前|之前|内|以内)"
    rf"|(?<=[到至])(?P<target>(?P<y5>[0-9０-９]{{4}}|[〇○零一二三四五六七八九]{{4}})年)(?![底末内度初0-9０-９一二三四五六七八九十×上下第前以之])"
)

# A number right before a year-end word makes it a duration (五年内, 三年底?).
_BEFORE_YEND = rx.compile(r"[0-9０-９一二三四五六七八九十两几多个半周百千〇○零]$")
_SUFFIX = rx.compile(r"(?:份)?(?P<s>前后|左右|以前|之前|前|以内|之内|内|起|开始|以来|以后|之后|后|止|为止)")
_ASOF_BEFORE = rx.compile(r"(?:截至|截止到|截止至|截止|截至到)\s*$")
_FROM_BEFORE = rx.compile(r"(?:从|自|自从|由)\s*$")
_RANGE_BEFORE = rx.compile(r"(?:[—\-－～~]|[月日号]\s*(?:至|到))\s*$")
# Words after an end-of-period expression that make it a deadline (本月底经费落实到位, ×月底要拿出).
_DUE_WORDS = rx.compile(
    r"要|必须|务必|须|应|完成|完工|竣工|建成|到位|交账|拿出|报送|上报|报市|报县|报省|报请|提交|"
    r"出台|印发|办结|销号|清零|实现|基本|全部|全面|确保|力争|争取|投产|开工|启用|运行|落地")
_PAST_WORDS = rx.compile(r"已经|已|完成了|实现了|了，|了。|曾|过去")
# 收到申请后 / 自受理之日起 / 发现问题的: N日内 counts from that event
_EVENT_BEFORE = rx.compile(r"后\s*$|之日起\s*$|起\s*$|[\p{Han}]{1,12}(?:后|之日起|以后|之后)")
_ATTRIBUTE_AFTER = rx.compile(
    r"的|[\p{Han}]{1,6}的(?![确])|[0-9０-９一二三四五六七八九十两几]+个?(?:年|月|天|日)")
_CLAUSE_END = rx.compile(r"[，,。；;！？!?：:\n]")
# Words right before a time expression that set it as a deadline (要在…前, 务必于…前, 确保…前).
_DUE_BEFORE = rx.compile(r"(?:要|须|应|应当|必须|务必|需|需要|力争|争取|确保)\s*(?:在|于)?\s*$")

_QUARTER = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4,
            "１": 1, "２": 2, "３": 3, "４": 4}
_YREL_OFFSET = {"今": 0, "本": 0, "当": 0, "明": 1, "次": 1, "下": 1, "下一": 1, "后": 2,
                "去": -1, "上": -1, "上一": -1, "前": -2}


@dataclass(frozen=True)
class TimeExpr:
    start: int
    end: int
    text: str              # as written, including a suffix such as 前/内
    kind: str              # deadline | point | start | asof | period
    form: str              # date | month | xun | monthend | monthstart | half | quarter |
    #                        quarterend | yearend | year | days | workdays | now
    year: Optional[int] = None       # explicit year (2020)
    year_rel: Optional[int] = None   # 今年 0, 明年 1, 去年 -1; None: not said
    month: Optional[int] = None
    month_rel: Optional[int] = None  # 本月 0, 下月 1
    day: Optional[int] = None
    part: str = ""                   # 上旬 中旬 下旬 中下旬 上中旬 初; 上半年/下半年; quarter number
    count: Optional[int] = None      # N for N日内 / N个工作日内
    unknown: bool = False            # written with × placeholders
    invalid: str = ""                # why the calendar date is impossible (zh), if it is
    invalid_en: str = ""
    past: bool = False               # the clause reports something done (已…, …了)
    after_event: bool = False        # 收到申请后5个工作日内: counted from an event, not a date

    def resolved_year(self, ref: Optional[Date]) -> Optional[int]:
        if self.year is not None:
            return self.year
        if ref is None:
            return None
        return ref.year + (self.year_rel or 0)

    # complexity: one return per form of time expression (date, month, xun, quarter, half, year end, N days ...)
    def window(self, ref: Optional[Date], holidays: "Holidays" = None) -> Optional[Tuple[Date, Date]]:
        """(first day, last day) of the time meant; None if unknown or impossible.

        Without a reference date, relative expressions (本月底, 年底前, 9月30日
        without a year) have no window.
        """
        if self.unknown or self.invalid:
            return None
        if self.form in ("days", "workdays", "now"):
            if self.after_event:
                return None
            if ref is None or self.count is None and self.form != "now":
                return None
            if self.form == "now":
                return ref, ref
            first = ref + _dt.timedelta(days=1)
            if self.form == "days":
                return first, ref + _dt.timedelta(days=self.count)
            return first, add_working_days(ref, self.count, holidays)
        y = self.resolved_year(ref)
        if y is None:
            return None
        try:
            if self.form == "year":
                return Date(y, 1, 1), Date(y, 12, 31)
            if self.form == "yearend":
                return (Date(y, 1, 1) if self.part == "内" else Date(y, 12, 1)), Date(y, 12, 31)
            if self.form == "half":
                return (Date(y, 1, 1), Date(y, 6, 30)) if self.part == "上半年" else (Date(y, 7, 1), Date(y, 12, 31))
            if self.form in ("quarter", "quarterend"):
                q = int(self.part)
                last_m = q * 3
                last = Date(y, last_m, calendar.monthrange(y, last_m)[1])
                return (last if self.form == "quarterend" else Date(y, last_m - 2, 1)), last
            m = self.month
            if self.month_rel is not None:
                if ref is None:
                    return None
                m = ref.month + self.month_rel
                y = ref.year + (m - 1) // 12
                m = (m - 1) % 12 + 1
            if m is None:
                return None
            last_day = calendar.monthrange(y, m)[1]
            if self.form == "date":
                d = Date(y, m, self.day)
                return d, d
            if self.form == "monthend":
                d = Date(y, m, last_day)
                return d, d
            if self.form == "monthstart":
                return Date(y, m, 1), Date(y, m, min(10, last_day))
            if self.form == "xun":
                lo, hi = {"上旬": (1, 10), "中旬": (11, 20), "下旬": (21, last_day),
                          "中下旬": (11, last_day), "上中旬": (1, 20)}[self.part]
                return Date(y, m, lo), Date(y, m, hi)
            return Date(y, m, 1), Date(y, m, last_day)   # month
        except ValueError:
            return None

    def due(self, ref: Optional[Date], holidays: "Holidays" = None) -> Optional[Date]:
        """The last day by which a deadline falls due (end of the window)."""
        w = self.window(ref, holidays)
        return w[1] if w else None

    def key(self) -> Optional[tuple]:
        """A comparable due value that needs no reference date, or None.

        Two deadlines of one document without years (9月底前 / 10月15日前) compare
        in the same (unknown) year; an explicit year compares only with another
        explicit year. A leap year stands in for the unknown year so that
        2月29日 is accepted.
        """
        if self.unknown or self.invalid or self.form in ("days", "workdays", "now"):
            return None
        if self.month_rel is not None:
            return None
        if self.year is not None:
            yk = ("y", self.year)
            y = self.year
        else:
            yk = ("r", self.year_rel or 0)
            y = 2000 + (self.year_rel or 0) * 4  # leap years keep 2月29日 valid
        w = self.window(Date(y, 6, 15))
        if w is None:
            return None
        return yk, (w[1].month, w[1].day)


# ---------------------------------------------------------------------------
# working days


class Holidays:
    """Public holidays and make-up working days (调休) for N个工作日内.

    Built from `deadline_holidays` dictionary lines: ``2024-10-01`` (a holiday)
    or ``2024-10-12\t工作日`` (a weekend day that is worked). Without entries,
    only weekends are skipped.
    """

    def __init__(self, lines: Iterable[str] = ()):
        self.off, self.on = set(), set()
        for line in lines:
            parts = [p.strip() for p in line.split("\t")]
            try:
                d = Date.fromisoformat(parts[0])
            except ValueError:
                continue
            if len(parts) > 1 and parts[1] in ("工作日", "班", "workday", "上班"):
                self.on.add(d)
            else:
                self.off.add(d)

    def is_workday(self, d: Date) -> bool:
        if d in self.on:
            return True
        if d in self.off:
            return False
        return d.weekday() < 5


def add_working_days(ref: Date, n: int, holidays: Optional[Holidays] = None) -> Date:
    """The n-th working day after `ref` (counting starts the next day)."""
    hol = holidays or Holidays()
    d = ref
    left = n
    while left > 0:
        d += _dt.timedelta(days=1)
        if hol.is_workday(d):
            left -= 1
    return d


# ---------------------------------------------------------------------------
# extraction


def _check_calendar(year: Optional[int], month: Optional[int], day: Optional[int]):
    """(zh, en) reason when month/day cannot exist; ("", "") when fine."""
    if month is not None and not 1 <= month <= 12:
        return f"没有{month}月", f"there is no month {month}"
    if day is not None:
        if day < 1:
            return f"没有{day}日", f"there is no day {day}"
        if month is not None:
            y = year if year is not None else 2000   # unknown year: accept 2月29日
            last = calendar.monthrange(y, month)[1]
            if day > last:
                if year is None and month == 2:
                    return "2月最多只有29日", "February has at most 29 days"
                if month == 2 and day == 29:
                    return f"{year}年不是闰年，2月没有29日", f"{year} is not a leap year: February has no 29th"
                return f"{month}月只有{last}日", f"month {month} has only {last} days"
    return "", ""


def _clause_after(text: str, pos: int, limit: int = 40) -> str:
    m = _CLAUSE_END.search(text, pos, min(len(text), pos + limit))
    return text[pos:m.start() if m else min(len(text), pos + limit)]


def _clause_before(text: str, pos: int, limit: int = 60) -> str:
    lo = max(0, pos - limit)
    seg = text[lo:pos]
    cut = max((seg.rfind(c) for c in "，,。；;！？!?\n"), default=-1)
    return seg[cut + 1:]


def _year_of(m, ygroup: str, rgroup: str):
    """(year, year_rel, unknown) from the year groups of a match."""
    y, r = m.group(ygroup), m.group(rgroup)
    if y:
        if is_placeholder(y):
            return None, None, True
        return year_number(y), None, False
    if r:
        return None, _YREL_OFFSET.get(r, 0), False
    return None, None, False


# Every match of _PATTERN holds an anchor character: 年 (2020年, 上半年, 年底), 月 (X月, 本月,
# 月底), 季 (一季度), 日/天 (即日, N日内, N个工作日内). _REACH: how far after the start of a match its
# first anchor can be (the longest run the pattern allows before it: a year's four digits before 年,
# a month number or 下个 before 月, 第一 before 季, a count with 个 and 工作 before 日).
# _FIRST: every character a match can start with.
_ANCHOR = rx.compile(r"[年月季日天]")
_REACH = {"年": 4, "月": 3, "季": 2, "日": 6, "天": 4}
_FIRST = frozenset("0123456789０１２３４５６７８９〇○零一二三四五六七八九十两×XxＸｘ今本当明次去上下前后第即月年")
# A match whose first anchor is 年 goes on after it with one of these (度, a month or quarter
# number, 上/下半年, 第, 年底, 底/末/内, 前/以前/之前), or is 上半年/下半年, or is 到2035年 (到 or 至
# right before a four-digit year). Most 年 in prose (2019年，, 近五年来) are none of them.
_AFTER_YEAR = frozenset("度0123456789０１２３４５６７８９一二三四五六七八九十×XxＸｘ上下第年底末内前以之１２３４")


def _year_anchor_may_start(text: str, a: int) -> bool:
    """Whether a match can have the 年 at `a` as its first anchor (see _AFTER_YEAR)."""
    return text[a + 1:a + 2] in _AFTER_YEAR or (a >= 2 and text[a - 2:a] in ("上半", "下半")) \
        or (a >= 5 and text[a - 5] in "到至")


def _matches(text: str):
    """The matches of _PATTERN.finditer(text), found by trying the pattern only where a match can
    start: at a character of _FIRST within reach of an anchor. Trying it at every position was most
    of extract's time; tests/text/test_dates.py compares the two on the corpora."""
    pos = 0
    match = _PATTERN.match
    for a in _ANCHOR.finditer(text):
        hi = a.start()
        if hi < pos:
            continue
        anchor = text[hi]
        if anchor == "年" and not _year_anchor_may_start(text, hi):
            continue
        for p in range(max(pos, hi - _REACH[anchor]), hi + 1):
            if text[p] in _FIRST:
                m = match(text, p)
                if m is not None:
                    yield m
                    pos = m.end()
                    break


def extract(text: str) -> List[TimeExpr]:
    """Every time expression in `text`, in order (a document keeps its own as
    `doc.time_expressions`, so DL401-DL403 and the task table extract once)."""
    out: List[TimeExpr] = []
    for m in _matches(text):
        e = _build(text, m)
        if e is not None:
            out.append(e)
    return out


class _Value(NamedTuple):
    """What a time expression says, before its kind is decided."""
    form: str
    part: str = ""
    year: Optional[int] = None
    year_rel: Optional[int] = None
    month: Optional[int] = None
    month_rel: Optional[int] = None
    day: Optional[int] = None
    count: Optional[int] = None
    unknown: bool = False


# complexity: the checks that a month/day match is one date (placeholders, numeral tails, 月龄), in order
def _month_or_date(text: str, m) -> Optional[_Value]:
    """X月X日, X月, X月底/初/上旬… with an optional year."""
    g = m.group
    s, e = m.span()
    year, year_rel, unknown = _year_of(m, "y", "yr")
    if g("date"):
        mtxt, dtxt, mp = g("m"), g("d"), ""
    else:
        mtxt, dtxt, mp = g("m2"), None, g("mp") or ""
        # 月龄, 个月 …: a bare "24月" must be followed by a date-ish word
        if not mp and text[s:e].endswith("月") and text[e:e + 1] in ("龄", "薪", "息", "刊", "票"):
            return None
    unknown = unknown or is_placeholder(mtxt) or (dtxt is not None and is_placeholder(dtxt))
    month = None if is_placeholder(mtxt) else number(mtxt)
    day = None if dtxt is None or is_placeholder(dtxt) else number(dtxt)
    if (not is_placeholder(mtxt) and month is None) or (dtxt and not is_placeholder(dtxt) and day is None):
        return None  # 一二月份, 十二三日: not one date
    # A Chinese month number must not be the tail of a longer numeral (十二三月?).
    prev = text[s - 1:s] if s else ""
    if prev and (prev.translate(_FW).isdigit() or prev in _CN_DIGIT or prev in "十百千万") \
            and not (g("y") or g("yr")):
        return None
    form, part = _MONTH_PART.get(mp, ("xun", mp)) if not g("date") else ("date", "")
    return _Value(form, part, year, year_rel, month, None, day, None, unknown)


# month part -> (form, part): 底/末 the month's end, 初 its start, 上旬… a ten-day period
_MONTH_PART = {"": ("month", ""), "底": ("monthend", ""), "末": ("monthend", ""), "初": ("monthstart", "初"),
               "内": ("month", "内")}


def _relative_month(text: str, m) -> Optional[_Value]:
    """本月底, 下月中旬, 月底前."""
    rmp = m.group("rmp") or m.group("rmp2") or ""
    if not rmp:
        return None  # 本月 alone is no deadline
    month_rel = 0 if m.group("rm") in ("本月", "当月", None) else 1
    form, part = _MONTH_PART.get(rmp, ("xun", rmp))
    return _Value(form, part, month_rel=month_rel)


def _half(text: str, m) -> _Value:
    year, year_rel, unknown = _year_of(m, "y", "yr")
    return _Value("half", m.group("h"), year, year_rel, unknown=unknown)


def _quarter(text: str, m) -> _Value:
    year, year_rel, unknown = _year_of(m, "y", "yr")
    return _Value("quarterend" if m.group("qe") else "quarter", str(_QUARTER[m.group("q")]), year, year_rel,
                  unknown=unknown)


def _year_end(text: str, m) -> Optional[_Value]:
    s = m.start()
    if not (m.group("y3") or m.group("yr3")) and _BEFORE_YEND.search(text[max(0, s - 1):s]):
        return None  # 五年内, 两年底: a duration
    year, year_rel, unknown = _year_of(m, "y3", "yr3")
    return _Value("yearend", "内" if m.group("ye") == "内" else "底", year, year_rel, unknown=unknown)


def _days(text: str, m) -> Optional[_Value]:
    """N个工作日内, N日内, N天内."""
    n = m.group("n")
    form = "workdays" if m.group("unit") == "工作日" else "days"
    if is_placeholder(n):
        return _Value(form, unknown=True)
    count = number(n)
    return None if count is None else _Value(form, count=count)


def _year_only(text: str, m) -> _Value:
    y = m.group("y4")
    if is_placeholder(y):
        return _Value("year", unknown=True)
    return _Value("year", year=year_number(y))


# The pattern's alternatives, in its order, and how each is read.
_FORMS = (("date", _month_or_date), ("month", _month_or_date), ("rmonth", _relative_month),
          ("half", _half), ("quarter", _quarter), ("yend", _year_end), ("ndays", _days),
          ("now", lambda text, m: _Value("now")), ("yearonly", _year_only),
          ("target", lambda text, m: _Value("year", year=year_number(m.group("y5")))))

_DEADLINE_SUFFIX = ("前", "以前", "之前", "内", "以内", "之内")
_COMPLETION = rx.compile(r"(?:要|必须|务必|力争|争取|确保)?(?:全面|全部|基本)?(?:完成|建成|到位|出台|办结)")
_TARGET_BEFORE = rx.compile(r"\s*(?:争取|力争|预计|计划|要|将)?[到至]")


def _kind_by_suffix(text: str, m, v: _Value, suf: str, before: str, e: int) -> str:
    """The kind from the suffix and the words around (see the module docstring)."""
    if _ASOF_BEFORE.search(before) or before.endswith(("到目前", "截止目前")):
        return "asof"
    if _RANGE_BEFORE.search(before) and v.form in ("month", "date", "monthend", "xun"):
        return "period"
    if suf in ("前后", "左右"):
        return "point"
    if v.form in ("days", "workdays"):
        return "deadline"
    if v.form == "now" or suf in ("起", "开始", "以来", "以后", "之后", "后"):
        return "start" if suf != "以来" else "period"
    if suf in _DEADLINE_SUFFIX:
        # 一九七八年前的二十六年, 年内的: a span of time, not a deadline
        # 2000年底以前发布的756件行政法规, 2005年底前注册营运的黄标车: an attribute, not a deadline
        # …要在9月底前建成全市统一的平台: 要在/于 before it make it a deadline all the same
        return "period" if _ATTRIBUTE_AFTER.match(text, e) and not _DUE_BEFORE.search(before) else "deadline"
    if suf in ("止", "为止"):
        return "asof"
    if m.group("target"):
        # 到2035年: a plan's target year, or (从1949年到1952年, 到1956年已…) a span of the past
        return "target" if _TARGET_BEFORE.fullmatch(before) else "period"
    return _kind_by_words(text, v, before, e)


def _kind_by_words(text: str, v: _Value, before: str, e: int) -> str:
    """End-of-period and half-year expressions without a suffix: a deadline when the clause says so."""
    if v.form in ("monthend", "yearend", "quarterend") or (v.form == "xun" and v.part in ("下旬", "中下旬")) \
            or (v.form == "month" and v.part == "内"):   # 本月内完成, like 年内完成
        after = _clause_after(text, e)
        return "deadline" if _DUE_WORDS.search(after) and not _FROM_BEFORE.search(before) else "point"
    if v.form in ("half", "quarter"):
        return "deadline" if _COMPLETION.match(_clause_after(text, e)) else "period"
    return "point"


def _refine_point(text: str, kind: str, before: str, e: int) -> str:
    if kind == "point" and regex.search(r"[在于]\s*$", before) and \
            regex.match(r"[^，。；]{0,14}?(?:之前|以前|前)(?!后)", text[e:e + 16]):
        return "deadline"   # 在×月中旬省环保督察回头看前
    if kind == "point" and _FROM_BEFORE.search(before) and regex.match(r"[^，。；]{0,4}(?:起|开始)", text[e:e + 6]):
        return "start"
    return kind


def _validity(v: _Value):
    """(invalid zh, invalid en) for a calendar date that cannot exist ("" if it can)."""
    if v.form in ("date", "month", "monthend", "xun", "monthstart") and v.month_rel is None and not v.unknown:
        return _check_calendar(v.year, v.month, v.day)
    if v.form == "date" and v.unknown and v.day is not None and v.month is None and v.day > 31:
        return _check_calendar(None, None, v.day)
    return "", ""


def _build(text: str, m) -> Optional[TimeExpr]:
    s, e = m.span()
    read = next(f for name, f in _FORMS if m.group(name))
    v = read(text, m)
    if v is None:
        return None
    suf_m = _SUFFIX.match(text, e)
    suf = suf_m.group("s") if suf_m else ""
    before = _clause_before(text, s)
    if suf in _DEADLINE_SUFFIX + ("止",) or (suf in ("起", "开始") and v.form == "now"):
        e = suf_m.end()
    kind = _refine_point(text, _kind_by_suffix(text, m, v, suf, before, e), before, e)
    invalid, invalid_en = _validity(v)
    clause = before + _clause_after(text, e)
    past = bool(_PAST_WORDS.search(clause)) and kind in ("deadline", "point")
    after_event = v.form in ("days", "workdays") and bool(_EVENT_BEFORE.search(before))
    return TimeExpr(s, e, text[s:e], kind, v.form, v.year, v.year_rel, v.month, v.month_rel, v.day, v.part,
                    v.count, v.unknown, invalid, invalid_en, past, after_event)


def deadlines(text: str) -> List[TimeExpr]:
    return [x for x in extract(text) if x.kind == "deadline"]


# ---------------------------------------------------------------------------
# the document's period

_YEAR_MENTION = rx.compile(r"(?<![\d.])(\d{4})(?=年)|([一二][〇○零Ｏ一二三四五六七八九]{3})(?=年)")


def _year_mentions(text: str):
    """The matches of _YEAR_MENTION.finditer(text): a match is the four characters before a 年
    (two cannot overlap: 年 is none of them), so the pattern is tried only there."""
    match = _YEAR_MENTION.match
    for a in _YEAR_CHAR.finditer(text, 4):
        m = match(text, a.start() - 4)
        if m is not None:
            yield m


_YEAR_CHAR = rx.compile("年")


def document_year(text: str) -> Optional[int]:
    """The year the text most often mentions (its own period), or None."""
    counts = Counter()
    for m in _year_mentions(text):
        if m.group(1):
            y = int(m.group(1))
            if 1900 <= y <= 2099:
                counts[y] += 1
        else:
            y = numerals.parse(m.group(2), digitwise=True)
            if 1900 <= y <= 2099:
                counts[y] += 1
    return counts.most_common(1)[0][0] if counts else None


# ---------------------------------------------------------------------------
# the reference date

_DATE_TEXT = (r"(?P<y>[0-9０-９]{4}|[〇○零一二三四五六七八九]{4})年"
              r"(?P<m>[0-9０-９]{1,2}|[一二三四五六七八九十]{1,2})月"
              r"(?P<d>[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})日")
# A line that is only a date, （a date）, （a date + 在…上的讲话/报告）, or 成文日期：a date.
_DATE_LINE = rx.compile(
    rf"^\s*(?:成文日期|日期|发文日期|印发日期)?[：:]?\s*[（(]?\s*{_DATE_TEXT}\s*"
    r"(?:[在于][^（）()]{0,60})?[）)]?\s*$")


@dataclass(frozen=True)
class RefDate:
    date: Optional[Date]
    source: str          # option | document | config | today | none
    line: Optional[int] = None

    def describe(self, lang: str = "zh") -> str:
        if self.date is None:
            return "无参考日期" if lang == "zh" else "no reference date"
        iso = self.date.isoformat()
        if lang == "zh":
            where = {"option": "命令行 --date", "document": f"文中日期（第{self.line}行）",
                     "config": "配置文件 date", "today": "今天（文中未写日期）"}[self.source]
            return f"参考日期 {iso}，取自{where}"
        where = {"option": "--date", "document": f"the document's own date (line {self.line})",
                 "config": "the config key date", "today": "today (the document has no date line)"}[self.source]
        return f"reference date {iso}, from {where}"


def document_date(text: str) -> Optional[Tuple[Date, int]]:
    """(date, 1-based line) of the document's own date line, if it has one.

    Looked for among the first 8 and the last 6 non-blank lines: the date under
    the title of a speech, （2020年9月8日）, or the 成文日期 at the end.
    """
    lines = text.splitlines()
    numbered = [(i + 1, ln) for i, ln in enumerate(lines) if ln.strip()]
    cands = numbered[:8] + [x for x in numbered[-6:] if x not in numbered[:8]]
    for lineno, ln in cands:
        m = _DATE_LINE.match(ln)
        if not m:
            continue
        y = year_number(m.group("y"))
        mo, d = number(m.group("m")), number(m.group("d"))
        try:
            return Date(y, mo, d), lineno
        except (TypeError, ValueError):
            continue
    return None


def parse_iso(value: str) -> Date:
    """A YYYY-MM-DD date; ValueError with a readable message otherwise."""
    try:
        return Date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(f"not a date in YYYY-MM-DD form: {value!r}")


def reference_date(text: str, option: Optional[str] = None, config: Optional[str] = None,
                   today: Optional[Date] = None, allow_today: bool = True) -> RefDate:
    """--date, else the document's own date line, else config `date`, else today."""
    if option:
        return RefDate(parse_iso(option), "option")
    found = document_date(text)
    if found:
        return RefDate(found[0], "document", found[1])
    if config:
        return RefDate(parse_iso(config), "config")
    if allow_today:
        return RefDate(today or Date.today(), "today")
    return RefDate(None, "none")
