"""DL101 duplicated word: accidental adjacent repetition (农业农业, 的的, 区区委).

The hard part is not finding repetitions but leaving alone the many correct
ones. A repetition U U is reported only when word segmentation (jieba's
dictionary, see doclint.text.lexicon) puts token boundaries exactly around both
copies (农业|农业), or when a single character is followed by a word that
starts with the same character (区|区委书记). Everything segmentation treats
as one word (常常, 认认真真, 不了了之) or splits across the copies (我国|国民,
财政|政策, 为了|了解) is fine. Patterns that are grammatical whatever the
segmentation (AABB, 一A一A, numerals, listed idioms) are allowed explicitly.
"""
from __future__ import annotations

import re
from functools import lru_cache

from doclint.text import rx

from doclint.model.finding import Fix, Issue
from doclint.text.lexicon import get_lexicon
from doclint.text.wraps import join_wraps
from doclint.engine.registry import check

_REPEAT = rx.compile(r"(\p{Han}{1,8}?)\1")
# Every position where any 1–8 characters are repeated at once, found by the
# standard library's engine (several times faster on this pattern); each is
# then matched with _REPEAT, which decides. See _repeats.
_REPEAT_ANY = re.compile(r"(?=(.{1,8}?)\1)", re.S)
_HAN = rx.compile(r"\p{Han}")
_NUMERALS = set("〇零一二三四五六七八九十百千万亿两")
_WINDOW = 12  # characters of context segmented on each side of a candidate


def _repeats(s: str):
    """The matches of _REPEAT.finditer(s, overlapped=True), in order.

    An overlapped search yields, at every position where a repetition of 1–8
    Chinese characters starts, its shortest one. Those positions are among the
    ones where some 1–8 characters repeat (_REPEAT_ANY), so _REPEAT.match there
    gives the same matches.
    """
    match = _REPEAT.match
    for c in _REPEAT_ANY.finditer(s):
        m = match(s, c.start())
        if m:
            yield m


def _han_run(s: str, i: int, j: int):
    """Bounds of the run of Chinese characters around s[i:j], capped."""
    a = i
    while a > 0 and i - a < _WINDOW and _HAN.match(s[a - 1]):
        a -= 1
    b = j
    while b < len(s) and b - j < _WINDOW and _HAN.match(s[b]):
        b += 1
    return a, b


def _covered(s: str, i: int, j: int, phrases) -> bool:
    """Whether s[i:j] lies inside an occurrence of one of `phrases`."""
    lo = max(0, i - 8)
    window = s[lo:j + 8]
    for p in phrases:
        k = window.find(p)
        while k >= 0:
            if lo + k <= i and j <= lo + k + len(p):
                return True
            k = window.find(p, k + 1)
    return False


def _aabb(s: str, i: int) -> bool:
    """AABB / ABB-style reduplication around the pair at s[i:i+2]."""
    a = s[i]
    after = s[i + 2:i + 4]
    before = s[max(0, i - 2):i]
    return ((len(after) == 2 and after[0] == after[1] != a and _HAN.match(after[0]) is not None)
            or (len(before) == 2 and before[0] == before[1] != a and _HAN.match(before[0]) is not None))


