"""Markdown report for a merge request: summary table and the changed sentences.

Insertions and deletions use <ins>/<del>, which GitHub and GitLab render.
Document text is escaped character by character: ASCII punctuation that
Markdown or HTML could read as syntax becomes a numeric character reference,
so a draft's `**`, `|`, `<script>` or `[link](x)` shows as written.
"""
from __future__ import annotations

from doclint.diff.model import DiffResult
from doclint.text.display import visible
from doclint.diff.render import tagged_runs, labels, change_heading, inline_runs, summary_line

_SPECIAL = set("\\`*_{}[]()#+-.!|~<>&\"'$:=/@%^")


def md_escape(text: str) -> str:
    return "".join(f"&#{ord(ch)};" if ch in _SPECIAL else ch for ch in visible(text))


def _runs(runs) -> str:
    return tagged_runs(runs, md_escape)


def render_markdown(res: DiffResult, lang: str = "zh") -> str:
    L = labels(lang, res.units)
    st = res.stats()
    out = [f"### doclint diff: {md_escape(res.old_label)} → {md_escape(res.new_label)}", ""]
    ops = ["modify", "insert", "delete", "move", "equal"]
    out.append("| " + " | ".join(L[o] for o in ops) + " |")
    out.append("|" + "---:|" * len(ops))
    cells = [str(st[o]) + (f" ({st['moved_and_edited']} {L['edited']})" if o == "move" and st[o] else "")
             for o in ops]
    out.append("| " + " | ".join(cells) + " |")
    out.append("")
    if res.identical:
        out.append(L["paragraphs"] if res.paragraphs_changed else L["layout"] if res.layout_changed else L["identical"])
    else:
        out.append(summary_line(res, lang))
    if res.budget_exhausted:
        out.append("")
        out.append("> " + L["budget"].format(res.budget))
    out.append("")
    for kind, c in res.layout:
        if c.op == "equal" or kind == "move_from":
            continue
        out.append(f"- **{change_heading(c, lang, 'change', res.units)}**: {_runs(inline_runs(c))}")
    if res.lint is not None:
        out.append("")
        out.append(f"#### {L['lint']}")
        for key in ("introduced", "resolved"):
            items = res.lint[key]
            out.append("")
            out.append(f"**{L[key]}** ({len(items)})")
            out.append("")
            for f in items:
                out.append(f"- `{f['code']}` {L['line'].format(f['line'])}: {md_escape(f['message'])} "
                           f"「{md_escape(f['text'])}」")
            if not items:
                out.append(f"- {L['none']}")
    return "\n".join(out) + "\n"
