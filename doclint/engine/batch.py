"""Checking files: read, lint, filter (suppression, baseline), fix; in this process or in workers.

`FileChecker(settings)(path)` does one file and returns a FileResult; it never
raises: a file that cannot be read, or a bug met on one file, becomes that
file's one-line error and the other files are still checked.
`check_files` runs it over many files, in worker processes when asked, and
yields the results in input order.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from typing import List, Optional

from doclint.engine.session import Session, Settings


@dataclass
class FileResult:
    """One file's outcome, as reporters see it."""
    path: str
    doc: object = None
    findings: List = field(default_factory=list)
    error: Optional[str] = None          # one-line message if the file could not be checked
    notices: List[str] = field(default_factory=list)  # one-line remarks for stderr (not errors)
    fixed: int = 0                       # fixes applied (or, with --diff, that would be)
    diff: Optional[str] = None           # unified diff of the fixes (--diff)


def _msg(lang, zh, en):
    return en if lang == "en" else zh


class FileChecker:
    """Reads, lints, filters (suppression, baseline) and optionally fixes one file."""

    def __init__(self, settings: Settings, session: Optional[Session] = None):
        self.settings = settings
        self.session = session or Session(settings)
        self.baseline = None
        if settings.baseline:
            from doclint.engine.baseline import Baseline
            self.baseline = Baseline.load(settings.baseline)

    def _lint(self, doc, plan, report=None):
        # a check that raises loses only its own findings, and findings are capped: the first lint
        # reports both (LintReport)
        from doclint.engine.session import LintReport
        findings = self.session.lint(doc, plan.config, plan, report or LintReport())
        if self.baseline is not None:
            findings = self.baseline.filter(doc, findings)
        return findings

    def __call__(self, path: str, error: Optional[str] = None) -> FileResult:
        from doclint.errors import DoclintError
        from doclint.files.reader import read_path
        lang = self.settings.lang
        result = FileResult(path)
        if error is not None:
            result.error = error
            return result
        try:
            plan = self.session.plan(self.session.config_for(path))
            doc = read_path(path, user_words=plan.user_words)
            result.doc = doc
            from doclint.engine.session import LintReport, failure_message
            report = LintReport()
            result.findings = self._lint(doc, plan, report)
            result.notices += report.notices(doc.path, lang)
            if report.failures:
                result.error = failure_message(doc.path, report.failures, lang)
            self._directive_notices(result, doc)
            if self.settings.fix or self.settings.diff:
                self._fix(result, plan)
        except DoclintError as exc:
            result.error = exc.render(lang)
        except Exception as exc:  # a bug in doclint or a plugin: report it, go on
            result.error = _msg(lang, f"{path}: 内部错误（{type(exc).__name__}: {exc}），请报告此问题",
                                f"{path}: internal error ({type(exc).__name__}: {exc}); please report it")
        if result.doc is not None:  # reporters need the text, never a check's views
            result.doc.drop_views()
        return result

    def _directive_notices(self, result: FileResult, doc) -> None:
        if "doclint" not in doc.text:
            return
        from doclint.engine.suppress import problems
        for line, s in problems(doc):
            result.notices.append(_msg(self.settings.lang,
                                       f"{doc.path}:{line}: doclint 指令中的 {s} 不是已知的检查代码或名称",
                                       f"{doc.path}:{line}: {s} in a doclint directive is not a known check"))

    def _fix(self, result: FileResult, plan) -> None:
        from doclint.engine.fixes import apply_fixes, apply_until_stable
        doc, unsafe, lang = result.doc, self.settings.unsafe, self.settings.lang
        if not any(f.fix is not None and (f.fix.safe or unsafe) for f in result.findings):
            return
        if doc.kind == "docx":
            result.notices.append(_msg(lang, f"{doc.path}: .docx 文件无法原地修复，请在 Word 中修改（问题照常报告）",
                                       f"{doc.path}: a .docx file cannot be fixed in place; edit it in Word "
                                       "(findings are still reported)"))
            return
        if doc.path in ("-", "<stdin>"):
            result.notices.append(_msg(lang, "<stdin>: 标准输入无法原地修复",
                                       "<stdin>: standard input cannot be fixed in place"))
            return

        def relint(text):
            return native_newlines(self._lint(doc.like(text), plan), doc.newline)

        first, applied = apply_fixes(doc.text, native_newlines(result.findings, doc.newline), unsafe)
        new_text, more = apply_until_stable(first, relint, unsafe) if applied else (first, [])
        applied = applied + more
        if new_text == doc.text:
            return
        if self.settings.diff:
            result.fixed = len(applied)
            result.diff = unified_diff(doc.text, new_text, doc.path)
            return
        from doclint.files.writer import write_document
        write_document(doc, new_text)  # raises InputError (nothing written) on failure
        result.fixed = len(applied)
        new_doc = doc.like(new_text)
        result.doc = new_doc
        result.findings = self._lint(new_doc, plan)


def native_newlines(findings, newline: str):
    """Fixes that insert a line break use the file's own line ending (CRLF stays CRLF)."""
    def breaks(f):
        return f.fix is not None and any("\n" in e.replacement for e in f.fix.edits)

    if newline == "\n" or not any(breaks(f) for f in findings):
        return findings
    import re
    out = []
    for f in findings:
        if breaks(f):
            edits = tuple(replace(e, replacement=re.sub(r"\r?\n", newline, e.replacement)) for e in f.fix.edits)
            f = replace(f, fix=replace(f.fix, edits=edits))
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


_WORKER: Optional[FileChecker] = None   # one per worker process, set by its initializer


def _init_worker(settings: Settings):
    global _WORKER
    import signal
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is handled by the parent
    _WORKER = FileChecker(settings)


def _work(item):
    return _WORKER(*item)


def check_files(items, settings: Settings, jobs: int = 1, checker: Optional[FileChecker] = None):
    """FileResults for `items` [(path, error_message_or_None)], in input order.

    With jobs > 1 the files are checked in worker processes; results still
    come back in input order, so output does not depend on timing.
    """
    items = list(items)
    if jobs <= 1 or len(items) < 2:
        checker = checker or FileChecker(settings)
        for path, err in items:
            yield checker(path, err)
        return
    from concurrent.futures import ProcessPoolExecutor
    with ProcessPoolExecutor(max_workers=min(jobs, len(items)), initializer=_init_worker,
                             initargs=(settings,)) as ex:
        yield from ex.map(_work, items, chunksize=1)
