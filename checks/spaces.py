"""DL511 stray spaces: half- or full-width spaces inside Chinese text that nobody meant.

Chinese prose has no spaces between words, and full-width punctuation carries its
own spacing, so inside a line of Chinese prose a space is a leftover: of retyping
(“劝进书 ”, 所谓 “两个中国”), of a broken transcription (1 9 9 3 年), of an
English habit (。 下一句), of a heading typed as 一、 标题 among headings that have none.

Reported:

- a space next to a full-width punctuation mark (quotation marks, brackets, 、，。；：
  ？！—…) with Chinese on the other side: certain, fixed safely by deleting it;
- a space splitting a number into its digits (1 9 9 3 年, 8 ．8 ％): fixed safely;
- a space after a heading marker (一、 过去五年工作回顾) when the document's other headings
  have none: fixed safely;
- one space between two Chinese characters inside a prose sentence (职权　不够尊重):
  reported, fixed only with --unsafe-fixes (it could separate two names).

Spaces that are meant are left alone: the ideographic-space indent at the start of a
paragraph, trailing spaces, spaces in short lines without sentence punctuation (titles,
bylines such as 市长　周明远, names such as 李　强, headlines), runs of two or more
spaces and tabs (alignment, tables, forms), spaces around Latin letters and digits
(GDP 增长, 增长 5.2%: a typographic style), text in URLs or code, and lines of web-page
chrome (photo credits, 来源/责任编辑 lines: DL701 reports those).
"""
from __future__ import annotations

from typing import List, Optional, Tuple

from doclint.engine.registry import check
from doclint.model.finding import Fix, Issue
from doclint.text import rx
from doclint.text.markers import recognise

# Full-width punctuation that carries its own spacing.
_CJK_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】「」『』〔〕—…·"
_SPACE_RUN = rx.compile(r"[ \u3000\u00a0]+")
_HAN = rx.compile(r"\p{Han}")
_SENTENCE_PUNCT = rx.compile(r"[，。；！？]")
_SENTENCE_END = rx.compile(r"[。！？；!?;][”’」』）)]*$|[。！？；]")
# A number with its digits spaced out: 1 9 9 3, 8 ．8, 7 4 7 7 2
_SPACED_NUMBER = rx.compile(r"(?<![0-9０-９A-Za-z.．])[0-9０-９](?:[0-9０-９．.]| (?=[0-9０-９．.]))+(?: ?[％%‰])? ?"
                            r"(?=\p{Han}|[，。、；：）])")
_INNER_SPACE = rx.compile(r"[0-9０-９．.] [0-9０-９．.]")
# Before a name: a title, so 市长　周明远 is a byline; after it: 同志, 摄, 讲话 …
_TITLE_BEFORE = rx.compile(r"(?:市长|书记|主任|局长|省长|总理|主席|委员|部长|厅长|处长|科长|同志|记者|编辑|摄影|作者|主持人|"
                           r"县长|区长|镇长|乡长|院长|校长|董事长|经理|代表|副|秘书长|发言人|通讯员|执笔)$")
_NAME_AFTER = rx.compile(r"^\p{Han}{1,4}?(?:同志|摄|讲话|主持|致辞|发言|报道)")
_SHORT_LINE = 20
_PAD = " \u3000\u00a0\t"   # indentation and trailing space: never reported


def _is_prose(line: str) -> bool:
    return len(line) > _SHORT_LINE and bool(_SENTENCE_PUNCT.search(line))


def _han(c: str) -> bool:
    return bool(c) and bool(_HAN.match(c))


def _cjk(c: str) -> bool:
    return _han(c) or (bool(c) and c in _CJK_PUNCT)


class _Line:
    """One line's text, its offset, and the spaces in it that are not indentation or trailing."""

    def __init__(self, span):
        self.text = span.text
        self.start = span.start
        body = self.text.strip(_PAD)
        self.lead = len(self.text) - len(self.text.lstrip(_PAD))
        self.body = body
        self.runs = [(self.lead + m.start(), self.lead + m.end()) for m in _SPACE_RUN.finditer(body)]
        # Worked out once per line (a line may have thousands of spaces).
        self.prose = "\t" not in self.text and _is_prose(body)
        t = self.text
        self.han_gaps = sum(1 for x, y in self.runs if _han(t[x - 1:x]) and _han(t[y:y + 1]))


def _sentence_around(text: str, a: int, b: int) -> Tuple[str, str]:
    """The text of the sentence before a and after b, within the line."""
    before = text[:a]
    after = text[b:]
    cut = max(before.rfind(c) for c in "。！？；")
    before = before[cut + 1:]
    ends = [i for i in (after.find(c) for c in "。！？；") if i >= 0]
    return before, after[:min(ends) + 1] if ends else after


def _between_han(line: _Line, a: int, b: int) -> Optional[str]:
    """Why a single space between two Chinese characters is stray, or None when it may be meant."""
    t = line.text
    if line.han_gaps > 1:
        return None  # several: a list of names or a table
    before, after = _sentence_around(t, a, b)
    if len(_HAN.findall(before)) < 4 or len(_HAN.findall(after)) < 4 or not _SENTENCE_END.search(after):
        return None  # a headline or a caption, not a sentence
    if _TITLE_BEFORE.search(before) or _NAME_AFTER.match(after):
        return None  # 市长 周明远同志: a byline
    return "between"


def _kind(line: _Line, a: int, b: int) -> Optional[str]:
    """'punct', 'between' or None for the space run text[a:b] of a line."""
    t = line.text
    left, right = t[a - 1:a], t[b:b + 1]
    if (b - a) > 1 or not line.prose:
        return None  # tabs and runs of spaces align; short lines are titles, bylines, names
    if (left in _CJK_PUNCT and _cjk(right)) or (right in _CJK_PUNCT and _cjk(left)):
        return "punct"
    if _han(left) and _han(right):
        return _between_han(line, a, b)
    return None


