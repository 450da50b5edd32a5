"""HTML report: one self-contained file, side-by-side and inline views of the whole document.

- Summary of the edits (blocks), then the document as aligned rows. Every
  sentence of both drafts is in the page: unchanged stretches beyond a little
  context (`context`, default 2) are folded and open with a click ("展开全文"
  opens them all). Paragraph ends are marked ¶; a paragraph split or merge is a
  row of its own.
- Moved sentences are linked both ways: the origin row links to where the
  sentence went and the arrival row links back.
- The inline view is the merged document (DiffResult.paragraphs()): paragraphs
  with insertions and deletions in place, inserted/deleted paragraph marks,
  unchanged paragraphs folded the same way.
- "Previous / next change" buttons and the keys n/p (or j/k) walk the edits
  (one stop per block: a moved paragraph or a run of renumbered headings is
  one stop) of the visible view; a counter shows the position.
- Every piece of document text (and the file labels) goes through
  `html.escape`; the only script is a fixed string carrying a per-report nonce
  and a Content-Security-Policy allows nothing else, so even a draft holding
  `<script>` could not run code if escaping were ever missed.
"""
from __future__ import annotations

import html
import secrets
from typing import Dict, List, Optional

from doclint.diff.model import DiffResult
from doclint.text.display import visible
from doclint.diff.render import (block_heading, change_heading, labels, side_runs, summary_line, tagged_runs)

CONTEXT = 2  # unchanged sentences (side by side) or paragraphs (inline) kept open around a change

_CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;
 margin:0;color:#1d1d1f;background:#fafafa;line-height:1.7}
