"""Figures: the indicators a document states and the values it gives them.

A figure is an indicator from dictionaries/indicators.txt (生产总值, 城镇新增就业,
粮食产量 …) followed, through a closed set of words, by a value with its unit:

    国内生产总值 | 超过 | 126万亿元          level, bound ">="
                 ，增长 | 5.2%               change (the next clause goes on with the same subject)
    城镇新增就业 | 1244万人                  level
    城镇调查失业率 | 平均为 | 5.2%            level, modifier 平均
    地区生产总值 | 增长 | 5%左右              change, bound "~", a target

Anything else between the indicator and the value (分别, 的比重, 贡献率, a second
indicator …) means the value is not the indicator's own, and no figure is read.
Nor is an indicator read when it is the tail of a longer name (数字经济增长,
人均国内生产总值, 占国内生产总值) or a from-to pair (从26.6万亿元增加到51.9万亿元).

Every figure carries what makes it a separate fact (`Figure.key`):

- the measure: level (水平), change (增长/下降, or 增加/减少 for an absolute change), with
  its modifiers (实际, 名义, 年均, 累计, 平均, 同口径, a basis 比2010年);
- the unit (%, 个百分点, 元, 人, 斤 …): 5.2% and 5.2个百分点 are different facts;
  multipliers (万, 亿) are applied, units are never converted (斤 ≠ 吨);
- the bound: exact, about (约, 左右, 近), at least (超过, 以上, 多), at most (以内, 不超过);
- the kind: target (预期目标, 力争, 确保, 要, 拟, 左右, 以上 …), estimate (预计) or
  achieved (everything else: 完成, 实现, 达到, a review);
- the period: the nearest time word before the value in its sentence (2023年, 去年,
  今年, 前三季度, 五年来 …), else the heading it sits under (一、2023年工作回顾),
  else none; 今年/去年 become years when the document is dated (——2024年3月5日在…);
- the scope: a level of government or region written before the indicator (中央, 地方,
  全国, 城镇, 东部 …); 全省/全市/全区/全县 are the document's own and count as none.

Values compare at the coarser precision of the two (126万亿元 agrees with 126.06万亿元).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Dict, List, NamedTuple, Optional, Sequence, Tuple


from doclint.text import numerals, rx

# ---------------------------------------------------------------------------
# values

# A number starts where no digit stands before it and is at most 20 characters long, so a long run
# of digits or numerals costs linear time (every start inside it fails at once).
_AR = r"(?<![0-9０-９.．,])[0-9０-９]{1,20}(?:,[0-9]{3}){0,6}(?:[.．][0-9０-９]{1,10})?"
_CN = r"(?<![零〇○一二两三四五六七八九十百千万亿])[零〇○一二两三四五六七八九十百千万亿]{1,20}(?:点[零〇○一二三四五六七八九]{1,10})?"
# Units after a number: rates first, then the measures official reports count in (longest first).
_RATE_UNITS = ("个百分点", "百分点", "%", "％", "‰", "倍")
_UNITS = ("平方公里", "平方米", "立方米", "千瓦时", "万千瓦", "公里", "千米", "公顷", "千瓦", "标箱", "批次", "人次",
          "美元", "欧元", "公斤", "千克", "吨", "斤", "亩", "元", "人", "户", "套", "个", "家", "项", "所", "座",
          "辆", "台", "件", "场", "艘", "架", "列", "头", "张", "处", "条", "名", "位", "种", "次", "篇", "部",
          "册", "间", "张", "只", "株", "棵", "公顷")
_UNIT_RX = "|".join(sorted(set(_RATE_UNITS + _UNITS), key=lambda u: (-len(u), u)))  # a fixed order: the pattern is cached
_PERCENT_UNITS = {"%": "%", "％": "%", "‰": "‰", "百分点": "个百分点", "个百分点": "个百分点", "倍": "倍"}

VALUE = (rf"(?P<value>百分之(?P<pct>{_AR}|{_CN})"
         rf"|(?P<num>{_AR}|{_CN})(?P<more>多|余)?(?P<mult>万亿|亿|万)?(?P<more2>多|余)?(?P<unit>{_UNIT_RX}))")
_VALUE_RX = rx.compile(VALUE)
_FW = str.maketrans("０１２３４５６７８９．", "0123456789.")
_MULT = {"": Decimal(1), "万": Decimal(10) ** 4, "亿": Decimal(10) ** 8, "万亿": Decimal(10) ** 12}


def _cn_integer(s: str) -> Optional[int]:
    """一千一百七十二, 四万三千, 三亿五千万, 一万零五百: groups of up to 9999 split at 亿 and 万, each
    group read by doclint.text.numerals (the one Chinese-numeral parser)."""
    if "亿" in s:
        head, _, rest = s.partition("亿")
        high = _cn_integer(head) if head else None
        low = _cn_integer(rest.lstrip("零")) if rest.lstrip("零") else 0
        return None if high is None or low is None else high * 10 ** 8 + low
    if "万" in s:
        head, _, rest = s.partition("万")
        high = numerals.parse(head) if head else None
        low = numerals.parse(rest.lstrip("零")) if rest.lstrip("零") else 0
        return None if high is None or low is None else high * 10 ** 4 + low
    return numerals.parse(s)


def _number(s: str) -> Optional[Tuple[Decimal, Decimal]]:
    """(value, quantum) of a number as written: 5.2 -> (5.2, 0.1); 四万三千 -> (43000, 1000)."""
    a = s.translate(_FW).replace(",", "")
    if a[:1].isdigit():
        try:
            v = Decimal(a)
        except InvalidOperation:
            return None
        exp = v.as_tuple().exponent
        return v, Decimal(1).scaleb(min(0, exp))
    whole, _, frac = s.partition("点")
    n = _cn_integer(whole)
    if n is None:
        return None
    if frac:
        digits = "".join(str(numerals.DIGITS.get(c, "")) for c in frac)
        if len(digits) != len(frac):
            return None
        return Decimal(f"{n}.{digits}"), Decimal(1).scaleb(-len(digits))
    # 一千二百万 is written in 万 as 1200万 is: to the nearest 万
    q = 10 ** 8 if whole.endswith("亿") else 10 ** 4 if whole.endswith("万") else 1
    return Decimal(n), Decimal(q)


@dataclass(frozen=True)
class Value:
    amount: Decimal     # multipliers applied
    quantum: Decimal    # the precision it is written to (same scale)
    unit: str           # "%", "个百分点", "元", "人" …
    more: bool          # 多/余 written inside the number (1000多亿元)
    text: str
    start: int
    end: int
    rounded: bool = True   # written with decimals or 万/亿, so possibly rounded (65个 is exact)

    @property
    def slack(self) -> Decimal:
        """How far the true amount may be from the written one by rounding."""
        return self.quantum / 2 if self.rounded else Decimal(0)


def read_value(m) -> Optional[Value]:
    """A Value from a match of VALUE (None for numerals that are not numbers, 一二十)."""
    if m.group("pct") is not None:
        got = _number(m.group("pct"))
        if got is None:
            return None
        return Value(got[0], got[1], "%", False, m.group("value"), m.start("value"), m.end("value"))
    got = _number(m.group("num"))
    if got is None:
        return None
    mult = _MULT[m.group("mult") or ""]
    unit = m.group("unit")
    unit = _PERCENT_UNITS.get(unit, unit)
    rounded = bool(m.group("mult")) or got[1] != 1 or is_rate(unit)
    return Value(got[0] * mult, got[1] * mult, unit, bool(m.group("more") or m.group("more2")),
                 m.group("value"), m.start("value"), m.end("value"), rounded)


def same_amount(a: Value, b: Value) -> bool:
    """Whether two values state the same amount. Rates are written to the precision meant (5% is
    not 5.5%); other amounts are often rounded, so the coarser one agrees with the finer one
    rounded to its precision (126万亿元 and 126.06万亿元 agree)."""
    if a.amount == b.amount:
        return True
    if is_rate(a.unit) or is_rate(b.unit):
        return False
    coarse, fine = (a, b) if a.quantum >= b.quantum else (b, a)
    q = coarse.quantum
    try:
        if abs(coarse.amount / q) < 10:
            return False  # one significant digit (2万人) is a figure of its own, not a rounding
        return coarse.amount == (fine.amount / q).quantize(Decimal(1), "ROUND_HALF_UP") * q
    except InvalidOperation:
        return False


def is_rate(unit: str) -> bool:
    return unit in ("%", "‰", "个百分点", "倍")


# ---------------------------------------------------------------------------
# indicators


@dataclass(frozen=True)
class Indicator:
    name: str            # the first form on its line
    form: str            # the form as listed
    measure: str         # "" or the measure the form already says (经济增长: 增长)


@lru_cache(maxsize=16)
def indicator_table(entries: Tuple) -> Tuple[Dict[str, Indicator], object]:
    """Forms -> Indicator and one pattern matching any form (longest first) from dictionary entries."""
    forms: Dict[str, Indicator] = {}
    for e in entries:
        measure = e.option("measure", "") or ""
        name = e.columns[0]
        for form in e.columns:
            form = form.strip()
            if form and form not in forms:
                forms[form] = Indicator(name, form, measure)
    if not forms:
        return forms, None
    # Only literal names: the standard library's engine searches this three times as fast as regex's.
    return forms, re.compile(literal_pattern(sorted(forms)))


def literal_pattern(words: Sequence[str]) -> str:
    """One pattern matching the longest of `words` at a position, with shared prefixes factored out
    (a plain alternation of a hundred names is several times slower to search)."""
    trie: dict = {}
    for w in words:
        node = trie
        for c in w:
            node = node.setdefault(c, {})
        node[""] = {}

    def build(node) -> str:
        ends = "" in node
        alts = [re.escape(c) + build(child) for c, child in sorted(node.items()) if c]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if ends else body

    return build(trie)


# ---------------------------------------------------------------------------
# the words between an indicator and its value

# Scope words written right before an indicator. The document's own region counts as none.
_SCOPE = rx.compile(r"(?:中央财政|地方财政|中央本级|中央|地方|全国|全省|全市|全区|全县|全州|全盟|全旗|全社会|城乡|城镇|农村|"
                    r"东部地区|中部地区|西部地区|东北地区|东部|中部|西部|东北|脱贫地区|贫困地区|民族地区|省级|市级|县级|"
                    r"国有|民营|外资|私营)$")
_OWN_SCOPE = {"全省", "全市", "全区", "全县", "全州", "全盟", "全旗", "全社会"}
# What may stand right before an indicator (or its scope word) for the indicator to be the subject.
_LEFT_OK = rx.compile(r"(?:^|[^\p{Han}]|[的年月度是和与及即其中为将使把在]|实现|完成|确保|力争|预计|保持|安排|其中|全年|当年|同期)$")

_MODS = (r"(?:按可比价格计算|按可比价计算|扣除价格因素|比上年末|比上年|比去年同期|比去年|比年初|同比|环比|实际|名义|"
         r"年均|年平均|平均每年|每年平均|平均|累计|同口径|全年|当年|总量|总额|规模|"
         r"比(?P<basis>[0-9]{4}|[〇○零一二三四五六七八九]{4})年(?:末|底)?)")
_UP = "增长|增加|提高|上升|上涨|提升|扩大|增"
_DOWN = "下降|降低|减少|回落|收窄|下调|降"
_RATE_NOUN = "增速|增幅|增长率|涨幅|降幅"
_LINK = (r"(?:达到了|达到|达|为|是|在|至|超过|突破|逾|稳定在|保持在|控制在|约为|约|近|接近|高达|超|不低于|不超过|不到|"
         r"低于|高于|将近|大约|增至|降至|提高到|提高至|增加到|增加至|上升到|上升至|下降到|下降至|降到|减少到|减少至|提升到|提升至|"
         r"分别)")
_LINK_RX = rx.compile(_LINK)
_UP_RX = rx.compile(_UP)
_DOWN_RX = rx.compile(_DOWN)
_POST = r"(?P<post>左右|以上|以内|以下|上下)?"
_TAIL = rx.compile(
    rf"(?P<mods>{_MODS}*)(?P<verb>{_RATE_NOUN}|{_UP}|{_DOWN})?(?P<mods2>{_MODS}*)(?P<links>{_LINK}*){VALUE}{_POST}")
# A clause that goes on with the same subject: ，增长5.2%
_GO_ON = rx.compile(r"[，、,]")
_TO_FORM = rx.compile(r"(?:增至|降至|提高到|提高至|增加到|增加至|上升到|上升至|下降到|下降至|降到|减少到|减少至|提升到|提升至)$")
_PAIRED = rx.compile(rf"[和、及与至到—～~\-－](?:{_AR}|{_CN})")
_FROM = rx.compile(r"[从由](?:[^，。；：]{0,20})$")

_ABOUT = ("约", "左右", "近", "接近", "将近", "大约", "上下")
_AT_LEAST = ("超过", "突破", "逾", "超", "以上", "不低于", "高于")
_AT_MOST = ("以内", "以下", "不超过", "不到", "低于")


def _bound(links: str, post: str, more: bool) -> str:
    """'' exact, '~' about, '>=' at least, '<=' at most."""
    words = _LINK_RX.findall(links) + ([post] if post else [])
    if more:
        words.append("超过")
    for w in reversed(words):
        if w in _ABOUT:
            return "~"
        if w in _AT_LEAST:
            return ">="
        if w in _AT_MOST:
            return "<="
    return ""


def _measure(verb: str, mods: str, unit: str, default: str, basis: Optional[str]) -> str:
    mod = ""
    for w in ("实际", "名义", "年均", "年平均", "平均每年", "每年平均", "累计", "同口径", "环比", "平均"):
        if w in mods:
            mod = {"年平均": "年均", "平均每年": "年均", "每年平均": "年均"}.get(w, w)
            break
    if verb in ("增速", "增幅", "增长率"):
        core = "增长"
    elif verb == "涨幅":
        core = "上涨"
    elif verb == "降幅":
        core = "下降"
    elif verb and _UP_RX.fullmatch(verb):
        core = "增长" if is_rate(unit) else "增加"
    elif verb and _DOWN_RX.fullmatch(verb):
        core = "下降" if is_rate(unit) else "减少"
    else:
        core = default or "水平"
    if default and core in ("增长", "上涨") and default != core and not verb:
        core = default
    out = mod + core
    if basis:
        out += f"（比{basis}年）"
    return out


# ---------------------------------------------------------------------------
# kind and period

_TARGET = rx.compile(r"目标|预期|力争|确保|争取|拟|计划|(?<![重主需必首紧只纲摘提简])要(?![求素点害闻])|规划|力求|努力")
# The heading a figure sits under says what it is when its sentence does not.
_REVIEW_HEADING = rx.compile(r"回顾|成绩|过去|以来|工作总结")
_PLAN_HEADING = rx.compile(r"任务|安排|部署|总体要求|目标|计划|建议|政策取向")
_QUOTED = rx.compile(r"“[^“”\n]{1,20}”")
_ESTIMATE = rx.compile(r"预计")
_DONE = rx.compile(r"(?:完成|实现|达到|超额完成|超过)[^，。；]{0,10}目标|目标[^，。；]{0,6}(?:完成|实现)")
_AFTER_TARGET = rx.compile(r"(?:的|这一|这个)?(?:增长|预期|主要|年度|奋斗)?目标")

_YEAR_WORD = r"(?:[12][0-9]{3}|[１２][０-９]{3}|[〇○零一二三四五六七八九]{4})"
_PERIOD_RX = (
    rf"(?P<basis>(?:与|同|和)(?P<by>{_YEAR_WORD})年(?:相比|比)|(?:比|较)(?P<by2>{_YEAR_WORD})年(?:末|底)?)"
    rf"|(?P<since>{_YEAR_WORD}年(?:底|末)?以来|以来)"
    rf"|(?P<year>(?<!比){_YEAR_WORD})年(?:度)?(?P<yp>底|末|初|全年)?"
    r"|(?<!比)(?P<rel>去年|上年|上一年|过去一年|一年来|今年|本年|明年|当年)(?P<rp>底|末|初)?"
    r"|(?P<sub>前三季度|前两季度|上半年|下半年|(?:第?[一二三四1-4])季度|前(?:[0-9]{1,2}|[一二三四五六七八九十]{1,2})个月"
    r"|[0-9]{1,2}[—\-－~～至][0-9]{1,2}月|[一二三四五六七八九十]{1,2}至[一二三四五六七八九十]{1,2}月)"
    r"|(?P<multi>(?<![一二三四五六七八九十])(?:[0-9]{1,2}|[二三四五六七八九十两]|[一二三四五六七八九]?十[一二三四五六七八九]?)年来|过去(?:[0-9]{1,2}|[一二三四五六七八九十两]{1,2})年"
    r"|近(?:[0-9]{1,2}|[一二三四五六七八九十两]{1,2})年|“[^”]{2,5}”(?:时期|期间)|期间|时期|五年来|这些年)")
_PERIOD = rx.compile(_PERIOD_RX)
# A time word that opens a sentence frames the sentences after it: 过去五年，… 2025年，…
_OPENING_PERIOD = rx.compile(rf"\s*(?:在|回顾)?(?:{_PERIOD_RX})(?=[，,、]|[^\p{{Han}}]|以来|来|中|里|间)")
_REL = {"去年": -1, "上年": -1, "上一年": -1, "过去一年": -1, "一年来": -1, "今年": 0, "本年": 0, "明年": 1}
# A dated subtitle: ——2024年3月5日在第十四届全国人民代表大会第二次会议上
_DATED = rx.compile(r"(?P<y>[12][0-9]{3}|[〇○零一二三四五六七八九]{4})年[0-9０-９一二三四五六七八九十]{1,2}月"
                    r"[0-9０-９一二三四五六七八九十]{1,3}日在")


def report_year(text: str, headings=()) -> Optional[int]:
    """The year the document speaks in (its 今年): the year of its dated subtitle (——2024年3月5日在…
    会议上) near the start; else the year after the one its review heading names (一、2023年工作回顾),
    or the year its plan heading names (三、2024年政府工作任务), when these agree."""
    m = _DATED.search(text, 0, min(len(text), 600))
    if m:
        return numerals.parse(m.group("y").translate(_FW), digitwise=True)
    years = set()
    for h in headings:
        if h.level not in (0, 1):
            continue
        found = [m for m in _PERIOD.finditer(h.title) if not m.group("basis")]
        if len(found) != 1 or not found[0].group("year"):
            continue
        y = numerals.parse(found[0].group("year").translate(_FW), digitwise=True)
        if _REVIEW_HEADING.search(h.title):
            years.add(y + 1)
        elif _PLAN_HEADING.search(h.title):
            years.add(y)
    return years.pop() if len(years) == 1 else None


def _period_of(m, year: Optional[int]) -> str:
    if m.group("since"):
        return "以来"
    if m.group("year"):
        y = numerals.parse(m.group("year").translate(_FW), digitwise=True)
        return f"{y}年{m.group('yp') or ''}".replace("全年", "")
    if m.group("rel"):
        w = m.group("rel")
        tail = m.group("rp") or ""
        if w == "当年":
            return "当年" + tail
        if year is not None:
            return f"{year + _REL[w]}年{tail}"
        return ("今年" if _REL[w] == 0 else "去年" if _REL[w] < 0 else "明年") + tail
    if m.group("sub"):
        return m.group("sub")
    return "多年"


# ---------------------------------------------------------------------------
# figures


@dataclass(frozen=True)
class Figure:
    indicator: str        # the indicator's name (first form of its dictionary line)
    written: str          # the indicator as written, with its scope word
    measure: str          # 水平, 增长, 下降, 增加, 实际增长, 年均增长, …
    value: Value
    bound: str            # "", "~", ">=", "<="
    kind: str             # "target", "estimate", "achieved"
    period: str           # "2023年", "去年", "前三季度", "多年", "" …
    period_from: str      # "sentence", "paragraph", "heading", "ambiguous" (a heading naming two periods) or ""
    scope: str            # "" or 中央, 地方, 全国, 城镇 …
    start: int            # the indicator as written (with its scope word)
    end: int
    sentence: Tuple[int, int]
    paragraph: int        # index in doc.paragraphs
    line: int
    section: Tuple = field(default=(), compare=False)
    shown: str = ""       # the value with the bound words written around it: 超过126万亿元, 5%左右

    @property
    def key(self) -> tuple:
        """What makes two figures the same fact."""
        return (self.indicator, self.measure, self.value.unit, self.bound, self.kind, self.period, self.scope)



_STRETCH_END = rx.compile(r"[。！？!?]+[”’」』）)]*")


def _stretches(text: str, start: int, end: int):
    """Sentences of a paragraph ending at 。！？ (a ； list stays in one stretch)."""
    pos = start
    for m in _STRETCH_END.finditer(text, start, end):
        yield pos, m.end()
        pos = m.end()
    if pos < end:
        yield pos, end


def _scope_before(text: str, s0: int, pos: int) -> Optional[Tuple[str, int]]:
    """(scope, start) when the indicator at `pos` is a subject: ('', pos) with no scope word; None
    when it is the tail of a longer name or an object (数字经济增长, 占国内生产总值, 人均GDP)."""
    before = text[max(s0, pos - 8):pos]
    scope, start = "", pos
    m = _SCOPE.search(before)
    if m:
        scope = m.group(0)
        start = pos - len(scope)
        before = before[:len(before) - len(scope)]
    if not _LEFT_OK.search(before if before else ""):
        return None
    return ("" if scope in _OWN_SCOPE else scope), start


def _unquoted(s: str) -> str:
    """`s` without its quoted names (“两个确保” is no target word)."""
    return _QUOTED.sub("“”", s)


def _kind_in(head: str) -> Optional[str]:
    if _DONE.search(head):
        return "achieved"
    if _ESTIMATE.search(head):
        return "estimate"
    if _TARGET.search(head):
        return "target"
    return None


class _Context(NamedTuple):
    """Where a figure stands: its sentence, the last earlier sentence of its paragraph that opens
    with a time word (过去五年，…), and the lead-in paragraph before a list (…主要预期目标是：)."""
    start: int
    end: int
    opening: Optional[object]          # that time word's match, or None
    lead: Optional[Tuple[int, int]]


def _kind(text: str, context: _Context, v_end: int, post: str, headings) -> str:
    """target / estimate / achieved: from the words of the sentence up to the value and just after
    it, else from the lead-in (…主要预期目标是：), else from the heading (工作回顾 / 工作任务), else
    左右/以上 after the value make it a target."""
    got = _kind_in(_unquoted(text[context.start:v_end]))
    if got:
        return got
    if _AFTER_TARGET.match(text, v_end, v_end + 8):
        return "target"
    if context.lead:
        got = _kind_in(_unquoted(text[context.lead[0]:context.lead[1]]))
        if got:
            return got
    for h in reversed(headings):
        if _REVIEW_HEADING.search(h.title):
            return "achieved"  # 粮食总产量稳定在550亿斤左右 in a review: an approximate result
        if _PLAN_HEADING.search(h.title):
            return "target"
    return "target" if post in ("左右", "以上") else "achieved"


def _period(text: str, context: _Context, v_start: int, year: Optional[int],
            headings) -> Tuple[str, str, Optional[str]]:
    """(period, where it was read, basis year): the last time word before the value in its
    sentence; else one that opens an earlier sentence of the paragraph (过去五年，…) or the
    lead-in; else the innermost heading that has one."""
    basis = None
    last = None
    for m in _PERIOD.finditer(text, context.start, v_start):
        if m.group("basis"):
            basis = str(numerals.parse((m.group("by") or m.group("by2")).translate(_FW), digitwise=True))
        else:
            last = m
    if last is not None:
        return _period_of(last, year), "sentence", basis
    if context.opening is not None:
        return _period_of(context.opening, year), "paragraph", basis
    if context.lead:
        found = [m for m in _PERIOD.finditer(text, *context.lead) if not m.group("basis")]
        if found:
            return _period_of(found[-1], year), "paragraph", basis
    for h in reversed(headings):
        found = {_period_of(m, year) for m in _PERIOD.finditer(h.title) if not m.group("basis")}
        if found:
            # 2025年和“十四五”时期工作回顾: a section about two periods says neither
            return (found.pop(), "heading", basis) if len(found) == 1 else ("", "ambiguous", basis)
    return "", "", basis


def _read_tail(text, pos, end):
    m = _TAIL.match(text, pos, end)
    if not m:
        return None
    v = read_value(m)
    if v is None:
        return None
    if "分别" in m.group("links") or _PAIRED.match(text, m.end(), end):
        return None  # 实际增长9.8%和8.5%: values of a list of subjects, not of this one alone
    return m, v


# 平均每年城镇新增就业1000多万人: a modifier written before the indicator.
_PRE_MODS = rx.compile(r"(?:年均|平均每年|每年平均|累计)(?:[^，。；：]{0,2})$")
_LEAD_IN = rx.compile(r"[：:]$")


def figures(doc, entries) -> List[Figure]:
    """The figures of `doc` for these indicator entries, computed once per document."""
    entries = tuple(entries)
    return doc.derived(f"figures:{hash(entries)}", lambda d: figures_in(d, entries))


def figures_in(doc, entries) -> List[Figure]:
    """Every figure of the document (see the module docstring), in text order."""
    forms, pattern = indicator_table(tuple(entries))
    if pattern is None:
        return []
    text = doc.text
    paras = doc.paragraphs
    starts = [p.start for p in paras]
    # One pass of the indicator pattern over the whole text, then the paragraphs that have a match.
    by_para: Dict[int, list] = {}
    for m in pattern.finditer(text):
        pi = bisect.bisect_right(starts, m.start()) - 1
        if pi >= 0 and m.end() <= paras[pi].end:
            by_para.setdefault(pi, []).append(m)
    if not by_para:
        return []
    outline = doc.headings
    year = report_year(text, outline.headings)
    out: List[Figure] = []
    for pi in sorted(by_para):
        para = paras[pi]
        # A list of targets may follow a lead-in paragraph: 今年…主要预期目标是：
        lead = (paras[pi - 1].start, paras[pi - 1].end) if pi and _LEAD_IN.search(paras[pi - 1].text) else None
        opening = None
        found = by_para[pi]
        k = 0
        for s0, s1 in _stretches(text, para.start, para.end):
            context = _Context(s0, s1, opening, lead)
            while k < len(found) and found[k].start() < s1:
                m = found[k]
                k += 1
                if m.start() >= s0 and m.end() <= s1:
                    out.extend(_figures_at(doc, m, context, pi, forms, year, outline))
            got = _OPENING_PERIOD.match(text, s0, s1)
            if got is not None and not got.group("basis"):
                opening = got
    return out


def _figures_at(doc, m, context, pi, forms, year, outline) -> List[Figure]:
    """The figures of the indicator matched by `m`: its value and the values of the clauses that go on
    with it (国内生产总值超过126万亿元，增长5.2%)."""
    text = doc.text
    s0, s1 = context.start, context.end
    ind = forms.get(m.group(0))
    got = _scope_before(text, s0, m.start()) if ind is not None else None
    if got is None or _FROM.search(text, s0, m.start()):
        return []
    scope, w_start = got
    pre = _PRE_MODS.search(text, max(s0, w_start - 6), w_start)
    subject = _Subject(ind, text[w_start:m.end()], scope, w_start, m.end(), pre.group(0) if pre else "")
    out: List[Figure] = []
    pos = m.end()
    while True:
        tail = _read_tail(text, pos, s1)
        if tail is None:
            break
        t, v = tail
        first = not out
        if _TO_FORM.search(t.group("links")) or (first and _FROM.search(text, s0, t.start())):
            break  # 从A增加到B: neither value is a figure of its own
        if ind.measure and first and (t.group("verb") or t.group("mods")):
            break  # 经济增长实际增长…: not the form's own measure
        out.append(_figure(doc, subject, t, v, context, pi, year, outline, first))
        go = _GO_ON.match(text, t.end(), s1)
        if not go:
            break
        pos = go.end()
        nxt = _TAIL.match(text, pos, s1)
        if not nxt or not (nxt.group("verb") or nxt.group("mods") or nxt.group("links")):
            break
    return out


@dataclass(frozen=True)
class _Subject:
    indicator: Indicator
    written: str
    scope: str
    start: int
    end: int
    pre_mods: str


def _figure(doc, subject: _Subject, t, v: Value, context, pi, year, outline, first: bool) -> Figure:
    text = doc.text
    post = t.group("post") or ""
    section = tuple(outline.section_at(t.start()))
    period, period_from, basis = _period(text, context, v.start, year, section)
    mods = subject.pre_mods + (t.group("mods") or "") + (t.group("mods2") or "")
    measure = _measure(t.group("verb") or "", mods, v.unit, subject.indicator.measure if first else "",
                       t.group("basis") or basis)
    return Figure(subject.indicator.name, subject.written, measure, v, _bound(t.group("links"), post, v.more),
                  _kind(text, context, t.end(), post, section), period, period_from, subject.scope,
                  subject.start, subject.end, (context.start, context.end), pi, doc.position(v.start)[0], section,
                  _bound_words(t) + v.text + post)


def _bound_words(t) -> str:
    """The bound word among the words before a value (超过 in 比上年超过), '' if none."""
    words = _LINK_RX.findall(t.group("links") or "")
    return words[-1] if words and words[-1] in _ABOUT + _AT_LEAST + _AT_MOST else ""


# ---------------------------------------------------------------------------
# totals and their parts (DL605)

# The parts of a total: 总投资120亿元，其中A 65亿元、B 48亿元
_OF_WHICH = rx.compile(r"[，,；;]\s*其中[，,：:]?")
_CLAUSE_MARKS = "，,；;：:。！？"
_CLAUSE_MAX = 200
_WHOLE = rx.compile(r"共计|合计|总计|总共|一共|共有|(?<![公])共(?![同享建赢治商识产])|总数|总量|总额|总规模|总投资")
# An average or a rate per head is no sum of parts: 年均超收2040亿元，其中去年超收2573亿元
_NOT_A_SUM = rx.compile(r"年均|平均|人均|每年|每人|每户|每亩|最高|最低|峰值|单日|单月")
_PARTIAL = rx.compile(r"等|主要|包括|部分|一批|重点|比如|例如|如|首批|之一|以上的|不少于")
# A change before the value: a growth rate is no total, and rates do not add up.
_CHANGE_BEFORE = rx.compile(r"增长|增速|增幅|涨幅|下降|降低|降幅|提高|回落|上升|上涨|减少|增加")
# Two parts that between them make up a whole.
_COMPLEMENTS = (("中央", "地方"), ("城镇", "农村"), ("城市", "农村"), ("男", "女"), ("出口", "进口"),
                ("国内", "国外"), ("境内", "境外"), ("预期性", "约束性"), ("公办", "民办"), ("新开工", "续建"),
                ("新建", "续建"), ("省级", "市县"), ("本级", "下级"), ("一般债券", "专项债券"))


@dataclass(frozen=True)
class Part:
    value: Value
    bound: str
    share: bool          # 占x%: a share of the whole
    label: str           # the words of the part's clause before its value


@dataclass(frozen=True)
class Breakdown:
    total: Value
    total_bound: str
    whole: bool          # the total says it is the whole (共, 合计, 以上共计 …)
    listed: bool         # the parts are items an enumeration counted (以上共计N项)
    parts: Tuple[Part, ...]
    partial: bool        # a word says the list is not complete (等, 主要, 包括 …)
    complementary: bool  # two parts that make up a whole between them (中央/地方, 城镇/农村)


def _one_value(text: str, a: int, b: int):
    """The only value of text[a:b] with its bound words, or None (no value, or several)."""
    found = list(_BOUNDED_VALUE.finditer(text, a, b))
    if len(found) != 1:
        return None
    m = found[0]
    v = read_value(m)
    if v is None:
        return None
    return v, _bound(m.group("pre") or "", m.group("post") or "", v.more), text[a:m.start("value")]


_BOUNDED_VALUE = rx.compile(rf"(?P<pre>(?:{_LINK})*){VALUE}{_POST}")


def _total_before(text: str, start: int, pos: int):
    """(value, bound, clause) of the total in the clause that ends at `pos` (just before ，其中)."""
    start = max(start, pos - _CLAUSE_MAX)  # a total's clause is short; looking further costs time only
    cut = max(start, max(text.rfind(c, start, pos) for c in _CLAUSE_MARKS) + 1)
    got = _one_value(text, cut, pos)
    if got is None:
        return None
    v, bound, label = got
    share = v.unit == "%" and _SHARE_LABEL.search(label)
    if (is_rate(v.unit) and not share) or _CHANGE_BEFORE.search(label) or _NOT_A_SUM.search(label) or \
            text[v.end:pos].strip("左右以上以内以下多余 "):
        return None  # a growth rate, or a value that does not close its clause
    return v, bound, text[cut:pos]


# 占x%: the value is a share of a whole
_SHARE_LABEL = rx.compile(r"(?:占|占比|比重|比例)(?:为|达到|达)?$")


_MAX_PARTS = 100


def _parts_after(text: str, pos: int, end: int, unit: str, share_ok: bool) -> List[Part]:
    """The items after 其中 that each give one value of the total's unit (or a share, 占x%): clauses
    split at ，；, each clause at 、 unless it says 分别 (境内、境外游客分别为900万人次和150万人次)."""
    parts: List[Part] = []
    for a, b, sep in _pieces(text, pos, end, "，,；;"):
        if "其中" in text[a:b] or len(parts) > _MAX_PARTS:
            break  # the parts of another total (or no list a document writes)
        many = _SEVERAL.search(text, a, b)
        if many:
            values = [read_value(x) for x in _VALUE_RX.finditer(many.group("vals"))]
            if not values or any(v is None or v.unit != unit for v in values):
                return parts
            parts.extend(Part(v, "", False, text[a:many.start()]) for v in values)
        else:
            for c, d, _ in _pieces(text, a, b, "、"):
                part = _part(text, c, d, unit, share_ok)
                if part is None:
                    return parts
                parts.append(part)
        if sep in "；;":
            break
    return parts


def _pieces(text: str, a: int, b: int, seps: str):
    """(start, end, separator after) of the pieces of text[a:b] split at any of `seps`."""
    start = a
    for i in range(a, b):
        if text[i] in seps:
            yield start, i, text[i]
            start = i + 1
    yield start, b, ""


def _part(text: str, a: int, b: int, unit: str, share_ok: bool) -> Optional[Part]:
    got = _one_value(text, a, b)
    if got is None:
        return None
    v, bound, label = got
    share = bool(v.unit == "%" and _SHARE_LABEL.search(label))
    if _CHANGE_BEFORE.search(label) or _OWN_TOTAL.search(label) or _NOT_A_SUM.search(label) or \
            not (v.unit == unit or (share and share_ok)):
        return None  # a rate, a total of its own (高速公路总里程达…) or another unit: the list has ended
    return Part(v, bound, share, label)


_OWN_TOTAL = rx.compile(r"总|累计|全部|合计|共计|共有")
_SEVERAL = rx.compile(rf"分别(?:为|是|达到|达)?(?P<vals>(?:{_AR}(?:万亿|亿|万)?(?:{_UNIT_RX})?[和、与及])+{_AR}(?:万亿|亿|万)?(?:{_UNIT_RX}))")


def _complementary(parts: Sequence[Part]) -> bool:
    if len(parts) != 2:
        return False
    a, b = parts[0].label, parts[1].label
    return any((x in a and y in b) or (y in a and x in b) for x, y in _COMPLEMENTS)


def breakdowns(doc) -> List[Breakdown]:
    """Every total with its listed parts: 共N个，其中A x个、B y个 and 一是…N项…以上共计M项."""
    return doc.derived("breakdowns", _breakdowns)


def _breakdowns(doc) -> List[Breakdown]:
    text = doc.text
    out: List[Breakdown] = []
    for para in doc.paragraphs:
        if "其中" in para.text:
            for s0, s1 in _stretches(text, para.start, para.end):
                for m in _OF_WHICH.finditer(text, s0, s1):
                    got = _of_which(text, s0, s1, m)
                    if got is not None:
                        out.append(got)
        if "以上" in para.text or "合计" in para.text or "总计" in para.text:
            out.extend(_counted_list(text, para.start, para.end))
    return out


def _of_which(text, s0, s1, m) -> Optional[Breakdown]:
    total = _total_before(text, s0, m.start())
    if total is None:
        return None
    v, bound, clause = total
    parts = _parts_after(text, m.end(), s1, v.unit, share_ok=True)
    if not parts:
        return None
    # 等 after the last part, or 主要/包括/部分 … among the parts, says the list is not the whole
    listed = text[m.end():parts[-1].value.end + 1].replace("以上", "")
    partial = bool(_PARTIAL.search(listed) or _PARTIAL.match(text, m.end()))
    return Breakdown(v, bound, bool(_WHOLE.search(clause)), False, tuple(parts), partial, _complementary(parts))


# 以上共计28项指标 after 一是…提出6项指标…二是…5项指标…
_COUNTED = rx.compile(rf"(?:以上|上述)(?:共计|合计|总计|共)(?P<pre>(?:{_LINK})*){VALUE}(?P<noun>\p{{Han}}{{0,4}})")


def _counted_list(text: str, start: int, end: int) -> List[Breakdown]:
    """以上共计N项 and the items before it (back to the previous such total in the paragraph)."""
    out = []
    for m in _COUNTED.finditer(text, start, end):
        total = read_value(m)
        noun = m.group("noun")
        if total is None or is_rate(total.unit) or not noun:
            continue
        parts = []
        for x in _VALUE_RX.finditer(text, start, m.start()):
            if not text.startswith(noun, x.end()):
                continue
            v = read_value(x)
            if v is None or v.unit != total.unit:
                parts = []
                break
            parts.append(Part(v, "", False, text[max(start, x.start() - 12):x.start()]))
        if len(parts) >= 2:
            out.append(Breakdown(total, _bound(m.group("pre") or "", "", total.more), True, True, tuple(parts),
                                 False, False))
        start = m.end()
    return out
