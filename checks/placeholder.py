"""DL201 unfilled placeholder: ×月×日, ×亿元, XX县, ○○, □□, 某某, ____, 【待补充】.

Templates mark what the drafter must fill in with ×, X, ○, □, 某某 or
underscores. This check finds them, keeps a date (×月×日) or a range
(×-×月, ×至×个) together as one finding, and says what kind of value is
missing from the words around it: a date, a time, an amount, a ratio, a
quantity, a place, a person or an organisation, or other content. The message
quotes the placeholder with its unit and the words around it, cut at word
boundaries. A draft full of placeholders (more than `summary_after`) gets one
finding per paragraph that holds several, listing them by kind, so its other
problems stay visible; every finding is DL201, so --select/--ignore work as
usual, and `summary_after = 0` lists every placeholder.

Not placeholders: multiplication (3×4米), X光/X射线, Latin-letter names
(iPhone X, X5), ○ as the zero of a year (二○○○年), × as the operator of a
policy name written like “人工智能+” (“数据要素×”, and 数据要素×医疗健康 once the
draft has quoted that name), and a lone × on a line of page chrome (a pop-up's
close button: DL701).
"""
from __future__ import annotations

from collections import Counter
from typing import List, NamedTuple, Tuple

import regex

from doclint.text import rx

from doclint.model.finding import Issue
from doclint.engine.registry import check

# A year written 20xx/202x, a run of × or X (a decimal such as x.x or xx.xx too), ○○, □□, 某某, ____.
_MARK = (r"(?:(?:19|20)[0-9]{0,2}[×ＸｘXx]{1,3}(?=年)|[×ＸｘXx]+(?:[.．][×ＸｘXx]+)?"
         r"|[○]{2,}|[□]{2,}|某某|_{3,}|＿{2,})")
# A bracketed note standing for missing content: 【待补充】 （待定） [此处插入…] （略）.
# DL702 (editor notes) leaves exactly these to this check.
BRACKET_NOTE = r"[【\[（(〔]\s*(?:待[补填定核确议][^】\]）)〕\n]{0,10}|此处[^】\]）)〕\n]{0,20}|略)\s*[】\]）)〕]"
# A date or time written with placeholders (×年×月×日, ×时×分), or a range of two
# placeholders (×-×月, ×至×个工作日), kept as one finding.
_UNIT = r"[年月日时点分号]"
_GROUP = rx.compile(
    rf"{_MARK}(?:\s*[-－—～~至到]\s*{_MARK})?(?:{_UNIT}(?:\s*{_MARK}{_UNIT})*)?|{BRACKET_NOTE}")
# Latin letters of any width and accents, and digits: X inside such a run is
# part of a name or model (iPhone X, X5), not a placeholder.
_ASCII_WORD = rx.compile(r"[\p{Latin}0-9０-９]")
_NOT_PLACEHOLDER_AFTER = ("光", "射线", "线", "染色体", "轴", "型车", "战机")

# ---- what is missing -------------------------------------------------------------------
_MAGNITUDE = r"(?:\.\d+)?多?[十百千万亿]*多?"
_MEASURE = (r"个|项|小项|大项|大类|类|家|人|人次|户|名|次|件|条|所|台|辆|套|批|处|座|部|张|本|篇|场|期|轮|届|"
            r"平方米|平方公里|公顷|亩|公里|千米|米|吨|千瓦|瓦|度|小时|天|周|倍|岁|个工作日|工作日|年度?")
