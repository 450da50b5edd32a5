"""`--format sarif`: SARIF 2.1.0 for code-scanning tools (one run, one tool).

Locations: `artifactLocation.uri` is the path relative to the current folder
(uriBaseId %SRCROOT%), with / separators and percent-encoding; regions use
1-based lines and columns counted in Unicode code points
(`run.columnKind = "unicodeCodePoints"`), end column exclusive as in SARIF.
For .docx input a line is a paragraph. Fixes become SARIF `fixes` with
character-offset regions. Files that could not be read are reported as
tool execution notifications, and `executionSuccessful` is then false.
"""
from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

from doclint import __version__
from doclint.reporters import Reporter, json_text

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def uri_for(path: str) -> str:
    p = Path(path)
    try:
        rel = p.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        rel = None
    if rel is None:
        if p.is_absolute() or p.exists():
            return "file://" + _quoted(p.resolve().as_posix())
        return _quoted(p.as_posix())
    return _quoted(rel)


def _quoted(path: str) -> str:
    """Percent-encoded; a name that is not valid UTF-8 (its bytes kept as surrogates by Python)
    is encoded back to those bytes, as a file URI may carry any byte."""
    return quote(os.fsencode(path))


class SarifReporter(Reporter):
    def __init__(self, stream, **kw):
        super().__init__(stream, **kw)
        self.results = []
        self.notifications = []
        self.rule_ids = []

    def _rule_index(self, code):
        if code not in self.rule_ids:
            self.rule_ids.append(code)
        return self.rule_ids.index(code)

    def file(self, result):
        if result.error:
            self.notifications.append({
                "level": "error", "message": {"text": result.error},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri_for(result.path)}}}]
                if result.path not in ("-", "<stdin>") else []})
        doc = result.doc
        for f in result.findings:
            region = {"startLine": f.line, "startColumn": f.column,
                      "endLine": f.end_line, "endColumn": f.end_column,
                      "charOffset": f.start, "charLength": f.end - f.start}
            if f.text:
                region["snippet"] = {"text": f.text}
            loc = {"physicalLocation": {
                "artifactLocation": {"uri": uri_for(f.path), "uriBaseId": "%SRCROOT%"},
                "region": region}}
            item = {"ruleId": f.code, "ruleIndex": self._rule_index(f.code),
                    "level": LEVEL[f.severity], "message": {"text": f.message},
                    "locations": [loc]}
            if doc is not None and getattr(doc, "line_label", None) == "paragraph":
                item["properties"] = {"lineIsParagraph": True}
            if f.fix is not None:
                item["fixes"] = [{
                    "description": {"text": (f.fix.en if self.lang == "en" else f.fix.zh) or f.code},
                    "artifactChanges": [{
                        "artifactLocation": {"uri": uri_for(f.path), "uriBaseId": "%SRCROOT%"},
                        "replacements": [{
                            "deletedRegion": {"charOffset": e.start, "charLength": e.end - e.start},
                            "insertedContent": {"text": e.replacement}} for e in f.fix.edits]}],
                    "properties": {"safe": f.fix.safe}}]
            self.results.append(item)

    def finish(self, results):
        from doclint.engine.registry import lookup
        rules = []
        for code in self.rule_ids:
            c = lookup(code)
            rule = {"id": code}
            if c is not None:
                rule.update({
                    "name": c.name,
                    "shortDescription": {"text": c.summary.get(self.lang) or c.summary.get("zh", code)},
                    "fullDescription": {"text": c.description.get(self.lang) or c.description.get("zh", code)},
                    "defaultConfiguration": {"level": LEVEL[c.severity]},
                    "properties": {"fixable": c.fixable, "wrong": c.wrong, "right": c.right}})
            rules.append(rule)
        cwd = Path.cwd().resolve().as_uri() + "/"
        log = {
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {"name": "doclint", "version": __version__,
                                    "semanticVersion": __version__, "rules": rules}},
                "originalUriBaseIds": {"%SRCROOT%": {"uri": cwd}},
                "columnKind": "unicodeCodePoints",
                "invocations": [{"executionSuccessful": not any(r.error for r in results),
                                 "toolExecutionNotifications": self.notifications,
                                 "workingDirectory": {"uri": cwd}}],
                "results": self.results,
            }],
        }
        self.stream.write(json_text(log) + "\n")
