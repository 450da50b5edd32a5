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
    fixed: int = 0                       # fixes applied (or, when not written, that would be)
    fixed_text: Optional[str] = None     # the text with the fixes, when computed but not written
    changes: List = field(default_factory=list)  # the fixes as edits of the original (set by the CLI)


def _msg(lang, zh, en):
    return en if lang == "en" else zh


STDIN = ("-", "<stdin>")
# Word-processor formats doclint cannot read: the user is told how to get a .docx.
OLD_FORMATS = {
    ".doc": ("Word 97-2003 文档（.doc）", "a Word 97-2003 document (.doc)"),
    ".dot": ("Word 97-2003 模板（.dot）", "a Word 97-2003 template (.dot)"),
    ".wps": ("WPS 文字文档（.wps）", "a WPS Writer document (.wps)"),
    ".wpt": ("WPS 文字模板（.wpt）", "a WPS Writer template (.wpt)"),
}


def old_format_error(path: str):
    """An InputError with the way out for a .doc/.wps file, else None."""
    from doclint.errors import InputError
    kind = OLD_FORMATS.get(os.path.splitext(str(path))[1].lower())
    if kind is None:
        return None
    return InputError(path, f"是{kind[0]}，doclint 不能读取：请在 Word 或 WPS 中“另存为” .docx 后再检查",
                      f"is {kind[1]}, which doclint cannot read: open it in Word or WPS and "
                      "\"Save As\" .docx, then check that file")


