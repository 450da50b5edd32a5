"""DL201 unfilled placeholder: ×月×日, ×亿元, XX县, ○○, □□, 某某, ____, 【待补充】.

Templates mark what the drafter must fill in with ×, X, ○, □, 某某 or
underscores. This check finds them, groups a date such as ×月×日 into one
finding, and says what kind of value is missing from the words around it.
It leaves alone multiplication (3×4米), X光/X射线, and Latin-letter names
(iPhone X, X5) where X is part of a word.
"""
from __future__ import annotations

import regex

from doclint.text import rx

from doclint.model.finding import Issue
from doclint.engine.registry import check

_MARK = r"(?:[×ＸｘXx]{1,4}|[○]{2,}|[□]{2,}|某某|_{3,}|＿{2,})"
# A bracketed note standing for missing content: 【待补充】 （待定） [此处插入…] （略）.
# DL702 (editor notes) leaves exactly these to this check.
BRACKET_NOTE = r"[【\[（(〔]\s*(?:待[补填定核确议][^】\]）)〕\n]{0,10}|此处[^】\]）)〕\n]{0,20}|略)\s*[】\]）)〕]"
# A date, time or number written with placeholders, kept as one finding.
_GROUP = rx.compile(rf"{_MARK}(?:[年月日时点分号](?:\s*{_MARK}[年月日时点分号])*)?|{BRACKET_NOTE}")
# Latin letters of any width and accents, and digits: X inside such a run is
# part of a name or model (iPhone X, X5), not a placeholder.
_ASCII_WORD = rx.compile(r"[\p{Latin}0-9０-９]")
_NOT_PLACEHOLDER_AFTER = ("光", "射线", "线", "染色体", "轴", "型车", "战机")

_KINDS = [
    # (pattern on the text after the placeholder, zh, en)
    (rx.compile(r"^[年月日]"), "日期", "date"),
    (rx.compile(r"^[时点分]"), "时间", "time"),
    (rx.compile(r"^(?:\.\d+)?[万亿千百]*(?:元|美元|港元)"), "金额", "amount"),
    (rx.compile(r"^(?:\.\d+)?\s*[%％]|^个?百分点"), "比例", "percentage"),
    (rx.compile(r"^(?:同志|书记|副?市长|副?县长|副?局长|主任|部长|副?主席|处长|科长|委员|先生|女士)"),
     "人名", "person's name"),
    (rx.compile(r"^(?:省|市|县|区|镇|乡|村|街道|社区|园区|经开区|高新区|开发区|自治州|州)"), "地名", "place name"),
    (rx.compile(r"^(?:局|委|办|厅|部门|单位|公司|集团|中心|学校|医院)"), "单位名称", "organisation name"),
    (rx.compile(r"^(?:\.\d+)?[万亿千百]*(?:个|项|小项|大项|家|人|户|名|次|件|条|所|台|辆|套|批|处|类|平方米|亩|公里|米|吨|千瓦|小时|天)"),
     "数量", "number"),
    (rx.compile(r"^号"), "编号", "number/code"),
]


def _kind(text: str, start: int, end: int, matched: str):
    if matched[0] in "【[（(〔":
        return "待补充内容", "missing content"
    if regex.search(r"[年月日]", matched):
        return "日期", "date"
    after = text[end:end + 8]
    for pat, zh, en in _KINDS:
        if pat.search(after):
            return zh, en
    before = text[max(0, start - 2):start]
    if before.endswith(("第", "共", "约", "近", "超", "达", "增长", "下降")):
        return "数字", "number"
    return "内容", "content"


_CN_DIGIT = "〇○零一二三四五六七八九十"


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
        if m[0] == "x" and len(m) == 1:
            return False  # a lone lower-case x is almost always a variable or "times"
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


@check(
    code="DL201", name="unfilled-placeholder", severity="error",
    summary={"zh": "未填写的占位符（×月×日、×亿元、某某、【待补充】）",
             "en": "Unfilled placeholder (×月×日, ×亿元, 某某, 【待补充】)"},
    description={
        "zh": "查找模板中留下未填的占位符：×、××、X/XX、ＸＸ、○○、□□、某某、连续下划线，以及"
              "【待补充】（待定）一类括注，并说明缺的是日期、金额、比例、地名、人名、单位还是数量。"
              "×月×日 等日期作为一处报告。不报告乘号（3×4米）、X光/X射线、型号名称（iPhone X）。",
        "en": "Finds template placeholders left unfilled: ×, ××, X/XX, ＸＸ, ○○, □□, 某某, runs of "
              "underscores and notes such as 【待补充】/（待定）, and says what is missing (date, amount, "
              "percentage, place, person, organisation, number). A date like ×月×日 is one finding. "
              "Multiplication (3×4米), X光/X射线 and model names (iPhone X) are not reported."},
    wrong="国家交叉检查将于×月×日抵达，全市消费扶贫销售额×亿元", right="国家交叉检查将于9月15日抵达，全市消费扶贫销售额1.2亿元",
)
def unfilled_placeholder(doc, ctx):
    text = doc.text
    for m in _GROUP.finditer(text):
        s, e = m.span()
        if not _is_placeholder(text, s, e, m.group(0)):
            continue
        zh, en = _kind(text, s, e, m.group(0))
        ctx_text = regex.split(r"[\n，。；：,;:！？、）)]", text[s:e + 4])[0]
        yield Issue(s, e, f"未填写的占位符（{zh}）：“{ctx_text}”", f"unfilled placeholder ({en}): “{ctx_text}”")
