"""`doclint outline` output: the heading tree as indented text or as JSON.

Text shows one heading per line, indented by depth, with its line number and
the numbering problems found at it; JSON gives the tree as nested objects:
level, number, marker, style, title, line, start, end, nested, children,
findings and (in-paragraph enumerations) items.
"""
from __future__ import annotations

from doclint.text.display import width

_MAX_TITLE = 40


def _short(title: str, limit: int = _MAX_TITLE) -> str:
    return title if len(title) <= limit else title[:limit - 1] + "…"


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
            pad = max(1, 56 - width(text))
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