class FileChecker:
    """Reads, lints, filters (suppression, baseline) and optionally fixes one file.

    `stdin_name` names standard input (`--stdin-filename`): its config, its
    per-file ignores, its kind (.md, .docx) and the path in messages.
    `keep_input`: fixes are computed (`fixed`, `fixed_text`) but never written,
    as for `--diff`; the CLI sets it for a reporter that renders fixes itself.
    Standard input is never written either: its fixed text is `fixed_text`.
    """

    def __init__(self, settings: Settings, session: Optional[Session] = None, *,
                 stdin_name: Optional[str] = None, keep_input: bool = False):
        self.settings = settings
        self.session = session or Session(settings)
        self.stdin_name = stdin_name
        self.keep_input = keep_input
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
        lang = self.settings.lang
        result = FileResult((self.stdin_name or "<stdin>") if path in STDIN else path)
        if error is not None:
            result.error = error
            return result
        try:
            named = self.stdin_name if path in STDIN and self.stdin_name else path
            plan = self.session.plan(self.session.config_for(named))
            doc = self._read(path, plan)
            result.doc = doc
            for zh, en in getattr(doc, "notes", ()):  # a .docx read with its tracked changes accepted...
                result.notices.append(f"{doc.path}: {_msg(lang, zh, en)}")
            from doclint.engine.session import LintReport, failure_message
            report = LintReport()
            result.findings = self._lint(doc, plan, report)
            result.notices += report.notices(doc.path, lang)
            if report.failures:
                result.error = failure_message(doc.path, report.failures, lang)
            self._directive_notices(result, doc)
            if self.settings.fix or self.settings.diff:
                self._fix(result, plan, stdin=path in STDIN)
        except DoclintError as exc:
            result.error = exc.render(lang)
        except Exception as exc:  # a bug in doclint or a plugin: report it, go on
            result.error = internal_error(path, exc, lang)
        if result.doc is not None:  # reporters need the text, never a check's views
            result.doc.drop_views()
        return result

    def _read(self, path: str, plan):
        from doclint.files.reader import read_path
        if path not in STDIN:
            err = old_format_error(path)
            if err is not None:
                raise err
            return read_path(path, user_words=plan.user_words)
        if not self.stdin_name:
            return read_path("-", user_words=plan.user_words)
        return read_named_stdin(self.stdin_name, plan.user_words)

    def _directive_notices(self, result: FileResult, doc) -> None:
        if "doclint" not in doc.text:
            return
        from doclint.engine.suppress import problems, unknown_directives
        from doclint.text.display import escaped, printable
        lang, shown = self.settings.lang, escaped(doc.path)
        for line, s in problems(doc):
            result.notices.append(_msg(lang, f"{shown}:{line}: doclint 指令中的 {printable(s)} 不是已知的检查代码或名称",
                                       f"{shown}:{line}: {printable(s)} in a doclint directive is not a known check"))
        for line, word in unknown_directives(doc):
            result.notices.append(_msg(
                lang, f"{shown}:{line}: 未知的 doclint 指令“{printable(word)}”，已忽略"
                      "（可用 disable、enable、disable-next-line，如 <!-- doclint: disable=DL101 -->）",
                f"{shown}:{line}: unknown doclint directive \"{printable(word)}\", ignored "
                "(use disable, enable or disable-next-line, e.g. <!-- doclint: disable=DL101 -->)"))

    def _fix(self, result: FileResult, plan, stdin: bool = False) -> None:
        """Apply the fixes: write the file (--fix), or only compute the fixed text (--diff, a
        reporter that renders fixes, standard input); then lint what remains where it was fixed."""
        doc, unsafe = result.doc, self.settings.unsafe
        if not any(f.fix is not None and (f.fix.safe or unsafe) for f in result.findings):
            return
        if doc.kind == "docx" and not self.keep_input:  # only a Word report can show them
            from doclint.text.display import escaped
            result.notices.append(_msg(self.settings.lang,
                                       f"{escaped(doc.path)}: .docx 文件无法原地修复，请在 Word 中修改（问题照常报告）",
                                       f"{escaped(doc.path)}: a .docx file cannot be fixed in place; edit it in Word "
                                       "(findings are still reported)"))
            return
        new_text, applied = self._fixed_text(doc, result.findings, plan)
        if new_text == doc.text:
            return
        if self.settings.diff or self.keep_input:  # shown, never applied: the original findings stay
            result.fixed, result.fixed_text = len(applied), new_text
            return
        if stdin:
            result.fixed_text = new_text  # `--fix -`: the CLI prints it
        else:
            from doclint.files.writer import write_document
            write_document(doc, new_text)  # raises InputError (nothing written) on failure
        result.fixed = len(applied)
        result.doc = doc.like(new_text)
        result.findings = self._lint(result.doc, plan)

    def _fixed_text(self, doc, findings, plan):
        """(text with every applicable fix, the findings fixed), re-linting until nothing changes."""
        from doclint.engine.fixes import apply_fixes, apply_until_stable
        unsafe = self.settings.unsafe

        def relint(text):
            return native_newlines(self._lint(doc.like(text), plan), doc.newline)

        first, applied = apply_fixes(doc.text, native_newlines(findings, doc.newline), unsafe)
        new_text, more = apply_until_stable(first, relint, unsafe) if applied else (first, [])
        return new_text, applied + more


def internal_error(path: str, exc: BaseException, lang: str) -> str:
    """One line for a bug met on one file: the exception's type and where it was raised.

    Not the exception's message: it may quote the document, a dictionary or
    any file a config names (a secret), and this line goes to CI logs.
    """
    from doclint.errors import exception_origin
    from doclint.text.display import escaped
    origin = escaped(exception_origin(exc))
    return _msg(lang, f"{escaped(path)}: 内部错误（{origin}），请报告此问题",
                f"{escaped(path)}: internal error ({origin}); please report it")


