"""Spans of a text where the rules of Chinese prose do not apply, and that no fix may edit.

In every document: URLs, e-mail addresses, HTML entities, code (inline code
between backticks and fenced blocks). In Markdown also: YAML front matter,
indented code blocks, the syntax of links and images (`[`, `](target
"title")`, an image whole, `[text][label]` references and their
definitions), footnote labels (`[^1]` and the `[^1]:` that starts a
footnote), HTML (tags with their attributes, comments, the content of
<script>/<style>/<pre>/<textarea>, autolinks) and backslash escapes.

Each protected construct is a span with optional holes: the text of a link
`[text](url)` is prose (a hole), everything else of it is syntax. Checks
ask `covers(i)` (punctuation and numeral checks skip covered characters);
the engine asks `inside(a, b)` (a finding wholly inside syntax is not
reported) and `allows(edit)` (doclint.engine.fixes: an edit may touch a
construct only by lying in one of its holes, or by deleting it whole).

Every scanner here is linear in the text: fences and inline code are paired
by a forward scan (never a lazy `.*?` that could rescan to the end once per
opener), HTML comments and raw elements by `str.find`, and the few regexes
have possessive or bounded repetitions.
"""
from __future__ import annotations

import bisect
from typing import List, NamedTuple, Tuple

import regex

from doclint.text import rx

_URL = rx.compile(r"(?:(?:https?|ftp)://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+", regex.I)
_EMAIL_LOCAL = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-")
_EMAIL_DOMAIN = rx.compile(r"[A-Za-z0-9\-]++(?:\.[A-Za-z0-9\-]++)+")
_ENTITY = rx.compile(r"&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);")
_FENCE_LINE = rx.compile(r"^([ \t]*)(`{3,}|~{3,})([^\n]*)$", regex.M)
_BACKTICKS = rx.compile(r"`+")
_FRONT_MATTER = rx.compile(r"\A---\n.*?\n---[ \t]*$", regex.S | regex.M)
_INDENTED = rx.compile(r"(?:^|\n\n)((?:(?: {4}|\t)[^\n]*\n?)+)")

# Markdown links and images: [text](target "title"), ![alt](target). The text
# may hold one level of brackets; repetitions are possessive (no backtracking).
_LINK = rx.compile(
    r"(?P<bang>!?)\[(?P<text>(?:[^\[\]\n\\]|\\.|\[[^\[\]\n]*+\])*+)\]"
    r"(?P<tail>\((?:[ \t]*+(?:<[^<>\n]{0,1000}+>|[^\s()<>]*+(?:\([^\s()]*+\)[^\s()<>]*+)*+)"
    r"(?:[ \t]++(?:\"[^\"\n]{0,1000}+\"|'[^'\n]{0,1000}+'|\([^()\n]{0,1000}+\)))?[ \t]*+)\)"
    r"|\[[^\[\]\n]*+\])")
# The tail alone protects a link whose text runs over a line break.
_LINK_TAIL = rx.compile(r"\]\((?:<[^<>\n]{0,1000}+>|[^\s()<>]*+)(?:[ \t]++(?:\"[^\"\n]{0,1000}+\"|'[^'\n]{0,1000}+'))?[ \t]*+\)")
_REF_DEF = rx.compile(r"^[ ]{0,3}\[(?P<label>[^\[\]\n^][^\[\]\n]*+)\]:[ \t]*+(?:<[^<>\n]*+>|\S++)"
                      r"(?:[ \t]++(?:\"[^\"\n]*+\"|'[^'\n]*+'|\([^()\n]*+\)))?[ \t]*+$", regex.M)
_SHORTCUT = rx.compile(r"\[([^\[\]\n]++)\]")
_FOOTNOTE = rx.compile(r"\[\^[^\[\]\s]++\]:?")
_AUTOLINK = rx.compile(r"<(?:[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*+|[A-Za-z0-9._%+\-]++@[A-Za-z0-9.\-]++)>")
_TAG = rx.compile(r"</[A-Za-z][A-Za-z0-9\-]*+[ \t\n]*+>"
                  r"|<[A-Za-z][A-Za-z0-9\-]*+(?:[ \t\n]++[A-Za-z_:][A-Za-z0-9_.:\-]*+"
                  r"(?:[ \t\n]*+=[ \t\n]*+(?:\"[^\"]{0,4000}+\"|'[^']{0,4000}+'|[^\s\"'=<>`]++))?)*+[ \t\n]*+/?>"
                  r"|<![A-Za-z][^<>\n]{0,1000}+>")
_ESCAPE = rx.compile(r"\\[!-/:-@\[-`{-~]")
_RAW_OPEN = rx.compile(r"<(script|style|pre|textarea)(?=[\s/>])", regex.I)
_RAW_CLOSE = {name: rx.compile(rf"</{name}[ \t\n]*>", regex.I) for name in ("script", "style", "pre", "textarea")}
_LINE_BREAK = rx.compile(r"[\r\n]")
_BLANK_LINE = rx.compile(r"\n[ \t]*(?:\r?\n|\r)|\r[ \t]*\r")