# complexity: the decision list for one repetition (numerals, reduplication, allow lists, segmentation boundaries); each rule is one early return
def classify(s: str, i: int, n: int, lex, words):
    """None if the repetition s[i:i+2n] is fine, else (kind, severity).

    `words` holds the dictionaries: allow, abab, function, t2s (a str.translate
    table mapping traditional to simplified characters, so 1950s texts segment
    like modern ones).
    """
    u = s[i:i + n]
    if set(u) <= _NUMERALS:
        return None
    if n >= 2 and u[0] == "一":          # 一项一项, 一个领域一个领域
        return None
    if n >= 2 and u[0] in _DEGREE:      # 很紧很紧, 很多很多: emphatic, not a typo
        return None
    if n == 1 and _aabb(s, i):           # 认认真真, 家家户户, 明明白白
        return None
    a, b = _han_run(s, i, i + 2 * n)
    window = s[a:b].translate(words["t2s"])
    us = window[i - a:i - a + n]
    if _covered(window, i - a, i - a + 2 * n, words["long_allow"]):
        return None
    bounds = {x + a for x in lex.boundaries(window)}
    if i in bounds and i + n in bounds and i + 2 * n in bounds:
        if n == 1:
            if us + us in words["allow"]:
                return None
            if us in words["function"]:
                return "word", None      # 的的, 在在, 是是
            # A content character standing twice on its own is distributive (市市有博物馆,
            # 届届见金, 周周见), part of a name (屠呦呦, 李莎莎) or a chain of place
            # abbreviations (宜荆荆恩, 广汕汕高铁): not a likely typo.
            return None
        if n == 2 and us in words["abab"]:
            return "abab", "info"
        return "word", None
    if n >= 2 and i + n in bounds and (i in bounds or i + 2 * n in bounds):
        # 经济|经济运行, 专题会议|会议: one copy is a whole word, the other
        # starts or ends a longer word.
        return "word", None
    if n == 1 and i in bounds and i + 1 in bounds and i + 2 not in bounds:
        # 区|区委书记: a character, then a word starting with the same one.
        if us in words["function"] or (i > 0 and s[i - 1].isdigit()):
            return None                  # 会使|使用, 和|和平共处, 2006年|年均
        nxt_end = min(x for x in bounds if x > i + 1)
        word = window[i + 1 - a:nxt_end - a]
        if len(word) < 2 or not lex.is_word(word):
            return None
        left = window[:i - a + 1]
        if any(lex.is_word(left[-k:]) for k in range(2, min(4, len(left)) + 1)):
            return None                  # 居住国|国籍: the first copy ends a word
        prev = max((x for x in bounds if x < i), default=a)
        if i - prev >= 2 and _HAN.match(s[prev:i]) and _HAN.match(s[i - 1]):
            return None                  # 娱乐|税|税率, 金水|区|区委书记: the first copy ends a compound
        if i > 0 and (s[i - 1] in "×ＸXxｘ某○□" or s[i - 1].isascii() and s[i - 1].isalnum()):
            return None                  # XX县|县城, ×市|市委: the first copy ends a name
        return "term", (None if len(word) >= 3 else "info")
    return None


_DEGREE = set("很好真太挺蛮")


@lru_cache(maxsize=4)
def _t2s_table(lines):
    """str.translate table from t2s_chars lines (built once per dictionary content)."""
    table = {}
    for line in lines:
        parts = line.split("\t")
        if len(parts) == 2 and len(parts[0]) == len(parts[1]) == 1:
            table[ord(parts[0])] = parts[1]
    return table


def _load_words(ctx):
    allow = ctx.words("reduplication_allow")
    t2s = _t2s_table(ctx.lines("t2s_chars"))
    return {"allow": allow, "long_allow": [p for p in allow if len(p) > 2],
            "abab": ctx.words("abab_verbs"), "function": ctx.words("function_chars"), "t2s": t2s}


