"""DL604-DL606 facts that must agree: one figure for one fact, parts that add up, one way to write a term.

DL604 conflicting-figure
    The same fact given two values: the same indicator (dictionaries/indicators.txt) with the
    same measure, unit, bound, kind (target/estimate/achieved), period and scope
    (doclint.text.figures) written with values that differ at the precision of the coarser
    one. A warning when both periods are read from the figures' own sentences (or both figures
    sit under the same dated heading); otherwise the tie is looser and the finding is info.
DL605 parts-exceed-total
    Parts that do not add up to their stated total: 共N个，其中A x个、B y个 (parts summing to more
    than the total; fewer only when the total says it is the whole, 共/合计/总计, and no word
    says the list is partial: 等, 主要, 包括, 部分 …); the items of an enumeration counted by
    以上共计N项 after them; shares of one whole (其中A占x%、B占y%) over 100%. Bounds (以上, 约,
    左右, 多, 近, 超过) on the total or a part widen what agrees.
DL606 inconsistent-term
    One term written two ways: with and without quotation marks (“四上”企业 / 四上企业), or with
    a different classifier or numeral (十大工程 / 十项工程 / 10大工程). A warning when one form
    is the exception in a document that otherwise writes the term one way; info when the
    forms are mixed.
"""
from __future__ import annotations

import bisect
from collections import defaultdict
import re
from decimal import Decimal
from typing import Dict, List

from doclint.engine.registry import check
from doclint.model.finding import Issue
from doclint.text import figures as fg
from doclint.text import numerals, rx


def _place(doc, offset: int, lang: str) -> str:
    from doclint.text.tasks import section_label
    line = doc.position(offset)[0]
    label = section_label(doc.headings.section_at(offset))
    if lang == "zh":
        return f"第{line}行" + (f"（{label}）" if label else "")
    return f"line {line}" + (f" ({label})" if label else "")


# ---------------------------------------------------------------- DL604

_VAGUE_PERIODS = {"多年", "以来", "当年"}


def _clear_tie(a: fg.Figure, b: fg.Figure) -> bool:
    """Whether two figures of one key are certainly the same fact: both periods written in the
    figures' own sentences, or both a year (2025年, also from a heading), or both read from one
    top-level section's heading."""
    explicit = ("sentence", "paragraph")
    if (a.period_from in explicit and b.period_from in explicit) or (a.period[:1].isdigit() and b.period[:1].isdigit()):
        return True
    if a.period_from == b.period_from == "heading":
        return bool(a.section) and bool(b.section) and a.section[0] is b.section[0]
    return False


def _conflicts(figs: List[fg.Figure]):
    """(earlier, later, clear) for every figure whose value differs from an earlier one of its key.
    Each figure is compared with the first figure of every value its key has had (few, however
    often a document repeats itself)."""
    groups: Dict[tuple, List[fg.Figure]] = defaultdict(list)
    for f in figs:
        if f.period in _VAGUE_PERIODS or f.period_from == "ambiguous":
            continue  # 五年来, 以来, or a section about two periods (2025年和“十四五”时期工作回顾)
        groups[f.key].append(f)
    for group in groups.values():
        firsts: List[fg.Figure] = []
        for b in group:
            agreed = False
            for a in firsts:
                if fg.same_amount(a.value, b.value):
                    agreed = True
                elif a.sentence != b.sentence:
                    yield a, b, _clear_tie(a, b)
                    agreed = True  # reported once
                    break
            if not agreed:
                firsts.append(b)


def _what(f: fg.Figure) -> str:
    measure = "" if f.measure == "水平" else f.measure
    return f"{f.written}{measure}"