def read_named_stdin(name: str, user_words=()):
    """Standard input read as the file `name` would be (.md as Markdown, .docx as Word)."""
    import sys
    from doclint.files.reader import MAX_BYTES, read_bytes, read_path
    from doclint.errors import InputError
    data = sys.stdin.buffer.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InputError(name, f"文件过大（超过 {MAX_BYTES // 2**20} MB 上限）",
                         f"file too large (over the {MAX_BYTES // 2**20} MB limit)")
    if not name.lower().endswith(".docx"):
        err = old_format_error(name)
        if err is not None:
            raise err
        return read_bytes(data, name, user_words)
    import tempfile
    with tempfile.TemporaryDirectory(prefix="doclint-stdin-") as tmp:
        p = os.path.join(tmp, "stdin.docx")
        with open(p, "wb") as fh:
            fh.write(data)
        doc = read_path(p, display=name, user_words=user_words)
    doc.path = name
    return doc


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


_WORKER: Optional[FileChecker] = None   # one per worker process, set by its initializer


def _init_worker(settings: Settings, options: dict):
    global _WORKER
    import signal
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is handled by the parent
    if _WORKER is None:                            # not inherited from the parent (spawn start method)
        _WORKER = FileChecker(settings, **options)


def _prepared(settings: Settings, options: dict, first_path: str) -> FileChecker:
    """A checker with its plan and the lexicon index loaded, made in the parent before the pool
    starts: forked workers inherit it instead of each building its own (start-up per worker)."""
    checker = FileChecker(settings, **options)
    try:
        checker.session.plan(checker.session.config_for(first_path))
        from doclint.text.lexicon import get_lexicon
        get_lexicon()
    except Exception:    # noqa: BLE001 - a bad config is reported per file by the workers, as before
        pass
    return checker


def _work(item):
    return _WORKER(*item)


# A worker process costs its start and its own set-up (plan, dictionaries, lexicon buckets):
# ~0.1 s of CPU, the time it takes to check ~60,000 characters. A worker is started only for
# every MIN_BYTES_PER_WORKER of input, so `--jobs 2` on a few small drafts runs in this process
# and is not slower than `--jobs 1` (bench/run.py measures both). The environment variable is
# for tests that need workers on tiny files.
MIN_BYTES_PER_WORKER = int(os.environ.get("DOCLINT_MIN_BYTES_PER_WORKER", 384 * 1024))


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except (OSError, ValueError, TypeError):
        return 0


def useful_jobs(jobs: int, sizes) -> int:
    """How many worker processes pay for `sizes` (bytes per file) with at most `jobs`."""
    sizes = list(sizes)
    if jobs <= 1 or len(sizes) < 2:
        return 1
    by_size = sum(sizes) // max(MIN_BYTES_PER_WORKER, 1) if MIN_BYTES_PER_WORKER > 0 else len(sizes)
    return max(1, min(jobs, len(sizes), by_size))


def check_files(items, settings: Settings, jobs: int = 1, checker: Optional[FileChecker] = None):
    """FileResults for `items` [(path, error_message_or_None)], in input order.

    With jobs > 1 (and input enough to pay for the workers: useful_jobs) the files are checked in
    worker processes (each with a checker made like `checker`), largest first so that no worker is
    left with a big file at the end while the others idle; results still come back in input
    order, so output does not depend on timing.
    """
    items = list(items)
    options = {} if checker is None else {"keep_input": checker.keep_input}
    sizes = [_size(path) if err is None and path not in STDIN else 0 for path, err in items] \
        if jobs > 1 and len(items) > 1 else []     # one file, or --jobs 1: no stat of every file
    jobs = useful_jobs(jobs, sizes)
    if jobs <= 1:
        checker = checker or FileChecker(settings)
        for path, err in items:
            yield checker(path, err)
        return
    from concurrent.futures import ProcessPoolExecutor
    global _WORKER
    order = sorted(range(len(items)), key=lambda i: -sizes[i])
    _WORKER = _prepared(settings, options, items[order[0]][0])
    try:
        with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker,
                                 initargs=(settings, options)) as ex:
            futures = {i: ex.submit(_work, items[i]) for i in order}
            for i in range(len(items)):
                yield futures.pop(i).result()
    finally:
        _WORKER = None