header{position:sticky;top:0;background:#fff;border-bottom:1px solid #ddd;padding:.5em 1em;z-index:2}
h1{font-size:1.1em;margin:.2em 0}
.stats{border-collapse:collapse;margin:.3em 0;font-size:.9em}
.stats td,.stats th{border:1px solid #ddd;padding:.1em .6em;text-align:center}
.note{color:#a15c00}
.nav button{font-size:.95em;margin-right:.4em}
main{padding:0 1em 3em}
table.sbs{border-collapse:collapse;width:100%;table-layout:fixed}
table.sbs td{vertical-align:top;padding:.15em .5em;border-bottom:1px solid #eee;word-break:break-all}
table.sbs td.ln{width:3.5em;color:#888;text-align:right;font-size:.85em}
tr.delete td.old,tr.move-from td.old{background:#ffecec}
tr.insert td.new{background:#eaffea}
tr.modify td.old,tr.renumber td.old{background:#fff5f5} tr.modify td.new,tr.renumber td.new{background:#f3fff3}
tr.move td.new,tr.move-from td.old{background:#eef4ff}
tr.split td,tr.merge td{background:#fffbe6;color:#7a5d00;font-size:.9em}
tr.fold td,div.fold{color:#888;text-align:center;font-size:.85em;background:#f4f4f4}
.folded{display:none}
button.unfold{border:none;background:none;color:#2249b5;cursor:pointer;font-size:1em}
del{background:#ffc7c7;text-decoration:line-through;color:#8a1010}
ins{background:#b9f2b9;text-decoration:none;color:#0b5d0b}
del.mv,ins.mv{background:#dfe7ff;color:#1f3d99}
.pm{color:#bbb;margin-left:.2em}
ins.pm,del.pm{color:inherit;font-weight:bold}
a.mv{font-size:.85em;margin-left:.5em;color:#2249b5}
.current td,.current{outline:2px solid #f0a000;outline-offset:-2px}
:target td,p:target,:target{box-shadow:inset 0 0 0 2px #2249b5}
body.inline-view #sbs,body:not(.inline-view) #inline{display:none}
#inline p{margin:.3em 0;padding:.2em .5em;border-left:4px solid #eee;background:#fff}
#inline p.changed{border-color:#d80}
#inline .hd{display:block;color:#666;font-size:.85em}
"""

_JS = """
(function(){
  var body=document.body, pos=-1;
  function items(){
    var root=document.getElementById(body.classList.contains('inline-view')?'inline':'sbs');
    return Array.prototype.slice.call(root.querySelectorAll('[data-nav]'));
  }
  function unfold(f){
    Array.prototype.forEach.call(document.querySelectorAll('[data-fold="'+f+'"]'),function(e){
      if(e.classList.contains('fold')){e.parentNode.removeChild(e);} else {e.classList.remove('folded');}
    });
  }
  function show(k){
    var list=items(); if(!list.length){return;}
    if(k<0){k=0;} if(k>=list.length){k=list.length-1;}
    var old=document.querySelector('.current'); if(old){old.classList.remove('current');}
    pos=k; list[k].classList.add('current');
    list[k].scrollIntoView({block:'center'});
    body.setAttribute('data-current',list[k].id);
    document.getElementById('counter').textContent=(k+1)+' / '+list.length;
  }
  document.getElementById('next').addEventListener('click',function(){show(pos+1);});
  document.getElementById('prev').addEventListener('click',function(){show(pos<0?0:pos-1);});
  document.getElementById('toggle').addEventListener('click',function(){
    body.classList.toggle('inline-view'); pos=-1;
    var old=document.querySelector('.current'); if(old){old.classList.remove('current');}
    document.getElementById('counter').textContent='0 / '+items().length;
  });
  document.getElementById('expand').addEventListener('click',function(){
    Array.prototype.forEach.call(document.querySelectorAll('.fold'),function(e){unfold(e.getAttribute('data-fold'));});
  });
  document.addEventListener('click',function(e){
    var t=e.target; if(t&&t.classList&&t.classList.contains('unfold')){unfold(t.getAttribute('data-fold'));}
  });
  document.addEventListener('keydown',function(e){
    if(e.ctrlKey||e.metaKey||e.altKey){return;}
    if(e.key==='n'||e.key==='j'){show(pos+1);} else if(e.key==='p'||e.key==='k'){show(pos<0?0:pos-1);}
  });
  document.getElementById('counter').textContent='0 / '+items().length;
  body.setAttribute('data-ready','1');
})();
"""


def esc(s) -> str:
    """HTML-escaped, with control characters and lone surrogates made visible."""
    return html.escape(visible(str(s)), quote=True)


def _runs(runs) -> str:
    return tagged_runs(runs, esc)


def _fold_plan(flags: List[bool], context: int) -> List[bool]:
    """Which items to keep open: the changed ones and `context` items on each side."""
    n = len(flags)
    show = [False] * n
    for k, changed in enumerate(flags):
        if changed:
            for t in range(max(0, k - context), min(n, k + context + 1)):
                show[t] = True
    return show


class _Rows:
    """The side-by-side table, row by row."""

    def __init__(self, res: DiffResult, lang: str):
        self.res, self.lang = res, lang
        self.L = labels(lang, res.units)
        self.old_ends = {p.last for p in res.old_paragraphs}
        self.new_ends = {p.last for p in res.new_paragraphs}
        self.nav_of: Dict[int, int] = {}     # layout index -> block id whose stop it is
        self.marks: Dict[int, list] = {}     # layout index -> split/merge blocks before it
        for b in res.blocks:
            if b.kind in ("split", "merge"):
                self.marks.setdefault(b.position or 0, []).append(b)
        at = {id(c): k for k, (kind, c) in enumerate(res.layout) if kind == "change"}
        for b in res.blocks:
            if b.kind in ("split", "merge"):
                continue
            # A move block's stop is where its first moved sentence arrives.
            members = [c for c in b.changes if c.op == "move"] if b.kind == "move" else b.changes
            self.nav_of[min(at[id(c)] for c in members[:1] or b.changes)] = b.id
        self.rows: List[str] = []

    def _pm(self, seg, ends) -> str:
        return '<span class="pm">¶</span>' if seg is not None and seg.last in ends else ""

    def mark_rows(self, k: int) -> None:
        for b in self.marks.get(k, ()):
            head = esc(block_heading(b, self.lang, self.res.units))
            sign = "<ins class=\"pm\">¶</ins>" if b.kind == "split" else "<del class=\"pm\">¶</del>"
            self.rows.append(f'<tr class="{b.kind}" id="s-b{b.id}" data-nav title="{head}">'
                             f'<td colspan="4">{sign} {head}</td></tr>')

    def row(self, k: int, hidden: Optional[int]) -> None:
        kind, c = self.res.layout[k]
        L = self.L
        fold = f' data-fold="{hidden}"' if hidden is not None else ""
        cls = " folded" if hidden is not None else ""
        if c.op == "equal":
            self.rows.append(
                f'<tr class="equal{cls}"{fold}><td class="ln">{c.old_line}</td><td class="old">{esc(c.old.text)}'
                f'{self._pm(c.old, self.old_ends)}</td><td class="ln">{c.new_line}</td>'
                f'<td class="new">{esc(c.new.text)}{self._pm(c.new, self.new_ends)}</td></tr>')
            return
        block = self.nav_of.get(k)
        nav = " data-nav" if block is not None else ""
        head = esc(block_heading(self._block(block), self.lang, self.res.units) if block is not None
                   else change_heading(c, self.lang, kind, self.res.units))
        if kind == "move_from":
            link = f'<a class="mv" href="#s-mv{c.move_id}-to">→ {esc(L["moved_to"].format(c.new_line))}</a>'
            self.rows.append(f'<tr class="move-from" id="s-mv{c.move_id}-from" title="{head}">'
                             f'<td class="ln">{c.old_line}</td><td class="old">{esc(c.old.text)}'
                             f'{self._pm(c.old, self.old_ends)}{link}</td><td class="ln"></td><td class="new"></td></tr>')
            return
        if c.op == "move":
            rid = f"s-mv{c.move_id}-to"
            back = f'<a class="mv" href="#s-mv{c.move_id}-from">← {esc(L["moved_from"].format(c.old_line))}</a>'
        else:
            rid = f"s-b{block}" if block is not None else f"s-k{k}"
            back = ""
        op = "renumber" if c.block is not None and self._block(c.block).kind == "renumber" else c.op
        old_cell = _runs(side_runs(c, "old")) + self._pm(c.old, self.old_ends) if c.op not in ("insert", "move") else ""
        new_cell = _runs(side_runs(c, "new")) + self._pm(c.new, self.new_ends) if c.new else ""
        self.rows.append(f'<tr class="{op}" id="{rid}"{nav} title="{head}">'
                         f'<td class="ln">{c.old_line if c.op not in ("insert", "move") else ""}</td>'
                         f'<td class="old">{old_cell}</td>'
                         f'<td class="ln">{c.new_line or ""}</td><td class="new">{new_cell}{back}</td></tr>')

    def _block(self, block_id):
        return self.res.blocks[block_id - 1]


def _side_by_side(res: DiffResult, lang: str, context: int) -> str:
    rows = _Rows(res, lang)
    L = rows.L
    show = _fold_plan([c.op != "equal" or k in rows.marks or k + 1 in rows.marks
                       for k, (_, c) in enumerate(res.layout)], context)
    k, n, fold = 0, len(res.layout), 0
    while k < n:
        if show[k]:
            rows.mark_rows(k)
            rows.row(k, None)
            k += 1
            continue
        j = k
        while j < n and not show[j]:
            j += 1
        fold += 1
        rows.rows.append(f'<tr class="fold" data-fold="s{fold}"><td colspan="4"><button type="button" '
                         f'class="unfold" data-fold="s{fold}">{esc(L["unfold"].format(j - k))}</button></td></tr>')
        for t in range(k, j):
            rows.mark_rows(t)
            rows.row(t, f"s{fold}")
        k = j
    rows.mark_rows(n)
    return "".join(rows.rows)


def _inline_run(r, anchors, L) -> str:
    t = esc(r.text)
    attrs = ""
    if id(r) in anchors:
        attrs = f' id="{anchors[id(r)]}" data-nav'
    if r.kind == "equal":
        return f"<span{attrs}>{t}</span>" if attrs else t
    tag = "ins" if r.kind == "insert" else "del"
    if r.move_id is not None:
        side = "to" if tag == "ins" else "from"
        other = "from" if side == "to" else "to"
        label = L["moved_from"].format(r.change.old_line) if side == "to" else L["moved_to"].format(r.change.new_line)
        rid = attrs or f' id="i-mv{r.move_id}-{side}"'
        arrow = "←" if side == "to" else "→"
        return (f'<{tag} class="mv"{rid}>{t}</{tag}>'
                f'<a class="mv" href="#i-mv{r.move_id}-{other}">{arrow} {esc(label)}</a>')
    cls = ' class="mv"' if r.clause_move else ""
    return f"<{tag}{cls}{attrs}>{t}</{tag}>"


def _inline_anchors(res: DiffResult, paras) -> Dict[int, str]:
    """id(run) -> the element id of each block's navigation stop in the inline view."""
    anchors: Dict[int, str] = {}
    done = set()
    by_id = {b.id: b for b in res.blocks}
    for p in paras:
        for r in p.runs:
            b = by_id.get(r.change.block)
            if b is None or b.id in done or r.kind == "equal":
                continue
            if b.kind == "move" and not (r.kind == "insert" and r.move_id is not None):
                continue  # a move block's stop is where it arrives
            anchors[id(r)] = f"i-mv{r.move_id}-to" if r.move_id is not None else f"i-b{b.id}"
            done.add(b.id)
    return anchors


def _inline(res: DiffResult, lang: str, context: int) -> str:
    L = labels(lang, res.units)
    paras = res.paragraphs()
    anchors = _inline_anchors(res, paras)
    splits = {b.position: b for b in res.blocks if b.kind in ("split", "merge")}
    changed = [any(r.kind != "equal" for r in p.runs) or p.mark in ("insert", "delete") for p in paras]
    show = _fold_plan(changed, context)
    out, fold = [], 0
    k = 0
    while k < len(paras):
        if not show[k] and (k == 0 or show[k - 1]):
            j = k
            while j < len(paras) and not show[j]:
                j += 1
            fold += 1
            out.append(f'<div class="fold" data-fold="i{fold}"><button type="button" class="unfold" '
                       f'data-fold="i{fold}">{esc(L["unfold_paras"].format(j - k))}</button></div>')
        p = paras[k]
        hidden = f' data-fold="i{fold}"' if not show[k] else ""
        body = "".join(_inline_run(r, anchors, L) for r in p.runs)
        mark = ""
        if p.mark in ("insert", "delete"):
            b = splits.get(p.boundary)
            tag = "ins" if p.mark == "insert" else "del"
            attrs = f' id="i-b{b.id}" data-nav title="{esc(block_heading(b, lang, res.units))}"' if b else ""
            mark = f'<{tag} class="pm"{attrs}>¶</{tag}>'
        elif p.mark == "equal":
            mark = '<span class="pm">¶</span>'
        cls = "changed" if changed[k] else "same"
        out.append(f'<p class="{cls}{" folded" if not show[k] else ""}"{hidden}>{body}{mark}</p>')
        k += 1
    return "".join(out)


def _stats_and_notes(res: DiffResult, L: dict, lang: str):
    e = res.edit_counts()
    kinds = ["modify", "insert", "delete", "move"] + [k for k in ("replace", "renumber", "split", "merge") if e[k]]
    names = {"split": L["para_split"], "merge": L["para_merge"]}
    stats = ("<table class=\"stats\"><tr>" + "".join(f"<th>{esc(names.get(k, L[k]))}</th>" for k in kinds) +
             "</tr><tr>" + "".join(f"<td>{e[k]}" + (f" ({e['moved_and_edited']} {esc(L['edited'])})"
                                                     if k == "move" and e[k] else "") + "</td>" for k in kinds) +
             "</tr></table>")
    notes = []
    if res.identical:
        notes.append(esc(L["paragraphs"] if res.paragraphs_changed else L["layout"] if res.layout_changed else L["identical"]))
    else:
        notes.append(esc(summary_line(res, lang)))
    if any(res.wraps_joined):
        notes.append(esc(L["wraps"].format(*res.wraps_joined)))
    if res.budget_exhausted:
        notes.append(f'<span class="note">{esc(L["budget"].format(res.budget))}</span>')
    return stats, notes


def _lint_html(lint: Optional[dict], L: dict) -> str:
    if lint is None:
        return ""
    parts = [f"<h2>{esc(L['lint'])}</h2>"]
    for key in ("introduced", "resolved"):
        items = lint[key]
        parts.append(f"<h3>{esc(L[key])} ({len(items)})</h3><ul>")
        for f in items:
            parts.append(f"<li><code>{esc(f['code'])}</code> {esc(L['line'].format(f['line']))}: "
                         f"{esc(f['message'])} 「{esc(f['text'])}」</li>")
        if not items:
            parts.append(f"<li>{esc(L['none'])}</li>")
        parts.append("</ul>")
    return "".join(parts)


def render_html(res: DiffResult, lang: str = "zh", context=None, **_) -> str:
    context = CONTEXT if context is None else context
    L = labels(lang, res.units)
    nonce = secrets.token_hex(16)
    zh = lang == "zh"
    t_prev, t_next = ("上一处", "下一处") if zh else ("Previous", "Next")
    t_toggle = "切换并排/逐段视图" if zh else "Side-by-side / inline"
    t_old, t_new = ("旧稿", "新稿") if zh else ("Old", "New")
    stats, notes = _stats_and_notes(res, L, lang)
    lint_html = _lint_html(res.lint, L)
    title = f"doclint diff: {res.old_label} → {res.new_label}"
    csp = f"default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-{nonce}'"
    return f"""<!DOCTYPE html>
<html lang="{'zh-CN' if zh else 'en'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
<style>{_CSS}</style>
</head>
<body>
<header>
<h1>{esc(title)}</h1>
{stats}
<p>{'<br>'.join(notes)}</p>
<div class="nav"><button id="prev" type="button">↑ {esc(t_prev)}</button><button id="next" type="button">↓ {esc(t_next)}</button>
<span id="counter"></span> <button id="toggle" type="button">{esc(t_toggle)}</button>
<button id="expand" type="button">{esc(L["expand_all"])}</button>
<small>{esc("快捷键 n/p" if zh else "keys n/p")}</small></div>
</header>
<main>
<div id="sbs"><table class="sbs"><colgroup><col style="width:3.5em"><col><col style="width:3.5em"><col></colgroup>
<tr><th></th><th>{esc(t_old)}: {esc(res.old_label)}</th><th></th><th>{esc(t_new)}: {esc(res.new_label)}</th></tr>
{_side_by_side(res, lang, context)}
</table></div>
<div id="inline">
{_inline(res, lang, context)}
</div>
{lint_html}
</main>
<script nonce="{nonce}">{_JS}</script>
</body>
</html>
"""
