"""DL5 punctuation checks (GB/T 15834-2011, 标点符号用法).

DL501 half-width punctuation in Chinese text      (,;:?!() next to Chinese → ，；：？！（）)
DL502 unbalanced paired marks                       (“”‘’《》〈〉（）〔〕【】「」『』)
DL503 doubled or clashing punctuation               (，，  。。  ，。)
DL504 顿号 misuse                                   (、等  、和  各个专班、要聚焦)
DL505 顿号 between quoted or titled items (info)    (《预算法》、《条例》)
DL506 range written with a hyphen or ASCII tilde    (1-8月 → 1—8月)
DL507 ellipsis followed by 等                       (A、B……等 → A、B等)

Every check leaves alone URLs, e-mail addresses, code and Markdown syntax
(see checks/_dl5common.py) and text that is not Chinese.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import List

import regex

from doclint.text import rx

from doclint.checks._dl5common import CJK_PUNCT, HAN, historical, protected_spans  # noqa: F401
from doclint.model.finding import Edit, Fix, Issue
from doclint.engine.registry import check

# ---------------------------------------------------------------------------
# DL501 half-width punctuation
_HALF = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_HALF_RE = rx.compile(r"[,;:?!()]")
_LATINISH = rx.compile(r"[A-Za-z0-9_\-./\\'\"#@$%^&*+=<>|\[\]{}`~]")
# A heading number in half-width brackets at the start of a paragraph, "(一)" or
# "(1)": its form is the numbering checks' business (DL3).
_HEADING_PAREN = rx.compile(r"^[ \t\u3000]*\(\s*(?:[一二三四五六七八九十百]+|\d{1,3})\s*\)")
_ITEM_PAREN = rx.compile(r"^[ \t\u3000]*(?:\d{1,3}|[a-zA-Z一二三四五六七八九十])\)")


def _chinese_side(ch: str) -> bool:
    return bool(ch) and (HAN.match(ch) is not None or ch in CJK_PUNCT)


def _neighbours(text: str, i: int, j: int):
    """Nearest non-space characters before i and from j, with the spaces' bounds."""
    a = i
    while a > 0 and text[a - 1] in " \t\u3000":
        a -= 1
    b = j
    while b < len(text) and text[b] in " \t\u3000":
        b += 1
    before = text[a - 1] if a > 0 and text[a - 1] not in "\r\n" else ""
    after = text[b] if b < len(text) and text[b] not in "\r\n" else ""
    return before, after, a, b


def _english_run(text: str, i: int) -> bool:
    """Whether position i lies in a run of Latin words (an English phrase)."""
    lo = max(0, i - 30)
    hi = min(len(text), i + 30)
    left = text[lo:i]
    right = text[i + 1:hi]
    # Cut at the nearest Chinese character on each side.
    lm = list(regex.finditer(r"\p{Han}", left))
    if lm:
        left = left[lm[-1].end():]
    rm = regex.search(r"\p{Han}", right)
    if rm:
        right = right[:rm.start()]
    words_left = regex.findall(r"[A-Za-z]{2,}", left)
    words_right = regex.findall(r"[A-Za-z]{2,}", right)
    return len(words_left) + len(words_right) >= 3 and bool(words_left) and bool(words_right)


def _paren_pairs(text: str, start: int, end: int):
    """Matching half-width ( ) inside text[start:end]: dict open->close and close->open."""
    stack, pairs = [], {}
    for k in range(start, end):
        c = text[k]
        if c == "(":
            stack.append(k)
        elif c == ")" and stack:
            o = stack.pop()
            pairs[o] = k
            pairs[k] = o
    return pairs


_PERIOD = rx.compile(r"(?<=\p{Han}[”’）》]?)\.(?!\.)(?=\p{Han}|[“‘（《]|\s*$)")
_CN_NUM_HEAD = rx.compile(r"^[一二三四五六七八九十百]+$")


def _ascii_periods(text, para, prot):
    """An ASCII full stop ending a Chinese sentence (加强领导.下一步 / …工作.)."""
    for m in _PERIOD.finditer(para.text):
        i = para.start + m.start()
        if prot.covers(i) or (i > para.start and text[i - 1] == "."):
            continue
        if _CN_NUM_HEAD.match(para.text[:m.start()]):
            continue  # 一.总体要求: a heading number, the numbering checks' business
        yield Issue(i, i + 1, "中文语境中使用了半角句点“.”，应为句号“。”",
                    "ASCII full stop in Chinese text; use “。”",
                    fix=Fix.replace(i, i + 1, "。", zh="改为句号", en="use “。”"))


def _ascii_quotes(text, para, prot):
    """ASCII double quotes used as quotation marks around or next to Chinese text."""
    marks = [para.start + k for k, c in enumerate(para.text) if c == '"' and not prot.covers(para.start + k)]
    for a, b in zip(marks[0::2], marks[1::2]):
        inner = text[a + 1:b]
        before = text[a - 1] if a > para.start else ""
        after = text[b + 1] if b + 1 < para.end else ""
        if "\n" in inner or len(inner) > 200:
            continue
        if HAN.search(inner) or _chinese_side(before) or _chinese_side(after):
            yield Issue(a, b + 1, "中文语境中使用了半角引号，应为全角引号“”",
                        "ASCII quotation marks in Chinese text; use “”",
                        fix=Fix((Edit(a, a + 1, "“"), Edit(b, b + 1, "”")), safe=True,
                                zh="改为全角引号", en="use full-width quotation marks"))