class Construct(NamedTuple):
    """A protected span; `holes` are the parts of it that are prose (a link's text)."""
    start: int
    end: int
    holes: Tuple[Tuple[int, int], ...] = ()


class Protected:
    """The protected constructs of a text.

    `spans` are the protected characters (constructs minus holes), merged and
    sorted; `covers(i)` and `inside(a, b)` answer with one binary search.
    A construct nested in one without holes (a URL inside inline code) adds
    nothing and is dropped, so constructs without holes do not nest and
    `allows` looks at the few that can overlap an edit.
    """

    def __init__(self, constructs, text: str = ""):
        self.text = text
        kept: List[Construct] = []
        outer_end = -1     # the furthest end of a construct without holes so far
        for c in sorted(c if isinstance(c, Construct) else Construct(*c) for c in constructs):
            if c.end <= c.start or c.end <= outer_end:
                continue
            kept.append(c)
            if not c.holes:
                outer_end = c.end
        self.constructs = kept
        pieces = []
        for c in self.constructs:
            pos = c.start
            for a, b in c.holes:
                if a > pos:
                    pieces.append((pos, a))
                pos = max(pos, b)
            if c.end > pos:
                pieces.append((pos, c.end))
        merged = []
        for a, b in sorted(pieces):
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        self.spans = merged
        self.starts = [a for a, _ in merged]
        # for allows(): constructs by start, and the largest end up to each index
        self._cstarts = [c.start for c in self.constructs]
        self._max_end = []
        best = -1
        for c in self.constructs:
            best = max(best, c.end)
            self._max_end.append(best)

    def covers(self, i: int) -> bool:
        k = bisect.bisect_right(self.starts, i) - 1
        return k >= 0 and self.spans[k][0] <= i < self.spans[k][1]

    def inside(self, a: int, b: int) -> bool:
        """Whether [a, b) lies wholly in protected characters (an empty span: strictly inside)."""
        k = bisect.bisect_right(self.starts, a) - 1
        if k < 0:
            return False
        s, e = self.spans[k]
        if a == b:
            return s < a < e
        return s <= a and b <= e

    def allows(self, start: int, end: int, replacement: str = "") -> bool:
        """Whether replacing text[start:end] leaves every construct intact or removes it whole.

        An edit may touch a construct only inside one of its holes, or by
        covering all of it with a replacement that deletes it or keeps it
        verbatim (deleting a whole line that holds a URL is fine; rewriting
        the URL is not). Inserting right before or after a construct is fine.
        """
        k = bisect.bisect_left(self._cstarts, end) - 1   # constructs starting before `end`
        if start == end:
            k = bisect.bisect_left(self._cstarts, end + 1) - 1
        while k >= 0 and self._max_end[k] > start:
            c = self.constructs[k]
            k -= 1
            if not (c.start < end and start < c.end) and not (start == end and c.start < start < c.end):
                continue  # no overlap
            if any(a <= start and end <= b for a, b in c.holes):
                continue  # prose inside the construct
            if start <= c.start and c.end <= end and (not replacement
                                                      or self.text[c.start:c.end] in replacement):
                continue  # removed whole, or kept verbatim
            return False
        return True


def _fences(text: str, markdown: bool) -> List[Tuple[int, int]]:
    """Fenced code blocks, paired in one forward scan.

    A fence opens with a line of three or more backticks or tildes and closes
    with a line of only the same character, at least as many (CommonMark). In
    Markdown an unclosed fence runs to the end of the text; in plain text it is
    not code, and a later fence line of the same character cannot close an
    opener found unclosed earlier, so the scan restarts at most once per character.
    """
    lines = [(m.start(), m.end(), m.group(2)[0], len(m.group(2)), m.group(3)) for m in _FENCE_LINE.finditer(text)]
    out = []
    dead = set()       # fence characters that found no closer (plain text)
    i = 0
    while i < len(lines):
        start, _, ch, n, info = lines[i]
        if ch in dead or (ch == "`" and "`" in info):
            i += 1
            continue
        j = i + 1
        while j < len(lines) and not (lines[j][2] == ch and lines[j][3] >= n and not lines[j][4].strip()):
            j += 1
        if j < len(lines):
            out.append((start, lines[j][1]))
            i = j + 1
        elif markdown:
            out.append((start, len(text)))
            break
        else:
            dead.add(ch)
            i += 1
    return out


