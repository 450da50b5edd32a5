"""`--format github`: GitHub Actions workflow commands, one per finding.

    ::error file=drafts/a.txt,line=3,col=5,endLine=3,endColumn=9,title=DL101 duplicated-word::message

Severity error -> error, warning -> warning, info -> notice. Property values
escape % CR LF : and , ; the message escapes % CR LF (as the Actions toolkit
does). Before that, document text is made harmless for the log: control
characters (ESC, OSC sequences, BEL), bidi overrides and U+2028/U+2029 become
U+FFFD in messages, and are written out (\\x1b) in file names.
Unreadable files become an ::error:: with the file named.
"""
from __future__ import annotations

from doclint.reporters import Reporter
from doclint.text.display import escaped, printable

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def message(s: str) -> str:
    """A message for the log: one command line (line breaks escaped), nothing that drives a terminal."""
    return escape_data("\n".join(printable(part) for part in s.split("\n")))


class GithubReporter(Reporter):
    def file(self, result):
        w = self.stream.write
        if result.error:
            w(f"::error file={escape_property(escaped(result.path))},title=doclint::{message(result.error)}\n")
        for f in result.findings:
            props = [("file", escaped(f.path)), ("line", str(f.line)), ("col", str(f.column)),
                     ("endLine", str(f.end_line)), ("endColumn", str(f.end_column)),
                     ("title", f"{f.code} {f.name}")]
            w(f"::{COMMAND[f.severity]} " + ",".join(f"{k}={escape_property(printable(v))}" for k, v in props)
              + f"::{message(f.message)}\n")
