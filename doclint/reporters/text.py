"""`--format text` (default): `path:line:col: CODE message`, source excerpt, summary.

Also `full` (always with the excerpt), `concise` (one line per finding) and
`--statistics` (a count per code instead of the findings). `quiet=True`
(`-q`) leaves out the per-file and closing summaries.
"""
from __future__ import annotations

from collections import Counter

from doclint.model.finding import SEVERITIES as SEVERITY_ORDER
from doclint.text.display import escaped as shown_path, pad, printable, width
from doclint.reporters import Reporter, json_text, severity_label

_COLORS = {"error": "\x1b[1;31m", "warning": "\x1b[1;33m", "info": "\x1b[1;36m"}
_RESET = "\x1b[0m"
_MARK = "\x1b[1;31m"
CONTEXT = 24  # characters of context shown on each side of a span


def excerpt(doc, f):
    """(before, marked, after) on the finding's first line, clipped around the span."""
    ln = doc.line_span(f.line)
    a = f.start - ln.start
    b = min(f.end, ln.end) - ln.start
    b = max(b, a)
    before = ln.text[max(0, a - CONTEXT):a]
    after = ln.text[b:b + CONTEXT]
    if a - CONTEXT > 0:
        before = "…" + before
    if b + CONTEXT < len(ln.text):
        after = after + "…"
    return printable(before), printable(ln.text[a:b]), printable(after)


def line_label(label: str, line: int, lang: str) -> str:
    """How a line is named for non-text input: .docx lines are paragraphs."""
    if label == "paragraph":
        return f"（第 {line} 段）" if lang == "zh" else f"(paragraph {line})"
    return f"({label} {line})"


class TextReporter(Reporter):
    def __init__(self, stream, *, show_source: bool = True, quiet: bool = False, **kw):
        super().__init__(stream, **kw)
        self.show_source = show_source
        self.quiet = quiet
        self.counts = Counter()
        self.fixable = Counter()  # True: safe fixes, False: unsafe ones
        self.severities = Counter()
        self.files_with = 0

    def c(self, code, s):
        return f"{code}{s}{_RESET}" if self.color else s

    def file(self, result):
        if not result.findings:
            return
        self.files_with += 1
        doc = result.doc
        w = self.stream.write
        label = getattr(doc, "line_label", None)
        for f in result.findings:
            self.counts[f.code] += 1
            self.severities[f.severity] += 1
            if f.fix is not None and getattr(doc, "kind", "") != "docx":  # .docx is never fixed
                self.fixable[f.fix.safe] += 1
            sev = severity_label(f.severity, self.lang)
            where = f"{shown_path(result.path)}:{f.line}:{f.column}:"
            if label:
                where += " " + line_label(label, f.line, self.lang)
            w(f"{self.c(chr(27) + '[1m', where)} {self.c(_COLORS[f.severity], f.code)} "
              f"{printable(f.message)} [{sev}]\n")
            if self.show_source and doc is not None:
                before, mid, after = excerpt(doc, f)
                gutter = f"{f.line:>5} | "
                w(f"{gutter}{before}{self.c(_MARK, mid)}{after}\n")
                w(" " * (len(gutter) - 2) + "| " + " " * width(before)
                  + self.c(_MARK, "^" * max(1, width(mid))) + "\n")
                if f.fix is not None:
                    tag = ("可自动修复" if f.fix.safe else "可修复（需确认）") if self.lang == "zh" else (
                        "fixable" if f.fix.safe else "fixable (unsafe)")
                    desc = f.fix.zh if self.lang == "zh" else f.fix.en
                    w(" " * (len(gutter) - 2) + f"= {tag}：{printable(desc)}\n" if self.lang == "zh"
                      else " " * (len(gutter) - 2) + f"= {tag}: {printable(desc)}\n")
        if not self.quiet:
            w(f"{shown_path(result.path)}: " + self._per_file(result.findings) + "\n\n")

    def _per_file(self, findings):
        counts = Counter(f.code for f in findings)
        parts = [f"{code} {n}" for code, n in sorted(counts.items())]
        if self.lang == "zh":
            return f"{len(findings)} 处问题（" + "，".join(parts) + "）"
        return f"{len(findings)} finding(s) (" + ", ".join(parts) + ")"

    def finish(self, results):
        if self.quiet:
            return
        total = sum(self.counts.values())
        nfiles = len(results)
        errors = sum(1 for r in results if r.error)
        zh = self.lang == "zh"
        w = self.stream.write
        if total == 0:
            msg = f"未发现问题（检查了 {nfiles} 个文件）" if zh else f"No problems found ({nfiles} file(s) checked)"
            if errors:
                msg += f"，{errors} 个文件无法检查" if zh else f"; {errors} file(s) could not be checked"
            w(msg + "\n")
            return
        if zh:
            w(f"共 {total} 处问题，涉及 {self.files_with}/{nfiles} 个文件"
              + (f"，{errors} 个文件无法检查" if errors else "") + "：\n")
        else:
            w(f"{total} finding(s) in {self.files_with} of {nfiles} file(s)"
              + (f"; {errors} file(s) could not be checked" if errors else "") + ":\n")
        w(self._by_severity(zh) + "\n")
        w(self._by_code(zh))
        w(self._fixable(zh))

    def _by_severity(self, zh: bool) -> str:
        sev = [(severity_label(k, self.lang), self.severities[k]) for k in ("error", "warning", "info") if self.severities[k]]
        if zh:
            return "  按级别：" + "，".join(f"{k} {n}" for k, n in sev)
        return "  by severity: " + ", ".join(f"{k} {n}" for k, n in sev)

    def _by_code(self, zh: bool) -> str:
        from doclint.engine.registry import lookup
        out = ["  代码     数量  说明\n" if zh else "  code    count  summary\n"]
        for code, n in sorted(self.counts.items()):
            c = lookup(code)
            summ = (c.summary.get(self.lang) or c.summary.get("zh")) if c else ""
            out.append(f"  {code} {n:>6}  {summ}\n")
        return "".join(out)

    def _fixable(self, zh: bool) -> str:
        safe, unsafe = self.fixable[True], self.fixable[False]
        if not (safe or unsafe):
            return ""
        if zh:
            return (f"其中 {safe} 处可用 --fix 自动修复" + (f"，另有 {unsafe} 处需加 --unsafe-fixes" if unsafe else "")
                    + "（加 --diff 先查看改动）\n")
        return (f"{safe} fixable with --fix" + (f", {unsafe} more with --unsafe-fixes" if unsafe else "")
                + " (add --diff to preview)\n")