@check(
    code="DL604", name="conflicting-figure", severity="warning",
    summary={"zh": "同一指标在不同位置的数值不一致（数据打架）",
             "en": "The same indicator is given different values in different places"},
    description={
        "zh": "把指标（地区生产总值、城镇新增就业、粮食产量、居民人均可支配收入……，见词典 indicators）与紧随其后的"
              "数值关联，区分度量（总量、增长、实际增长、年均增长……）、单位（5.2% 与 5.2个百分点不同）、约数（左右、以上、"
              "超过）、性质（预期目标、预计、实际完成）、时期（2023年、去年、今年、前三季度……）和范围（中央、地方、城镇、"
              "农村……）。这些都相同而数值不同（按较粗的精度比较，126万亿元与126.06万亿元一致）时报告，消息指出两处位置。"
              "两处的时期都写在本句中（或同在一个写明年份的标题下）时为“警告”，否则为“提示”。“分别”、从…增加到…、"
              "占…比重等说法中的数值不关联到指标。",
        "en": "Ties each indicator (地区生产总值, 城镇新增就业, 粮食产量, 居民人均可支配收入 …; dictionary "
              "indicators) to the value that follows it and tells apart the measure (level, growth, real growth, "
              "average annual growth …), the unit (5.2% is not 5.2个百分点), bounds (左右, 以上, 超过), the kind "
              "(target, estimate, achieved), the period (2023年, 去年, 今年, 前三季度 …) and the scope (中央, 地方, "
              "城镇, 农村 …). When all of these agree and the values do not (compared at the coarser precision: "
              "126万亿元 agrees with 126.06万亿元), both places are named. A warning when both periods are written "
              "in the sentences themselves (or both figures are under one dated heading), info otherwise. Values "
              "in 分别 lists, from-to pairs and shares (占…比重) are not tied to the indicator."},
    wrong="一、2025年工作回顾\n全市地区生产总值增长5.2%。\n二、主要成绩\n2025年全市地区生产总值增长5.3%，好于预期。",
    right="一、2025年工作回顾\n全市地区生产总值增长5.2%。\n二、主要成绩\n2025年全市地区生产总值增长5.2%，好于预期。",
)
def conflicting_figure(doc, ctx):
    figs = fg.figures(doc, ctx.entries("indicators"))
    for a, b, clear in _conflicts(figs):
        what = _what(b)
        zh = f"同一指标数值不一致：“{what}”此处为{b.shown}，{_place(doc, a.value.start, 'zh')}为{a.shown}"
        en = (f"conflicting figures for one indicator: “{what}” is {b.shown} here and {a.shown} at "
              f"{_place(doc, a.value.start, 'en')}")
        yield Issue(b.value.start, b.value.end, zh, en, severity=None if clear else "info")


# ---------------------------------------------------------------- DL605

_HUNDRED = Decimal(100)


def _lower(p: fg.Part):
    v = p.value.amount
    return {"": v, ">=": v, "~": v * Decimal("0.9"), "<=": Decimal(0)}[p.bound]


def _slack(b: fg.Breakdown, shares: bool = False):
    """What rounding of the written values may account for (nothing for exact counts such as 65个)."""
    parts = sum((p.value.slack for p in b.parts), Decimal(0))
    return parts if shares else parts + b.total.slack


def _verdict(b: fg.Breakdown):
    """('over' | 'share' | 'under', parts' sum, severity) or None when the parts agree with the total."""
    shares = [p for p in b.parts if p.share]
    if shares:
        if len(shares) != len(b.parts):
            return None
        if b.total.unit == "%":
            return _over(b)  # shares of a share: 实行劳动改造的占42.3%，其中…占25.6%，…占16.7%
        got = sum((_lower(p) for p in shares), Decimal(0))
        return ("share", got, "warning") if got > _HUNDRED + _slack(b, shares=True) else None
    return _over(b) or _under(b)


def _over(b: fg.Breakdown):
    """The parts' least sum above the most the total can be."""
    if b.total_bound not in ("", "<=", "~"):
        return None
    low = sum((_lower(p) for p in b.parts), Decimal(0))
    top = b.total.amount * Decimal("1.1") if b.total_bound == "~" else b.total.amount
    return ("over", low, "warning") if low > top + _slack(b) else None


