"""`doclint deadlines` output: the table of tasks and deadlines (督办清单).

Columns: section (heading path), task (the sentence), owners (牵头/负责 units),
deadline as written, normalised due date, line. Formats: table (terminal),
markdown, csv (UTF-8 with BOM, so Excel and WPS open it correctly), json.

The document's text reaches a terminal or a spreadsheet through every format, so
each one passes it through doclint.text.display: cells on one line with control
characters, separators and bidi overrides made harmless (`one_line`), CSV cells
that start like a formula prefixed with ' (`cell_safe`), JSON with those
characters escaped (`json_safe`), file names escaped (`escaped`).
"""
from __future__ import annotations

import csv
import io
import json

from doclint.text.display import cell_safe, columns, cut, escaped, json_safe, one_line

_HEAD = {
    "zh": ["序号", "部分", "任务", "责任单位", "期限（原文）", "截止日期", "行"],
    "en": ["no", "section", "task", "owners", "deadline as written", "due", "line"],
}
_KIND = {"zh": {"deadline": "期限", "target": "目标年", "point": "时间节点", "start": "起始"},
         "en": {"deadline": "deadline", "target": "target", "point": "date", "start": "from"}}


def _due_text(task, ref, holidays, lang):
    x = task.expr
    if x.unknown:
        return "待定（含×）" if lang == "zh" else "unknown (×)"
    if x.invalid:
        return ("日期不存在：" + x.invalid) if lang == "zh" else ("invalid: " + x.invalid_en)
    if x.after_event:
        return "自相关事件起算" if lang == "zh" else "counted from an event"
    w = x.window(ref.date, holidays)
    if w is None:
        return ""
    if x.kind in ("deadline", "target") or w[0] == w[1]:
        return w[1].isoformat()
    return f"{w[0].isoformat()}～{w[1].isoformat()}"


def rows_for(doc, dictionaries, ref, kinds, lang="zh"):
    """The rows (dicts) of one document's task table."""
    from doclint.text.dates import Holidays
    from doclint.text.tasks import assigned_tasks

    lines = dictionaries.lines
    holidays = Holidays(lines("deadline_holidays"))
    tasks = assigned_tasks(doc, kinds=kinds, stems=lines("owners_units"), groups=lines("owners_groups"),
                           stopwords=lines("deadline_stopwords"), synonyms=dictionaries.entries("deadline_synonyms"))
    out = []
    for i, t in enumerate(tasks, 1):
        w = t.expr.window(ref.date, holidays) if not t.expr.unknown else None
        out.append({
            "no": i,
            "path": doc.path,
            "section": t.section_label,
            "task": t.text,
            "brief": t.brief,
            "owners": t.owner_names,
            "lead": [o.name for o in t.owners if o.role in ("牵头", "负责", "会同")],
            "support": [o.name for o in t.owners if o.role == "配合"],
            "deadline": t.expr.text,
            "kind": t.expr.kind,
            "due": _due_text(t, ref, holidays, lang),
            "from": w[0].isoformat() if w else None,
            "to": w[1].isoformat() if w else None,
            "unknown": t.expr.unknown,
            "line": t.line,
            "column": doc.position(t.expr.start)[1],
        })
    return out


def _cells(row, lang, show_kind, show_path, brief=False):
    sep = "、" if lang == "zh" else ", "
    deadline = row["deadline"]
    if show_kind:
        deadline = f"{deadline}（{_KIND[lang][row['kind']]}）" if lang == "zh" else \
            f"{deadline} ({_KIND[lang][row['kind']]})"
    cells = [str(row["no"]), row["section"], row["brief"] if brief else row["task"], sep.join(row["owners"]), deadline,
             row["due"], str(row["line"])]
    if show_path:
        cells.insert(1, escaped(row["path"]))
    return cells


def _headers(lang, show_path):
    h = list(_HEAD[lang])
    if show_path:
        h.insert(1, "文件" if lang == "zh" else "file")
    return h


def header_line(path, ref, n, lang):
    if lang == "zh":
        return f"{escaped(path)}：{ref.describe('zh')}；共 {n} 项"
    return f"{escaped(path)}: {ref.describe('en')}; {n} item(s)"


def render_table(docs, lang, show_kind) -> str:
    out = []
    show_path = False
    limits = [4, 28, 46, 24, 18, 23, 5]
    for path, ref, rows in docs:
        out.append(header_line(path, ref, len(rows), lang))
        if not rows:
            out.append("（没有找到期限）" if lang == "zh" else "(no deadlines found)")
            out.append("")
            continue
        head = _headers(lang, show_path)
        body = [[cut(one_line(c), limits[i]) for i, c in enumerate(_cells(r, lang, show_kind, show_path, brief=True))]
                for r in rows]
        out += columns(head, body)
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def render_markdown(docs, lang, show_kind) -> str:
    out = []
    for path, ref, rows in docs:
        out.append(("## " if len(docs) > 1 else "") + header_line(path, ref, len(rows), lang).replace("<", "&lt;"))
        out.append("")
        head = _headers(lang, False)
        out.append("| " + " | ".join(head) + " |")
        out.append("|" + "|".join("---" for _ in head) + "|")
        for r in rows:
            # one line each; | would end the cell, < > would open HTML in a Markdown viewer
            cells = [one_line(c).replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
                     for c in _cells(r, lang, show_kind, False)]
            out.append("| " + " | ".join(cells) + " |")
        out.append("")
    return "\n".join(out)


def render_csv(docs, lang, show_kind) -> str:
    show_path = len(docs) > 1
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(_headers(lang, show_path))
    for _path, _ref, rows in docs:
        for r in rows:
            w.writerow([cell_safe(c) for c in _cells(r, lang, show_kind, show_path)])
    return buf.getvalue()


def render_json(docs, lang, show_kind) -> str:
    files = []
    for path, ref, rows in docs:
        files.append({
            "path": path,
            "reference_date": {"date": ref.date.isoformat() if ref.date else None,
                               "source": ref.source, "line": ref.line,
                               "description": ref.describe(lang)},
            "tasks": [{k: v for k, v in r.items() if k != "path"} for r in rows],
        })
    return json_safe(json.dumps(files if len(files) != 1 else files[0], ensure_ascii=False, indent=2)) + "\n"


RENDER = {"table": render_table, "markdown": render_markdown, "csv": render_csv, "json": render_json}