@check(
    code="DL501", name="halfwidth-punctuation", severity="warning", fixable=True,
    summary={"zh": "中文语境中的半角标点（, . ; : ? ! ( ) \"）", "en": "Half-width punctuation in Chinese text"},
    description={
        "zh": "中文行文应使用全角标点（GB/T 15834-2011）。报告紧邻汉字或全角标点的半角逗号、分号、"
              "冒号、问号、叹号、圆括号、双引号以及结束中文句子的半角句点，自动修复为对应的全角标点"
              "（一对括号或引号一起修复）。不报告数字中的"
              "分节号和比号（1,000、3:2、9:30）、网址、电子邮件、代码、Markdown 语法（链接、图片）"
              "和英文语句中的标点；段首半角括号序号“(一)”“(1)”归编号检查（DL3）。",
        "en": "Chinese text uses full-width punctuation (GB/T 15834-2011). Reports ASCII , ; : ? ! ( ) \" "
              "and a . ending a Chinese sentence, next to Chinese characters or full-width marks; the safe "
              "fix replaces them with the full-width marks (a pair of brackets or quotes together). Not reported: digit grouping and "
              "ratios (1,000, 3:2, 9:30), URLs, e-mail, code, Markdown syntax, English sentences; "
              "heading numbers such as (一) at the start of a paragraph belong to DL3."},
    wrong="事项大约有5小项,较有可能获得激励的事项3小项", right="事项大约有5小项，较有可能获得激励的事项3小项",
)
# complexity: one rule per half-width mark (, . ; : ? ! ( ) ") with the contexts where it is correct
def halfwidth_punctuation(doc, ctx):
    text = doc.text
    if not _HALF_RE.search(text) and '"' not in text and "." not in text:
        return
    prot = protected_spans(doc)
    for para in doc.paragraphs:
        if '"' in para.text:
            yield from _ascii_quotes(text, para, prot)
        if "." in para.text:
            yield from _ascii_periods(text, para, prot)
        if not _HALF_RE.search(para.text):
            continue
        pairs = _paren_pairs(text, para.start, para.end)
        skip = set()
        hm = _HEADING_PAREN.match(para.text) or _ITEM_PAREN.match(para.text)
        if hm:
            skip.update(range(para.start, para.start + hm.end()))
        for m in _HALF_RE.finditer(text, para.start, para.end):
            i = m.start()
            c = m.group(0)
            if i in skip or prot.covers(i):
                continue
            before, after, a, b = _neighbours(text, i, i + 1)
            if c in "(":
                if before and before in "]!":
                    continue  # Markdown link or image
                j = pairs.get(i)
                inner = text[i + 1:j] if j is not None else ""
                chinese = (_chinese_side(before) or (j is not None and _chinese_side(
                    _neighbours(text, j, j + 1)[1])) or bool(HAN.search(inner)))
                if not chinese or (j is None and not _chinese_side(after)):
                    continue
                if j is not None and prot.covers(j):
                    continue
                skip.add(j)
                edits = [Edit(i, i + 1, "（")] + ([Edit(j, j + 1, "）")] if j is not None else [])
                end = (j + 1) if j is not None else i + 1
                shown = text[i:end]
                if len(shown) > 30:
                    end = i + 1
                yield Issue(i, end, "中文语境中使用了半角括号，应为全角括号“（）”",
                            "half-width parentheses in Chinese text; use （）",
                            fix=Fix(tuple(edits), safe=True, zh="改为全角括号", en="use full-width parentheses"))
                continue
            if c == ")":
                o = pairs.get(i)
                if o is not None:
                    continue  # handled with its opening bracket (or not Chinese)
                if not (_chinese_side(before) or _chinese_side(after)):
                    continue
                yield Issue(i, i + 1, "中文语境中使用了半角括号，应为全角括号“）”",
                            "half-width parenthesis in Chinese text; use ）",
                            fix=Fix.replace(i, i + 1, "）", zh="改为全角括号", en="use a full-width parenthesis"))
                continue
            # , ; : ? !
            if not (_chinese_side(before) or _chinese_side(after)):
                continue
            if c in ",:" and before.isdigit() and after.isdigit():
                continue  # 1,000  3:2  9:30
            if c == "!" and after and after in "[=":
                continue
            if c in "?!" and after and after in "?!" and not _chinese_side(before):
                continue
            if _english_run(text, i):
                continue
            if c == "?" and (not before or before in "、，；：（“《【") and HAN.match(after or "a"):
                continue  # 、?水灌区: a character the page could not encode, not a question mark
            full = _HALF[c]
            # Spaces around the mark between Chinese text go too.
            between = (_chinese_side(before) or not before) and (_chinese_side(after) or not after)
            s_, e_ = (a, b) if between else (i, i + 1)
            names = {",": ("逗号", "comma"), ";": ("分号", "semicolon"), ":": ("冒号", "colon"),
                     "?": ("问号", "question mark"), "!": ("叹号", "exclamation mark")}[c]
            yield Issue(i, i + 1, f"中文语境中使用了半角{names[0]}“{c}”，应为全角“{full}”",
                        f"half-width {names[1]} “{c}” in Chinese text; use “{full}”",
                        fix=Fix.replace(s_, e_, full, zh=f"改为全角{names[0]}", en=f"use a full-width {names[1]}"))