def _inline_code(text: str, blocked: List[Tuple[int, int]], markdown: bool) -> List[Tuple[int, int]]:
    """Code spans: a run of n backticks up to the next run of exactly n, in the same paragraph
    (Markdown: no blank line between; plain text: the same line). Linear: each run's partner
    is the next run of the same length (one backward pass), and whether a paragraph break lies
    between is one binary search."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)
            if not _in_any(blocked, m.start())]
    if len(runs) < 2:
        return []
    nxt = [None] * len(runs)
    last = {}
    for k in range(len(runs) - 1, -1, -1):
        n = runs[k][1] - runs[k][0]
        nxt[k] = last.get(n)
        last[n] = k
    stops = [m.start() for m in (_BLANK_LINE if markdown else _LINE_BREAK).finditer(text)]
    out = []
    k = 0
    while k < len(runs):
        j = nxt[k]
        if j is not None and bisect.bisect_left(stops, runs[k][1]) == bisect.bisect_left(stops, runs[j][0]):
            out.append((runs[k][0], runs[j][1]))
            k = j + 1
        else:
            k += 1
    return out


def _in_any(spans, i: int) -> bool:
    k = bisect.bisect_right(spans, (i, float("inf"))) - 1
    return k >= 0 and spans[k][0] <= i < spans[k][1]


def _html(text: str) -> List[Tuple[int, int]]:
    """HTML comments, raw elements (script, style, pre, textarea: their content too), tags, autolinks."""
    out = []
    pos = 0
    while True:
        a = text.find("<!--", pos)
        if a < 0:
            break
        b = text.find("-->", a + 4)
        if b < 0:
            break          # no later comment can close either
        out.append((a, b + 3))
        pos = b + 3
    unclosed = set()   # raw elements with no closing tag after some point: none later either
    last = 0
    for m in _RAW_OPEN.finditer(text):
        name = m.group(1).lower()
        if name in unclosed or m.start() < last:
            continue
        c = _RAW_CLOSE[name].search(text, m.end())
        if c is None:
            unclosed.add(name)
            continue
        out.append((m.start(), c.end()))
        last = c.end()
    out += [m.span() for m in _TAG.finditer(text)]
    out += [m.span() for m in _AUTOLINK.finditer(text)]
    return out


def _links(text: str) -> List[Construct]:
    """Links (syntax protected, text a hole), images (whole), reference definitions and uses."""
    out = []
    for m in _LINK.finditer(text):
        if m.group("bang"):
            out.append(Construct(m.start(), m.end()))
        else:
            out.append(Construct(m.start(), m.end(), (m.span("text"),)))
    out += [Construct(*m.span()) for m in _LINK_TAIL.finditer(text)]
    labels = set()
    for m in _REF_DEF.finditer(text):
        out.append(Construct(*m.span()))
        labels.add(m.group("label").strip().casefold())
    if labels:
        for m in _SHORTCUT.finditer(text):
            if m.group(1).strip().casefold() in labels:
                out.append(Construct(*m.span()))
    out += [Construct(*m.span()) for m in _FOOTNOTE.finditer(text)]
    return out


# Every URL holds :// or (case aside, as _URL) www.: most texts have neither and need no scan.
_WWW = rx.compile(r"www\.", regex.I)


def _urls(text: str) -> List[Tuple[int, int]]:
    if "://" not in text and _WWW.search(text) is None:
        return []
    out = []
    for m in _URL.finditer(text):
        a, b = m.span()
        # Trailing punctuation belongs to the sentence, not the URL; a ")" belongs to the URL
        # while it closes a "(" of the URL (counted once, not once per character stripped).
        opened = closed = None
        while b > a and text[b - 1] in ".,;:!?)]'":
            if text[b - 1] == ")":
                if opened is None:
                    opened, closed = text.count("(", a, b), text.count(")", a, b)
                if opened >= closed:
                    break
                closed -= 1
            b -= 1
        out.append((a, b))
    return out


def _emails(text: str) -> List[Tuple[int, int]]:
    """name@domain.tld: the part before each @ found by walking back (never past the previous
    address), the domain by an anchored match, so a long run of letters costs one pass, not one
    attempt per starting letter."""
    out = []
    floor = 0
    at = text.find("@")
    while at >= 0:
        a = at
        while a > floor and text[a - 1] in _EMAIL_LOCAL:
            a -= 1
        m = _EMAIL_DOMAIN.match(text, at + 1) if a < at else None
        if m:
            out.append((a, m.end()))
            floor = m.end()
            at = text.find("@", m.end())
        else:
            floor = at + 1 if a == at else floor
            at = text.find("@", at + 1)
    return out


def protected_spans(text: str, kind: str = "text") -> Protected:
    """The protected constructs of `text` (`kind` "markdown" adds Markdown syntax); see the module docstring."""
    markdown = kind == "markdown"
    spans: List = _urls(text)
    if "@" in text:
        spans += _emails(text)
    spans += [m.span() for m in _ENTITY.finditer(text)]
    code: List[Tuple[int, int]] = []
    if "```" in text or "~~~" in text:
        code = _fences(text, markdown)
    if "`" in text:
        code += _inline_code(text, sorted(code), markdown)
    spans += code
    if markdown:
        spans += [m.span() for m in _FRONT_MATTER.finditer(text)]
        spans += [m.span(1) for m in _INDENTED.finditer(text)]
        if "<" in text:
            spans += _html(text)
        if "\\" in text:
            spans += [m.span() for m in _ESCAPE.finditer(text)]
        if "[" in text:
            spans += _links(text)
    return Protected(spans, text)
