"""Running checks on a document: selection, options, dictionaries, findings.

This is the only place where check output (Issues) becomes Findings: line and
column are derived here, once, from the document.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fnmatch import fnmatch
from typing import Dict, List, Optional, Sequence

from doclint import data
from doclint.config import Config
from doclint.errors import ConfigError
from doclint.finding import SEVERITIES, Finding, Issue
from doclint.registry import Check, all_checks, resolve


class CheckContext:
    """What a check may use besides the document: options and dictionaries."""

    def __init__(self, check: Check, options: dict, config: Config, lang: str = "zh"):
        self.check = check
        self.options = options
        self.config = config
        self.lang = lang

    def lines(self, name: str):
        """Entries of dictionary `name`, plus files the config adds to it."""
        return data.dictionary_lines(name, tuple(self.config.dictionaries.get(name, ())))

    def words(self, name: str) -> frozenset:
        return _words(self.lines(name))

    def pairs(self, name: str):
        return data.pairs(self.lines(name))


_WORDS_CACHE: Dict[tuple, frozenset] = {}


def _words(lines) -> frozenset:
    if lines not in _WORDS_CACHE:
        _WORDS_CACHE[lines] = frozenset(l.split("\t")[0].strip() for l in lines)
    return _WORDS_CACHE[lines]


def user_words(config: Config):
    """jieba user words from config as a tuple of (word, freq)."""
    from doclint.lexicon import read_user_words
    lines = data.dictionary_lines("user_words", tuple(config.dictionaries.get("user_words", ())))
    return tuple(sorted(read_user_words(lines).items()))


@dataclass
class Selection:
    checks: List[Check]
    severities: Dict[str, str] = field(default_factory=dict)
    options: Dict[str, dict] = field(default_factory=dict)


def select_checks(config: Config, select: Optional[Sequence[str]] = None,
                  ignore: Sequence[str] = ()) -> Selection:
    """Checks enabled by config plus command line (command line wins)."""
    checks = all_checks()
    src = str(config.source) if config.source else ""
    sel = list(select) if select else (config.select or ["ALL"])
    codes = resolve(sel, checks, "" if select else src)
    codes -= resolve(config.ignore, checks, src)
    codes -= resolve(ignore, checks)
    chosen = [checks[c] for c in sorted(codes)]
    severities, options = {}, {}
    for key, table in config.checks.items():
        matched = resolve([key], checks, src)
        for code in matched:
            c = checks[code]
            opts = dict(c.options)
            for k, v in table.items():
                if k == "severity":
                    if v not in SEVERITIES:
                        raise ConfigError(config.source, f"[checks.{key}] severity 只能是 info/warning/error",
                                          f"[checks.{key}] severity must be info, warning or error")
                    severities[code] = v
                    continue
                kk = k.replace("-", "_")
                if kk not in c.options:
                    raise ConfigError(config.source, f"检查 {code} 没有选项 {k}",
                                      f"check {code} has no option {k}")
                default = c.options[kk]
                if default is not None and not isinstance(v, type(default)) and not (
                        isinstance(default, float) and isinstance(v, int)):
                    raise ConfigError(config.source, f"[checks.{key}] {k} 类型应为 {type(default).__name__}",
                                      f"[checks.{key}] {k} must be a {type(default).__name__}")
                opts[kk] = v
            options[code] = opts
    return Selection(chosen, severities, options)


def _ignored_for_path(config: Config, path: str) -> set:
    codes = set()
    if not config.per_file_ignores:
        return codes
    checks = all_checks()
    for pattern, sels in config.per_file_ignores.items():
        rel = path
        if config.root is not None:
            try:
                from pathlib import Path
                rel = str(Path(path).resolve().relative_to(config.root.resolve()))
            except (ValueError, OSError):
                pass
        if fnmatch(rel, pattern) or fnmatch(path, pattern):
            codes |= resolve(sels, checks, str(config.source))
    return codes


def make_finding(doc, check: Check, issue: Issue, severity: str, lang: str) -> Finding:
    line, col = doc.position(issue.start)
    end_line, end_col = doc.position(issue.end)
    return Finding(path=doc.path, code=check.code, name=check.name,
                   severity=issue.severity or severity,
                   message=issue.en if lang == "en" else issue.zh,
                   start=issue.start, end=issue.end, line=line, column=col,
                   end_line=end_line, end_column=end_col,
                   text=doc.text[issue.start:issue.end], fix=issue.fix)


def _allowed_spans(doc, config: Config):
    phrases = data.dictionary_lines("allow", tuple(config.dictionaries.get("allow", ())))
    spans = []
    for p in set(phrases):
        p = p.strip()
        if not p:
            continue
        i = doc.text.find(p)
        while i >= 0:
            spans.append((i, i + len(p)))
            i = doc.text.find(p, i + 1)
    return spans


def lint(doc, selection: Selection, config: Config, lang: str = "zh") -> List[Finding]:
    """All findings for `doc`, sorted by position then code."""
    doc.user_words = user_words(config)
    skip = _ignored_for_path(config, doc.path)
    allowed = _allowed_spans(doc, config)
    findings = []
    for check in selection.checks:
        if check.code in skip:
            continue
        ctx = CheckContext(check, selection.options.get(check.code, dict(check.options)), config, lang)
        severity = selection.severities.get(check.code, check.severity)
        for issue in check(doc, ctx) or ():
            if not (0 <= issue.start <= issue.end <= len(doc.text)):
                raise RuntimeError(f"{check.code} returned a span outside the text: {issue}")
            if any(a <= issue.start and issue.end <= b for a, b in allowed):
                continue
            findings.append(make_finding(doc, check, issue, severity, lang))
    findings.sort(key=Finding.sort_key)
    return findings