# ---------------------------------------------------------------------------
# DL502 unbalanced paired marks
_OPEN = {"“": "”", "‘": "’", "《": "》", "〈": "〉", "（": "）", "〔": "〕", "【": "】",
         "「": "」", "『": "』", "［": "］", "｛": "｝", "(": ")"}
_CLOSE = {v: k for k, v in _OPEN.items()}
_CLOSE["）"] = "（"
_PAIR_CHARS = set(_OPEN) | set(_CLOSE) | {")"}
_PAIR_RX = rx.compile("[" + regex.escape("".join(sorted(_PAIR_CHARS))) + "]")
_NAMES = {"“": ("双引号", "double quotation mark"), "‘": ("单引号", "single quotation mark"),
          "《": ("书名号", "title mark"), "〈": ("书名号", "title mark"),
          "（": ("括号", "parenthesis"), "(": ("括号", "parenthesis"), "〔": ("六角括号", "hexagonal bracket"),
          "【": ("方头括号", "square bracket"), "「": ("引号", "corner quotation mark"),
          "『": ("引号", "corner quotation mark"), "［": ("方括号", "square bracket"),
          "｛": ("花括号", "curly bracket")}
_LIST_CLOSE = rx.compile(r"^[ \t\u3000]*(?:\d{1,3}|[a-zA-Z]|[一二三四五六七八九十]{1,3})[）)]")
MAX_CARRY = 2  # paragraphs a bracket may stay open (web copies break lines inside links)
# A line that ends like a paragraph (one of these marks, then closing quotes or brackets);
# hard-wrapped lines (ending mid-sentence) do not count.
_END_MARKS = frozenset("。！？；：…!?;:")
_END_CLOSERS = "”’」』）)】》"


def _ends_paragraph(t: str) -> bool:
    """Whether `t` ends like a paragraph: the regex [marks][closers]*$ (tests/checks/test_punctuation
    _scan.py keeps it as the reference), read from the end instead of tried at every position. $ is
    the end or a final line break; the marks and the closers share no character."""
    if t.rstrip(_END_CLOSERS)[-1:] in _END_MARKS:
        return True
    return t.endswith("\n") and t[:-1].rstrip(_END_CLOSERS)[-1:] in _END_MARKS


def _name(opener):
    return _NAMES.get(opener, ("标点", "mark"))


def _snippet(text, i, n=12):
    return text[i:i + n].split("\n")[0]


def _opens_quote(text, para):
    """Offset of the “ that opens the paragraph, or None."""
    t = para.text
    return para.start if t.startswith(("“", "「", "‘")) else None


@check(
    code="DL502", name="unbalanced-pairs", severity="warning", fixable=False,
    summary={"zh": "引号、括号、书名号不配对或交错", "en": "Unpaired or mismatched quotes, brackets, title marks"},
    description={
        "zh": "成对的标点（“”‘’《》〈〉（）〔〕【】「」『』）必须配对并正确嵌套。报告缺少后半或前半的、"
              "交错的（《…（…》）以及方向写反的引号（”…”）。多段引文每段开头用前引号、只在最后一段"
              "末尾用后引号，这一规范写法不报告；网页复制造成的标点跨行（两行之内配对）也不报告。"
              "年份缩写（’99）中的撇号不算引号。",
        "en": "Paired marks (“” ‘’ 《》 〈〉 （） 〔〕 【】 「」 『』) must balance and nest. Reports a missing "
              "opening or closing mark, crossed pairs (《…（…》) and reversed quotes (”…”). A quotation of "
              "several paragraphs where each paragraph opens with “ and only the last closes is the "
              "correct convention and is not reported; a pair broken over up to two lines (web copies) "
              "is accepted. An apostrophe as in ’99 is not a quote."},
    wrong="坚持以“创新驱动发展，推动高质量发展", right="坚持以“创新驱动发展”，推动高质量发展",
)
def unbalanced_pairs(doc, ctx):
    text = doc.text
    if not any(c in text for c in _PAIR_CHARS):
        return
    scan = _PairScan(doc)
    for pi, para in enumerate(doc.paragraphs):
        scan.paragraph(pi, para)
    scan.finish()
    yield from scan.out


@dataclass
class _Open:
    """An opening mark waiting for its partner."""
    mark: str
    offset: int
    para: int      # index of the paragraph it (last) continues in
    breaks: int    # paragraph ends before it (a multi-paragraph quotation renews this)


