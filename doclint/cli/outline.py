"""`doclint outline FILE…`: the heading tree of a document, to review its structure.

Text output shows one heading per line, indented by depth, with its line
number; numbering problems found by the DL3xx checks are marked at the end of
the line (`--no-check` leaves them out). `--format json` gives the tree as
nested objects: level, number, marker, style, title, line, start, end, nested,
children (and the problems, as `findings`).
"""
from __future__ import annotations

import json
import sys
import unicodedata

import click

from doclint.errors import DoclintError

_MAX_TITLE = 40


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _short(title: str, limit: int = _MAX_TITLE) -> str:
    return title if len(title) <= limit else title[:limit - 1] + "…"


def _problems(doc, lang):
    """DL3xx findings by heading start offset."""
    from doclint.engine.config import Config
    from doclint.engine.runner import lint, select_checks
    findings = lint(doc, select_checks(Config(), ["DL301", "DL302", "DL303", "DL304"]), Config(), lang)
    out = {}
    for f in findings:
        out.setdefault(f.start, []).append(f)
    return out


def _items_by_heading(doc, outline):
    """In-paragraph enumeration items (一要/一是/第一，) by the heading whose section holds them."""
    out = {}
    for it in outline.enumerations:
        if it.family == "order":
            continue
        path = outline.section_at(it.start)
        out.setdefault(id(path[-1]) if path else None, []).append(it)
    return out


def _item_line(doc, it, depth):
    para = doc.paragraphs[it.paragraph]
    rest = doc.text[it.start:para.end]
    cut = min([i for i in (rest.find("。"), rest.find("；")) if i >= 0] or [len(rest)])
    line, _ = doc.position(it.start)
    return f"{line:>5}  " + "  " * depth + "· " + _short(rest[:cut], 30)


def render_text(doc, outline, problems, lang="zh", items=False) -> str:
    zh = lang == "zh"
    lines = []
    by_heading = _items_by_heading(doc, outline) if items else {}
    label = doc.line_label or ("行" if zh else "line")
    if not outline.headings and not by_heading:
        return ("（未找到标题）" if zh else "(no headings found)")

    def walk(hs, depth):
        for h in hs:
            title = _short(h.title) if h.title else ("……" if zh else "…")
            text = "  " * depth + h.marker + title
            notes = []
            if h.nested and h.number == 1:
                notes.append("嵌套列举" if zh else "sub-list")
            for f in problems.get(h.start, ()):
                notes.append(f"{f.code} {f.message}")
            pad = max(1, 56 - _width(text))
            line = f"{h.line:>5}  {text}"
            if notes:
                line += " " * pad + ("← " + "；".join(notes) if zh else "<- " + "; ".join(notes))
            lines.append(line)
            for it in by_heading.get(id(h), ()):
                lines.append(_item_line(doc, it, depth + 1))
            walk(h.children, depth + 1)

    lines.append(f"{label:>5}  " + ("标题" if zh else "heading"))
    for it in by_heading.get(None, ()):
        lines.append(_item_line(doc, it, 0))
    walk(outline.roots, 0)
    n_top = len(outline.roots)
    lines.append("")
    lines.append(f"共 {len(outline.headings)} 个标题，{n_top} 个一级部分" if zh else
                 f"{len(outline.headings)} headings, {n_top} top-level sections")
    return "\n".join(lines)


def outline_json(doc, outline, problems, lang="zh") -> dict:
    def node(h):
        d = h.to_dict()
        d["children"] = [node(c) for c in h.children]
        d["findings"] = [{"code": f.code, "severity": f.severity, "message": f.message}
                         for f in problems.get(h.start, ())]
        d["items"] = [{"word": it.text, "number": it.number, "line": doc.position(it.start)[0]}
                      for it in by_heading.get(id(h), ())]
        return d
    by_heading = _items_by_heading(doc, outline)
    return {"path": doc.path, "headings": [node(h) for h in outline.roots],
            "count": len(outline.headings)}


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="输出格式 output format")
@click.option("--check/--no-check", default=True, show_default=True,
              help="标出序号问题（DL301–DL304） mark numbering problems")
@click.option("--items", is_flag=True, help="同时列出段中列举（一要、一是、第一，） also list in-paragraph enumerations")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="消息语言 message language")
def outline(paths, fmt, check, items, lang):
    """显示文件的标题层次（一、（一）1.（1））。

    Show a document's heading tree (一、 （一） 1. （1）).
    """
    from doclint.cli import env_lang
    from doclint.files.reader import read_path
    lang = env_lang(lang)
    results, failed = [], False
    for i, path in enumerate(paths):
        try:
            doc = read_path(path)
            tree = doc.headings
            problems = _problems(doc, lang) if check else {}
        except DoclintError as err:
            click.echo(f"doclint: {err.render(lang)}", err=True)
            failed = True
            continue
        if fmt == "json":
            results.append(outline_json(doc, tree, problems, lang))
            continue
        if len(paths) > 1:
            if i:
                click.echo("")
            click.echo(f"== {doc.path}")
        click.echo(render_text(doc, tree, problems, lang, items=items))
    if fmt == "json":
        click.echo(json.dumps(results if len(paths) > 1 else (results[0] if results else None),
                              ensure_ascii=False, indent=2))
    sys.exit(2 if failed else 0)
