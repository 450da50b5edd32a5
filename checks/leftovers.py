"""DL701 web-residue and DL702 editor-note: text left over from where the draft came from.

Drafts are often started from a government web page, a news page or a template
site, and keep some of it: the page's menus, breadcrumb, publication data,
photo captions, QR prompts, related links, footer and licence notice, or the
template site's adverts ("仅供学习 禁止外传", subscriptions, QQ groups). DL701
reports each block of such lines once (checks/_chrome.py says how a block is
found: by the shape of whole lines and bounded inference from neighbours, never
by a word inside the document's own text), and a few inline leftovers (a
【字号：大 中 小】 menu, two bracketed menu items in a row, a photo credit, a
news dateline). A word in brackets inside a sentence (点击【下载】获取申请表) is
never residue. The fix deletes exactly what is reported and is never applied
without --unsafe-fixes: deleting lines is the drafter's decision.

Editors leave TODO, 批注, Word comment anchors ([A1]) and bracketed notes
(（请核实数据）): DL702. Bracketed placeholders (【待补充】, （待定）, [此处…])
belong to DL201 and are not reported here.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import List, Tuple

import regex

from doclint.text import rx

from doclint.model.finding import Fix, Issue
from doclint.engine.registry import check
from doclint.checks._chrome import chrome_lines, inline_rules, page_chrome
from doclint.checks.placeholder import BRACKET_NOTE

# Content of a bracket that DL201 (unfilled-placeholder) already reports.
_DL201_BRACKET = rx.compile(rf"^(?:{BRACKET_NOTE})")


@dataclass(frozen=True)
class Pattern:
    regex: object
    zh: str
    en: str


def _pattern(e) -> Pattern:
    """An existence entry: REGEX, label zh, label en."""
    try:
        compiled = rx.guarded(rx.compile(e.columns[0], regex.M), e.where)   # a config's: with a timeout
    except (ValueError, regex.error) as exc:
        from doclint.errors import ConfigError, entry_problem
        raise ConfigError(f"{e.source}:{e.line}", *entry_problem(exc))
    return Pattern(compiled, e.columns[1], e.columns[2])


@lru_cache(maxsize=16)
def _patterns(entries: Tuple) -> List[Pattern]:
    return [_pattern(e) for e in entries]


def _load(ctx, name):
    return _patterns(ctx.entries(name))


def _excerpt(doc, first: int, last: int) -> str:
    """The block's lines joined with “ / ”, shortened in the middle when long."""
    parts = [doc.lines[k].text.strip() for k in range(first, last + 1) if doc.lines[k].text.strip()]
    shown = " / ".join(parts)
    if len(shown) > 48:
        shown = shown[:30] + " … " + shown[-14:]
    return shown


def _block_issue(doc, block) -> Issue:
    first, last = doc.lines[block.first], doc.lines[block.last]
    lead = len(first.text) - len(first.text.lstrip())
    s = first.start + lead
    e = last.start + len(last.text.rstrip())
    # the fix deletes the reported lines with their line breaks, nothing else
    end = last.end
    if doc.text.startswith("\r\n", end):
        end += 2
    elif end < len(doc.text) and doc.text[end] in "\r\n":
        end += 1
    zh_labels = "、".join(dict.fromkeys(z for z, _ in block.labels[:4]))
    en_labels = ", ".join(dict.fromkeys(en for _, en in block.labels[:4]))
    count = block.last - block.first + 1
    where_zh = f"（第{block.first + 1}—{block.last + 1}行，共{count}行）" if count > 1 else ""
    where_en = f" (lines {block.first + 1}-{block.last + 1})" if count > 1 else ""
    shown = _excerpt(doc, block.first, block.last)
    zh_del = f"删除这{count}行" if count > 1 else "删除此行"
    en_del = f"delete these {count} lines" if count > 1 else "delete this line"
    return Issue(s, e, f"网页残留（{zh_labels}）：“{shown}”{where_zh}",
                 f"web-page residue ({en_labels}): “{shown}”{where_en}",
                 fix=Fix.delete(first.start, end, safe=False, zh=zh_del, en=en_del))