_KINDS = [
    # (pattern on the text after the placeholder (its unit included), zh, en)
    (rx.compile(r"^[年月日]|^季度|^[上中下]旬|^[上下]半年"), "日期", "date"),
    (rx.compile(r"^[时点分]"), "时间", "time"),
    (rx.compile(rf"^{_MAGNITUDE}(?:元|美元|港元|欧元)"), "金额", "amount"),
    (rx.compile(r"^(?:\.\d+)?\s*[%％‰]|^个?百分点|^成(?![立为员果绩])"), "比例", "ratio"),
    (rx.compile(r"^(?:同志|书记|副?市长|副?县长|副?区长|副?省长|副?局长|副?主任|部长|副?主席|处长|科长|委员|先生|女士|总经理|董事长)"),
     "人名", "person's name"),
    (rx.compile(rf"^{_MAGNITUDE}(?:{_MEASURE})"), "数量", "quantity"),
    (rx.compile(r"^(?:调查队|工作组|专班|领导小组|委员会|管委会|办公室|研究院|研究所|局|委|办|厅|部门|单位|公司|集团|中心|学校|医院|银行)"),
     "单位名称", "organisation"),
    (rx.compile(r"^\p{Han}{0,4}?(?:省|市|县|区|镇|乡|村|街道|社区|园区|经开区|高新区|开发区|新区|自治州|州|景区|公园|口岸|机场|港)"
                r"(?![长委级直域属内外])"), "地名", "place"),
    (rx.compile(r"^(?:\.\d+)?多?[十百千万亿]+多?(?=\p{Han})"), "数量", "quantity"),   # ×万剩余贫困人口, ×万以上
    (rx.compile(r"^号"), "编号", "number/code"),
]
# Words before the placeholder that say what it is.
_BEFORE_KINDS = [
    (rx.compile(r"(?:抵达|到达|前往|赶赴|来到|位于|地处|落户|赴)$"), "地名", "place"),
    (rx.compile(r"(?:纳税|税收|收入|资金|投资|销售额|营收|产值|增加值|经费|补贴|贷款|预算|金额|资产|成本|工资)"
                r"(?:超过|达到|达|为|约|近|超)?$"), "金额", "amount"),
    (rx.compile(r"(?:第|共|约|近|超|达|增长|下降|增加|减少|提高)$"), "数量", "quantity"),
]
# After the placeholder: a reporting verb makes it a speaker (a person or a body).
_SPEAKER = rx.compile(r"^(?:同志)?(?:通报|介绍|汇报|讲话|发言|作了|宣读|主持|传达|部署|报告了)")


def _kind(text: str, start: int, end: int, matched: str) -> Tuple[str, str]:
    if matched[0] in "【[（(〔":
        return "待补充内容", "missing content"
    if regex.search(r"[年月日]", matched):
        return "日期", "date"
    if regex.search(r"[时点分]", matched):
        return "时间", "time"
    after = text[end:end + 10]
    if _SPEAKER.match(after):
        return "人名或单位", "person or organisation"
    before = text[max(0, start - 8):start]
    money = _BEFORE_KINDS[1][0].search(before.rstrip("了的"))
    for pat, zh, en in _KINDS:
        if pat.search(after):
            if zh == "数量" and money and regex.match(r"^(?:\.\d+)?[十百千万亿]", after):
                return "金额", "amount"     # 纳税×万以上: an amount of money
            return zh, en
    for pat, zh, en in _BEFORE_KINDS:
        if pat.search(before):
            return zh, en
    return "内容", "content"


_CN_DIGIT = "〇○零一二三四五六七八九十"
_OPEN_QUOTE = "“‘「『《"
_CLOSE_QUOTE = "”’」』》"
_UNITISH = set("年月日时点分号亿万千百元个项家人户名次件条所台辆套批处类%％")
_COUNTED = _UNITISH | set("届轮期座场倍")


def _in_quote(text: str, s: int) -> int:
    """Start of the quoted term around offset s (within 30 characters on one line), or -1."""
    lo = max(0, s - 30)
    seg = text[lo:s]
    k = max(seg.rfind(c) for c in _OPEN_QUOTE)
    if k < 0 or any(c in seg[k:] for c in _CLOSE_QUOTE + "\n"):
        return -1
    return lo + k


def operator_stems(text: str) -> frozenset:
    """Stems of policy names written with × as an operator, as the draft quotes them: “数据要素×”."""
    out = set()
    for m in regex.finditer(r"[“「『]([\p{Han}]{2,12})×(?=[”」』]|\p{Han}{2})", text):
        out.add(m.group(1)[-4:])
    return frozenset(out)


def _operator(text: str, s: int, e: int, stems) -> bool:
    """× as the operator of a name (“数据要素×”, 数据要素×医疗健康), like + in “人工智能+”."""
    if text[s:e] != "×" or s < 2 or not regex.match(r"\p{Han}{2}", text[s - 2:s]):
        return False
    nxt = text[e:e + 1]
    if nxt in _UNITISH:
        return False
    if _in_quote(text, s) >= 0 and (nxt in _CLOSE_QUOTE or regex.match(r"\p{Han}", nxt or "")):
        return True
    return any(text.endswith(stem, 0, s) for stem in stems) and bool(regex.match(r"\p{Han}|[”」』]", nxt or "."))


