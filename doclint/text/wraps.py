"""Hard line wraps: line breaks inside a paragraph (text pasted from a PDF, re-wrapped drafts).

In Chinese official documents one line is one paragraph, but text copied from
a PDF or re-flowed by an editor is broken every ~40 characters. Two rules say
which line breaks are such hard wraps:

- **The Chinese-character rule** (`rule="han"`, DL101's): a break is a wrap
  when it falls between two Chinese characters, the line before it holds at
  least MIN_WRAPPED_LINE characters (white space aside) and does not start
  like a heading. A break followed by white space (an indented paragraph) is
  never one, since white space is not a Chinese character. DL101 uses it to
  see 农业\n农业 across a break; it also joins a title to the line after it
  (在……会议上的讲话 / 同志们：), harmless for finding a repeated word.
- **The width rule** (`rule="width"`, the differ's): only in a text hard-wrapped
  at a fixed width W (most long lines are W characters long, see `wrap_width`;
  a text written one line per paragraph has no such width and is left as it
  is). There a line of at least W - 1 characters (and MIN_WRAPPED_LINE, like the
  first rule) is wrapped into the next line unless the next line is indented
  (starts with a tab, an ideographic space or two spaces), blank, or starts
  with a heading marker (doclint.text.markers, which leaves 1.5万亿元 alone; a
  numeral and a comma, as in 百分之二十|六，, is read as prose there).
  Whatever characters sit at the break: punctuation, digits or Latin letters
  too. A full line may itself start like a heading, as 公文 paragraphs often
  do (（一）抓好秋粮生产。各县区要…); a shorter line ends its paragraph, even
  between two Chinese characters (a title followed by 同志们：).

A paragraph that ends exactly at the wrap width is indistinguishable from a
wrapped line unless the next paragraph is indented, as 公文 paragraphs are
(首行缩进两字); the width rule then joins it to the next one.

The scan is linear: each line starts where the previous break ended (no
search back through the text).
"""
from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from typing import List, NamedTuple, Optional, Tuple

from doclint.text import rx
from doclint.text.markers import recognise

MIN_WRAPPED_LINE = 15
# A line that starts like a heading is never joined to the next line.
HEADING_START = rx.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．，]|[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、]|第[一二三四五六七八九十\d]+[章节条部分])")
_BREAK = rx.compile(r"\r\n|\r|\n")
_HAN = rx.compile(r"\p{Han}")
_SENTENCE_END = rx.compile(r"[。！？；：!?;:…][”’」』）)】]*\s*$")
# A paragraph's indent: a tab, an ideographic space or two spaces (one space may sit at a wrap).
_INDENT = rx.compile(r"[\t\u3000]|\s\s|\s$")
# A hard-wrapped text: at least this many long lines, and this share of them, at the wrap width.
MIN_WRAPPED_LINES = 5
MIN_WRAPPED_SHARE = 0.5
MAX_OVERLONG_SHARE = 0.1


class WrapView(NamedTuple):
    """A text with its hard wraps removed.

    `text` is the joined text; `cuts` lists, for every removed line break,
    (offset in `text` where the break was, offset in `source` just after it).
    """
    text: str
    source: str
    cuts: Tuple[Tuple[int, int], ...]

    def to_source(self, pos: int) -> int:
        """The offset in `source` of the character at `pos` in `text` (or of the end)."""
        k = bisect_right(self.cuts, (pos, len(self.source) + 1)) - 1
        if k < 0:
            return pos
        at, src = self.cuts[k]
        return src + (pos - at)

    def index(self) -> Optional[List[int]]:
        """index[i] = the offset in `source` of text[i]; None when nothing was joined."""
        if not self.cuts:
            return None
        out: List[int] = []
        prev_at, prev_src = 0, 0
        for at, src in self.cuts:
            out.extend(range(prev_src, prev_src + (at - prev_at)))
            prev_at, prev_src = at, src
        out.extend(range(prev_src, prev_src + (len(self.text) - prev_at)))
        return out


