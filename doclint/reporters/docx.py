"""`doclint check draft.docx -f docx -o 审核稿.docx`: the draft with a Word comment (批注) on the
exact text of every finding, and with --fix / --unsafe-fixes each fix as a tracked change.

A .docx input keeps everything else as it was: paragraphs, runs and their formatting, tables,
headers and footers, its own comments and revisions (runs are only split where a finding or an
edit starts or ends, each part keeping its properties). A .txt / .md input (or stdin) becomes a
new document in GB/T 9704 layout, one paragraph per line.

Each comment (author "doclint") names the code, the check and the severity, gives the message and
the suggested fix, and says whether the fix was made as a revision. A fix is a revision only when
it is certain to be applied as `--fix` would (safe, or unsafe with --unsafe-fixes, and not
overlapping another fix) and the document can carry it (not inside someone else's revision, a
paragraph break not inside a field); so accepting all revisions gives the text `--fix` writes
after one round. A summary comment on the first line counts the findings by severity and code.

Reporter interface (agreed with the CLI): `binary = True` (the CLI requires -o and gives an output
file opened 'wb'), `renders_fixes = True` (the CLI never writes fixes to the input; options `fix`
and `unsafe` say which fixes to render). Optional options: `fail_on` ("warning" leaves info
findings out), `when` (a datetime for the comments' date).
"""
from __future__ import annotations

from typing import List, Optional, Sequence, Tuple

from doclint.errors import DoclintError, UsageError
from doclint.files import ooxml, tracked
from doclint.files.tracked import Comment
from doclint.model.finding import SEVERITY_RANK
from doclint.reporters import Reporter
from doclint.text.display import visible

AUTHOR = "doclint"
SEVERITY = {"zh": {"error": "错误", "warning": "警告", "info": "提示"},
            "en": {"error": "error", "warning": "warning", "info": "info"}}
# Why a suggested fix is not a revision (comment text)
_STATUS = {
    "zh": {"tracked": "已作为修订，可接受或拒绝", "unsafe": "需人工确认，未作修订（加 --fix --unsafe-fixes 可作为修订）",
           "off": "未作修订（加 --fix 可作为修订）", "overlap": "与另一处修订重叠，未作修订；改后再检查",
           "structure": "所在位置（已有修订、域或表格边界）无法承载修订，未作修订"},
    "en": {"tracked": "made as a tracked change: accept or reject it",
           "unsafe": "needs review, not made as a change (add --fix --unsafe-fixes)",
           "off": "not made as a change (add --fix)", "overlap": "overlaps another change, not made; check again after",
           "structure": "the place (an existing revision, a field or a table boundary) cannot carry a change; "
                        "not made"},
}


class DocxReporter(Reporter):
    binary = True
    single_file = True     # one annotated document: the CLI refuses several inputs before checking
    renders_fixes = True

    def __init__(self, stream, **kw):
        super().__init__(stream, **kw)
        self.results = []

    def file(self, result) -> None:
        self.results.append(result)

    def finish(self, results) -> None:
        done = [r for r in self.results if r.doc is not None and not r.error]  # errors: the CLI said so
        if len(done) > 1:
            raise UsageError(None, "-f docx 一次只能检查一个文件", "-f docx checks one file at a time")
        if not done:
            return
        result = done[0]
        findings = result.findings     # the CLI shows every finding, as in every other format
        floor = self.options.get("fail_on")   # API callers may leave out the lower severities
        if floor:
            findings = [f for f in findings if SEVERITY_RANK[f.severity] >= SEVERITY_RANK[floor]]
        data, _ = annotate(result.doc, findings, fix=bool(self.options.get("fix")),
                           unsafe=bool(self.options.get("unsafe")), lang=self.lang, when=self.options.get("when"))
        self.stream.write(data)


def annotate(doc, findings: Sequence, fix: bool = False, unsafe: bool = False, lang: str = "zh",
             when=None, source: Optional[bytes] = None) -> Tuple[bytes, dict]:
    """(the 审核稿 as .docx bytes, {finding index: fix status}) for `doc` and its findings.
    `source`: the .docx bytes (default: read again from doc.path)."""
    findings = sorted(findings, key=lambda f: f.sort_key())
    date = ooxml.ooxml_date(when)
    pkg, main, root, text, fmap = _base(doc, source)
    ed = tracked.Editor(root, "old", AUTHOR, date, tracked.first_free_id(pkg, main, root))
    span = _spanner(text, fmap)
    edits = _applied_edits(doc.text, findings, fix, unsafe, span)
    ed.split_at({x for es in edits.values() for s, e, _ in es for x in (s, e)}
                | {x for f in findings for x in span(f.start, f.end)})
    status = _fix_status(ed, findings, edits, fix, unsafe)
    comments = [Comment(_summary(findings, status, lang))]
    spans = [_summary_span(text) + (0,)]
    for k, f in enumerate(findings):
        comments.append(Comment(_comment_text(f, doc.text, status.get(k), lang)))
        spans.append(span(f.start, f.end) + (k + 1,))
    stream = tracked.edit_stream(text, [e for es in edits.values() for e in es], spans)
    stream = tracked.lo_safe(stream, ed.mark_ok, tracked.OLD_KINDS)
    ed.apply(stream, comments)
    return tracked.write_package(pkg, main, root, comments, date), status