# complexity: the decision list for × / X / ○ (years, multiplication, Latin names, X光); each rule is one early return
def _is_placeholder(text: str, s: int, e: int, m: str) -> bool:
    if m[0] == "○":
        # ○ is also written for the zero in years: 二○○○年, 一九九○年.
        prev = text[s - 1] if s > 0 else ""
        after = text[e:e + 4]
        if (prev and prev in _CN_DIGIT) or regex.match(rf"[{_CN_DIGIT}]*年", after) and after[:1] != "" and (
                prev in _CN_DIGIT or after[0] in _CN_DIGIT + "年"):
            return False
    if m[0] not in "×ＸｘXx":
        return True
    prev = text[s - 1] if s > 0 else ""
    nxt = text[e] if e < len(text) else ""
    if _ASCII_WORD.match(prev) or _ASCII_WORD.match(nxt):
        if m[0] in "Xxｘ":
            return False
    before = text[max(0, s - 20):s].rstrip(" \t")
    if m[0] in "Xxｘ" and before != text[max(0, s - 20):s] and before and _ASCII_WORD.match(before[-1]):
        return False  # iPhone X, Model X: a Latin name, then a space, then X
    if m[0] in "Xx":
        # ASCII X only in Chinese context, never inside a Latin word or model name.
        if _ASCII_WORD.match(prev) or _ASCII_WORD.match(nxt):
            return False
        if m[0] == "x" and len(m) == 1 and not (regex.match(r"\p{Han}|[，。、；：“”（\n]", prev or "\n")
                                                and nxt and nxt in _COUNTED):
            return False  # a lone lower-case x is a variable (x表示…) unless it counts something (x个, x届)
        if text.startswith(_NOT_PLACEHOLDER_AFTER, e):
            return False
        if not (regex.match(r"\p{Han}|[，。、；：（）“”]", prev or "。") or regex.match(r"\p{Han}", nxt or "")):
            return False
    if m[0] == "×" or m[0] in "ｘＸ":
        # Multiplication: a digit (or closing bracket) on both sides.
        left = text[max(0, s - 3):s].rstrip()
        right = text[e:e + 3].lstrip()
        if (left and right and regex.match(r"[\dA-Za-z)）\]]", left[-1])
                and regex.match(r"[\dA-Za-z(（\[]", right[0])):
            return False
        if text.startswith(_NOT_PLACEHOLDER_AFTER, e) and m[0] in "ＸＸ":
            return False
    return True


# ---- quoting the words around a placeholder -----------------------------------------
_CLAUSE_END = rx.compile(r"[\n，。；：！？、,;:!?（）()“”《》【】]")


def context(doc, s: int, e: int, before: int = 4, after: int = 6) -> str:
    """The placeholder with the words around it in its clause, cut at word boundaries.

    About `before` characters of whole words before it and `after` after it (its unit
    counts), never across punctuation: 刚才，×通报了审计… → “×通报了审计发现”.
    """
    text = doc.text
    lo = s
    while lo > 0 and s - lo < 12 and not _CLAUSE_END.match(text[lo - 1]):
        lo -= 1
    hi = e
    while hi < len(text) and hi - e < 16 and not _CLAUSE_END.match(text[hi]):
        hi += 1
    left, right = s, e
    if lo < s:
        bounds = [t.start for t in doc.tokens_in(lo, s)]
        left = next((b for b in bounds if s - b <= before), s)
    if e < hi:
        bounds = [t.end for t in doc.tokens_in(e, hi)]
        right = next((b for b in bounds if b - e >= after), hi)
    return text[left:right]


class Placeholder(NamedTuple):
    start: int
    end: int
    zh: str
    en: str
    shown: str


def placeholders(doc, chrome=frozenset()) -> List[Placeholder]:
    """Every placeholder of the document, in order (lines in `chrome` are skipped)."""
    text = doc.text
    stems = operator_stems(text) if "×" in text else frozenset()
    out = []
    for m in _GROUP.finditer(text):
        s, e = m.span()
        if not _is_placeholder(text, s, e, m.group(0)) or _operator(text, s, e, stems):
            continue
        if chrome and doc.position(s)[0] - 1 in chrome:
            continue
        if m.group(0) in ("×", "X") and doc.lines[doc.position(s)[0] - 1].text.strip() == m.group(0):
            continue  # a lone × on a line of its own is a pop-up's close button, not a missing value
        zh, en = _kind(text, s, e, m.group(0))
        out.append(Placeholder(s, e, zh, en, context(doc, s, e)))
    return out


