"""Showing text safely: terminal width, and characters that must not reach a reader as they are.

One definition of the dangerous characters for every output: C0/C1 control
characters (ESC drives a terminal; in HTML and XML they are parse errors),
bidirectional overrides (they reorder what the reader sees), the line and
paragraph separators U+2028/U+2029 (they split "one-line" messages) and lone
surrogates (not encodable as UTF-8). Each function makes them harmless in
the way its output needs:

- `printable`: document text in terminal messages (U+FFFD, tabs as spaces);
- `visible`: document text in diff reports (control pictures such as ␛);
- `escaped`: file names in one-line messages (\\x1b, \\n written out);
- `xml_safe`: characters XML 1.0 cannot carry at all (U+FFFD);
- `JSON_ESCAPE`: what JSON written as UTF-8 must still escape as \\uXXXX
  (json escapes C0 controls itself; see doclint.reporters.json_text and `json_safe`).
- `one_line`: document text in a table cell (line breaks as spaces, then `printable`);
- `cell_safe`: a spreadsheet cell (CSV): `one_line`, and a cell that
  starts like a formula (= + - @, tab, CR: OWASP's CSV-injection rule) prefixed with ';
- `json_safe`: JSON text whose strings hold DEL, C1, separators, bidi overrides or
  lone surrogates (json.dumps leaves them raw with ensure_ascii=False) written as \\uXXXX.

`width`, `cut` and `pad` measure and fit text to terminal columns (East
Asian wide and full-width characters take two).
"""
from __future__ import annotations

import re
import unicodedata

BIDI = "\u202a-\u202e\u2066-\u2069"
SEPARATORS = "\u2028\u2029"
SURROGATES = "\ud800-\udfff"

_ESCAPE = re.compile(f"[\x00-\x1f\x7f-\x9f{SEPARATORS}{BIDI}{SURROGATES}]")
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI}{SEPARATORS}{SURROGATES}]")  # tab, LF kept
JSON_ESCAPE = re.compile(f"[\x7f-\x9f{SEPARATORS}{BIDI}{SURROGATES}]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_BAD_XML = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff{SURROGATES}]")


def width(s: str) -> int:
    """Terminal columns: East Asian wide/full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def cut(s: str, n: int) -> str:
    """`s` shortened to at most n columns, with … when cut."""
    if width(s) <= n:
        return s
    out, w = [], 0
    for c in s:
        cw = 2 if unicodedata.east_asian_width(c) in "WF" else 1
        if w + cw > n - 1:
            break
        out.append(c)
        w += cw
    return "".join(out) + "…"


def pad(s: str, n: int) -> str:
    """`s` padded with spaces to n columns."""
    return s + " " * max(0, n - width(s))


def columns(head, body) -> list:
    """Lines of a plain-text table: a header, a rule of dashes, the rows; columns padded to the
    widest cell (terminal width), two spaces apart, no trailing spaces."""
    widths = [max(width(x) for x in col) for col in zip(head, *body)]
    out = ["  ".join(pad(h, widths[i]) for i, h in enumerate(head)).rstrip(),
           "  ".join("-" * w for w in widths)]
    out += ["  ".join(pad(c, widths[i]) for i, c in enumerate(cells)).rstrip() for cells in body]
    return out


def printable(s: str) -> str:
    """Control characters made harmless so a draft cannot drive the terminal."""
    # Keep spaces such as U+3000 (the ideographic space that indents 公文
    # paragraphs): isprintable() is False for every space but ASCII's.
    if s.isprintable():  # the usual case, checked in C: no control, tab or surrogate
        return s
    return "".join(c if c == "\t" or ((c.isprintable() or unicodedata.category(c) == "Zs")
                                      and not 0xD800 <= ord(c) <= 0xDFFF)
                   else "\ufffd" for c in s).replace("\t", " ")


def _picture(m) -> str:
    o = ord(m.group(0))
    if o < 0x20:
        return chr(0x2400 + o)  # control pictures: ESC shows as ␛
    if o == 0x7F:
        return "\u2421"
    return "\ufffd"


def visible(text: str) -> str:
    """Document text made safe to show: control characters as visible symbols."""
    return _UNSAFE.sub(_picture, text)


def escaped(text) -> str:
    """A name safe to print on one line: control characters (newline, ESC, bidi
    overrides, lone surrogates from undecodable names) shown escaped, so an
    odd name can neither split a one-line message nor drive the terminal."""
    return _ESCAPE.sub(lambda m: ascii(m.group(0))[1:-1], str(text))


def xml_safe(s: str) -> str:
    """Characters that XML 1.0 cannot carry replaced by U+FFFD."""
    return _BAD_XML.sub("\ufffd", s)


def one_line(s: str) -> str:
    """Document text for one cell of a table: line breaks as spaces, then `printable`."""
    return printable(s.replace("\r\n", " ").replace("\n", " ").replace("\r", " "))


def cell_safe(s: str) -> str:
    """Document text for a spreadsheet cell: `one_line`, and prefixed with ' when it starts
    like a formula (OWASP: = + - @ tab CR), so that opening a CSV file in Excel or WPS
    cannot run anything."""
    shown = one_line(s)
    if s.startswith(_FORMULA_START) or shown.startswith(_FORMULA_START):
        return "'" + shown
    return shown


def json_safe(text: str) -> str:
    """JSON text with the characters a terminal or a JavaScript parser must not get raw
    (DEL, C1 controls, U+2028/U+2029, bidi overrides, lone surrogates) written as \\uXXXX
    escapes: the same JSON value, made of harmless characters. (json.dumps escapes C0
    controls itself; these characters only occur inside strings, so escaping them
    anywhere in the text is exact.)"""
    return JSON_ESCAPE.sub(lambda m: "\\u%04x" % ord(m.group(0)), text)
