"""`--format html`: one self-contained page for the people who approve a draft.

`doclint check 讲话稿.txt -f html -o 报告.html` writes a page that needs no
network and nothing beside it:

- a summary (findings by severity and by code, files checked, files that
  could not be read) and, for several files, a table of contents;
- each document in full, every finding marked where it is (coloured by
  severity: the worst one where findings overlap) with a small code badge;
- beside it, the findings grouped by severity and code (a group of more
  than FOLD_OVER starts folded when there are others), each linking to its
  place (and the badge back to the list), with the fix where there is one
  (old → new, and whether `--fix` applies it or it needs `--unsafe-fixes`);
- filters by severity and by code, and previous/next buttons (keys n/p)
  that walk the findings still shown, in document order.

Safety: every piece of document text, message and file name goes through
`esc` (control characters made visible, then html.escape); the page's only
script and style are fixed strings carrying a per-report nonce, and a
Content-Security-Policy allows nothing else, so a draft holding `<script>`
is shown, never run, even if escaping were ever missed.
"""
from __future__ import annotations

import html
import secrets
from collections import Counter, defaultdict
from typing import List

from doclint.model.finding import SEVERITIES
from doclint.reporters import Reporter, severity_label
from doclint.text.display import visible

ORDER = tuple(reversed(SEVERITIES))  # error, warning, info
FIX_SHOWN_MAX = 80  # longer fixes are described, not shown as old → new
FOLD_OVER = 20      # a group of more findings than this starts folded in the list (when there are others)

_CSS = """
*{box-sizing:border-box}
html,body{height:100%;margin:0}
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Zen Hei","Microsoft YaHei","PingFang SC",sans-serif;
 color:#1d1d1f;background:#f6f6f4;display:flex;flex-direction:column;line-height:1.75}
header{background:#fff;border-bottom:1px solid #ddd;padding:.4em 1em;flex:none}
h1{font-size:1.15em;margin:.1em 0 .3em}
.filters{display:flex;flex-wrap:wrap;gap:.3em .8em;align-items:center;font-size:.9em}
.filters label{white-space:nowrap;cursor:pointer}
.filters .codes{display:flex;flex-wrap:wrap;gap:.2em .6em}
.nav{margin-top:.3em;font-size:.9em}
.nav button{font-size:.95em;margin-right:.4em}
#panes{flex:1;display:flex;min-height:0}
aside{width:30%;min-width:17em;max-width:34em;overflow:auto;border-right:1px solid #ddd;background:#fff;padding:.4em .8em 3em}
main{flex:1;overflow:auto;padding:.4em 1.2em 4em}
aside h2,main h2{font-size:1.05em;margin:.8em 0 .3em}
aside h3{font-size:.95em;margin:.7em 0 .2em;display:inline}
aside summary{cursor:pointer;margin:.5em 0 .2em}
aside ul{list-style:none;margin:0;padding:0}
aside li{margin:.15em 0;padding:.15em .4em;border-left:4px solid #ccc;font-size:.9em;line-height:1.5}
aside li a{color:inherit;text-decoration:none;display:block}
aside li a:hover{background:#f2f2f2}
aside li .where{color:#666;font-size:.85em;margin-right:.4em}
aside li .fix{display:block;color:#444;font-size:.85em}
li.s-error{border-color:#d32f2f} li.s-warning{border-color:#e69500} li.s-info{border-color:#1e6fd9}
.group{margin-bottom:.4em}
.group h3 .sev{font-weight:normal;font-size:.9em}
table.sum{border-collapse:collapse;font-size:.9em;margin:.3em 0}
table.sum td,table.sum th{border:1px solid #ddd;padding:.1em .6em;text-align:left}
table.sum td.n{text-align:right}
.doc{background:#fff;border:1px solid #e2e2e2;padding:.5em 0;margin-bottom:1.5em}
.l{display:flex}
.l .n{flex:none;width:4.2em;text-align:right;padding-right:.8em;color:#999;font-size:.8em;line-height:2.2;user-select:none}
.l .t{flex:1;white-space:pre-wrap;word-break:break-all;padding-right:1em}
mark{background:none;color:inherit;border-radius:2px}
mark.s-error{background:#ffd9d9;border-bottom:2px solid #d32f2f}
mark.s-warning{background:#ffefc4;border-bottom:2px solid #e69500}
mark.s-info{background:#dcebff;border-bottom:2px solid #1e6fd9}
mark.off{background:none;border-bottom:none}
a.b{font-size:.62em;vertical-align:super;line-height:1;padding:0 .25em;border-radius:3px;color:#fff;
 text-decoration:none;margin:0 .1em;font-family:monospace;user-select:none;white-space:nowrap}
a.b::before{content:attr(data-code)}
a.b.s-error{background:#d32f2f} a.b.s-warning{background:#c77f00} a.b.s-info{background:#1e6fd9}
.hidden{display:none!important}
.current,a.b.current{outline:3px solid #7a3cff;outline-offset:1px}
mark.current{background:#e9dcff}
del{background:#ffc7c7;color:#8a1010} ins{background:#b9f2b9;text-decoration:none;color:#0b5d0b}
.err{color:#b00020}
.muted{color:#777}
.tag{font-size:.8em;border:1px solid #bbb;border-radius:3px;padding:0 .3em;margin-left:.3em;color:#555}
@media (max-width:800px){#panes{flex-direction:column}aside{width:auto;max-width:none;max-height:40%}}
"""