class _PairScan:
    """DL502's state: the marks open so far, what was reported, the issues in order."""

    def __init__(self, doc):
        self.text = doc.text
        self.prot = protected_spans(doc)
        self.stack: List[_Open] = []
        self.breaks = 0   # paragraphs so far that end like a paragraph (hard-wrapped lines do not)
        self.reported = set()
        self.out: List[Issue] = []

    def unclosed(self, entry: _Open) -> None:
        o, off, text = entry.mark, entry.offset, self.text
        if o == "(" or off in self.reported or (off - 1 in self.reported and text[off - 1] == o):
            self.reported.add(off)
            return  # a run of the same opener (《《《) is one finding
        self.reported.add(off)
        zh, en = _name(o)
        self.out.append(Issue(off, off + 1, f"{zh}“{o}”没有对应的“{_OPEN[o]}”：{_snippet(text, off)}…",
                              f"{en} “{o}” is never closed: {_snippet(text, off)}…"))

    def paragraph(self, pi: int, para) -> None:
        skip_at = None
        # Paragraphs that continue a multi-paragraph quotation open with “ again.
        q = _opens_quote(self.text, para)
        if q is not None and self.stack and self.stack[-1].mark == self.text[q] and self.stack[-1].para < pi:
            self.stack[-1].para = pi
            self.stack[-1].breaks = self.breaks
            skip_at = q
        # Brackets and quotes left open too long are reported.
        keep = []
        for entry in self.stack:
            if self.breaks - entry.breaks > MAX_CARRY:
                self.unclosed(entry)
            else:
                keep.append(entry)
        self.stack = keep
        list_close = _LIST_CLOSE.match(para.text)
        list_close_at = para.start + list_close.end() - 1 if list_close else None
        t = para.text
        for m in _PAIR_RX.finditer(t):
            k = m.start()
            c = t[k]
            i = para.start + k
            if i == skip_at or self.prot.covers(i):
                continue
            if c in _OPEN and c != "’":
                self.stack.append(_Open(c, i, pi, self.breaks))
            else:
                self._close(c, t, k, i, pi, para, list_close_at)
        if _ends_paragraph(t):
            self.breaks += 1

    # complexity: one rule per kind of closing mark, in the order they apply (apostrophe,
    # lone ASCII ), close, close deeper, list number, reversed quote, mismatch)
    def _close(self, c, t, k, i, pi, para, list_close_at) -> None:
        o = _CLOSE.get(c, "(" if c == ")" else None)
        prev = t[k - 1] if k else ""
        nxt = t[k + 1] if k + 1 < len(t) else ""
        latin = (prev.isalnum() and not HAN.match(prev)) or nxt.isdigit() or (nxt.isalpha() and not HAN.match(nxt))
        stack = self.stack
        if c == "’" and latin and not any(e.mark == "‘" for e in stack):
            return  # apostrophe: ’99, it’s
        if c == ")" and not any(e.mark in "(（" for e in stack):
            return  # a lone ASCII ) is DL501's business
        if stack and (stack[-1].mark == o or (c in "）)" and stack[-1].mark in "(（")):
            stack.pop()
            return
        depth = next((d for d in range(len(stack) - 1, -1, -1)
                      if stack[d].mark == o or (c in "）)" and stack[d].mark in "(（")), None)
        if depth is not None and self.breaks - stack[depth].breaks <= MAX_CARRY:
            for entry in stack[depth + 1:]:
                self.unclosed(entry)
            del stack[depth:]
            return
        if i == list_close_at:
            return  # 1） item number: the numbering checks' business
        if c in "”’" and self._reversed_quote(c, t, k, i, pi):
            return
        ahead = t[k + 1:k + 2001]
        if stack and stack[-1].para == pi and stack[-1].mark != "(" and ahead.count(
                _OPEN[stack[-1].mark]) <= ahead.count(stack[-1].mark):
            self._mismatch(c, i)
            return
        zh, en = _name(o) if o else ("标点", "mark")
        self.out.append(Issue(i, i + 1, f"{zh}“{c}”前面没有对应的“{o}”：…{self.text[max(para.start, i - 10):i + 1]}",
                              f"{en} “{c}” has no opening “{o}”"))

    def _reversed_quote(self, c, t, k, i, pi) -> bool:
        """A closing quote where an opening one belongs: ”五讲四美”. True when reported."""
        rest = t[k + 1:k + 2001]
        m = regex.search(r"[“”‘’]" if c == "”" else r"[‘’“”]", rest)
        if not (m and m.group(0) == c):
            return False
        right = "“" if c == "”" else "‘"
        self.out.append(Issue(i, i + 1, f"引号方向写反：“{c}”应为“{right}”（{_snippet(self.text, i)}…）",
                              f"reversed quotation mark: “{c}” should be “{right}”",
                              fix=Fix.replace(i, i + 1, right, safe=False, zh=f"改为“{right}”",
                                              en=f"use “{right}”")))
        self.stack.append(_Open(right, i, pi, self.breaks))
        return True

    def _mismatch(self, c, i) -> None:
        """The open mark is never closed in this paragraph: it and `c` are a mismatched pair."""
        top = self.stack.pop()
        want = _OPEN[top.mark]
        fix = None
        if top.mark in "“‘" and c in "”’":
            fix = Fix.replace(i, i + 1, want, safe=False, zh=f"改为“{want}”", en=f"use “{want}”")
        self.reported.add(top.offset)
        self.out.append(Issue(top.offset, i + 1, f"“{top.mark}”与“{c}”不配对，应为“{top.mark}…{want}”",
                              f"“{top.mark}” is closed by “{c}”; expected “{want}”", fix=fix))

    def finish(self) -> None:
        for entry in self.stack:
            self.unclosed(entry)


