"""Heading recognition and the heading tree of a document (GB/T 9704-2012 §7.3.3).

The body of an official document numbers its structural headings in four
levels, used in this order::

    一、   （一）   1.   （1）

A heading is recognised at the start of a paragraph (one line). Headings in
these documents often run into the paragraph: in "（一）坚持稳中求进。今年……"
the heading's title ends at the first 。. The common wrong forms are
recognised too, at the level they imitate, so that checks can flag them:
一. 一． 一， 一､ (level 1), (一) （一）、 (level 2), 1、 1， (level 3),
(1) （1）、 (level 4). "第一部分"/"第一章" are part headings (level 0).

Not headings: numbers in prose ("2025年全市…", "1.5万亿元", "2.5" left alone
on a line by a broken "PM2.5"), runs of numerals ("二、三产业", "三、四月份"),
"一方面", dates.

The tree: a heading continues the open heading of its level whose number it
follows; otherwise it closes the open headings of its level and deeper ones.
A run that restarts at 一/1 while a heading of the same level (or a deeper
one) is open is a nested sub-list when the outer sequence resumes after the
run (as in older reports that list "一、…二、…" items inside "（三）"); then
it is placed under the innermost open heading and marked `nested`.

In-paragraph enumerations (一要/二要, 一是/二是, 第一，/第二，) are found by
`enumerations(doc)`; they are not headings.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import List, Optional

import regex

from doclint.text import rx
from doclint.text.markers import ENUMERATION, MD_HEADING_PREFIX, ORDER_WORDS, parse_number, recognise

_TITLE_END = rx.compile(r"[。！？；!?;]")

def canonical_marker(level: int, numeral: str, number: Optional[int] = None) -> str:
    """The GB/T 9704 marker for `level` with the numeral as written (一、 （一） 1. （1）)."""
    if level == 1:
        return f"{numeral}、"
    if level == 2:
        return f"（{numeral}）"
    if level == 3:
        return f"{numeral}."
    if level == 4:
        return f"（{numeral}）"
    return f"第{numeral}"


@dataclass(eq=False)
class Heading:
    level: int        # 1 = 一、 2 = （一） 3 = 1. 4 = （1）; 0 = 第一部分/第一章
    number: int       # the numeral's value
    marker: str       # the marker as written: "一、", "（二）", "1.", "(一)"
    style: str        # "cn-dun", "cn-paren", "arabic-dot", "arabic-paren", or a variant id
    title: str        # text after the marker, up to the first 。！？；
    start: int        # span of marker + title in doc.text
    end: int
    line: int
    parent: Optional["Heading"] = None
    children: list = field(default_factory=list)
    numeral: str = ""         # the numeral as written ("三", "12", "１")
    num_start: int = 0        # span of the numeral in doc.text
    num_end: int = 0
    marker_end: int = 0       # offset just after the marker
    nested: bool = False      # in a sub-list restarted at 一 under a deeper/same-level heading
    broken: bool = False      # its marker is broken over two lines by a web page ("（" / "三）…")

    @property
    def depth(self) -> int:
        d, h = 1, self.parent
        while h is not None:
            d, h = d + 1, h.parent
        return d

    @property
    def canonical(self) -> str:
        return canonical_marker(self.level, self.numeral, self.number)

    @property
    def marker_ok(self) -> bool:
        if self.level == 3:
            return self.marker in (f"{self.numeral}.", f"{self.numeral}．")
        if self.level == 0:
            return True
        return self.marker == self.canonical

    def path(self) -> List["Heading"]:
        out, h = [], self
        while h is not None:
            out.append(h)
            h = h.parent
        return out[::-1]

    def to_dict(self) -> dict:
        return {"level": self.level, "number": self.number, "marker": self.marker,
                "style": self.style, "title": self.title, "line": self.line,
                "start": self.start, "end": self.end, "nested": self.nested,
                "children": [c.to_dict() for c in self.children]}

    def __repr__(self):
        return f"Heading({self.marker}{self.title[:12]!r}, level={self.level}, line={self.line})"


def _next_outside(headings: List[Heading]) -> List[int]:
    """For each heading, the index of the first later heading that is not inside it.

    "Inside" is "has it as an ancestor" (parent links). Ancestry is an O(1)
    test on DFS entry/exit numbers of the parent-link forest, and the scan
    jumps: if heading j is inside heading i, so is everything before j's own
    answer. Linear-ish even for thousands of nested headings (comparing each
    heading with every later one's path was cubic there).
    """
    n = len(headings)
    pos = {id(h): k for k, h in enumerate(headings)}
    kids: List[List[int]] = [[] for _ in range(n)]
    roots = []
    for k, h in enumerate(headings):
        p = pos.get(id(h.parent)) if h.parent is not None else None
        (roots if p is None else kids[p]).append(k)
    tin, tout = [0] * n, [0] * n
    clock = 0
    for r in roots:
        stack = [(r, False)]
        while stack:
            k, done = stack.pop()
            if done:
                tout[k] = clock
                clock += 1
                continue
            tin[k] = clock
            clock += 1
            stack.append((k, True))
            stack.extend((c, False) for c in reversed(kids[k]))
    nxt = [n] * n
    for i in range(n - 2, -1, -1):
        j = i + 1
        while j < n and tin[i] < tin[j] and tout[j] < tout[i]:
            j = nxt[j]
        nxt[i] = j
    return nxt


class Outline:
    """Headings in document order, the tree's roots, and section lookup."""

    def __init__(self, headings: List[Heading], text_length: int = 0):
        self.headings = headings
        self.roots = [h for h in headings if h.parent is None]
        self._starts = [h.start for h in headings]
        self.text_length = text_length
        self.enumerations: list = []   # in-paragraph items (EnumItem), set by build_outline
        self.boundaries: list = []     # offsets of 附件 lines that end the body
        # A heading's section runs from its start to the start of the next
        # heading that is not inside it (its next sibling or an ancestor's).
        self._section_end = {}
        nxt = _next_outside(headings)
        for i, h in enumerate(headings):
            self._section_end[id(h)] = headings[nxt[i]].start if nxt[i] < len(headings) else text_length

    def section_end(self, h: Heading) -> int:
        return self._section_end[id(h)]

    def section_at(self, offset: int) -> List[Heading]:
        """Path root..innermost heading whose section contains `offset` ([] before the first)."""
        i = bisect.bisect_right(self._starts, offset) - 1
        if i < 0:
            return []
        h = self.headings[i]
        while h is not None and not (h.start <= offset < self._section_end[id(h)] or
                                     offset == self._section_end[id(h)] == self.text_length):
            h = h.parent
        return h.path() if h is not None else []

    def __iter__(self):
        return iter(self.headings)

    def __len__(self):
        return len(self.headings)

_ATTACHMENT = rx.compile(r"^附\s*件(?:$|[：:\s0-9０-９一二三四五六七八九十])")


# A numbered item whose text starts with digits (20.2026年…, 21.5+2…): read as a
# number (20.2026) unless the sequence around it says it is item 20.
_DIGIT_ITEM = rx.compile(r"^(?P<num>[0-9０-９]{1,2})(?P<mark>[.．])(?=[0-9０-９][^\n]{0,12}?\p{Han})")
# A heading broken over two lines by a web page: "（" / "三）…".
_BROKEN_OPEN = rx.compile(r"^[（(]\s*(?:[一二三四五六七八九十]{1,3}|[0-9０-９]{1,2})?$")


def _heading(doc, text: str, got, offset) -> Heading:
    """A Heading from recognise()'s answer on `text`; `offset(i)` maps text index i into doc.text."""
    level, numeral, style, mlen, (ns, ne) = got
    rest = text[mlen:]
    lead = len(rest) - len(rest.lstrip())
    rest = rest.lstrip()
    e = _TITLE_END.search(rest)
    title = (rest[:e.start()] if e else rest).rstrip()
    start = offset(0)
    end = offset(mlen + lead + len(title) - 1) + 1 if title else offset(mlen - 1) + 1
    line, _ = doc.position(start)
    return Heading(level=level, number=parse_number(numeral), marker=text[:mlen], style=style,
                   title=title, start=start, end=end, line=line, numeral=numeral,
                   num_start=offset(ns), num_end=offset(ne - 1) + 1, marker_end=offset(mlen - 1) + 1)


def _joined_offsets(first, second):
    """Offsets into doc.text for the text of paragraph `first` followed by paragraph `second`."""
    n = len(first.text)
    return lambda i: first.start + i if i < n else second.start + i - n


# complexity: one pass over the paragraphs with the body's end (附件), broken headings and digit-led items
def find_headings(doc, boundaries: Optional[list] = None) -> List[Heading]:
    """Headings at paragraph starts. Offsets of paragraphs that end the body
    (附件：…) are appended to `boundaries` when given.

    Also: a heading broken over two lines by a web page ("（" then "三）…") is one
    heading with `broken` set; a numbered item whose text starts with digits
    (20.2026年…) is item 20 when the items around it say so (19. before it or 21. after).
    """
    out = []
    digit_items = []                       # (index in out, paragraph text, base)
    paras = doc.paragraphs
    skip = -1
    for pi, para in enumerate(paras):
        if pi == skip:
            continue
        text = para.text
        base = para.start
        md = MD_HEADING_PREFIX.match(text) if doc.kind == "markdown" else None
        if md:
            text, base = text[md.end():], base + md.end()
        if boundaries is not None and _ATTACHMENT.match(text):
            boundaries.append(base)
            # "附件：1.××" starts the numbered list of attachments on this line.
            m = regex.match(r"^附\s*件[：:]\s*", text)
            if not m or recognise(text[m.end():]) is None:
                continue
            text, base = text[m.end():], base + m.end()
        if _BROKEN_OPEN.match(text) and pi + 1 < len(paras) and recognise(paras[pi + 1].text) is None:
            joined = text + paras[pi + 1].text
            got = recognise(joined)
            if got is not None and got[0] in (2, 4) and got[3] > len(text):
                h = _heading(doc, joined, got, _joined_offsets(para, paras[pi + 1]))
                h.broken = True
                out.append(h)
                skip = pi + 1
                continue
        got = recognise(text)
        if got is None:
            if _DIGIT_ITEM.match(text):
                digit_items.append((len(out), text, base))
            continue
        out.append(_heading(doc, text, got, lambda i, b=base: b + i))
    if digit_items:
        out = _digit_led_items(doc, out, digit_items)
    return out


def _digit_led_items(doc, found: List[Heading], candidates) -> List[Heading]:
    """Insert the digit-led items (20.2026年…) that continue or lead into a numbered list."""
    out = list(found)
    shift = 0
    for pos, text, base in candidates:
        at = pos + shift
        prev = next((h for h in reversed(out[:at]) if h.level <= 3), None)
        nxt = next((h for h in out[at:] if h.level <= 3), None)
        m = _DIGIT_ITEM.match(text)
        n = parse_number(m.group("num"))
        follows = prev is not None and prev.level == 3 and prev.number == n - 1
        leads = nxt is not None and nxt.level == 3 and nxt.number == n + 1
        if not (follows or leads):
            continue
        style = "arabic-dot"
        got = (3, m.group("num"), style, m.end(), m.span("num"))
        out.insert(at, _heading(doc, text, got, lambda i, b=base: b + i))
        shift += 1
    return out


def _continues(stack, h) -> Optional[int]:
    """The highest stack index whose heading `h` continues (same level, next number)."""
    if isinstance(stack, _OpenStack):
        return stack.continues(h)
    for i in range(len(stack) - 1, -1, -1):
        x = stack[i]
        if x.level == h.level and x.number + 1 == h.number:
            return i
    return None


class _OpenStack(list):
    """build_tree's stack of open headings, indexed for `_continues`.

    (level, number + 1) -> stack positions holding such a heading, in
    increasing order; the stack only grows and shrinks at its top, so each
    position list does too. Looking up what a heading continues is then one
    dictionary access instead of a walk down the stack (thousands of open
    headings in a deeply nested draft).
    """

    def __init__(self):
        super().__init__()
        self._at = {}

    def append(self, h):
        self._at.setdefault((h.level, h.number + 1), []).append(len(self))
        super().append(h)

    def pop(self):
        h = super().pop()
        self._at[(h.level, h.number + 1)].pop()
        return h

    def truncate(self, i: int):
        while len(self) > i:
            self.pop()

    def continues(self, h) -> Optional[int]:
        at = self._at.get((h.level, h.number))
        return at[-1] if at else None


_LOOKAHEAD = 300  # headings; a sub-list longer than this is not recognised as one


def _run_is_nested(headings, idx, stack) -> Optional[int]:
    """Whether the run restarting at headings[idx] is followed by the resumption
    of an open heading's sequence (so it is a sub-list inside that heading):
    the stack index of the resumed heading, or None."""
    h = headings[idx]
    expected = [2]  # the next number of the run, and of runs restarted inside it
    for later in headings[idx + 1:idx + 1 + _LOOKAHEAD]:
        if later.level == h.level:
            if later.number == 1:
                expected.append(2)
                continue
            while len(expected) > 1 and later.number != expected[-1]:
                expected.pop()
            if later.number == expected[-1]:
                expected[-1] += 1
                continue
            return _continues(stack, later)
        if later.level == 0:
            return None
        j = _continues(stack, later)
        if j is not None:
            return j
    return None


def _any_between(sorted_offsets, a, b) -> bool:
    i = bisect.bisect_right(sorted_offsets, a)
    return i < len(sorted_offsets) and sorted_offsets[i] < b


# complexity: the outline's tree rules (continuation, nested sub-lists, older list styles, attachments) apply in one order to each heading
def build_tree(headings: List[Heading], list_starts=(), boundaries=()) -> None:
    """Link headings into a tree (parent/children, `nested`).

    `list_starts`: offsets of in-paragraph ordinals (第一，/第二，); a run of
    一、 that restarts after such an ordinal inside the open section is a
    sub-list of that ordinal's item.
    """
    stack = _OpenStack()
    list_starts = sorted(list_starts)
    boundaries = sorted(boundaries)
    prev_start = -1
    for idx, h in enumerate(headings):
        h.parent, h.children, h.nested = None, [], False
        if _any_between(boundaries, prev_start, h.start):
            stack = _OpenStack()  # 附件: the attachments' headings start a new tree
        prev_start = h.start
        i = _continues(stack, h)
        j = None
        if i is None and h.number == 1 and stack and h.level > 0 and any(
                x.level >= h.level for x in stack):
            j = _run_is_nested(headings, idx, stack)
            if j is None and h.level == 1:
                same = [x for x in stack if x.level == h.level]
                if not same and stack[-1].level > h.level:
                    # 一、 items inside a (一) section with no 一、 heading open:
                    # an older list style, not a reversed hierarchy.
                    j = len(stack) - 1
                elif same and _any_between(list_starts, same[-1].start, h.start):
                    # 一、 items after "第一，" inside the open section.
                    j = len(stack) - 1
                    while j > 0 and stack[j].level == h.level and stack[j].nested:
                        j -= 1
        if i is not None:
            h.nested = stack[i].nested  # the next item of a sub-list is in it too
            stack.truncate(i)
        elif j is not None:
            # A sub-list inside stack[j]'s sequence: a finished run of the same
            # level above j is its sibling run, not its parent.
            while len(stack) > j + 1 and stack[-1].level == h.level:
                stack.pop()
            h.nested = True
        else:
            while stack and stack[-1].level >= h.level:
                stack.pop()
        if stack:
            h.parent = stack[-1]
            stack[-1].children.append(h)
        stack.append(h)


def build_outline(doc) -> Outline:
    boundaries: list = []
    headings = find_headings(doc, boundaries)
    items = enumerations(doc)
    starts = [it.start for it in items if it.family in ("di", "order")]
    build_tree(headings, starts, boundaries)
    outline = Outline(headings, len(doc.text))
    outline.enumerations = items
    outline.boundaries = boundaries
    return outline


# ---- in-paragraph enumerations --------------------------------------------

@dataclass(eq=False)
class EnumItem:
    family: str       # "yao" (一要), "shi" (一是), "di" (第一，), "order" (首先/其次/再次/最后)
    number: int       # 1, 2, ...; for "order": 首先 1, 其次 2, 再次 3, 最后 99
    text: str         # the item word as written: "二要", "第三，", "其次"
    start: int        # span of the ordinal word (without the mark) in doc.text
    end: int
    mark: str = ""    # the mark written after "第X" ("，", "、", "：" or "")
    paragraph: int = 0  # index into doc.paragraphs


_QUOTES = {"“": "”", "「": "」", "『": "』", "《": "》", "‘": "’"}
# Only these characters change the state below: the scan visits them, not every character.
_QUOTE_MARK = rx.compile("[" + regex.escape("".join(_QUOTES) + "".join(_QUOTES.values())) + "]")


def quoted_spans(text: str) -> List[tuple]:
    """(start, end) of quoted stretches (“…”, 「…」, 《…》) within one paragraph."""
    out, stack = [], []
    for m in _QUOTE_MARK.finditer(text):
        i, ch = m.start(), m.group()
        if ch in _QUOTES:
            stack.append((ch, i))
        elif stack and ch == _QUOTES[stack[-1][0]]:
            _, s = stack.pop()
            if not stack:
                out.append((s, i + 1))
    if stack:  # unbalanced: quoted to the end of the paragraph
        out.append((stack[0][1], len(text)))
    return out


def enumerations(doc) -> List[EnumItem]:
    """In-paragraph enumeration items, in document order, outside quotations."""
    out = []
    for pi, para in enumerate(doc.paragraphs):
        t = para.text
        if not any(c in t for c in "要是第首其再最"):
            continue
        quotes = None
        for m in ENUMERATION.finditer(t):
            if quotes is None:
                quotes = quoted_spans(t)
            s = m.start()
            if any(a < s < b for a, b in quotes):
                continue
            if m.group("n"):
                fam = "yao" if m.group("fam") == "要" else "shi"
                # "一是" in "其一是"/"统一是" is excluded by the look-behind; "一要" at a
                # title start after "（一）" is fine.
                num = parse_number(m.group("n"))
                word = m.group("n") + m.group("fam")
                out.append(EnumItem(fam, num, word, para.start + s, para.start + s + len(word),
                                    "", pi))
            elif m.group("dn"):
                num = parse_number(m.group("dn"))
                word = "第" + m.group("dn")
                out.append(EnumItem("di", num, word, para.start + s, para.start + s + len(word),
                                    m.group("dmark"), pi))
            else:
                word = m.group("ord")
                out.append(EnumItem("order", ORDER_WORDS[word], word, para.start + s,
                                    para.start + s + len(word), "", pi))
    return out