_JS = """
(function(){
  var body=document.body, pos=-1;
  var boxes=Array.prototype.slice.call(document.querySelectorAll('.filters input'));
  function active(){
    var s={}, c={};
    boxes.forEach(function(b){ if(b.checked){ (b.name==='sev'?s:c)[b.value]=1; } });
    return [s,c];
  }
  function visibleIds(){
    return Array.prototype.slice.call(document.querySelectorAll('a.b[id]')).filter(function(b){
      return !b.classList.contains('hidden');
    });
  }
  function apply(){
    var a=active(), s=a[0], c=a[1], on={}, shown=0;
    document.querySelectorAll('a.b[id]').forEach(function(b){
      var ok=s[b.getAttribute('data-sev')] && c[b.getAttribute('data-code')];
      b.classList.toggle('hidden',!ok); if(ok){on[b.id]=1; shown++;}
    });
    document.querySelectorAll('aside li[data-f]').forEach(function(li){
      li.classList.toggle('hidden',!on[li.getAttribute('data-f')]);
    });
    document.querySelectorAll('aside .group').forEach(function(g){
      g.classList.toggle('hidden',!g.querySelector('li:not(.hidden)'));
    });
    document.querySelectorAll('mark[data-f]').forEach(function(m){
      var ids=m.getAttribute('data-f').split(' '), best=null, rank={'info':0,'warning':1,'error':2};
      ids.forEach(function(id){
        if(on[id]){ var sev=document.getElementById(id).getAttribute('data-sev');
          if(best===null||rank[sev]>rank[best]){best=sev;} }
      });
      m.className=best?('s-'+best):'off';
    });
    document.getElementById('shown').textContent=shown;
    pos=-1; clearCurrent(); document.getElementById('counter').textContent='0 / '+shown;
  }
  function clearCurrent(){
    document.querySelectorAll('.current').forEach(function(e){e.classList.remove('current');});
  }
  function mark(id){
    clearCurrent();
    var b=document.getElementById(id); if(!b){return;}
    b.classList.add('current');
    document.querySelectorAll('mark[data-f~="'+id+'"]').forEach(function(m){m.classList.add('current');});
    var li=document.querySelector('aside li[data-f="'+id+'"]');
    if(li){var g=li.closest('details'); if(g){g.open=true;}
      li.classList.add('current'); li.scrollIntoView({block:'nearest'});}
    b.scrollIntoView({block:'center'});
    body.setAttribute('data-current',id);
  }
  function show(k){
    var list=visibleIds(); if(!list.length){return;}
    if(k<0){k=0;} if(k>=list.length){k=list.length-1;}
    pos=k; mark(list[k].id);
    document.getElementById('counter').textContent=(k+1)+' / '+list.length;
  }
  boxes.forEach(function(b){b.addEventListener('change',apply);});
  document.getElementById('all').addEventListener('click',function(){
    boxes.forEach(function(b){b.checked=true;}); apply();
  });
  document.getElementById('next').addEventListener('click',function(){show(pos+1);});
  document.getElementById('prev').addEventListener('click',function(){show(pos<0?0:pos-1);});
  document.querySelectorAll('aside li[data-f] a').forEach(function(a){
    a.addEventListener('click',function(e){
      var id=a.parentNode.getAttribute('data-f'), list=visibleIds();
      e.preventDefault(); history.replaceState(null,'','#'+id);  /* centred by mark(), not at the edge */
      for(var k=0;k<list.length;k++){ if(list[k].id===id){ pos=k;
        document.getElementById('counter').textContent=(k+1)+' / '+list.length; } }
      mark(id);
    });
  });
  document.addEventListener('keydown',function(e){
    if(e.ctrlKey||e.metaKey||e.altKey){return;}
    if(e.key==='n'||e.key==='j'){show(pos+1);} else if(e.key==='p'||e.key==='k'){show(pos<0?0:pos-1);}
  });
  apply();
  body.setAttribute('data-ready','1');
})();
"""