class FullReporter(TextReporter):
    """`--format full`: like text, always with the source excerpt."""

    def __init__(self, stream, **kw):
        kw["show_source"] = True
        super().__init__(stream, **kw)


class ConciseReporter(Reporter):
    """`--format concise`: exactly one line per finding, nothing else."""

    def file(self, result):
        label = getattr(result.doc, "line_label", None)
        for f in result.findings:
            extra = " " + line_label(label, f.line, self.lang) if label else ""
            sev = severity_label(f.severity, self.lang)
            self.stream.write(f"{shown_path(result.path)}:{f.line}:{f.column}: {f.code} [{sev}] "
                              f"{printable(f.message)}{extra}\n")


class StatisticsReporter(Reporter):
    """`--statistics`: how many findings of each code, most frequent first (as ruff shows them).

    `[*]` marks codes with findings that `--fix` repairs. With `as_json` the
    same rows are a JSON array of {code, name, severity, count, fixable}.
    """

    def __init__(self, stream, *, as_json: bool = False, **kw):
        super().__init__(stream, **kw)
        self.as_json = as_json
        self.rows = {}  # code -> [name, count, fixable count, worst severity]

    def file(self, result):
        docx = getattr(result.doc, "kind", "") == "docx"  # .docx is never fixed
        for f in result.findings:
            row = self.rows.setdefault(f.code, [f.name, 0, 0, f.severity])
            row[1] += 1
            row[2] += f.fix is not None and f.fix.safe and not docx
            if SEVERITY_ORDER.index(f.severity) > SEVERITY_ORDER.index(row[3]):
                row[3] = f.severity

    def finish(self, results):
        order = sorted(self.rows.items(), key=lambda kv: (-kv[1][1], kv[0]))
        if self.as_json:
            self.stream.write(json_text([{"code": code, "name": name, "severity": sev, "count": n, "fixable": k}
                                         for code, (name, n, k, sev) in order]) + "\n")
            return
        from doclint.engine.registry import lookup
        for code, (name, n, k, sev) in order:
            c = lookup(code)
            summ = (c.summary.get(self.lang) or c.summary.get("zh")) if c else ""
            self.stream.write(f"{n:>6}  {code}  {'[*]' if k else '[ ]'}  {pad(name, 28)} "
                              f"{pad(severity_label(sev, self.lang), 7)} {printable(summ)}\n")