def _under(b: fg.Breakdown):
    """Parts that say they are the whole and fall short of it."""
    complete = (b.whole or b.complementary or b.listed) and not b.partial and len(b.parts) >= 2
    if not complete or any(p.bound for p in b.parts) or b.total_bound not in ("", ">="):
        return None
    high = sum((p.value.amount for p in b.parts), Decimal(0))
    if high + _slack(b) >= b.total.amount:
        return None
    return "under", high, "warning" if (b.listed or b.complementary) else "info"


def _amount_text(amount, like: fg.Value) -> str:
    """A sum written in the unit and multiplier of `like` (113个, 2.48万亿元)."""
    text = like.text
    for mult, factor in (("万亿", Decimal(10) ** 12), ("亿", Decimal(10) ** 8), ("万", Decimal(10) ** 4)):
        if mult + like.unit in text or text.endswith(mult + like.unit):
            return f"{(amount / factor).normalize():f}{mult}{like.unit}"
    return f"{amount.normalize():f}{like.unit}"


@check(
    code="DL605", name="parts-exceed-total", severity="warning",
    summary={"zh": "分项之和与总数不符（其中各项相加超过总数、比例合计超过100%）",
             "en": "Parts that do not add up to their total (parts over the total, shares over 100%)"},
    description={
        "zh": "核对“共N个，其中A x个、B y个”“总投资N亿元，其中……”中各分项之和与总数，以及“其中A占x%、B占y%”"
              "的比例合计。分项之和超过总数、比例合计超过100%时报告；分项之和少于总数只在总数写明是全部"
              "（共、合计、总计）、分项是互补的两部分（中央/地方、城镇/农村）或是“以上共计N项”所数的前列各项时报告，"
              "且“等、主要、包括、部分”一类说明列举不全时不报告。“以上、约、左右、多、近、超过”按约数放宽，"
              "并容许各数四舍五入的误差。前列各项或互补两部分对不上时为“警告”，仅写明“共”时为“提示”。",
        "en": "Checks the parts listed after 其中 against their total (共N个，其中A x个、B y个; 总投资N亿元，其中…), "
              "and shares (其中A占x%、B占y%) against 100%. Parts over the total and shares over 100% are reported; "
              "parts short of the total only when the total says it is the whole (共, 合计, 总计), the two parts "
              "complement each other (中央/地方, 城镇/农村) or they are the items counted by 以上共计N项, and no word "
              "says the list is partial (等, 主要, 包括, 部分). Bounds (以上, 约, 左右, 多, 近, 超过) and rounding "
              "widen what agrees. A shortfall is a warning for counted items and complementary parts, info when "
              "only 共 says the list is whole."},
    wrong="全年共实施重点项目120个，其中工业项目65个、基础设施项目68个。",
    right="全年共实施重点项目120个，其中工业项目52个、基础设施项目68个。",
)
def parts_exceed_total(doc, ctx):
    for b in fg.breakdowns(doc):
        got = _verdict(b)
        if got is None:
            continue
        what, amount, severity = got
        start, end = b.total.start, b.total.end
        if what == "share":
            zh = f"其中各项所占比例合计{amount.normalize():f}%，超过100%"
            en = f"the shares listed add up to {amount.normalize():f}%, over 100%"
        else:
            shown = _amount_text(amount, b.total)
            more = "超过" if what == "over" else "少于"
            zh = f"分项之和与总数不符：各项相加为{shown}，{more}总数{b.total.text}"
            en = (f"parts do not add up: they sum to {shown}, {'more' if what == 'over' else 'less'} than the total "
                  f"{b.total.text}")
        yield Issue(start, end, zh, en, severity=None if severity == "warning" else "info")


# ---------------------------------------------------------------- DL606

