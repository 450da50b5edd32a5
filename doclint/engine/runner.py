"""Running checks on a document: selection, options, dictionaries, findings.

This is the only place where check output (Issues) becomes Findings: line and
column are derived here, once, from the document.
"""
from __future__ import annotations

from dataclasses import dataclass, field
import os
from fnmatch import fnmatch
from pathlib import Path
from typing import Dict, List, Optional, Sequence

from doclint.engine import dictionaries as data
from doclint.engine.config import Config
from doclint.errors import ConfigError
from doclint.model.finding import SEVERITIES, Finding, Issue
from doclint.engine.registry import Check, all_checks, resolve


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
    from doclint.text.lexicon import read_user_words
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
                rel = Path(path).resolve().relative_to(config.root.resolve()).as_posix()
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
    """All findings for `doc`, sorted by position then code.

    The cyclic garbage collector is paused while the checks run: they build
    many small objects (q-gram sets, tokens, spans) and few cycles, and on a
    long document the collector's passes over them cost a tenth of the time.
    Anything cyclic is collected once it is back on.
    """
    import gc
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _run_checks(doc, selection, config, lang)
    finally:
        if was_enabled:
            gc.enable()


def _run_checks(doc, selection: Selection, config: Config, lang: str) -> List[Finding]:
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
    if "doclint" in doc.text:  # inline <!-- doclint: disable=... --> directives
        from doclint.engine.suppress import filter_findings
        findings = filter_findings(doc, findings)
    return findings



# ---- checking files: one file at a time, in this process or in workers ------

class ConfigCache:
    """Config per folder (found upward), or the one given by --config."""

    def __init__(self, explicit=None):
        from doclint.engine.config import load_config
        self.explicit = load_config(Path(explicit)) if explicit else None
        self.by_file = {}
        self.empty = Config()

    def for_path(self, path: str) -> Config:
        from doclint.engine.config import find_config_file, load_config
        if self.explicit is not None:
            return self.explicit
        start = Path.cwd() if path in ("-", "<stdin>") else Path(path)
        found = find_config_file(start)
        if found is None:
            return self.empty
        if found not in self.by_file:
            self.by_file[found] = load_config(found)
        return self.by_file[found]


@dataclass
class RunOptions:
    """Everything a worker needs to check one file (picklable: plain values only)."""
    config_path: Optional[str] = None
    select: List[str] = field(default_factory=list)
    ignore: List[str] = field(default_factory=list)
    lang: str = "zh"
    fix: bool = False           # write safe fixes
    unsafe: bool = False        # ... and unsafe ones
    diff: bool = False          # compute the fixes, show a diff, write nothing
    baseline: Optional[str] = None
    date: Optional[str] = None  # --date YYYY-MM-DD: reference date for the DL4 checks


def _msg(lang, zh, en):
    return en if lang == "en" else zh