TEXTS = {
    "zh": {"title": "doclint 检查报告", "summary": "概要", "files": "文件", "findings": "问题",
           "toc": "目录", "list": "问题列表", "none": "未发现问题", "line": "第{}行第{}列",
           "para": "第{}段第{}字", "prev": "上一处", "next": "下一处", "keys": "快捷键 n/p",
           "all": "全部显示", "severity": "级别", "codes": "检查项", "shown": "显示",
           "of": "处，共", "unit": "处", "safe": "可自动修复（--fix）", "unsafe": "需确认（--unsafe-fixes）",
           "fix": "修复", "unreadable": "无法检查", "checked": "检查了 {} 个文件，{} 个有问题",
           "code": "代码", "name": "名称", "count": "数量", "desc": "说明", "delete": "删去",
           "insert": "插入", "docx": "（.docx 不能自动修复）"},
    "en": {"title": "doclint report", "summary": "Summary", "files": "Files", "findings": "findings",
           "toc": "Contents", "list": "Findings", "none": "No problems found", "line": "line {}, column {}",
           "para": "paragraph {}, character {}", "prev": "Previous", "next": "Next", "keys": "keys n/p",
           "all": "Show all", "severity": "Severity", "codes": "Checks", "shown": "Showing",
           "of": "of", "unit": "", "safe": "fixable (--fix)", "unsafe": "needs --unsafe-fixes",
           "fix": "Fix", "unreadable": "could not be checked", "checked": "{} file(s) checked, {} with findings",
           "code": "Code", "name": "Name", "count": "Count", "desc": "Summary", "delete": "delete",
           "insert": "insert", "docx": "(.docx is never fixed)"},
}


def esc(s) -> str:
    """HTML-escaped, with control characters and lone surrogates made visible."""
    return html.escape(visible(str(s)), quote=True)


def fix_preview(text: str, f) -> tuple:
    """(old, new) around a finding's fix, or None when it is too long to show."""
    lo = min([f.start] + [e.start for e in f.fix.edits])
    hi = max([f.end] + [e.end for e in f.fix.edits])
    if hi - lo > FIX_SHOWN_MAX:
        return None
    out, pos = [], lo
    for e in sorted(f.fix.edits, key=lambda e: e.start):
        out.append(text[pos:e.start])
        out.append(e.replacement)
        pos = e.end
    out.append(text[pos:hi])
    return text[lo:hi], "".join(out)


class _File:
    """One document's part of the page: its index, result and finding ids."""

    def __init__(self, index: int, result):
        self.index = index
        self.result = result
        self.findings = list(result.findings)
        self.ids = [f"f{index}-{k + 1}" for k in range(len(self.findings))]


def _badge(f, fid: str) -> str:
    # The code is drawn by CSS (a.b::before): copying the document's text does not pick it up.
    return (f'<a class="b s-{f.severity}" id="{fid}" href="#i{fid[1:]}" data-code="{esc(f.code)}" '
            f'data-sev="{f.severity}" title="{esc(f.code + " " + f.message)}"></a>')


def _line_html(text: str, ls: int, end: int, active, own, ids) -> str:
    """Line text[ls:end] with its findings marked.

    `active`: [(finding, index)] whose span overlaps the line; `own`: those
    that start on this line (their badge goes here, at the start, or at the
    line's end for a finding on the line break itself).
    """
    cuts = {ls, end}
    for f, _ in active:
        cuts.add(min(max(f.start, ls), end))
        cuts.add(min(max(f.end, ls), end))
    badges = defaultdict(list)
    for f, k in own:
        badges[min(f.start, end)].append(_badge(f, ids[k]))
        if f.start == f.end:  # an insertion point: a caret to mark it
            badges[min(f.start, end)].append(f'<mark class="s-{f.severity}" data-f="{ids[k]}">‸</mark>')
    out = []
    points = sorted(cuts)
    for a, b in zip(points, points[1:] + [None]):
        out.extend(badges.get(a, ()))
        if b is None:
            break
        cover = [(f, k) for f, k in active if f.start <= a and f.end >= b and f.start < f.end]
        if not cover:
            out.append(esc(text[a:b]))
            continue
        worst = max(cover, key=lambda fk: SEVERITIES.index(fk[0].severity))[0].severity
        out.append(f'<mark class="s-{worst}" data-f="{" ".join(ids[k] for _, k in cover)}">{esc(text[a:b])}</mark>')
    return "".join(out)