# ---------------------------------------------------------------------------
# DL503 doubled or clashing punctuation
# An ellipsis written as ... or a single … in Chinese text (…… and ⋯⋯ are correct).
_BAD_ELLIPSIS = rx.compile(r"(?<=\p{Han}|[，、”》）])(?:\.{3,6}|(?<!…)…(?!…))|(?:\.{3,6}|(?<!…)…(?!…))(?=\p{Han})")
_DOUBLED = rx.compile(r"([，。、；：])\1+|([！？!?])\2+|([，、；：][，。、；：]|。[，、；：])")
# Pre-filters (a text without them has no match; one search is cheaper than a finditer of the
# full patterns, which try every position): two marks in a row; an ellipsis's last character
# before 等.
_TWO_MARKS = rx.compile(r"[，。、；：！？!?][，。、；：！？!?]")
_DOTS_DENG = rx.compile(r"[…⋯.。]\s*等")


@check(
    code="DL503", name="doubled-punctuation", severity="warning", fixable=True,
    summary={"zh": "重复或连用的点号（，，  。。  ，。）", "en": "Doubled or clashing punctuation (，， 。。 ，。)"},
    description={
        "zh": "逗号、句号、顿号、分号、冒号不能重复（，，  。。），也不能两种连用（，。  、，）。重复的"
              "自动修复为一个；连用的需人工决定保留哪一个。“。。。”报告为错误的省略号（应为“……”）。"
              "叹号、问号的叠用（！！  ？？）可以是修辞，以“提示”报告。省略号“……”和破折号“——”本来"
              "就是两个字符，不报告；中文里写成“...”或单个“…”的省略号，自动修复为“……”。",
        "en": "Pause and stop marks must not be doubled (，， 。。) or combined (，。 、，). A doubled mark "
              "is fixed by deleting the extra copy; combined marks need a decision. “。。。” is reported as "
              "a wrong ellipsis (……). Doubled ！！ or ？？ may be rhetorical: info. The ellipsis …… and the "
              "dash —— are correct; an ellipsis written ... or as a single … in Chinese text is fixed to ……."},
    wrong="保持奋发有为的精神状态，，更加扎实的工作作风", right="保持奋发有为的精神状态，更加扎实的工作作风",
)
def doubled_punctuation(doc, ctx):
    text = doc.text
    prot = protected_spans(doc)
    for m in _BAD_ELLIPSIS.finditer(text) if "…" in text or "..." in text else ():
        s, e = m.span()
        if prot.covers(s) or text.startswith("等", e):
            continue  # ……等 is DL507's
        yield Issue(s, e, f"省略号应为六个点“……”，不是“{m.group(0)}”", f"the ellipsis is “……”, not “{m.group(0)}”",
                    fix=Fix.replace(s, e, "……", zh="改为“……”", en="use “……”"))
    for m in _DOUBLED.finditer(text) if _TWO_MARKS.search(text) else ():
        s, e = m.span()
        if prot.covers(s):
            continue
        g = m.group(0)
        if m.group(1):
            c = m.group(1)
            if c == "。" and len(g) >= 3:
                yield Issue(s, e, f"用“{g}”表示省略，省略号应为“……”", f"“{g}” used as an ellipsis; write “……”",
                            fix=Fix.replace(s, e, "……", safe=False, zh="改为省略号", en="use an ellipsis"))
                continue
            yield Issue(s, e, f"标点重复：“{g}”", f"doubled punctuation “{g}”",
                        fix=Fix.delete(s + 1, e, zh=f"删去多余的“{c}”", en=f"delete the extra “{c}”"))
        elif m.group(2):
            if any(ch in "!?" for ch in g):
                continue  # ASCII: DL501 first
            yield Issue(s, e, f"叹号或问号叠用：“{g}”，公文中一般只用一个", f"repeated “{g}”: one is enough in official prose",
                        fix=Fix.delete(s + 1, e, safe=False, zh="只保留一个", en="keep one"), severity="info")
        else:
            yield Issue(s, e, f"两个点号连用：“{g}”，应只保留一个", f"two punctuation marks in a row “{g}”: keep one")


# ---------------------------------------------------------------------------
# DL504 顿号 misuse, DL505 顿号 between quoted items
_CONJ = {"等": "等", "等等": "等等", "和": "和", "及": "及", "以及": "以及", "或": "或", "或者": "或者"}
_MODALS = {"要", "必须", "应当", "应该", "务必"}
_FIRST_CHARS = tuple({w[0] for w in list(_CONJ) + list(_MODALS)})
# 、 after a heading or enumeration number is a list marker, not a 顿号 between items.
_NUM_BEFORE = rx.compile(r"(?:^|[\s：:，。；])(?:第)?[一二三四五六七八九十百〇零\d]+$")
_SEG_BACK = rx.compile(r"[，。、；：！？\n“”‘’（）《》]")
_NOT_DENG = ("等于", "等同", "等级", "等待", "等候", "等额", "等量", "等价", "等值", "等距", "等比", "等分",
             "等高", "等腰", "等边", "等号", "等外")


