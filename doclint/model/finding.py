"""Findings, fixes and the small value types that checks return.

A check yields `Issue`s: a character span into the document, a message in
Chinese and English, and optionally a `Fix`. The core turns each Issue into a
`Finding`, deriving line and column once from the document (checks never
compute positions themselves).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

SEVERITIES = ("info", "warning", "error")
SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}
SEVERITY_LABELS = {
    "zh": {"error": "错误", "warning": "警告", "info": "提示"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}


def severity_label(severity: str, lang: str) -> str:
    """The severity as the reader's language names it (错误/警告/提示): every output uses this."""
    return SEVERITY_LABELS.get(lang, SEVERITY_LABELS["zh"]).get(severity, severity)


@dataclass(frozen=True)
class Edit:
    """Replace text[start:end] with `replacement` (offsets in characters)."""
    start: int
    end: int
    replacement: str = ""


@dataclass(frozen=True)
class Fix:
    """A set of non-overlapping edits that together repair one finding."""
    edits: tuple
    safe: bool = True
    zh: str = ""
    en: str = ""

    @staticmethod
    def replace(start: int, end: int, replacement: str, *, safe: bool = True,
                zh: str = "", en: str = "") -> "Fix":
        return Fix((Edit(start, end, replacement),), safe=safe, zh=zh, en=en)

    @staticmethod
    def delete(start: int, end: int, *, safe: bool = True, zh: str = "", en: str = "") -> "Fix":
        return Fix((Edit(start, end, ""),), safe=safe, zh=zh or "删除", en=en or "delete")


@dataclass(frozen=True)
class Issue:
    """What a check reports: a span, a bilingual message, an optional fix.

    `severity` overrides the check's default for this one issue (e.g. DL101
    reports colloquial ABAB verbs at info).
    """
    start: int
    end: int
    zh: str
    en: str
    fix: Optional[Fix] = None
    severity: Optional[str] = None


@dataclass
class Finding:
    """A reported problem, with positions derived by the core."""
    path: str
    code: str
    name: str
    severity: str
    message: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    fix: Optional[Fix] = None
    extra: dict = field(default_factory=dict)

    def sort_key(self):
        return (self.start, self.end, self.code)

    def to_dict(self, doc=None, lang: str = "zh") -> dict:
        """The JSON shape: exactly the documented keys."""
        fix = None
        if self.fix is not None:
            edits = []
            for e in self.fix.edits:
                item = {"start": e.start, "end": e.end, "replacement": e.replacement}
                if doc is not None:
                    item["line"], item["column"] = doc.position(e.start)
                    item["end_line"], item["end_column"] = doc.position(e.end)
                edits.append(item)
            fix = {"safe": self.fix.safe,
                   "message": self.fix.en if lang == "en" else self.fix.zh,
                   "edits": edits}
        return {
            "path": self.path, "code": self.code, "name": self.name,
            "severity": self.severity, "message": self.message,
            "line": self.line, "column": self.column,
            "end_line": self.end_line, "end_column": self.end_column,
            "text": self.text, "fix": fix,
        }


FINGERPRINT_CONTEXT = 6


def fingerprint(doc, f: Finding, context: int = FINGERPRINT_CONTEXT):
    """What identifies a finding across versions of a document, wherever it moves:
    (code, flagged text, up to `context` characters before it on its first line,
    up to `context` after it on its last line). Line numbers are not part of it.
    Used by baselines and by `doclint diff --lint`.
    """
    start_line = doc.line_span(f.line).start
    end_line = doc.line_span(f.end_line).end
    before = doc.text[max(start_line, f.start - context):f.start]
    after = doc.text[f.end:min(end_line, f.end + context)]
    return (f.code, f.text.replace("\r\n", "\n"), before, after)
