"""HTML report: one self-contained file, side-by-side and inline views.

- Summary statistics, then the document as aligned rows (unchanged stretches
  folded down to a little context), with word-level <del>/<ins> marks.
- Moved sentences are linked both ways: the origin row links to where the
  sentence went and the arrival row links back.
- "Previous / next change" buttons and the keys n/p (or j/k) walk the
  changes of the visible view; a counter shows the position.
- Every piece of document text (and the file labels) goes through
  `html.escape`; the only script is a fixed string carrying a per-report nonce
  and a Content-Security-Policy allows nothing else, so even a draft holding
  `<script>` could not run code if escaping were ever missed.
"""
from __future__ import annotations

import html
import secrets

from doclint.diff.model import DiffResult
from doclint.text.display import visible
from doclint.diff.render import (tagged_runs, change_heading, inline_runs, labels, side_runs, summary_line)

CONTEXT = 2  # unchanged sentences kept on each side of a change

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
tr.modify td.old{background:#fff5f5} tr.modify td.new{background:#f3fff3}
tr.move td.new,tr.move-from td.old{background:#eef4ff}
tr.fold td{color:#888;text-align:center;font-size:.85em;background:#f4f4f4}
del{background:#ffc7c7;text-decoration:line-through;color:#8a1010}
ins{background:#b9f2b9;text-decoration:none;color:#0b5d0b}
a.mv{font-size:.85em;margin-left:.5em;color:#2249b5}
.current td,.current{outline:2px solid #f0a000;outline-offset:-2px}
:target td,p:target{box-shadow:inset 0 0 0 2px #2249b5}
body.inline-view #sbs,body:not(.inline-view) #inline{display:none}
#inline p{margin:.3em 0;padding:.2em .5em;border-left:4px solid #ccc;background:#fff}
#inline p.insert{border-color:#3a3} #inline p.delete{border-color:#c33}
#inline p.modify{border-color:#d80} #inline p.move,#inline p.move-from{border-color:#2249b5}
#inline .hd{display:block;color:#666;font-size:.85em}
"""

_JS = """
(function(){
  var body=document.body, pos=-1;
  function items(){
    var root=document.getElementById(body.classList.contains('inline-view')?'inline':'sbs');
    return Array.prototype.slice.call(root.querySelectorAll('[data-nav]'));
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


def _fold_plan(layout):
    """Indices of layout items to show: changes plus CONTEXT unchanged items around them."""
    n = len(layout)
    show = [False] * n
    for k, (kind, c) in enumerate(layout):
        if c.op != "equal":
            for t in range(max(0, k - CONTEXT), min(n, k + CONTEXT + 1)):
                show[t] = True
    return show


# complexity: one template filled in order (summary, rows, navigation); each branch is one optional piece of markup
def render_html(res: DiffResult, lang: str = "zh") -> str:
    L = labels(lang, res.units)
    st = res.stats()
    nonce = secrets.token_hex(16)
    zh = lang == "zh"
    t_prev, t_next = ("上一处", "下一处") if zh else ("Previous", "Next")
    t_toggle = "切换并排/逐行视图" if zh else "Side-by-side / inline"
    t_fold = "… 未变 {} 句 …" if zh else "… {} unchanged sentences …"
    t_old, t_new = ("旧稿", "新稿") if zh else ("Old", "New")

    rows, inline = [], []
    show = _fold_plan(res.layout)
    k = 0
    n = len(res.layout)
    nav = 0
    while k < n:
        if not show[k]:
            j = k
            while j < n and not show[j]:
                j += 1
            rows.append(f'<tr class="fold"><td colspan="4">{esc(t_fold.format(j - k))}</td></tr>')
            k = j
            continue
        kind, c = res.layout[k]
        k += 1
        if c.op == "equal":
            rows.append(f'<tr class="equal"><td class="ln">{c.old_line}</td><td class="old">{esc(c.old.text)}</td>'
                        f'<td class="ln">{c.new_line}</td><td class="new">{esc(c.new.text)}</td></tr>')
            continue
        nav += 1
        head = esc(change_heading(c, lang, kind, res.units))
        if kind == "move_from":
            link = f'<a class="mv" href="#s-mv{c.move_id}-to" title="{esc(L["moved_to"].format(c.new_line))}">→ {esc(L["moved_to"].format(c.new_line))}</a>'
            ilink = f'<a class="mv" href="#i-mv{c.move_id}-to">→ {esc(L["moved_to"].format(c.new_line))}</a>'
            rows.append(f'<tr class="move-from" id="s-mv{c.move_id}-from" data-nav title="{head}">'
                        f'<td class="ln">{c.old_line}</td><td class="old">{esc(c.old.text)}{link}</td>'
                        f'<td class="ln"></td><td class="new"></td></tr>')
            inline.append(f'<p class="move-from" id="i-mv{c.move_id}-from" data-nav><span class="hd">{head}</span>'
                          f'{esc(c.old.text)}{ilink}</p>')
            continue
        if c.op == "move":
            sid, iid = f"s-mv{c.move_id}-to", f"i-mv{c.move_id}-to"
            back = (f'<a class="mv" href="#s-mv{c.move_id}-from">← {esc(L["moved_from"].format(c.old_line))}</a>')
            iback = (f'<a class="mv" href="#i-mv{c.move_id}-from">← {esc(L["moved_from"].format(c.old_line))}</a>')
        else:
            sid, iid = f"s-c{nav}", f"i-c{nav}"
            back = iback = ""
        old_cell = _runs(side_runs(c, "old")) if c.op not in ("insert", "move") else ""
        rows.append(f'<tr class="{c.op}" id="{sid}" data-nav title="{head}">'
                    f'<td class="ln">{c.old_line if c.op not in ("insert", "move") else ""}</td>'
                    f'<td class="old">{old_cell}</td>'
                    f'<td class="ln">{c.new_line or ""}</td><td class="new">{_runs(side_runs(c, "new")) if c.new else ""}{back}</td></tr>')
        inline.append(f'<p class="{c.op}" id="{iid}" data-nav><span class="hd">{head}</span>'
                      f'{_runs(inline_runs(c))}{iback}</p>')

    ops = ["modify", "insert", "delete", "move", "equal"]
    stats = ("<table class=\"stats\"><tr>" + "".join(f"<th>{esc(L[o])}</th>" for o in ops) + "</tr><tr>" +
             "".join(f"<td>{st[o]}" + (f" ({st['moved_and_edited']} {esc(L['edited'])})" if o == "move" and st[o] else "")
                     + "</td>" for o in ops) + "</tr></table>")
    notes = []
    if res.identical:
        notes.append(esc(L["paragraphs"] if res.paragraphs_changed else L["layout"] if res.layout_changed else L["identical"]))
    else:
        notes.append(esc(summary_line(res, lang)))
    if res.budget_exhausted:
        notes.append(f'<span class="note">{esc(L["budget"].format(res.budget))}</span>')
    lint_html = ""
    if res.lint is not None:
        parts = [f"<h2>{esc(L['lint'])}</h2>"]
        for key in ("introduced", "resolved"):
            items = res.lint[key]
            parts.append(f"<h3>{esc(L[key])} ({len(items)})</h3><ul>")
            for f in items:
                parts.append(f"<li><code>{esc(f['code'])}</code> {esc(L['line'].format(f['line']))}: "
                             f"{esc(f['message'])} 「{esc(f['text'])}」</li>")
            if not items:
                parts.append(f"<li>{esc(L['none'])}</li>")
            parts.append("</ul>")
        lint_html = "".join(parts)
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
<small>{esc("快捷键 n/p" if zh else "keys n/p")}</small></div>
</header>
<main>
<div id="sbs"><table class="sbs"><colgroup><col style="width:3.5em"><col><col style="width:3.5em"><col></colgroup>
<tr><th></th><th>{esc(t_old)}: {esc(res.old_label)}</th><th></th><th>{esc(t_new)}: {esc(res.new_label)}</th></tr>
{''.join(rows)}
</table></div>
<div id="inline">
{''.join(inline)}
</div>
{lint_html}
</main>
<script nonce="{nonce}">{_JS}</script>
</body>
</html>
"""
