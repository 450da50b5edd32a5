"""`doclint facts` output: the indicators a document states and the figures it gives them.

Columns: indicator (as written, with its measure), value (as written, with its bound
words: 超过126万亿元, 5%左右), unit, kind (target / estimate / achieved), period (2023年,
今年, 前三季度 …), section (heading path), line. Formats: table (terminal), markdown,
csv (UTF-8 with BOM for Excel and WPS), json.

Document text reaches the reader only through doclint.text.display.printable (no
control character, bidirectional override or line separator reaches a terminal or a
spreadsheet cell), and every CSV cell that a spreadsheet would take for a formula
(= + - @, also after leading blanks, tab or CR) is prefixed with ' so it stays text.
"""
from __future__ import annotations

import csv
import io
import json

from doclint.text.display import columns, cut, escaped, printable

_HEAD = {
    "zh": ["序号", "指标", "数值", "单位", "性质", "时期", "部分", "行"],
    "en": ["no", "indicator", "value", "unit", "kind", "period", "section", "line"],
}
_KIND = {"zh": {"target": "目标", "estimate": "预计", "achieved": "实际"},
         "en": {"target": "target", "estimate": "estimate", "achieved": "achieved"}}
_MEASURE_EN = {"水平": "level", "增长": "growth", "下降": "decline", "增加": "increase", "减少": "decrease",
               "上涨": "rise"}


def rows_for(doc, dictionaries, lang: str = "zh"):
    """The rows (dicts) of one document's table of figures."""
    from doclint.text.figures import figures
    from doclint.text.tasks import section_label
    out = []
    for i, f in enumerate(figures(doc, dictionaries.entries("indicators")), 1):
        out.append({
            "no": i,
            "path": doc.path,
            "indicator": f.indicator,
            "written": f.written,
            "measure": f.measure,
            "value": f.shown,
            "amount": format(f.value.amount.normalize(), "f"),
            "unit": f.value.unit,
            "bound": f.bound,
            "kind": f.kind,
            "period": f.period,
            "scope": f.scope,
            "section": section_label(f.section),
            "line": f.line,
            "column": doc.position(f.value.start)[1],
        })
    return out


def _indicator_cell(row, lang) -> str:
    measure = row["measure"].replace("水平", "")
    written = row["written"]
    if written.endswith(("涨幅", "增速", "增长")) and measure in ("上涨", "增长"):
        measure = ""  # 居民消费价格涨幅: the form says the measure
    if not measure:
        return written
    if lang == "en":
        return f"{written} ({_MEASURE_EN.get(measure, measure)})"
    return written + measure


def _cells(row, lang, show_path=False):
    cells = [str(row["no"]), _indicator_cell(row, lang), row["value"], row["unit"], _KIND[lang][row["kind"]],
             row["period"], row["section"], str(row["line"])]
    if show_path:
        cells.insert(1, row["path"])
    return [printable(c) for c in cells]


def _headers(lang, show_path):
    h = list(_HEAD[lang])
    if show_path:
        h.insert(1, "文件" if lang == "zh" else "file")
    return h


def header_line(path, n, lang):
    if lang == "zh":
        return f"{escaped(path)}：共 {n} 个数据"
    return f"{escaped(path)}: {n} figure(s)"


def render_table(docs, lang) -> str:
    out = []
    limits = [4, 26, 18, 10, 8, 12, 30, 5]
    for path, rows in docs:
        out.append(header_line(path, len(rows), lang))
        if not rows:
            out.append("（没有找到指标数据）" if lang == "zh" else "(no figures found)")
            out.append("")
            continue
        head = _headers(lang, False)
        body = [[cut(c, limits[i]) for i, c in enumerate(_cells(r, lang))] for r in rows]
        out += columns(head, body)
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _md(cell: str) -> str:
    """A Markdown table cell: pipes, backslashes and markup characters escaped."""
    out = cell.replace("\\", "\\\\").replace("|", "\\|")
    for c in "`*_[]<>#":
        out = out.replace(c, "\\" + c)
    return out


def render_markdown(docs, lang) -> str:
    out = []
    for path, rows in docs:
        out.append(("## " if len(docs) > 1 else "") + _md(header_line(path, len(rows), lang)))
        out.append("")
        head = _headers(lang, False)
        out.append("| " + " | ".join(head) + " |")
        out.append("|" + "|".join("---" for _ in head) + "|")
        for r in rows:
            out.append("| " + " | ".join(_md(c) for c in _cells(r, lang)) + " |")
        out.append("")
    return "\n".join(out)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: str) -> str:
    """A cell a spreadsheet shows as text: one that would start a formula (= + - @, also after
    leading blanks) gets a leading '."""
    text = printable(value)
    if text.lstrip(" \u3000").startswith(_FORMULA_START) or value.startswith(_FORMULA_START):
        return "'" + text
    return text


def render_csv(docs, lang) -> str:
    show_path = len(docs) > 1
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(_headers(lang, show_path))
    for _path, rows in docs:
        for r in rows:
            w.writerow([csv_cell(c) for c in _cells(r, lang, show_path)])
    return buf.getvalue()


def render_json(docs, lang) -> str:
    files = [{"path": path, "figures": [{k: v for k, v in r.items() if k != "path"} for r in rows]}
             for path, rows in docs]
    return json.dumps(files if len(files) != 1 else files[0], ensure_ascii=False, indent=2) + "\n"


RENDER = {"table": render_table, "markdown": render_markdown, "csv": render_csv, "json": render_json}
