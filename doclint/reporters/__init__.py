"""Output formats behind one interface.

A reporter receives each file's result as it is checked (`file`), then
`finish` once. Reporters write only to the stream they are given; errors go
to stderr through the CLI, but reporters that must carry them (JUnit, SARIF)
also get them via `FileResult.error`.
"""
from __future__ import annotations

import importlib
from typing import List

from doclint.engine.batch import FileResult  # noqa: F401  (what reporters receive)
from doclint.errors import UsageError

# name -> "module:Class"; loaded lazily so an unused format costs nothing.
REPORTERS = {
    "text": "doclint.reporters.text:TextReporter",
    "full": "doclint.reporters.text:FullReporter",
    "concise": "doclint.reporters.text:ConciseReporter",
    "json": "doclint.reporters.json_format:JsonReporter",
    "sarif": "doclint.reporters.sarif:SarifReporter",
    "github": "doclint.reporters.github:GithubReporter",
    "junit": "doclint.reporters.junit:JunitReporter",
    "docx": "doclint.reporters.docx:DocxReporter",
}


class Reporter:
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
    """Reports nothing (used by --diff, whose output is the diff itself)."""

    def file(self, result: FileResult) -> None:
        pass


def get_reporter(name: str):
    target = REPORTERS.get(name)
    if target is None:
        raise UsageError(None, f"未知的输出格式：{name}（可选：{'、'.join(REPORTERS)}）",
                         f"unknown format: {name} (choose from {', '.join(REPORTERS)})")
    mod, cls = target.split(":")
    return getattr(importlib.import_module(mod), cls)