class FileChecker:
    """Reads, lints, filters (suppression, baseline) and optionally fixes one file."""

    def __init__(self, opts: RunOptions):
        self.opts = opts
        self.configs = ConfigCache(opts.config_path)
        self.selections = {}
        self.baseline = None
        if opts.baseline:
            from doclint.engine.baseline import Baseline
            self.baseline = Baseline.load(opts.baseline)

    def _selection(self, cfg):
        key = id(cfg)
        if key not in self.selections:
            if self.opts.date:
                cfg.date_option = self.opts.date  # read by checks/deadlines.py; wins over all
            self.selections[key] = (cfg, select_checks(cfg, self.opts.select or None, self.opts.ignore))
        return self.selections[key][1]

    def _lint(self, doc, sel, cfg):
        findings = lint(doc, sel, cfg, self.opts.lang)
        if self.baseline is not None:
            findings = self.baseline.filter(doc, findings)
        return findings

    def __call__(self, path: str, error: Optional[str] = None):
        from doclint.errors import DoclintError
        from doclint.files.reader import read_path
        from doclint.reporters import FileResult
        lang = self.opts.lang
        result = FileResult(path)
        if error is not None:
            result.error = error
            return result
        try:
            cfg = self.configs.for_path(path)
            sel = self._selection(cfg)
            doc = read_path(path)
            result.doc = doc
            result.findings = self._lint(doc, sel, cfg)
            if "doclint" in doc.text:
                from doclint.engine.suppress import problems
                for line, s in problems(doc):
                    result.notices.append(_msg(lang, f"{doc.path}:{line}: doclint 指令中的 {s} 不是已知的检查代码或名称",
                                               f"{doc.path}:{line}: {s} in a doclint directive is not a known check"))
            if self.opts.fix or self.opts.diff:
                self._fix(result, sel, cfg)
        except DoclintError as exc:
            result.error = exc.render(lang)
        except Exception as exc:  # a bug in doclint or a plugin: report it, go on
            result.error = _msg(lang, f"{path}: 内部错误（{type(exc).__name__}: {exc}），请报告此问题",
                                f"{path}: internal error ({type(exc).__name__}: {exc}); please report it")
        if result.doc is not None:  # do not ship lazy views between processes
            for name in ("tokens", "headings", "sentences", "_sentence_starts"):
                result.doc.__dict__.pop(name, None)
        return result

    def _fix(self, result, sel, cfg):
        from doclint.model.document import Document
        from doclint.engine.fixes import apply_fixes, apply_until_stable
        doc, unsafe, lang = result.doc, self.opts.unsafe, self.opts.lang
        if not any(f.fix is not None and (f.fix.safe or unsafe) for f in result.findings):
            return
        if doc.kind == "docx":
            result.notices.append(_msg(lang, f"{doc.path}: .docx 文件无法原地修复，请在 Word 中修改（问题照常报告）",
                                       f"{doc.path}: a .docx file cannot be fixed in place; edit it in Word "
                                       "(findings are still reported)"))
            return
        if doc.path in ("-", "<stdin>"):
            result.notices.append(_msg(lang, "<stdin>: 标准输入无法原地修复", "<stdin>: standard input cannot be fixed in place"))
            return

        def like(text):
            return Document(text, path=doc.path, encoding=doc.encoding, bom=doc.bom, newline=doc.newline,
                            kind=doc.kind, line_label=doc.line_label)

        def relint(text):
            return _native_newlines(self._lint(like(text), sel, cfg), doc.newline)

        first, applied = apply_fixes(doc.text, _native_newlines(result.findings, doc.newline), unsafe)
        new_text, more = apply_until_stable(first, relint, unsafe) if applied else (first, [])
        applied = applied + more
        if new_text == doc.text:
            return
        if self.opts.diff:
            result.fixed = len(applied)
            result.diff = unified_diff(doc.text, new_text, doc.path)
            return
        from doclint.files.writer import write_document
        write_document(doc, new_text)  # raises InputError (nothing written) on failure
        result.fixed = len(applied)
        new_doc = like(new_text)
        result.doc = new_doc
        result.findings = self._lint(new_doc, sel, cfg)


def _native_newlines(findings, newline: str):
    """Fixes that insert a line break use the file's own line ending (CRLF stays CRLF)."""
    if newline == "\n" or not any(f.fix is not None and any("\n" in e.replacement for e in f.fix.edits)
                                  for f in findings):
        return findings
    import dataclasses
    import re
    out = []
    for f in findings:
        if f.fix is not None and any("\n" in e.replacement for e in f.fix.edits):
            edits = tuple(dataclasses.replace(e, replacement=re.sub(r"\r?\n", newline, e.replacement))
                          for e in f.fix.edits)
            f = dataclasses.replace(f, fix=dataclasses.replace(f.fix, edits=edits))
        out.append(f)
    return out


def unified_diff(old: str, new: str, path: str) -> str:
    import difflib
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    out = []
    old_name, new_name = (path, path) if os.path.isabs(path) else (f"a/{path}", f"b/{path}")
    for line in difflib.unified_diff(a, b, fromfile=old_name, tofile=new_name):
        if not line.endswith(("\n", "\r")):
            line += "\n\\ No newline at end of file\n"
        out.append(line)
    return "".join(out)


_WORKER: Optional[FileChecker] = None


def _init_worker(opts: RunOptions):
    global _WORKER
    import signal
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is handled by the parent
    _WORKER = FileChecker(opts)


def _work(item):
    result = _WORKER(*item)
    doc = result.doc
    if doc is not None:  # send back only what reporters need, never a check's cached views
        from doclint.model.document import Document
        result.doc = Document(doc.text, path=doc.path, encoding=doc.encoding, bom=doc.bom,
                              newline=doc.newline, kind=doc.kind, line_label=doc.line_label)
    return result


def check_files(items, opts: RunOptions, jobs: int = 1, checker: Optional[FileChecker] = None):
    """FileResults for `items` [(path, error_message_or_None)], in input order.

    With jobs > 1 the files are checked in worker processes; results still
    come back in input order, so output does not depend on timing.
    """
    items = list(items)
    if jobs <= 1 or len(items) < 2:
        checker = checker or FileChecker(opts)
        for path, err in items:
            yield checker(path, err)
        return
    from concurrent.futures import ProcessPoolExecutor
    with ProcessPoolExecutor(max_workers=min(jobs, len(items)), initializer=_init_worker,
                             initargs=(opts,)) as ex:
        yield from ex.map(_work, items, chunksize=1)