_NUM = "一二三四五六七八九十两百千双0-9０-９"
# A named, numbered slogan in quotation marks: “四上” “六稳” “两不愁三保障” “十四五” “一带一路”
_QUOTED_TERM = rx.compile(rf"“(?P<t>[{_NUM}\p{{Han}}]{{2,8}})”")
_SLOGAN = rx.compile(rf"^(?:[{_NUM}]+\p{{Han}}{{1,3}})+$|^[{_NUM}]{{2,4}}$")
# A term that is only numerals (十四五, 七五) names a plan: bare, it must be followed by what it names.
_COUNT_ONLY = rx.compile(rf"^[{_NUM}]+[条项个点批类种件次号]$")
_PLAN_WORD = rx.compile(r"规划|计划|时期|期间|末|初|以来")
_QUOTES = "“”‘’「」『』\"'《》"
# 十大工程 / 十项工程 / 10大工程: a count, a classifier and what is counted.
_NUMBERED = rx.compile(rf"(?<![{_NUM}第])(?P<n>[{_NUM}]{{1,3}})(?P<c>大|项|个|条|种|类)(?P<w>\p{{Han}})")


def _quoted_spans(text: str):
    return [(m.start(), m.end()) for m in rx.compile(r"“[^“”\n]{0,80}”|《[^《》\n]{0,80}》").finditer(text)]


def _inside(spans, a: int, b: int) -> bool:
    i = bisect.bisect_right(spans, (a, float("inf"))) - 1
    return i >= 0 and spans[i][0] < a and b <= spans[i][1]


def _neighbour(text: str, i: int, step: int) -> str:
    """The nearest non-blank character from i in direction step ('' at the ends)."""
    while 0 <= i < len(text):
        if not text[i].isspace():
            return text[i]
        i += step
    return ""


def _is_bare(text: str, i: int, j: int, spans) -> bool:
    """Whether the term at text[i:j] is written without quotation marks as a term of its own."""
    term = text[i:j]
    before, after = _neighbour(text, i - 1, -1), _neighbour(text, j, 1)
    if before in _QUOTES or after in _QUOTES or _inside(spans, i, j):
        return False
    if before and (before in _NUM or before == "第"):
        return False  # 一九七五 holds 七五; 第十四五 is no term
    if all(c in _NUM for c in term) and not _PLAN_WORD.match(text, j):
        return False  # 十五届, 十五年: not the plan
    return not (term[-1] in _NUM and j < len(text) and text[j] in _NUM)


def _quote_variants(doc):
    """(offset, term, quoted count, bare count, severity) of bare uses of quoted slogans."""
    text = doc.text
    quoted: Dict[str, int] = defaultdict(int)
    for m in _QUOTED_TERM.finditer(text):
        term = m.group("t")
        if _SLOGAN.match(term) and not _COUNT_ONLY.match(term):  # “21条” names a policy, 21条措施 counts
            quoted[term] += 1
    if not quoted:
        return
    spans = _quoted_spans(text)
    bare: Dict[str, List[int]] = defaultdict(list)
    for m in re.finditer(fg.literal_pattern(sorted(quoted)), text):  # all terms in one pass
        if _is_bare(text, m.start(), m.end(), spans):
            bare[m.group(0)].append(m.start())
    for term, q in quoted.items():
        uses = bare.get(term)
        if not uses or (q == 1 and len(uses) > 1):
            continue  # quoted once among many bare uses: quotation for emphasis, not the term's form
        severity = "warning" if len(uses) == 1 and q >= 2 else "info"
        yield uses[0], term, q, len(uses), severity


# Words that qualify what is counted rather than name it: 三大基本矛盾 and 三项基本任务 differ.
_QUALIFIERS = frozenset("基本 重点 主要 重大 关键 核心 新兴 传统 优势 特色 基础 重要 突出 薄弱 具体 专项 民生 战略".split())