def _document_html(part: _File) -> str:
    """The whole document, a row per line, findings marked in place."""
    doc = part.result.doc
    text = doc.text
    findings = part.findings
    order = sorted(range(len(findings)), key=lambda k: findings[k].start)
    nxt = 0
    active: List = []
    rows = []
    starts = doc.line_starts
    for n, ls in enumerate(starts, start=1):
        nxt_ls = starts[n] if n < len(starts) else len(text) + 1
        end = min(nxt_ls, len(text))
        while end > ls and text[end - 1] in "\r\n":
            end -= 1
        own = []
        while nxt < len(order) and findings[order[nxt]].start < nxt_ls:
            own.append((findings[order[nxt]], order[nxt]))
            nxt += 1
        active = [(f, k) for f, k in active if f.end > ls] + own
        here = [(f, k) for f, k in active if f.start < end and f.end > ls]
        body = _line_html(text, ls, end, here, own, part.ids) if (here or own) else esc(text[ls:end])
        rows.append(f'<div class="l" id="L{part.index}-{n}"><span class="n">{n}</span><span class="t">{body}</span></div>')
    return '<div class="doc">' + "".join(rows) + "</div>"


def _fix_html(f, doc, L: dict, lang: str) -> str:
    """A finding's fix: its description, old → new when short, and how it is applied."""
    if f.fix is None:
        return ""
    desc = f.fix.en if lang == "en" else f.fix.zh
    shown = fix_preview(doc.text, f) if doc is not None else None
    change = ""
    if shown is not None:
        old, new = shown
        change = (f' <del>{esc(old)}</del>' if old else "") + (f' → <ins>{esc(new)}</ins>' if new
                                                                else f' → {esc(L["delete"])}')
    docx = getattr(doc, "kind", "") == "docx"
    tag = L["docx"] if docx else (L["safe"] if f.fix.safe else L["unsafe"])
    return f'<span class="fix">{esc(L["fix"])}：{esc(desc)}{change}<span class="tag">{esc(tag)}</span></span>'


def _group_html(part: _File, L: dict, lang: str, names: dict) -> str:
    """The findings of one file, grouped by severity then code, each linking to its place."""
    doc = part.result.doc
    where = L["para"] if getattr(doc, "line_label", None) == "paragraph" else L["line"]
    groups = defaultdict(list)
    for k, f in enumerate(part.findings):
        groups[(ORDER.index(f.severity), f.code)].append(k)
    out = []
    for (rank, code), ks in sorted(groups.items()):
        # A long group (98 unfilled placeholders) starts folded so the other groups stay in sight.
        folded = len(ks) > FOLD_OVER and len(groups) > 1
        out.append(f'<details class="group"{"" if folded else " open"}><summary><h3>{esc(code)} '
                   f'{esc(names.get(code, ""))} <span class="sev">· {esc(severity_label(ORDER[rank], lang))} · '
                   f'{len(ks)}</span></h3></summary><ul>')
        for k in ks:
            f, fid = part.findings[k], part.ids[k]
            out.append(f'<li class="s-{f.severity}" id="i{fid[1:]}" data-f="{fid}"><a href="#{fid}">'
                       f'<span class="where">{esc(where.format(f.line, f.column))}</span>{esc(f.message)}'
                       f'{_fix_html(f, doc, L, lang)}</a></li>')
        out.append("</ul></details>")
    return "".join(out)