@check(
    code="DL701", name="web-residue", severity="warning", fixable=True, covers=True,
    summary={"zh": "网页或范文网站残留（页面菜单、导航、来源/时间/阅读量、图片说明、二维码、相关链接、页脚、广告）",
             "en": "Web-page or template-site residue (menus, breadcrumbs, source/time/counters, captions, "
                   "QR prompts, related links, footers, adverts)"},
    description={
        "zh": "查找从网页或范文网站复制时带入的内容，按块报告：下载/打印/全屏/收藏一类功能菜单（常为每词一行）、"
              "【字号：加大 还原 减小】【字体：大 中 小】菜单、“当前位置：首页 > …”导航、“来源：”“发表时间：”"
              "“阅读量：”“责任编辑：”等发布信息、新闻图片说明（……本报记者 张三 摄）、“扫一扫在手机打开当前页”、"
              "“相关报道：”等相关链接栏、网站页脚（ICP备、网站标识码、版权所有）、作品许可声明、网页代码，以及范文网站的"
              "“仅供学习 禁止外传”、订阅和会员广告、QQ群。菜单词只在整行都是菜单词、且与其他残留行相邻时才算；"
              "标题、副标题（——…会议上）、署名、称呼（各位代表：）、各级标题、日期、附件和名词解释、正文段落从不报告，"
              "也阻断一切由相邻行作出的推断。句中括起来的词（点击【下载】获取申请表）不是残留。"
              "修复：删除所报告的行（需 --unsafe-fixes 确认）。规则在词典 leftover_web、leftover_weak 中。",
        "en": "Finds, block by block, what a web page or a template site wraps around a document: toolbars "
              "(下载/打印/全屏/收藏, often one word per line), font-size menus (【字号：加大 还原 减小】), breadcrumbs "
              "(当前位置：首页 > …), publication data (来源：, 发表时间：, 阅读量：, 责任编辑：), photo captions "
              "(…本报记者 张三 摄), QR prompts, related-links boxes, footers (ICP备, 网站标识码, 版权所有), licence "
              "notices, page code, and template-site adverts (仅供学习 禁止外传, subscriptions, QQ groups). Menu "
              "words count only as whole lines next to other residue; the document's title, subtitle, byline, "
              "salutation, headings, dates, annexes and paragraphs are never reported and stop every inference "
              "from neighbouring lines. A bracketed word inside a sentence (点击【下载】获取申请表) is not residue. "
              "Fix: delete the reported lines (unsafe). Rules: dictionaries leftover_web and leftover_weak."},
    wrong="下载\n打印\n【字号：\n加大\n还原\n减小\n】\n在市政府重点工作推进会上的讲话",
    right="在市政府重点工作推进会上的讲话",
)
def web_residue(doc, ctx):
    blocks = page_chrome(doc, ctx)
    found = [_block_issue(doc, b) for b in blocks]
    covered = chrome_lines(doc, ctx)
    for rule in inline_rules(ctx):
        for m in rule.regex.finditer(doc.text):
            if m.end() == m.start():
                continue
            line_idx = doc.position(m.start())[0] - 1
            if line_idx in covered or doc.protected.covers(m.start()):
                continue
            t = m.group(0)
            s = m.start() + len(t) - len(t.lstrip())
            e = m.start() + len(t.rstrip())
            shown = doc.text[s:e]
            found.append(Issue(s, e, f"网页残留（{rule.zh}）：“{shown}”", f"web-page residue ({rule.en}): “{shown}”",
                               fix=Fix.delete(s, e, safe=False, zh="删除", en="delete")))
    found.sort(key=lambda x: (x.start, -x.end))
    last = -1
    for issue in found:
        if issue.start < last:
            continue
        last = issue.end
        yield issue


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