def _lines(text: str):
    """(line start, break start, break end) for every line that ends with a line break."""
    start = 0
    for m in _BREAK.finditer(text):
        yield start, m.start(), m.end()
        start = m.end()


def wrap_width(text: str) -> Optional[int]:
    """The width (in characters) the text is hard-wrapped at, or None when it is not hard-wrapped.

    Long lines (MIN_WRAPPED_LINE characters or more, white space aside) are counted
    by their length. The text is hard-wrapped at W, the most common length, when
    at least MIN_WRAPPED_LINES lines have it, at least MIN_WRAPPED_SHARE of the long
    lines are full (W - 1 to W + W/4 characters: a line wrapped by its visual width
    holds more characters when some are half-width), hardly any
    (MAX_OVERLONG_SHARE) are longer than that, and most full lines stop in the
    middle of a sentence (a list of sentences of one length is not wrapped text).
    """
    lengths: Counter = Counter()
    for a, b, _ in _lines(text):
        line = text[a:b]
        if len(line.strip()) >= MIN_WRAPPED_LINE:
            lengths[len(line)] += 1
    if not lengths:
        return None
    width, count = max(lengths.items(), key=lambda kv: (kv[1], kv[0]))
    long_lines = sum(lengths.values())
    top = width + width // 4
    full = sum(c for n, c in lengths.items() if width - 1 <= n <= top)
    overlong = sum(c for n, c in lengths.items() if n > top)
    if count < MIN_WRAPPED_LINES or full < MIN_WRAPPED_SHARE * long_lines or overlong > MAX_OVERLONG_SHARE * long_lines:
        return None
    full_ends = 0
    for a, b, _ in _lines(text):
        if width - 1 <= b - a <= top and len(text[a:b].strip()) >= MIN_WRAPPED_LINE \
                and _SENTENCE_END.search(text, a, b):
            full_ends += 1
    return None if full_ends * 2 > full else width


def _is_han_wrap(line: str, nxt: str) -> bool:
    """DL101's rule: between two Chinese characters, after a long line that is not a heading."""
    return bool(line and nxt and _HAN.match(line[-1]) and _HAN.match(nxt)
                and len(line.strip()) >= MIN_WRAPPED_LINE and not HEADING_START.match(line))


def _is_width_wrap(line: str, next_line_start: str, width: int) -> bool:
    """The width rule: a full line followed by an unindented line that is no heading. (A full line
    that starts like a heading is a wrapped paragraph led by one: （一）抓好秋粮生产。各县区要…)"""
    return bool(len(line) >= width - 1 and next_line_start and not _INDENT.match(next_line_start)
                and len(line.strip()) >= MIN_WRAPPED_LINE and not _starts_heading(next_line_start))


def _starts_heading(text: str) -> bool:
    """A heading marker at the start of a line; a numeral and a comma (百分之二十|六，…) is prose."""
    got = recognise(text)
    return got is not None and not got[2].endswith("comma")


def join_wraps(text: str, rule: str = "han") -> WrapView:
    """`text` with its hard wraps removed by `rule`, "han" or "width" (see the module docstring)."""
    if "\n" not in text and "\r" not in text:
        return WrapView(text, text, ())
    width = None
    if rule == "width":
        width = wrap_width(text)
        if width is None:
            return WrapView(text, text, ())
    parts: List[str] = []
    cuts: List[Tuple[int, int]] = []
    pos = 0
    out_len = 0
    for a, b, e in _lines(text):
        line = text[a:b]
        nxt = text[e:e + 1]
        if _is_width_wrap(line, text[e:e + 16], width) if width is not None else _is_han_wrap(line, nxt):
            parts.append(text[pos:b])
            out_len += b - pos
            cuts.append((out_len, e))
            pos = e
    if not cuts:
        return WrapView(text, text, ())
    parts.append(text[pos:])
    return WrapView("".join(parts), text, tuple(cuts))


def view(text: str, join: bool = True):
    """DL101's view: (text without hard wraps, index) with index[i] the offset in `text`
    of view[i], or (text, None) when nothing was joined (or `join` is False)."""
    if not join:
        return text, None
    w = join_wraps(text)
    return w.text, w.index()