def _name_with_he(toks, function) -> bool:
    """Whether the 和 after a 、 starts a word or name (和美乡村, 和苑小区) rather than joining items.

    The conjunction is followed by a whole word (、和改进, 、和服务业, 、和各部门); a name that
    starts with 和 and that the dictionary does not know leaves a lone content character after it
    (和 / 美 / 乡村, 和 / 苑). Names it knows are one token already (和田, 和平).
    """
    if len(toks) < 2:
        return False
    nxt = toks[1].word
    return len(nxt) == 1 and HAN.match(nxt) is not None and nxt not in function


def _segment_before(text, i, lo):
    """The text of the list item before the 顿号 at i (back to the previous mark)."""
    k = i - 1
    lo = max(lo, i - 40)
    while k >= lo and not _SEG_BACK.match(text[k]):
        k -= 1
    return text[k + 1:i]


@check(
    code="DL504", name="dunhao-misuse", severity="warning", fixable=True,
    summary={"zh": "顿号误用（、等  、和  各个专班、要聚焦）", "en": "Misused enumeration comma 、 (、等 、和 、要)"},
    description={
        "zh": "顿号只用在并列词语之间。报告：顿号后紧接“等”“等等”（A、B、等 → A、B等）；顿号后紧接连词"
              "“和”“及”“以及”“或”“或者”（A、B、和C → A、B和C）；主语和谓语之间误加顿号（各个专班、要聚焦"
              " → 各个专班要聚焦）。前两种自动删除顿号；第三种需人工确认。按分词判断，“和平”“和谐”“及时”"
              "不受影响；“、与”多为介词结构（与…相结合），不报告；标题和序号后的顿号（一、）不报告。"
              "文中年份多在1996年以前的历史文献中，“、和”“、以及”一类按当时习惯以“提示”报告。",
        "en": "The enumeration comma 、 only separates coordinate items. Reports 、 directly before 等/等等 "
              "and before the conjunctions 和, 及, 以及, 或, 或者 (safe fix: delete the 、), and a 、 between a "
              "subject and its verb (各个专班、要聚焦; needs a decision). Words such as 和平, 和谐, 及时 are "
              "told apart by segmentation; 、与 is usually a prepositional phrase and is not reported; "
              "heading numbers (一、) are not reported. In historical documents (mostly dated before "
              "1996) 、和/、以及 follow the period's usage and are info."},
    wrong="各个专班、要聚焦十条优势产业链", right="各个专班要聚焦十条优势产业链",
    options={"historical_before": 1996},
)
# complexity: the three 、-misuses (before 等/和/及, between subject and predicate, list end) share the scan of each 、
def dunhao_misuse(doc, ctx):
    text = doc.text
    if "、" not in text:
        return
    prot = protected_spans(doc)
    old = historical(doc, ctx.options.get("historical_before", 1996))
    function = ctx.words("function_chars")
    for para in doc.paragraphs:
        t = para.text
        k = t.find("、")
        while k >= 0:
            i = para.start + k
            nk = t.find("、", k + 1)
            if prot.covers(i) or _NUM_BEFORE.search(t, max(0, k - 12), k) or k + 1 >= len(t):
                k = nk
                continue
            if not t.startswith(_FIRST_CHARS, k + 1):
                k = nk
                continue
            toks = doc.tokens_in(i + 1, min(para.end, i + 12))
            first = toks[0].word if toks else ""
            if first in _CONJ:
                if first.startswith("等") and t.startswith(_NOT_DENG, k + 1):
                    k = nk
                    continue
                if first == "和" and _name_with_he(toks, function):
                    k = nk
                    continue
                yield Issue(i, i + 1 + len(first), f"顿号后不应紧接“{first}”，删去顿号",
                            f"no 、 before “{first}”: delete the 、",
                            fix=Fix.delete(i, i + 1, safe=not old, zh="删去顿号", en="delete the 、"),
                            severity="info" if old else None)
            elif first in _MODALS:
                seg = _segment_before(text, i, para.start)
                seg_lo = i - len(seg)
                mark_before = text[seg_lo - 1] if seg_lo > para.start else ""
                rest = regex.match(r"[^，。、；：！？\n]*([，。、；：！？]?)", text[i + 1:min(para.end, i + 200)])
                mark_after = rest.group(1) if rest else ""
                # Only a two-part "subject、verb…" clause: not an item in a longer 、 list.
                adjectival = text.startswith("的", i + 1 + len(first))  # 必要的、必须的
                if (seg and not adjectival and mark_before != "、" and mark_after != "、" and len(seg) <= 12
                        and not seg.lstrip().startswith(tuple(_MODALS)) and not regex.search(
                            r"(?:也|还|更|都|就|又|既|不仅)$", seg) and HAN.match(seg[-1:] or "a")):
                    seg_toks = doc.tokens_in(i - len(seg), i)
                    # Parallel verb phrases (加强A、要B) are left alone: the item before
                    # must read like a subject (no modal or verb-like token inside).
                    if not any(tk.word in _MODALS for tk in seg_toks):
                        yield Issue(i, i + 1 + len(first),
                                    f"“{seg[-8:]}、{first}…”：顿号只用于并列词语之间，不能用在主语和谓语"
                                    f"或两个分句之间",
                                    f"“{seg[-8:]}、{first}…”: 、 joins coordinate items only, not a subject "
                                    f"and its verb or two clauses",
                                    fix=Fix.delete(i, i + 1, safe=False, zh="删去顿号", en="delete the 、"))
            k = nk


