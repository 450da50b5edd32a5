"""`--format github`: GitHub Actions workflow commands, one per finding.

    ::error file=drafts/a.txt,line=3,col=5,endLine=3,endColumn=9,title=DL101 duplicated-word::message

Severity error -> error, warning -> warning, info -> notice. Property values
escape % CR LF : and , ; the message escapes % CR LF (as the Actions toolkit
does). Unreadable files become an ::error:: with the file named.
"""
from __future__ import annotations

from doclint.reporters import Reporter

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(Reporter):
    def file(self, result):
        w = self.stream.write
        if result.error:
            w(f"::error file={escape_property(result.path)},title=doclint::{escape_data(result.error)}\n")
        for f in result.findings:
            props = [("file", f.path), ("line", str(f.line)), ("col", str(f.column)),
                     ("endLine", str(f.end_line)), ("endColumn", str(f.end_column)),
                     ("title", f"{f.code} {f.name}")]
            w(f"::{COMMAND[f.severity]} " + ",".join(f"{k}={escape_property(v)}" for k, v in props)
              + f"::{escape_data(f.message)}\n")