def _spanner(text: str, fmap):
    """Offsets of the checked text -> offsets of the document's text (CRLF folded), clamped."""
    def span(a, b):
        a, b = (fmap(a), fmap(b)) if fmap else (a, b)
        a = max(0, min(a, len(text)))
        return a, max(a, min(b, len(text)))
    return span


def _applied_edits(text: str, findings, fix: bool, unsafe: bool, span) -> dict:
    """{id(finding): [(start, end, replacement)]} for the fixes `--fix` would apply in one round."""
    from doclint.engine.fixes import apply_fixes
    if not (fix or unsafe):
        return {}
    return {id(f): [span(e.start, e.end) + (e.replacement.replace("\r\n", "\n"),) for e in f.fix.edits]
            for f in apply_fixes(text, findings, unsafe)[1]}


def _fix_status(ed, findings, edits: dict, fix: bool, unsafe: bool) -> dict:
    """{finding index: tracked | structure | unsafe | overlap | off}; drops from `edits` the fixes
    the document cannot carry as revisions."""
    status = {}
    for k, f in enumerate(findings):
        if f.fix is None:
            continue
        if id(f) in edits:
            ok = all(ed.can_wrap(s, e) and ed.can_emit(e, r) for s, e, r in edits[id(f)])
            status[k] = "tracked" if ok else "structure"
            if not ok:
                del edits[id(f)]
        elif not f.fix.safe and not unsafe:
            status[k] = "unsafe"
        else:
            status[k] = "overlap" if (fix or unsafe) else "off"
    return status


def _base(doc, source):
    """(package, main part, root, text, offset map) of the document to annotate."""
    if getattr(doc, "kind", "") == "docx":
        from doclint.files.docx import document_root, package_from_bytes, read_package
        pkg = package_from_bytes(source, doc.path) if source is not None else read_package(doc.path, doc.path)
        main = pkg.main_part()
        root = document_root(pkg)
        from doclint.files.docx import project
        if project(root).text != doc.text:
            raise DoclintError(doc.path, "文件在检查之后被修改，未生成审核稿", "the file changed after it was "
                               "checked; no annotated copy written")
        return pkg, main, root, doc.text, None
    from doclint.diff.report_docx import paragraph_styles
    text, fmap = tracked.normalized(doc.text)
    lines = text.split("\n")
    return None, None, tracked.text_document(lines, paragraph_styles(doc, lines)), text, fmap


def _summary_span(text: str) -> Tuple[int, int]:
    """The first non-empty line (without its indent): where the summary comment goes."""
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            return pos + lead, pos + len(line.rstrip())
        pos += len(line) + 1
    return 0, 0


def _summary(findings, status, lang: str) -> List[str]:
    sev = SEVERITY[lang]
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    by_code = {}
    for f in findings:
        by_code[f.code] = by_code.get(f.code, 0) + 1
    made = sum(1 for s in status.values() if s == "tracked")
    codes = "、".join(f"{c} ×{n}" for c, n in sorted(by_code.items())) if lang == "zh" else \
        ", ".join(f"{c} ×{n}" for c, n in sorted(by_code.items()))
    if lang == "zh":
        lines = [f"doclint 审核：共 {len(findings)} 处问题（" + "，".join(f"{sev[s]} {counts[s]} 处" for s in
                                                              ("error", "warning", "info")) + "）。"]
        if codes:
            lines.append(f"按检查：{codes}。")
        lines.append(f"已作为修订的修复：{made} 处；每处问题的说明见其批注。")
    else:
        lines = [f"doclint review: {len(findings)} finding(s) (" + ", ".join(f"{counts[s]} {sev[s]}" for s in
                                                                         ("error", "warning", "info")) + ")."]
        if codes:
            lines.append(f"By check: {codes}.")
        lines.append(f"Fixes made as tracked changes: {made}; each finding is explained in its comment.")
    return lines


def _comment_text(f, text: str, state: Optional[str], lang: str) -> List[str]:
    sev = SEVERITY[lang][f.severity]
    lines = [f"{f.code} {f.name}（{sev}）" if lang == "zh" else f"{f.code} {f.name} ({sev})", _shown(f.message)]
    if f.fix is not None:
        what = f.fix.en if lang == "en" else f.fix.zh
        if not what:  # the check gave no words for it: say the edits
            what = "；".join(_edit_text(text[e.start:e.end], e.replacement, lang) for e in f.fix.edits)
        lines.append(("建议：" if lang == "zh" else "Suggested fix: ") + _shown(what))
        if state:
            lines.append(_STATUS[lang][state])
    return lines


def _shown(s: str) -> str:
    """Text for a comment: line breaks as ↵ (a comment paragraph holds one line), controls visible."""
    return visible(s.replace("\r\n", "↵").replace("\n", "↵"))


def _edit_text(old: str, new: str, lang: str) -> str:
    o, n = _shown(old), _shown(new)
    if lang == "zh":
        return f"删除“{o}”" if not new else f"在此处加“{n}”" if not old else f"“{o}”改为“{n}”"
    return f"delete “{o}”" if not new else f"insert “{n}”" if not old else f"“{o}” → “{n}”"
