"""DL5 numeral checks (GB/T 15835-2011, 出版物上数字用法; GB/T 15834-2011 for 顿号).

DL508 approximate number with a 顿号      (三、四个 → 三四个; 二、三产业 is correct)
DL509 千/百 with Arabic digits            (3千人 → 3000人, 1万6千 → 1.6万)
DL510 one date in two numeral systems    (二〇〇八年8月8日)

Documents whose own period (the year they mention most) is before
GB/T 15835-1995 took effect (1996) followed other conventions: DL508 and DL509
report at info there (option historical_before, 0 to turn off).
"""
from __future__ import annotations

import regex

from doclint.text import rx

from doclint.checks._dl5common import historical, protected_spans
from doclint.text import numerals
from doclint.model.finding import Fix, Issue
from doclint.engine.registry import check

HISTORICAL_BEFORE = 1996

# ---------------------------------------------------------------------------
# DL508 approximate numbers written with a 顿号
_D = "一二三四五六七八九"
_APPROX = rx.compile(rf"([{_D}两])、([{_D}])(?!、)")
# Measure words after which the pair is a count (an approximation), not a list
# of ordinals: 三、四个 / 四、五十年 but not 一、二年级, 三、四月 (months), 一、二期, 二、三产业.
# Both lists are dictionaries (numeral_measure_words, numeral_ordinal_after).
_MULTIPLIER = rx.compile(r"[十百千万亿]*")


def _pair_ok(x: str, y: str) -> bool:
    a, b = _D.index(x.replace("两", "二")) + 1, _D.index(y) + 1
    return b == a + 1 or (a, b) == (3, 5)


@check(
    code="DL508", name="approximate-number-dunhao", severity="warning", fixable=True,
    summary={"zh": "相邻数字表示概数时用了顿号（三、四个）", "en": "Approximate number written with 、 (三、四个)"},
    description={
        "zh": "相邻的两个数字连用表示概数，中间不用顿号（GB/T 15834-2011、GB/T 15835-2011）：三四个、"
              "四五十年、二三十亿元。只报告相邻数字（或“三、五”）后面跟着量词或十/百/千/万/亿的写法；"
              "“二、三产业”这类缩略、“第二、三季度”“一、二期”“一、二年级”“三、四月”（月份）和标题序号"
              "不报告。文中年份多在1996年以前的历史文献按当时惯例以“提示”报告。自动修复：删去顿号。",
        "en": "Two adjacent numbers used as an estimate take no 、 (GB/T 15834/15835-2011): 三四个, 四五十年. "
              "Reported only for adjacent numbers (or 三、五) followed by a measure word or 十/百/千/万/亿; "
              "abbreviations such as 二、三产业, ordinals (第二、三季度, 一、二期, 一、二年级), months (三、四月) "
              "and heading numbers are not. Historical documents (mostly dated before 1996) get info. "
              "Safe fix: delete the 、."},
    wrong="用三、四个月时间完成整改", right="用三四个月时间完成整改",
    options={"historical_before": HISTORICAL_BEFORE},
)
def approximate_number_dunhao(doc, ctx):
    text = doc.text
    if "、" not in text:
        return
    prot = protected_spans(doc)
    old = historical(doc, ctx.options.get("historical_before", HISTORICAL_BEFORE))
    measure = tuple(sorted(ctx.words("numeral_measure_words"), key=len, reverse=True))
    ordinal = tuple(sorted(ctx.words("numeral_ordinal_after"), key=len, reverse=True))
    for m in _APPROX.finditer(text):
        s, e = m.span()
        if prot.covers(s):
            continue
        x, y = m.group(1), m.group(2)
        if not _pair_ok(x, y):
            continue
        before = text[max(0, s - 3):s]
        prev = before[-1:]
        if prev in ("第", "、", "十", "百", "千", "〇", "零") or regex.match(r"\d", prev or "x"):
            continue
        line_start = text.rfind("\n", 0, s) + 1
        lead = text[line_start:s]
        if not lead.strip(" \t\u3000") or prev in "：:；;。":
            continue  # heading or enumeration: 一、二……
        after = text[e:e + 8]
        if after.startswith(ordinal):
            continue
        mult = _MULTIPLIER.match(after).end()
        pct = before.endswith("百分之")
        if not (pct or mult or after.startswith(measure)):
            continue
        if mult and after[mult:].startswith(ordinal):
            continue
        yield Issue(s, e, f"“{x}、{y}”表示概数，中间不用顿号，应为“{x}{y}”",
                    f"“{x}、{y}” is an estimate: write “{x}{y}” without 、",
                    fix=Fix.delete(s + 1, s + 2, safe=not old, zh="删去顿号", en="delete the 、"),
                    severity="info" if old else None)


