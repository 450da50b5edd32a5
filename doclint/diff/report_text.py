"""Terminal report: changed sentences with inline insertions/deletions and moves.

Colour (red struck-through deletions, green underlined insertions, cyan
move markers) only when asked for or writing to a terminal; otherwise the
wdiff-style markers [-deleted-] and {+inserted+} keep the report readable in
a log or a pipe.
"""
from __future__ import annotations

from doclint.diff.model import DiffResult
from doclint.model.finding import severity_label
from doclint.text.display import visible
from doclint.diff.render import LABELS, labels, change_heading, inline_runs, summary_line

RED, GREEN, CYAN, DIM, BOLD, RESET = "\x1b[31;9m", "\x1b[32;4m", "\x1b[36m", "\x1b[2m", "\x1b[1m", "\x1b[0m"


def _runs(runs, color: bool) -> str:
    out = []
    for kind, text in runs:
        text = visible(text)
        if kind == "eq":
            out.append(text)
        elif color:
            out.append((RED if kind == "del" else GREEN) + text + RESET)
        else:
            out.append(("[-" + text + "-]") if kind == "del" else ("{+" + text + "+}"))
    return "".join(out)


def render_text(res: DiffResult, lang: str = "zh", color: bool = False) -> str:
    L = labels(lang, res.units)
    lines = []

    def hd(s):
        return (BOLD + s + RESET) if color else s
    lines.append(hd(f"--- {visible(res.old_label)}"))
    lines.append(hd(f"+++ {visible(res.new_label)}"))
    for kind, c in res.layout:
        if c.op == "equal":
            continue
        head = change_heading(c, lang, kind, res.units)
        if kind == "move_from" or c.op == "move":
            head = (CYAN + head + RESET) if color else head
        lines.append(head)
        if kind == "move_from":
            body = visible(c.old.text)
            lines.append("  " + ((DIM + body + RESET) if color else body))
        else:
            lines.append("  " + _runs(inline_runs(c), color))
    lines.append("")
    if res.identical:
        lines.append(L["paragraphs"] if res.paragraphs_changed else L["layout"] if res.layout_changed else L["identical"])
    else:
        lines.append(f"{L['summary']}: " + summary_line(res, lang) if lang == "en"
                     else f"{L['summary']}：" + summary_line(res, lang))
    if res.budget_exhausted:
        lines.append(L["budget"].format(res.budget))
    if res.lint is not None:
        lines.extend(render_lint_text(res.lint, lang))
    return "\n".join(lines) + "\n"


def render_lint_text(lint: dict, lang: str):
    L = LABELS[lang]
    out = [""]
    for key in ("introduced", "resolved"):
        items = lint[key]
        out.append(f"{L[key]}（{len(items)}）：" if lang == "zh" else f"{L[key]} ({len(items)}):")
        if not items:
            out.append("  " + L["none"])
        for f in items:
            out.append(f"  {f['line']}:{f['column']}  {f['code']} {severity_label(f['severity'], lang)}  "
                       f"{visible(f['message'])}  「{visible(f['text'])}」")
    return out