_QUOTED_DUNHAO = rx.compile(r"(?<=[”》」』])、(?=[“《「『])")
_NO_DUNHAO = rx.compile(r"[”」』][“「『]")
_CLOSER = {"“": "”", "《": "》", "「": "」", "『": "』"}
_LIST_END = rx.compile(r"[，。；：！？,;:!?\n]")


def _items(text: str, i: int) -> List[str]:
    """The items of the 、-list around the 、 at i, within its clause."""
    a = i
    while a > 0 and not _LIST_END.match(text[a - 1]):
        a -= 1
    b = i
    while b < len(text) and not _LIST_END.match(text[b]):
        b += 1
    return text[a:b].split("、")


def _quoted(item: str) -> bool:
    """An item that is one quoted or titled element and nothing else."""
    t = item.strip()
    return len(t) >= 2 and t[0] in _CLOSER and t.endswith(_CLOSER[t[0]]) and t.count(t[0]) == 1


# A name continued after its quotes (“奋斗者”号): the item has text of its own.
_NAME_SUFFIX = rx.compile(r"^[号型式牌版站舰星]")


def _pure_series(text: str, i: int) -> bool:
    """Whether every item of the 、-list around i is a quoted or titled element.

    The first item may follow the verb (做好“六稳”) and the last carry the shared head noun
    (“六保”工作); the items between must be quoted whole. A list mixing quoted and plain items
    (“一国两制”、“港人治港”、高度自治) or an item continued outside its quotes (“奋斗者”号)
    keeps its 、 (GB/T 15834: other components among the quoted items).
    """
    items = [x.strip() for x in _items(text, i)]
    if len(items) < 2 or not all(_quoted(x) for x in items[1:-1]):
        return False
    first, last = items[0], items[-1]
    if not first or first[-1] not in _CLOSER.values() or not last or last[0] not in _CLOSER:
        return False
    close = last.find(_CLOSER[last[0]], 1)
    return close > 0 and not _NAME_SUFFIX.match(last[close + 1:])


@check(
    code="DL505", name="dunhao-between-quoted", severity="info", fixable=True,
    summary={"zh": "引号或书名号之间的顿号（《A》、《B》）", "en": "、 between items in quotes or title marks"},
    description={
        "zh": "GB/T 15834-2011 规定：标有引号或书名号的并列成分之间通常不用顿号（《预算法》《预算法实施条例》）。"
              "只报告各项都完整地用书名号或引号标示的并列（列表中夹有不带引号的成分，如“一国两制”、“港人治港”、"
              "高度自治，或引号外另有文字，如“奋斗者”号，顿号应保留）。引号标示的固定提法照录原文时常带顿号"
              "（“六稳”、“六保”），只有文中别处不用顿号（“A”“B”）时才提示统一；书名号总是提示。"
              "该规定始于2011年版标准，此前的文献（文中年份多在2012年以前）不报告。以“提示”报告；修复（删去顿号）"
              "为非安全修复。",
        "en": "GB/T 15834-2011: items each in quotation marks or title marks are usually not separated by 、 "
              "(《预算法》《预算法实施条例》). Reported only when every item of the list is wholly in quotes or title "
              "marks (a list mixing quoted and plain items, or an item with text outside its quotes such as "
              "“奋斗者”号, keeps its 、). Official formulations quoted verbatim often carry the 、 (“六稳”、“六保”): "
              "quoted items are reported only when the document elsewhere writes them without 、 (“A”“B”); title "
              "marks always. The rule dates from the 2011 standard: documents of earlier years (mostly before "
              "2012) are not reported. Info; the fix (delete the 、) is unsafe."},
    wrong="认真执行《预算法》、《预算法实施条例》", right="认真执行《预算法》《预算法实施条例》",
    options={"historical_before": 2012},
)
def dunhao_between_quoted(doc, ctx):
    text = doc.text
    if "、" not in text or historical(doc, ctx.options.get("historical_before", 2012)):
        return
    prot = protected_spans(doc)
    house_style = _NO_DUNHAO.search(text) is not None   # the document writes “A”“B” somewhere
    for m in _QUOTED_DUNHAO.finditer(text):
        i = m.start()
        if prot.covers(i) or not _pure_series(text, i):
            continue
        titles = text[i - 1] == "》" and text[i + 1] == "《"
        if not titles and not house_style:
            continue
        yield Issue(i - 1, i + 2, "引号或书名号标示的并列成分之间通常不用顿号",
                    "items in quotation or title marks are usually not separated by 、",
                    fix=Fix.delete(i, i + 1, safe=False, zh="删去顿号", en="delete the 、"))