# ---------------------------------------------------------------------------
# DL509 千/百 combined with Arabic digits
_QB = rx.compile(
    r"(?<![A-Za-z0-9_.])(?:(\d+(?:\.\d+)?)([亿万]))?(\d+(?:\.\d+)?)([千百])(?:(\d+)(百|十))?")
# 千/百 as the prefix of a unit, not a number: 千米 千克 千瓦 千伏 …, and the units of computing
# power 百亿亿次 (EFLOPS) and 千万亿次 (PFLOPS).
_QB_NOT_AFTER = ("米", "克", "瓦", "伏", "帕", "焦", "卡", "赫", "兆", "字节", "分", "比", "姓", "货", "科",
                 "年", "升", "牛", "安", "欧", "亿亿次", "万亿次", "亿次", "公顷", "比特")


def _fmt(v: float) -> str:
    s = f"{v:.4f}".rstrip("0").rstrip(".")
    return s


def _qb_fix(m, text):
    """(replacement, safe) for the matched text, or None."""
    pre, pre_unit, n, unit, n2, unit2 = m.groups()
    val = float(n) * (1000 if unit == "千" else 100)
    if n2:
        val += float(n2) * (100 if unit2 == "百" else 10)
    if not pre:
        if val != int(val):
            return None
        return str(int(val)), not n2
    follow = text[m.end():m.end() + 2]
    if pre_unit == "万":
        if follow.startswith(("万", "亿")):
            return None
        return _fmt(float(pre) + val / 10000) + "万", False
    # 亿: only 1亿3千万 / 1亿3千多万
    if follow.startswith("万"):
        return None
    return None


@check(
    code="DL509", name="qian-bai-with-digits", severity="warning", fixable=True,
    summary={"zh": "阿拉伯数字与“千”“百”连用（3千人）", "en": "Arabic digits combined with 千/百 (3千人)"},
    description={
        "zh": "GB/T 15835 规定阿拉伯数字只能与“万”“亿”组合作单位（3.45亿、34500万），不能与“千”“百”"
              "连用：3千人 → 3000人，1万6千户 → 1.6万户。计量单位“千米”“千克”“千瓦”“百亿亿次”等不报告。"
              "自动修复：简单的“N千/N百”换算为阿拉伯数字（安全）；“A万B千”改为“A.B万”（非安全）。"
              "文中年份多在1996年以前的历史文献以“提示”报告。",
        "en": "GB/T 15835: Arabic digits combine only with 万 and 亿 (3.45亿, 34500万), never with 千 or 百: "
              "3千人 → 3000人, 1万6千户 → 1.6万户. Units such as 千米, 千克, 千瓦 are not reported. Fix: "
              "plain N千/N百 is rewritten in digits (safe); A万B千 becomes A.B万 (unsafe). Historical "
              "documents (mostly dated before 1996) get info."},
    wrong="参加培训3千人次", right="参加培训3000人次",
    options={"historical_before": HISTORICAL_BEFORE},
)
def qian_bai_with_digits(doc, ctx):
    text = doc.text
    if "千" not in text and "百" not in text:
        return
    prot = protected_spans(doc)
    old = historical(doc, ctx.options.get("historical_before", HISTORICAL_BEFORE))
    for m in _QB.finditer(text):
        s, e = m.span()
        if prot.covers(s):
            continue
        if text.startswith(_QB_NOT_AFTER, e):
            continue
        if m.group(4) == "百" and text.startswith("分", e):
            continue
        if not m.group(1) and len(m.group(3).split(".")[0]) >= 3:
            continue  # 11874千公顷, 2500千吨: a unit of statistical tables, never a count like 3千人
        shown = m.group(0)
        fx = _qb_fix(m, text)
        fix = None
        if fx:
            rep, safe = fx
            fix = Fix.replace(s, e, rep, safe=safe and not old, zh=f"改为“{rep}”", en=f"write “{rep}”")
        yield Issue(s, e, f"阿拉伯数字不与“{m.group(4)}”连用：“{shown}”" + (f"，应为“{fx[0]}”" if fx else ""),
                    f"Arabic digits with “{m.group(4)}”: “{shown}”" + (f"; write “{fx[0]}”" if fx else ""),
                    fix=fix, severity="info" if old else None)