def _counted_word(doc, pos: int) -> str:
    """What a count counts, from `pos`: a word (工程, 攻坚战), or a qualifier and its word (基本任务)."""
    toks = doc.tokens_in(pos, min(len(doc.text), pos + 8))
    if not toks or not all("\u4e00" <= c <= "\u9fff" for c in toks[0].word):
        return ""
    word = toks[0].word
    if word in _QUALIFIERS and len(toks) > 1:
        word += toks[1].word
    return word


def _numbered_variants(doc):
    """(start, end, form, other form, its count, severity) for a numbered term written two ways."""
    text = doc.text
    # First by the two characters after the classifier (cheap), then, where a count is written two
    # ways, by the word it counts (segmentation, only for these).
    rough: Dict[tuple, List] = defaultdict(list)
    for m in _NUMBERED.finditer(text):
        n = numerals.parse(m.group("n"))
        if n is not None and n >= 2:
            rough[(n, text[m.start("w"):m.start("w") + 2])].append(m)
    forms: Dict[tuple, Dict[str, List[int]]] = defaultdict(lambda: defaultdict(list))
    words: Dict[str, str] = {}
    for (n, _), found in rough.items():
        written = {m.group("n") + m.group("c") for m in found}
        if len(written) < 2 or not any("大" in f for f in written):
            continue
        for m in found:
            at = m.start("w")
            ahead = text[at:at + 8]
            word = words.get(ahead)
            if word is None:
                word = words[ahead] = _counted_word(doc, at)
            if len(word) >= 2:
                forms[(n, word)][m.group("n") + m.group("c")].append(m.start())
    for (n, word), written in forms.items():
        if len(written) < 2 or not any("大" in f for f in written):
            continue
        ranked = sorted(written.items(), key=lambda kv: (-len(kv[1]), kv[1][0]))
        main, main_at = ranked[0]
        for form, at in ranked[1:]:
            severity = "warning" if len(at) == 1 and len(main_at) >= 2 else "info"
            yield at[0], at[0] + len(form) + len(word), form + word, main + word, len(main_at), severity


@check(
    code="DL606", name="inconsistent-term", severity="warning",
    summary={"zh": "同一提法写法不一（“四上”企业 / 四上企业，十大工程 / 十项工程）",
             "en": "One term written two ways (“四上”企业 / 四上企业, 十大工程 / 十项工程)"},
    description={
        "zh": "带数字的提法（“六稳”“四上”“两不愁三保障”“十四五”）在一处加引号、另一处不加；或同一提法的量词、"
              "数字写法不同（十大工程 / 十项工程 / 10大工程）。文中其他地方写法一致、只有一处例外时为“警告”，"
              "写法混用时为“提示”。只加过一次引号而多处不加的，视为强调，不报告。",
        "en": "A numbered term (“六稳”, “四上”, “两不愁三保障”, “十四五”) quoted in one place and bare in another, "
              "or written with another classifier or numeral (十大工程 / 十项工程 / 10大工程). A warning when the "
              "document otherwise writes the term one way and one place is the exception; info when the forms are "
              "mixed. A term quoted once among several bare uses is emphasis and is not reported."},
    wrong="要抓好“四上”企业培育。\n“四上”企业是支撑。\n各县新增四上企业×家。",
    right="要抓好“四上”企业培育。\n“四上”企业是支撑。\n各县新增“四上”企业×家。",
)
def inconsistent_term(doc, ctx):
    for i, term, q, n, severity in _quote_variants(doc):
        zh = f"提法写法不一：此处“{term}”未加引号，文中另有{q}处写作“{term}”（加引号）"
        en = f"inconsistent term: {term} is bare here but quoted as “{term}” in {q} other place(s)"
        yield Issue(i, i + len(term), zh, en, severity=None if severity == "warning" else "info")
    for s, e, form, main, count, severity in _numbered_variants(doc):
        zh = f"提法写法不一：此处写作“{form}”，文中另有{count}处写作“{main}”"
        en = f"inconsistent term: “{form}” here, “{main}” in {count} other place(s)"
        yield Issue(s, e, zh, en, severity=None if severity == "warning" else "info")