def _marker_spaces(doc) -> Tuple[List[Tuple[int, int]], int]:
    """Spaces right after a heading marker (一、 标题), and how many headings have none."""
    spaced, plain = [], 0
    for para in doc.paragraphs:
        got = recognise(para.text)
        if got is None:
            continue
        end = got[3]
        run = _SPACE_RUN.match(para.text, end)
        if run and run.end() < len(para.text):
            spaced.append((para.start + end, para.start + run.end()))
        else:
            plain += 1
    return spaced, plain


def _line_spaces(line: _Line, after_marker) -> List[Tuple[int, int, str]]:
    """(start, end, kind) of the stray spaces of one line (offsets in the document)."""
    found = []
    numbers = [(m.start(), m.end()) for m in _SPACED_NUMBER.finditer(line.text) if _INNER_SPACE.search(m.group(0))]
    for s, e in numbers:
        found.append((line.start + s, line.start + e, "number"))
    for a, b in line.runs:
        if any(s <= a < e for s, e in numbers) or line.start + a in after_marker:
            continue  # a space after a heading marker is judged with the other headings
        kind = _kind(line, a, b)
        if kind:
            found.append((line.start + a, line.start + b, kind))
    return found


@check(
    code="DL511", name="stray-space", severity="warning", fixable=True,
    summary={"zh": "中文文字中多余的空格（“劝进书 ”、所谓 “两个中国”、1 9 9 3 年）",
             "en": "A stray space inside Chinese text (“劝进书 ”, 所谓 “两个中国”, 1 9 9 3 年)"},
    description={
        "zh": "中文行文不以空格分词，全角标点自带间距，正文中的空格多是录入残留：标点两侧的空格（“劝进书 ”、"
              "所谓 “两个中国”、。 下一句）、把数字拆开的空格（1 9 9 3 年）、个别标题序号后的空格（一、 标题，"
              "其他标题没有），这些可安全删除；句中两个汉字之间的单个空格（职权　不够尊重）也报告，删除需确认。"
              "不报告：段首缩进和行尾空格；不含句内标点的短行（标题、署名“市长　周明远”、人名“李　强”）；"
              "连续两个以上的空格和制表符（对齐、表格）；英文字母、数字两侧的空格；网址、代码；网页残留行（由 DL701 报告）。",
        "en": "Chinese prose does not separate words with spaces and full-width punctuation has its own spacing, "
              "so a space inside a line is usually a leftover: beside a punctuation mark (“劝进书 ”, 所谓 “两个中国”, "
              "。 next sentence), splitting a number (1 9 9 3 年), after one heading marker among headings without "
              "one (一、 标题): deleted safely; a single space between two Chinese characters inside a sentence "
              "(职权　不够尊重) is reported too, deleted only with --unsafe-fixes. Not reported: paragraph indents "
              "and trailing spaces; short lines without sentence punctuation (titles, bylines such as 市长　周明远, "
              "names such as 李　强); runs of two or more spaces and tabs (alignment, tables); spaces around Latin "
              "letters and digits; URLs and code; web-page residue lines (DL701)."},
    wrong="江青写“效忠信”、“劝进书 ”，又是加紧进行粉墨登场的各种准备。",
    right="江青写“效忠信”、“劝进书”，又是加紧进行粉墨登场的各种准备。",
)
def stray_space(doc, ctx):
    text = doc.text
    spaced, plain = _marker_spaces(doc)
    # After a heading marker: reported only when the document's other headings have no space.
    found = [(a, b, "heading") for a, b in spaced] if plain >= 2 and len(spaced) < plain else []
    after_marker = {a for a, _ in spaced}
    chrome = None
    for k, span in enumerate(doc.lines):
        if not _SPACE_RUN.search(span.text.strip(_PAD)):
            continue  # spaces only in the indent or at the end (most lines of some reports)
        line = _Line(span)
        got = _line_spaces(line, after_marker) if line.runs else []
        if not got:
            continue
        if chrome is None:  # the lines DL701 reports as page chrome (one analysis, shared with DL701)
            from doclint.checks._chrome import chrome_lines
            chrome = chrome_lines(doc, ctx)
        if k not in chrome:
            found.extend(got)
    found.sort()
    protected = doc.protected
    for a, b, kind in found:
        if not protected.covers(a):
            yield _issue(text, a, b, kind)


def _issue(text: str, a: int, b: int, kind: str) -> Issue:
    if kind == "number":
        shown = text[a:b]
        joined = shown.replace(" ", "")
        return Issue(a, b, f"数字中间有空格：“{shown}”应为“{joined}”",
                     f"spaces inside a number: “{shown}” should be “{joined}”",
                     fix=Fix.replace(a, b, joined, zh="删去数字中的空格", en="delete the spaces"))
    what = {"punct": ("标点旁多余的空格", "a stray space beside punctuation"),
            "heading": ("标题序号后多余的空格（其他标题没有）", "a stray space after a heading marker (other headings have none)"),
            "between": ("句中多余的空格", "a stray space inside a sentence")}[kind]
    wide, wide_en = ("全角", "full-width") if "\u3000" in text[a:b] else ("半角", "half-width")
    # The finding shows the characters on both sides; the fix deletes only the space.
    s, e = max(0, a - 1), min(len(text), b + 1)
    shown = text[s:e].replace("\n", " ")
    return Issue(s, e, f"{what[0]}（{wide}）：{shown}", f"{what[1]} ({wide_en}): {shown}",
                 fix=Fix.delete(a, b, safe=kind != "between", zh="删去空格", en="delete the space"))