# ---------------------------------------------------------------------------
# DL510 one date written in two numeral systems
_CY = "〇○零一二三四五六七八九"
_CM = "一二三四五六七八九十"
_DATE = rx.compile(
    rf"(?<![\d{_CY}十])(?:(\d{{4}}|[{_CY}]{{4}})年)?(\d{{1,2}}|[{_CM}]{{1,3}})月(?:(\d{{1,2}}|[{_CM}]{{1,3}})[日号])?")


_NOT_DAY_AFTER = set("线楼院门令文机车馆站厅台口桥隧库井渠仓舱")


def _system(part):
    if part is None:
        return None
    return "a" if part[0].isdigit() else "c"


def _arabic(part):
    if part is None or part[0].isdigit():
        return part
    v = numerals.parse(part, digitwise=True)
    return None if v is None else str(v)


@check(
    code="DL510", name="mixed-date-numerals", severity="warning", fixable=True,
    summary={"zh": "同一日期混用汉字数字和阿拉伯数字（二〇〇八年8月8日）",
             "en": "One date in two numeral systems (二〇〇八年8月8日)"},
    description={
        "zh": "一个日期只用一种数字：2008年8月8日，或二〇〇八年八月八日，不能写成二〇〇八年8月8日、"
              "2008年八月八日、8月十五日。修复（非安全）：统一为阿拉伯数字（公文成文日期的写法）。"
              "“三四月”一类概数不算日期。",
        "en": "One date uses one numeral system: 2008年8月8日 or 二〇〇八年八月八日, never 二〇〇八年8月8日, "
              "2008年八月八日 or 8月十五日. Unsafe fix: all Arabic (the form for 公文 dates). Estimates "
              "such as 三四月 are not dates."},
    wrong="二〇〇八年8月8日", right="2008年8月8日",
)
# complexity: the conditions for a date match to be one date in two numeral systems, each one early `continue`
def mixed_date_numerals(doc, ctx):
    text = doc.text
    if "月" not in text:
        return
    prot = protected_spans(doc)
    for m in _DATE.finditer(text):
        y, mo, d = m.group(1), m.group(2), m.group(3)
        parts = [p for p in (y, mo, d) if p is not None]
        if len(parts) < 2:
            continue
        systems = {_system(p) for p in parts}
        if len(systems) < 2:
            continue
        s, e = m.span()
        if prot.covers(s):
            continue
        if d and text[e - 1] == "号" and text[e:e + 1] and text[e] in _NOT_DAY_AFTER:
            continue  # 1月一号线开通: 一号线 is a name, not a day
        mv = int(_arabic(mo) or 0)
        dv = int(_arabic(d) or 1) if d else 1
        if not (1 <= mv <= 12 and 1 <= dv <= 31):
            continue
        if y and _system(y) == "c":
            yv = numerals.parse(y, digitwise=True)
            if yv is None or not 1000 <= yv <= 2999:
                continue
        rep = ""
        if y:
            rep += (y if y[0].isdigit() else str(numerals.parse(y, digitwise=True))) + "年"
        rep += str(mv) + "月"
        if d:
            rep += str(dv) + text[m.end() - 1]
        yield Issue(s, e, f"同一日期混用汉字数字和阿拉伯数字：“{m.group(0)}”",
                    f"one date in two numeral systems: “{m.group(0)}”",
                    fix=Fix.replace(s, e, rep, safe=False, zh=f"统一为“{rep}”", en=f"write “{rep}”"))