def _summary(doc, group: List[Placeholder]) -> Issue:
    kinds = Counter((p.zh, p.en) for p in group)
    zh_kinds = "、".join(f"{zh}{n}处" for (zh, _), n in kinds.most_common())
    en_kinds = ", ".join(f"{n} {en}" for (_, en), n in kinds.most_common())
    examples = list(dict.fromkeys(p.shown for p in group))[:3]
    zh_ex = "".join(f"“{x}”" for x in examples)
    en_ex = ", ".join(f"“{x}”" for x in examples)
    return Issue(group[0].start, group[-1].end,
                 f"本段有{len(group)}处未填写的占位符（{zh_kinds}），如{zh_ex}等",
                 f"{len(group)} unfilled placeholders in this paragraph ({en_kinds}), such as {en_ex}")


@check(
    code="DL201", name="unfilled-placeholder", severity="error",
    summary={"zh": "未填写的占位符（×月×日、×亿元、某某、【待补充】）",
             "en": "Unfilled placeholder (×月×日, ×亿元, 某某, 【待补充】)"},
    description={
        "zh": "查找模板中留下未填的占位符：×、××、X/XX、ＸＸ、○○、□□、某某、连续下划线，以及"
              "【待补充】（待定）一类括注，并说明缺的是日期、时间、金额、比例、数量、地名、人名、单位名称还是其他内容，"
              "消息引用占位符及其单位和前后的词（按词切分，不截断词语）。×月×日、×-×月、×至×个工作日各算一处。"
              "占位符很多（超过 summary_after 处，默认 20）时，同一段中的三处以上合并为一条，按类别计数，"
              "以免淹没其他问题（summary_after = 0 逐处列出；--ignore DL201 可全部隐藏）。"
              "不报告乘号（3×4米）、X光/X射线、型号名称（iPhone X）、年份中的○（二○○○年）、"
              "像“人工智能+”一样用×连接的政策名称（“数据要素×”）和网页残留行中的×。",
        "en": "Finds template placeholders left unfilled: ×, ××, X/XX, ＸＸ, ○○, □□, 某某, runs of "
              "underscores and notes such as 【待补充】/（待定）, and says what is missing (date, time, amount, "
              "ratio, quantity, place, person, organisation or other content), quoting the placeholder with its "
              "unit and the whole words around it. ×月×日, ×-×月 and ×至×个工作日 are one finding each. When a "
              "draft holds many placeholders (more than summary_after, default 20), three or more in one "
              "paragraph are reported as one finding counted by kind, so other problems stay visible "
              "(summary_after = 0 lists each; --ignore DL201 hides them all). Multiplication (3×4米), X光/X射线, "
              "model names (iPhone X), ○ in years, policy names joined with × like “人工智能+” (“数据要素×”) and × on "
              "lines of page chrome are not reported."},
    wrong="国家交叉检查将于×月×日抵达，全市消费扶贫销售额×亿元", right="国家交叉检查将于9月15日抵达，全市消费扶贫销售额1.2亿元",
    options={"summary_after": 20},
)
def unfilled_placeholder(doc, ctx):
    chrome = frozenset()
    if "×" in doc.text or "X" in doc.text:
        from doclint.checks._chrome import chrome_lines
        chrome = chrome_lines(doc, ctx)
    found = placeholders(doc, chrome)
    limit = int(ctx.options.get("summary_after", 20) or 0)
    summarise = 0 < limit < len(found)
    by_paragraph = {}
    if summarise:
        for p in found:
            by_paragraph.setdefault(doc.position(p.start)[0], []).append(p)
    done = set()
    for p in found:
        group = by_paragraph.get(doc.position(p.start)[0]) if summarise else None
        if group is not None and len(group) >= 3:
            if id(group) not in done:
                done.add(id(group))
                yield _summary(doc, group)
            continue
        yield Issue(p.start, p.end, f"未填写的占位符（{p.zh}）：“{p.shown}”", f"unfilled placeholder ({p.en}): “{p.shown}”")