class _Page:
    """The report's page: what every part of it needs (language, labels, counts)."""

    def __init__(self, parts: List[_File], lang: str):
        from doclint.engine.registry import all_checks
        self.parts = parts
        self.lang = "en" if lang == "en" else "zh"
        self.L = TEXTS[self.lang]
        self.names = {code: c.summary.get(self.lang) or c.summary.get("zh") or c.name
                      for code, c in all_checks().items()}
        self.sev_count = Counter(f.severity for p in parts for f in p.findings)
        self.code_count = Counter(f.code for p in parts for f in p.findings)
        self.total = sum(self.sev_count.values())
        self.multi = len(parts) > 1
        self.title = self.L["title"] + ("" if self.multi or not parts else "：" + parts[0].result.path)

    def sev(self, s: str) -> str:
        return esc(severity_label(s, self.lang))

    def counts(self, counter) -> str:
        return "，".join(f"{self.sev(s)} {counter[s]}" for s in ORDER if counter[s])

    def header(self) -> str:
        L = self.L
        sev_boxes = "".join(f'<label><input type="checkbox" name="sev" value="{s}" checked> '
                            f'<span class="tag">{self.sev(s)} {self.sev_count[s]}</span></label>' for s in ORDER)
        code_boxes = "".join(
            f'<label title="{esc(self.names.get(c, ""))}"><input type="checkbox" name="code" value="{esc(c)}" checked> '
            f'{esc(c)} ({n})</label>' for c, n in sorted(self.code_count.items()))
        return (f'<header><h1>{esc(self.title)}</h1><div class="filters">'
                f'<span>{esc(L["severity"])}：</span>{sev_boxes}<span>{esc(L["codes"])}：</span>'
                f'<span class="codes">{code_boxes}</span><button id="all" type="button">{esc(L["all"])}</button></div>'
                f'<div class="nav"><button id="prev" type="button">↑ {esc(L["prev"])}</button>'
                f'<button id="next" type="button">↓ {esc(L["next"])}</button><span id="counter"></span> · '
                f'{esc(L["shown"])} <span id="shown">{self.total}</span> {esc(L["of"])} {self.total} '
                f'{esc(L["unit"])} · <small>{esc(L["keys"])}</small></div></header>')

    def aside(self) -> str:
        out = [f'<h2>{esc(self.L["list"])}</h2>']
        if not self.total:
            out.append(f'<p class="muted">{esc(self.L["none"])}</p>')
        for p in (p for p in self.parts if p.findings):
            if self.multi:
                out.append(f'<h2><a href="#file{p.index}">{esc(p.result.path)}</a></h2>')
            out.append(_group_html(p, self.L, self.lang, self.names))
        return "".join(out)

    def summary(self) -> str:
        L = self.L
        files_with = sum(1 for p in self.parts if p.findings)
        out = [f'<section id="summary"><h2>{esc(L["summary"])}</h2>',
               f'<p>{esc(L["checked"].format(len(self.parts), files_with))}；'
               f'{self.counts(self.sev_count) or esc(L["none"])}</p>']
        bad = [p for p in self.parts if p.result.error]
        if bad:
            out.append("<ul>" + "".join(f'<li class="err">{esc(p.result.error)}</li>' for p in bad) + "</ul>")
        if self.code_count:
            out.append(f'<table class="sum"><tr><th>{esc(L["code"])}</th><th>{esc(L["count"])}</th>'
                       f'<th>{esc(L["desc"])}</th></tr>')
            out.extend(f'<tr><td>{esc(c)}</td><td class="n">{n}</td><td>{esc(self.names.get(c, ""))}</td></tr>'
                       for c, n in sorted(self.code_count.items()))
            out.append("</table>")
        if self.multi:
            out.append(self.contents())
        out.append("</section>")
        return "".join(out)

    def contents(self) -> str:
        out = [f'<h2>{esc(self.L["toc"])}</h2><ol id="toc">']
        for p in self.parts:
            state = esc(self.L["unreadable"]) if p.result.error else (
                self.counts(Counter(f.severity for f in p.findings)) or esc(self.L["none"]))
            out.append(f'<li><a href="#file{p.index}">{esc(p.result.path)}</a> <span class="muted">{state}</span></li>')
        out.append("</ol>")
        return "".join(out)

    def file_section(self, p: _File) -> str:
        head = f'<h2 id="file{p.index}">{esc(p.result.path)}</h2>' if self.multi else ""
        if p.result.error:
            return f'<section class="file">{head}<p class="err">{esc(p.result.error)}</p></section>'
        if p.result.doc is None:
            return f'<section class="file">{head}</section>'
        note = "" if p.findings else f'<p class="muted">{esc(self.L["none"])}</p>'
        return f'<section class="file">{head}{note}{_document_html(p)}</section>'

    def render(self) -> str:
        nonce = secrets.token_hex(16)
        csp = f"default-src 'none'; style-src 'nonce-{nonce}'; script-src 'nonce-{nonce}'"
        main = self.summary() + "".join(self.file_section(p) for p in self.parts)
        return f"""<!DOCTYPE html>
<html lang="{'zh-CN' if self.lang == 'zh' else 'en'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="doclint">
<title>{esc(self.title)}</title>
<style nonce="{nonce}">{_CSS}</style>
</head>
<body>
{self.header()}
<div id="panes"><aside>{self.aside()}</aside>
<main>{main}</main></div>
<script nonce="{nonce}">{_JS}</script>
</body>
</html>
"""


class HtmlReporter(Reporter):
    def __init__(self, stream, **kw):
        super().__init__(stream, **kw)
        self.parts: List[_File] = []

    def file(self, result):
        self.parts.append(_File(len(self.parts) + 1, result))

    def finish(self, results):
        self.stream.write(_Page(self.parts, self.lang).render())
