"""Terminal report: one entry per edit (block) with inline insertions/deletions, moves and splits.

Colour (red struck-through deletions, green underlined insertions, cyan
move markers, dim context) only when asked for or writing to a terminal;
otherwise the wdiff-style markers [-deleted-] and {+inserted+} keep the
report readable in a log or a pipe; a clause moved inside its sentence is
[<-clause-] where it was and {+>clause+} where it went. `context` unchanged
sentences are shown around each edit, after "  | ".
"""
from __future__ import annotations

from doclint.diff.model import DiffResult
from doclint.model.finding import severity_label
from doclint.text.display import visible
from doclint.diff.render import LABELS, labels, block_heading, context_plan, inline_runs, summary_line

RED, GREEN, CYAN, DIM, BOLD, RESET = "\x1b[31;9m", "\x1b[32;4m", "\x1b[36m", "\x1b[2m", "\x1b[1m", "\x1b[0m"
EXCERPT = 24  # characters shown on each side of a paragraph split or merge


def _runs(runs, color: bool) -> str:
    out = []
    for kind, text in runs:
        text = visible(text)
        if kind == "eq":
            out.append(text)
        elif color:
            out.append((RED if kind in ("del", "mvdel") else GREEN) + text + RESET)
        elif kind == "mvdel":
            out.append("[<-" + text + "-]")
        elif kind == "mvins":
            out.append("{+>" + text + "+}")
        else:
            out.append(("[-" + text + "-]") if kind == "del" else ("{+" + text + "+}"))
    return "".join(out)


def _excerpt(c, head: bool) -> str:
    seg = c.new or c.old
    text = seg.text
    return visible(text[:EXCERPT] + ("…" if len(text) > EXCERPT else "")) if head else \
        visible(("…" if len(text) > EXCERPT else "") + text[-EXCERPT:])


def block_lines(res: DiffResult, b, lang: str, color: bool):
    """The body lines of one block (after its heading)."""
    if b.kind in ("split", "merge"):
        before, after = b.changes
        mark = "¶" if not color else (GREEN if b.kind == "split" else RED) + "¶" + RESET
        return [f"  {_excerpt(before, False)}{mark}{_excerpt(after, True)}"]
    out = []
    for c in b.changes:
        out.append("  " + _runs(inline_runs(c), color))
    return out


def render_text(res: DiffResult, lang: str = "zh", color: bool = False, context=None, **_) -> str:
    context = context or 0
    L = labels(lang, res.units)
    lines = []

    def hd(s):
        return (BOLD + s + RESET) if color else s

    def dim(s):
        return (DIM + s + RESET) if color else s
    lines.append(hd(f"--- {visible(res.old_label)}"))
    lines.append(hd(f"+++ {visible(res.new_label)}"))
    shown_ctx = set()
    for pos, b, ctx in context_plan(res, context):
        before = [k for k in ctx if k <= pos and k not in shown_ctx]
        after = [k for k in ctx if k > pos and k not in shown_ctx]
        for k in before:
            lines.append(dim("  | " + visible(res.layout[k][1].new.text)))
        shown_ctx.update(before)
        head = block_heading(b, lang, res.units)
        if b.kind == "move":
            head = (CYAN + head + RESET) if color else head
        lines.append(head)
        lines.extend(block_lines(res, b, lang, color))
        for k in after:
            lines.append(dim("  | " + visible(res.layout[k][1].new.text)))
        shown_ctx.update(after)
    lines.append("")
    if res.identical:
        lines.append(L["paragraphs"] if res.paragraphs_changed else L["layout"] if res.layout_changed else L["identical"])
    else:
        lines.append(f"{L['summary']}: " + summary_line(res, lang) if lang == "en"
                     else f"{L['summary']}：" + summary_line(res, lang))
    if any(res.wraps_joined):
        lines.append(L["wraps"].format(*res.wraps_joined))
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
