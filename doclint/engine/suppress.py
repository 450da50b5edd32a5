"""Inline suppression: `doclint:` directives written in the document itself.

Two spellings, accepted in every input (.txt, .md and .docx paragraphs):

    <!-- doclint: disable=DL101,DL2 -->      an HTML comment, anywhere in a line
    # doclint: disable=DL101                 a line of its own starting with #

Directives (codes, code prefixes such as DL2, or check names; comma separated;
full-width ：and ，are accepted too):

    disable=CODES        from here on, do not report CODES
    disable              from here on, report nothing
    enable=CODES         report CODES again
    enable               report everything again
    disable-next-line=CODES   (or no CODES) only the next non-blank line

A region runs from the directive to the matching `enable` or to the end of
the file. Findings inside a directive itself are never reported. Selectors
that match no check are returned by `problems()`, and comments that look
like directives but are not one (`<!-- doclint: disabel=DL101 -->`) by
`unknown_directives()`, so the CLI can warn.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import List, Optional, Tuple

import regex

from doclint.text import rx

_ACTIONS = r"disable-next-line|disable|enable"
_CODES = r"(?:[ \t]*[=＝][ \t]*(?P<codes>[A-Za-z0-9_\-]+(?:[ \t]*[,，、 \t][ \t]*[A-Za-z0-9_\-]+)*))?"
_DIRECTIVE = rx.compile(
    rf"<!--\s*doclint\s*[:：]\s*(?P<action>{_ACTIONS}){_CODES}\s*-->"
    rf"|(?m:^[ \t\u3000]*#[ \t]*doclint\s*[:：]\s*(?P<action>{_ACTIONS}){_CODES}[ \t\u3000]*(?=\r?$))",
    regex.IGNORECASE)
# Anything written as a directive: an HTML comment or a #-line starting with "doclint:".
_CANDIDATE = rx.compile(
    r"<!--\s*doclint\s*[:：](?P<body>.{0,200}?)-->"
    r"|(?m:^[ \t\u3000]*#[ \t]*doclint\s*[:：](?P<line>[^\r\n]{0,200}))",
    regex.IGNORECASE)
_SPLIT = rx.compile(r"[,，、\s]+")


@dataclass(frozen=True)
class Directive:
    start: int
    end: int
    action: str                 # disable, enable, disable-next-line
    selectors: Tuple[str, ...]  # empty: all checks


def parse(text: str) -> List[Directive]:
    if "doclint" not in text:
        return []
    out = []
    for m in _DIRECTIVE.finditer(text):
        codes = m.group("codes")
        sels = tuple(s for s in _SPLIT.split(codes.strip())) if codes else ()
        out.append(Directive(m.start(), m.end(), m.group("action").lower(), sels))
    return out


def _matches(sel: str, code: str, name: str) -> bool:
    up = sel.upper()
    return up == "ALL" or code.startswith(up) or sel == name


class Suppressions:
    """Which (code, offset) pairs the directives of one document silence.

    Each question costs a few binary searches, whatever the number of
    directives (a scan of them all per finding was quadratic in a file with a
    directive on every line).
    """

    def __init__(self, doc, directives: List[Directive]):
        self.directives = directives
        self.starts = [d.start for d in directives]     # directives never overlap: sorted both ways
        # After each directive, the rules in force: for each selector its latest setting, in the
        # order they were last set; for a finding, the last rule that matches its code decides
        # (keeping only a selector's latest setting decides the same, and stays small).
        self.states = []
        self.state_ends = []
        rules: dict = {}
        self.next_line = []  # (line_start, line_end, selectors), sorted by line_start
        for d in directives:
            if d.action == "disable-next-line":
                span = _next_line(doc, d.end)
                if span is not None:
                    self.next_line.append((span[0], span[1], d.selectors))
                continue
            off = d.action == "disable"
            if d.selectors:
                for sel in d.selectors:
                    rules.pop(sel, None)
                    rules[sel] = off
            else:
                rules = {"ALL": True} if off else {}
            self.states.append(tuple(rules.items()))
            self.state_ends.append(d.end)
        self.next_line.sort(key=lambda x: x[0])
        self.next_starts = [a for a, _, _ in self.next_line]

    def silenced(self, code: str, name: str, start: int, end: int) -> bool:
        k = bisect.bisect_right(self.starts, start) - 1
        if k >= 0:
            d = self.directives[k]
            if d.start <= start < d.end or (start == end and d.start <= start <= d.end):
                return True
        # the lines a disable-next-line applies to are disjoint: only those starting where the
        # last one at or before `start` starts can hold it
        j = bisect.bisect_right(self.next_starts, start) - 1
        line_start = self.next_starts[j] if j >= 0 else None
        while j >= 0 and self.next_starts[j] == line_start:
            _, line_end, sels = self.next_line[j]
            if start <= line_end and (not sels or any(_matches(s, code, name) for s in sels)):
                return True
            j -= 1
        i = bisect.bisect_right(self.state_ends, start) - 1
        decision = False
        if i >= 0:
            for sel, off in self.states[i]:
                if _matches(sel, code, name):
                    decision = off
        return decision


def _next_line(doc, offset: int) -> Optional[Tuple[int, int]]:
    line, _ = doc.position(offset)
    for n in range(line + 1, len(doc.line_starts) + 1):
        span = doc.line_span(n)
        if span.text.strip():
            return span.start, span.end
    return None


def filter_findings(doc, findings: list) -> list:
    """`findings` without those silenced by the document's directives."""
    directives = parse(doc.text)
    if not directives:
        return findings
    sup = Suppressions(doc, directives)
    return [f for f in findings if not sup.silenced(f.code, f.name, f.start, f.end)]


def problems(doc) -> List[Tuple[int, str]]:
    """(line, selector) for directive selectors that match no known check."""
    from doclint.engine.registry import all_checks
    checks = all_checks()
    out = []
    for d in parse(doc.text):
        for s in d.selectors:
            if not any(_matches(s, c.code, c.name) for c in checks.values()):
                out.append((doc.position(d.start)[0], s))
    return out


def unknown_directives(doc) -> List[Tuple[int, str]]:
    """(line, what was written) for comments that look like doclint directives but are not one."""
    if "doclint" not in doc.text:
        return []
    known = {d.start for d in parse(doc.text)}
    out = []
    for m in _CANDIDATE.finditer(doc.text):
        if m.start() in known:
            continue
        body = (m.group("body") if m.group("body") is not None else m.group("line")).strip()
        out.append((doc.position(m.start())[0], body if len(body) <= 40 else body[:39] + "…"))
    return out
