"""DL701 web-residue and DL702 editor-note: text left over from where the draft came from.

Drafts are often started from a page of a template or document-sharing site,
or from a news page, and keep some of it: "仅供学习 禁止外传", subscription
adverts, QQ/会员 group lines, 【字号：大 中 小】 and 【打印】【关闭】 menus,
来源：/责任编辑： lines, photo credits (本报记者 张三 摄). Editors leave
TODO, 批注, Word comment anchors ([A1]) and bracketed notes (（请核实数据）).

Patterns live in dictionaries/leftover_web.txt and leftover_notes.txt. Web
residue is mostly whole lines: a line matching a strong pattern is residue;
a short line with no full stop is residue too when it sits between two
residue lines of the same block (the site's slogan lines between its
notices), or when it carries a weak advert word (leftover_weak.txt) and is
next to a residue line. Bracketed placeholders (【待补充】, （待定）,
[此处…]) belong to DL201 and are not reported here.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import List, Tuple

import regex

from doclint.text import rx

from doclint.model.finding import Fix, Issue
from doclint.engine.registry import check
from doclint.checks.placeholder import BRACKET_NOTE

# Content of a bracket that DL201 (unfilled-placeholder) already reports.
_DL201_BRACKET = rx.compile(rf"^(?:{BRACKET_NOTE})")
_SENTENCE_END = rx.compile(r"[。！？!?]\s*$|[。；]")
# A document title is never taken for residue by context (only by a pattern of its own).
_TITLE = rx.compile(r"^\s*(?:关于|在.{2,40}上的)|(?:通知|讲话|报告|意见|方案|办法|决定|函|纪要|批复|请示|规划|要点|"
                       r"总结|通报|公告|通告|细则|规定|致辞|发言|说明|决议|条例)\s*$")


@dataclass(frozen=True)
class Pattern:
    regex: object
    zh: str
    en: str
    span: str       # "line" or "match"
    line_max: int   # 0: any length
    safe: bool


def _pattern(e) -> Pattern:
    """An existence entry: REGEX, label zh, label en, options span=, line_max=, fix=."""
    opts = dict(e.options)
    try:
        compiled = rx.guarded(rx.compile(e.columns[0], regex.M), e.where)   # a config's: with a timeout
        line_max = int(opts.get("line_max", 0) or 0)
    except (ValueError, regex.error) as exc:
        from doclint.errors import ConfigError
        raise ConfigError(f"{e.source}:{e.line}", f"正则表达式或选项有误（{exc}）", f"bad pattern or option ({exc})")
    return Pattern(compiled, e.columns[1], e.columns[2], opts.get("span", "line"), line_max, opts.get("fix") == "safe")


@lru_cache(maxsize=16)
def _patterns(entries: Tuple) -> List[Pattern]:
    return [_pattern(e) for e in entries]


def _load(ctx, name):
    return _patterns(ctx.entries(name))


def _line_delete(doc, span):
    """A fix deleting a whole line, with its line break."""
    start = doc.line_starts[doc.position(span.start)[0] - 1]
    end = span.end
    if doc.text.startswith("\r\n", end):
        end += 2
    elif end < len(doc.text) and doc.text[end] in "\r\n":
        end += 1
    return Fix.delete(start, end, safe=False, zh="删除此行", en="delete this line")


def _short_fragment(text: str, limit: int) -> bool:
    t = text.strip()
    return (0 < len(t) <= limit and not _SENTENCE_END.search(t[:-1] if t.endswith("！") else t)
            and not _TITLE.search(t))


@check(
    code="DL701", name="web-residue", severity="warning", fixable=True,
    summary={"zh": "网页或范文网站残留（仅供学习、QQ群、订阅广告、【字号】菜单、来源/责任编辑、图片署名）",
             "en": "Web-page or template-site residue (adverts, QQ groups, 【字号】 menus, 来源/责任编辑, photo credits)"},
    description={
        "zh": "查找从网页或范文网站复制时带入的内容：“仅供学习 禁止外传”声明、订阅和会员广告、QQ群/微信群、"
              "【字号：大 中 小】和【打印】【关闭】菜单、“来源：”“发布时间：”“责任编辑：”等网页行、"
              "新闻图片署名（本报记者 张三 摄）和电头。夹在广告行之间的短行、紧邻广告行且含“免费、赠送、"
              "资料”等词的短行一并报告（标题行除外）。规则在词典 leftover_web、leftover_weak 中。修复：删除整行"
              "（需 --unsafe-fixes 确认），网页菜单可安全删除。“资料来源：”“数据来源：”图表注不报告。",
        "en": "Finds text carried over from a web page or a template site: “仅供学习 禁止外传” notices, "
              "subscription and membership adverts, QQ/WeChat group lines, 【字号：大 中 小】 and 【打印】【关闭】 "
              "menus, 来源:/发布时间:/责任编辑: lines, news photo credits (本报记者 张三 摄) and datelines. "
              "Short lines between advert lines, and short lines next to one that carry a weak advert word "
              "(免费, 赠送, 资料), are reported too. Rules: dictionaries leftover_web and leftover_weak. Fix: "
              "delete the line (unsafe); page menus are deleted safely. Chart notes (资料来源：) are fine."},
    wrong="仅供学习 禁止外传\n现在订阅立享前3年的所有权益和资料\n在市政府重点工作推进会上的讲话",
    right="在市政府重点工作推进会上的讲话",
    options={"fragment_max": 40},
)
# complexity: line patterns, context rules and inline matches of one scan; the precision issue redesigns DL701
def web_residue(doc, ctx):
    patterns = _load(ctx, "leftover_web")
    weak = [w for w in ctx.words("leftover_weak") if w]
    limit = ctx.options.get("fragment_max", 40)
    lines = doc.lines
    residue = {}           # line index -> (zh, en)
    inline = []            # (start, end, Pattern)
    for i, ln in enumerate(lines):
        if not ln.text.strip():
            continue
        for p in patterns:
            if p.line_max and len(ln.text.strip()) > p.line_max:
                continue
            for m in p.regex.finditer(ln.text):
                if m.end() == m.start():
                    continue
                if p.span == "line":
                    residue.setdefault(i, (p.zh, p.en))
                else:
                    inline.append((ln.start + m.start(), ln.start + m.end(), p))
                if p.span == "line":
                    break
            if i in residue:
                break
    # Context: fragments sandwiched between residue lines of one block, and
    # short lines with a weak advert word next to residue (blank lines between are fine).
    strong = sorted(residue)
    nonblank = [i for i, ln in enumerate(lines) if ln.text.strip()]
    for a, b in zip(strong, strong[1:]):
        if b - a > 1 and all(lines[j].text.strip() for j in range(a + 1, b)):
            for j in range(a + 1, b):
                if _short_fragment(lines[j].text, limit):
                    residue.setdefault(j, ("夹在网页残留行之间的内容", "text between web-residue lines"))
    changed = True
    while changed:
        changed = False
        for i in nonblank:
            if i in residue or not _short_fragment(lines[i].text, limit):
                continue
            if not any(w in lines[i].text for w in weak):
                continue
            if (i - 1) in residue or (i + 1) in residue:  # directly next to residue
                residue[i] = ("紧邻网页残留的广告内容", "advert text next to web residue")
                changed = True
    found = []
    for i, (zh, en) in residue.items():
        ln = lines[i]
        lead = len(ln.text) - len(ln.text.lstrip())
        s, e = ln.start + lead, ln.start + len(ln.text.rstrip())
        found.append((s, e, f"网页残留（{zh}）：“{doc.text[s:e]}”", f"web residue ({en}): “{doc.text[s:e]}”",
                      _line_delete(doc, ln)))
    for s, e, p in inline:
        line_idx = doc.position(s)[0] - 1
        if line_idx in residue:
            continue
        # trim surrounding whitespace from the reported span
        t = doc.text[s:e]
        s2 = s + len(t) - len(t.lstrip())
        e2 = s + len(t.rstrip())
        ln = lines[line_idx]
        if doc.text[s2:e2] == ln.text.strip():
            # the residue is the whole line: delete the line, not just its text
            whole = _line_delete(doc, ln)
            fix = Fix(whole.edits, safe=p.safe, zh=whole.zh, en=whole.en)
        else:
            fix = Fix.delete(s, e, safe=p.safe, zh="删除", en="delete")
        found.append((s2, e2, f"网页残留（{p.zh}）：“{doc.text[s2:e2]}”",
                      f"web residue ({p.en}): “{doc.text[s2:e2]}”", fix))
    found.sort()
    last = -1
    for s, e, zh, en, fix in found:
        if s < last:
            continue
        last = e
        yield Issue(s, e, zh, en, fix=fix)


@check(
    code="DL702", name="editor-note", severity="warning",
    summary={"zh": "遗留的编辑标记和批注（TODO、批注、[A1]、（请核实）、（此段可删））",
             "en": "Editor note left in the text (TODO, 批注, [A1], （请核实）, （此段可删））"},
    description={
        "zh": "查找起草、审改过程中留在正文里的编辑标记：TODO/FIXME、批注、Word 批注锚点（[A1]）、"
              "【修改：…】【删除】等修订标记、（此段可删）、（请核实数据）（需补充）一类起草说明。"
              "【待补充】（待定）[此处…] 等占位符由 DL201 报告，这里不重复。规则在词典 leftover_notes 中。",
        "en": "Finds marks left by drafters and reviewers: TODO/FIXME, 批注 comments, Word comment anchors "
              "([A1]), revision marks (【修改：…】, 【删除】), （此段可删）, bracketed notes such as （请核实数据） "
              "or （需补充）. Placeholders such as 【待补充】（待定）[此处…] are DL201's and are not repeated. "
              "Rules: dictionary leftover_notes."},
    wrong="全市生产总值增长6.5%（请统计局核实）", right="全市生产总值增长6.5%",
)
def editor_note(doc, ctx):
    patterns = _load(ctx, "leftover_notes")
    text = doc.text
    found = []
    for p in patterns:
        for m in p.regex.finditer(text):
            s, e = m.span()
            if e == s or _DL201_BRACKET.match(m.group(0)):
                continue
            found.append((s, e, p))
    found.sort(key=lambda x: (x[0], -x[1]))
    last = -1
    for s, e, p in found:
        if s < last:
            continue
        last = e
        shown = text[s:e]
        yield Issue(s, e, f"遗留的{p.zh}：“{shown}”", f"leftover {p.en}: “{shown}”")