@check(
    code="DL101", name="duplicated-word", severity="warning", fixable=True,
    summary={"zh": "重复词语（农业农业、的的、区区委）", "en": "Duplicated word (农业农业, 的的)"},
    description={
        "zh": "查找误打的相邻重复：词语重复（农业农业、加大加大）、虚词重复（的的、在在、是是）、"
              "跨行重复、术语中的重字（请区区委书记）。不报告合乎规范的重叠：常常、层层、认认真真、"
              "家家户户、一项一项、一个领域一个领域、不了了之、的的确确，跨词的形似重复"
              "（我国国民、财政政策、工作作风、为了了解、居住国国籍、文化娱乐税税率、金水区区委书记），"
              "以及单字实词的重叠、人名和地名简称（市市有博物馆、届届见金、屠呦呦、宜荆荆恩）。口语化的 ABAB "
              "动词重叠（研究研究）以“提示”级别报告。修复：删除重复的一份；单字重复（的的、区区委）和提示级别"
              "只作需确认的修复（--unsafe-fixes）。",
        "en": "Finds accidental adjacent repetition: a doubled word (农业农业, 加大加大), a doubled "
              "function word (的的, 在在), a word repeated across a hard line wrap, a doubled character "
              "in a term (请区区委书记). Correct reduplication (常常, 认认真真, 一项一项, 不了了之), "
              "cross-word lookalikes (我国国民, 财政政策, 为了了解, 居住国国籍, 文化娱乐税税率) and single "
              "content characters doubled distributively or in names (市市有博物馆, 届届见金, 屠呦呦, 宜荆荆恩) "
              "are not reported. A doubled single character (的的) and info findings get an unsafe fix only. "
              "Colloquial ABAB "
              "verbs (研究研究) are reported at info. Safe fix: delete the repeated copy."},
    wrong="动员群众做好秋冬季农业农业生产", right="动员群众做好秋冬季农业生产",
    options={"line_wraps": True, "max_unit": 8},
)
def duplicated_word(doc, ctx):
    # Hard wraps removed (农业\n农业 is seen), by the Chinese-character rule of doclint.text.wraps.
    wrapped = join_wraps(doc.text) if ctx.options.get("line_wraps", True) else None
    s = wrapped.text if wrapped is not None else doc.text
    found = list(_repeats(s))
    if not found:
        return
    lex = get_lexicon(doc.user_words)
    words = _load_words(ctx)
    max_unit = ctx.options.get("max_unit", 8)
    last_end = -1
    for m in found:
        i, n = m.start(), len(m.group(1))
        if n > max_unit or i < last_end - n:
            continue  # inside a repetition already reported (的的的)
        verdict = classify(s, i, n, lex, words)
        if verdict is None:
            continue
        kind, severity = verdict
        last_end = i + 2 * n
        pos = wrapped.to_source if wrapped is not None and wrapped.cuts else (lambda k: k)
        start, end = pos(i), pos(i + 2 * n - 1) + 1
        u = m.group(1)
        # Delete the second copy; skip line breaks a wrap put inside it.
        edits = []
        for k in range(i + n, i + 2 * n):
            o = pos(k)
            if edits and edits[-1][1] == o:
                edits[-1][1] = o + 1
            else:
                edits.append([o, o + 1])
        from doclint.model.finding import Edit
        # A fix is safe only when certain: never for a single character (区区委, 的的 could be a
        # name or a quotation) nor for info findings (fix safety policy, README).
        safe = kind != "abab" and n >= 2
        fix = Fix(tuple(Edit(a, b, "") for a, b in edits), safe=safe,
                  zh=f"删去重复的“{u}”", en=f"delete the repeated “{u}”")
        shown = doc.text[start:end]
        if kind == "abab":
            yield Issue(start, end, f"口语化重叠“{u}{u}”，公文宜写“{u}”",
                        f"colloquial reduplication “{u}{u}”; write “{u}” in official prose",
                        fix=fix, severity="info")
        elif kind == "term":
            nxt = s[i + 1:i + 6]
            yield Issue(start, end, f"“{u}”字重复，疑为笔误（{shown}{nxt[1:3]}…）",
                        f"doubled character “{u}”, probably a typo ({shown}{nxt[1:3]}…)", fix=fix,
                        severity=severity)
        else:
            wrap = "（跨行）" if "\n" in shown else ""
            yield Issue(start, end, f"词语重复：“{u}{u}”{wrap}，疑为多打了一个“{u}”",
                        f"duplicated word “{u}{u}”{' across a line break' if wrap else ''}", fix=fix)