# ---------------------------------------------------------------------------
# DL506 ranges written with - or ~
_NUM = r"(?:\d+(?:\.\d+)?|×+)"
_RANGE = rx.compile(
    rf"(?<![A-Za-z0-9_.\-－/:])({_NUM})([%％]?)\s*([-－~])\s*({_NUM})"
    r"(?=[%％]|学年|年|月|日|时|点|世纪|岁|个|元|万|亿|千|百|人|次|倍|天|周|名|家|项|条|款|章|节|届|层|页|公里|千米|米|吨|亩|℃|度|小时|分钟|批|所|座|台|件)")
_TIME_UNIT = ("年", "月", "日", "时", "点", "世纪", "学年", "小时", "分钟", "天", "周")


@check(
    code="DL506", name="range-hyphen", severity="warning", fixable=True,
    summary={"zh": "数值或时间范围用了连字符或半角波浪线（1-8月）", "en": "Range written with - or ~ (1-8月)"},
    description={
        "zh": "标示时间、数值的起止用一字线“—”或浪纹线“～”（1—8月、25～30人），不用短横线“-”、全角连字符"
              "“－”或半角波浪线“~”。只报告两个数中间夹连接号、后面跟着单位（年、月、日、%、人、个…）的写法；"
              "日期（2011-02-15）、编号（3-2-11室、图1-2）和电话号码不报告。自动修复：时间范围改为“—”，"
              "其他数值范围改为“～”。",
        "en": "A range of times or numbers uses the dash — or the wave ～ (1—8月, 25～30人), not a hyphen -, "
              "a full-width －, or an ASCII ~. Reported only between two numbers followed by a unit (年, 月, "
              "日, %, 人, 个 …); dates (2011-02-15), codes (3-2-11室, 图1-2) and phone numbers are not. Safe "
              "fix: — for time ranges, ～ for other quantities."},
    wrong="1-8月全市完成固定资产投资", right="1—8月全市完成固定资产投资",
)
def range_hyphen(doc, ctx):
    text = doc.text
    if not any(c in text for c in "-－~"):
        return
    prot = protected_spans(doc)
    for m in _RANGE.finditer(text):
        s, e = m.span()
        if prot.covers(s):
            continue
        a, b = m.group(1), m.group(4)
        if text[max(0, s - 2):s].endswith(("图", "表", "式", "例", "附件")) or text.startswith(
                ("所示", "所述", "所列", "所得"), e):
            continue  # figure and table numbers: 图1-2
        if "×" not in a + b:
            try:
                if float(a) >= float(b):
                    continue  # 3-1: a code, not a range
            except ValueError:
                continue
        unit = text[e:e + 2]
        years = len(a) == 4 and len(b) == 4 and "×" not in a + b
        time = years or unit.startswith(_TIME_UNIT)
        right = "—" if time else "～"
        # Remove spaces around the connector as well.
        ds, de = m.end(2), m.start(4)
        shown = text[s:e]
        yield Issue(s, e, f"范围“{shown}”中的“{m.group(3)}”应为“{right}”",
                    f"range “{shown}”: use “{right}” instead of “{m.group(3)}”",
                    fix=Fix.replace(ds, de, right, zh=f"改为“{right}”", en=f"use “{right}”"))


# ---------------------------------------------------------------------------
# DL507 ellipsis followed by 等
_ELLIPSIS_DENG = rx.compile(r"([、，]?)(……|…|⋯⋯|⋯|\.{3,}|。{3,})(\s*)(等等|等)")


@check(
    code="DL507", name="ellipsis-with-deng", severity="warning", fixable=True,
    summary={"zh": "省略号后又用“等”（A、B……等）", "en": "Ellipsis followed by 等 (A、B……等)"},
    description={
        "zh": "省略号和“等”“等等”意思重复，不能同时使用（GB/T 15834-2011）。自动修复：删去省略号"
              "（连同它前面的顿号），保留“等”。“……等待”“……等于”一类不报告。",
        "en": "An ellipsis and 等/等等 say the same thing and are not used together (GB/T 15834-2011). "
              "Safe fix: delete the ellipsis (and a 、 before it), keeping 等. 等待, 等于 etc. are not "
              "reported."},
    wrong="加强水利、交通、能源……等基础设施建设", right="加强水利、交通、能源等基础设施建设",
)
def ellipsis_with_deng(doc, ctx):
    text = doc.text
    prot = protected_spans(doc)
    for m in _ELLIPSIS_DENG.finditer(text) if _DOTS_DENG.search(text) else ():
        if prot.covers(m.start(2)):
            continue
        if m.group(4) == "等" and (text.startswith(_NOT_DENG, m.start(4)) or text.startswith(
                ("一等", "着", "了", "过", "到", "来", "不", "我", "你", "他", "她", "咱"), m.end(4))):
            continue  # 等 the verb: ……等一等, ……等了很久
        before = text[m.start(1) - 1:m.start(1)] if m.start(1) > 0 else ""
        if not (HAN.match(before) or before in ("”", "》", "）", "」")) or not before:
            continue  # the ellipsis must end a list of items
        s = m.start(2)
        e = m.end(4)
        yield Issue(s, e, "省略号后不应再用“等”，二者只用其一", "an ellipsis and 等 together: use one of them",
                    fix=Fix.delete(m.start(1), m.end(3), zh="删去省略号", en="delete the ellipsis"))
