"""Markdown report for a merge request: summary table and one list item per edit (block).

Insertions and deletions use <ins>/<del>, which GitHub and GitLab render.
Document text stays readable as plain text: only the ASCII characters that
Markdown or HTML could read as syntax are escaped, with a backslash
(\\* \\_ \\` \\[ \\] \\( \\) \\| \\~ \\$ \\& \\# \\>), and < as &lt;; so a
draft's `**`, `|`, `<script>` or `[link](x)` shows as written, and 5.2% or
（一） stay as they are. `context` unchanged sentences are quoted around each edit.
"""
from __future__ import annotations

from doclint.diff.model import DiffResult
from doclint.text.display import visible
from doclint.diff.render import tagged_runs, labels, block_heading, context_plan, inline_runs, summary_line

_ESCAPE = {c: "\\" + c for c in "\\`*_{}[]()#|~$&>!"}
_ESCAPE["<"] = "&lt;"
_TABLE = str.maketrans(_ESCAPE)


def md_escape(text: str) -> str:
    return visible(text).translate(_TABLE)


def _runs(runs) -> str:
    return tagged_runs(runs, md_escape)


def _excerpt(c, head: bool, n: int = 24) -> str:
    text = (c.new or c.old).text
    if head:
        return md_escape(text[:n]) + ("…" if len(text) > n else "")
    return ("…" if len(text) > n else "") + md_escape(text[-n:])


def _summary(res: DiffResult, L: dict, lang: str):
    """The table of edits by kind and the notes under it."""
    e = res.edit_counts()
    kinds = ["modify", "insert", "delete", "move"] + [k for k in ("replace", "renumber", "split", "merge") if e[k]]
    names = {"split": L["para_split"], "merge": L["para_merge"]}
    out = ["| " + " | ".join(names.get(k, L[k]) for k in kinds) + " |", "|" + "---:|" * len(kinds)]
    cells = [str(e[k]) + (f" ({e['moved_and_edited']} {L['edited']})" if k == "move" and e[k] else "")
             for k in kinds]
    out += ["| " + " | ".join(cells) + " |", ""]
    if res.identical:
        out.append(L["paragraphs"] if res.paragraphs_changed else L["layout"] if res.layout_changed else L["identical"])
    else:
        out.append(summary_line(res, lang))
    if any(res.wraps_joined):
        out += ["", L["wraps"].format(*res.wraps_joined)]
    if res.budget_exhausted:
        out += ["", "> " + L["budget"].format(res.budget)]
    return out


def _lint(lint: dict, L: dict):
    out = ["", f"#### {L['lint']}"]
    for key in ("introduced", "resolved"):
        items = lint[key]
        out += ["", f"**{L[key]}** ({len(items)})", ""]
        for f in items:
            out.append(f"- `{f['code']}` {L['line'].format(f['line'])}: {md_escape(f['message'])} "
                       f"「{md_escape(f['text'])}」")
        if not items:
            out.append(f"- {L['none']}")
    return out


def render_markdown(res: DiffResult, lang: str = "zh", context=None, **_) -> str:
    L = labels(lang, res.units)
    out = [f"### doclint diff: {md_escape(res.old_label)} → {md_escape(res.new_label)}", ""]
    out += _summary(res, L, lang)
    out.append("")
    for pos, b, ctx in context_plan(res, context or 0):
        for k in (k for k in ctx if k <= pos):
            out.append(f"  > {md_escape(res.layout[k][1].new.text)}")
        head = md_escape(block_heading(b, lang, res.units))
        if b.kind in ("split", "merge"):
            mark = "<ins>¶</ins>" if b.kind == "split" else "<del>¶</del>"
            out.append(f"- **{head}**: {_excerpt(b.changes[0], False)}{mark}{_excerpt(b.changes[1], True)}")
        else:
            body = "<br>".join(_runs(inline_runs(c)) for c in b.changes)
            out.append(f"- **{head}**: {body}")
        for k in (k for k in ctx if k > pos):
            out.append(f"  > {md_escape(res.layout[k][1].new.text)}")
    if res.lint is not None:
        out += _lint(res.lint, L)
    return "\n".join(out) + "\n"
