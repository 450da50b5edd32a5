"""Output formats behind one interface.

A reporter receives each file's result as it is checked (`file`), then
`finish` once. Reporters write only to the stream they are given; errors go
to stderr through the CLI, but reporters that must carry them (JUnit, SARIF,
HTML) also get them via `FileResult.error`.

Three class attributes tell the CLI how to drive a reporter:

- `binary = True`: the report is bytes (a .docx, a zip). The CLI requires
  `-o FILE` (a one-line usage error otherwise) and passes that file opened
  'wb' as the stream.
- `renders_fixes = True`: the reporter shows fixes itself (the Word report
  shows them as tracked changes). With `--fix` or `--diff` the CLI then never
  writes the input file and prints no diff: it computes the fixes as `--diff`
  does, so each FileResult carries `fixed` (how many), `fixed_text` (the text
  with every fix applied) and `changes` (the edits against the original text,
  see doclint.reporters.fixdiff), and it passes `fix=True` and `unsafe=...` in
  the reporter's options.
- `single_file = True`: the report is one document (the Word report). The CLI
  refuses several input files with a one-line usage error before checking.

Every reporter makes document text harmless for where it goes: the terminal
formats through doclint.text.display.printable, JSON by `json_text` below,
XML by xml_safe, HTML by html.escape (see tests/reporters/test_safe_reports.py).
"""
from __future__ import annotations

import importlib
from typing import List

from doclint.engine.batch import FileResult  # noqa: F401  (what reporters receive)
from doclint.errors import UsageError
from doclint.model.finding import severity_label  # noqa: F401  (reporters name severities through it)
from doclint.text.display import JSON_ESCAPE

# name -> "module:Class"; loaded lazily so an unused format costs nothing.
REPORTERS = {
    "text": "doclint.reporters.text:TextReporter",
    "full": "doclint.reporters.text:FullReporter",
    "concise": "doclint.reporters.text:ConciseReporter",
    "json": "doclint.reporters.json_format:JsonReporter",
    "sarif": "doclint.reporters.sarif:SarifReporter",
    "github": "doclint.reporters.github:GithubReporter",
    "junit": "doclint.reporters.junit:JunitReporter",
    "html": "doclint.reporters.html:HtmlReporter",
    "docx": "doclint.reporters.docx:DocxReporter",
}

def json_text(data, indent=2) -> str:
    """JSON as readable UTF-8 (no \\u escapes for Chinese), yet safe for any terminal or log.

    Characters that could drive a terminal or split a line (C1 controls, the
    line/paragraph separators, bidi overrides) and lone surrogates (not valid
    UTF-8) are written as \\u escapes; json already escapes C0 controls. Inside
    JSON such a character can only stand in a string, where the escape means
    the same character: the data read back is unchanged.
    """
    import json      # here: the default text report never needs it
    out = json.dumps(data, ensure_ascii=False, indent=indent)
    return JSON_ESCAPE.sub(lambda m: "\\u%04x" % ord(m.group(0)), out)


class Reporter:
    binary = False         # writes bytes: the CLI requires -o and passes the file opened 'wb'
    renders_fixes = False  # shows fixes itself: the CLI computes them and never writes the input
    single_file = False    # one document per report: the CLI refuses several inputs before checking

    def __init__(self, stream, *, lang: str = "zh", color: bool = False, **options):
        self.stream = stream
        self.lang = lang
        self.color = color
        self.options = options

    def file(self, result: FileResult) -> None:
        raise NotImplementedError

    def finish(self, results: List[FileResult]) -> None:
        pass


class NullReporter(Reporter):
    """Reports nothing (used by --diff, whose output is the fix preview itself)."""

    def file(self, result: FileResult) -> None:
        pass


def get_reporter(name: str):
    target = REPORTERS.get(name)
    if target is None:
        raise UsageError(None, f"未知的输出格式：{name}（可选：{'、'.join(REPORTERS)}）",
                         f"unknown format: {name} (choose from {', '.join(REPORTERS)})")
    mod, cls = target.split(":")
    return getattr(importlib.import_module(mod), cls)
