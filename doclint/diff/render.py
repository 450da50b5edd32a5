"""Pieces shared by the diff reports: inline runs, side runs, labels, block headings, context."""
from __future__ import annotations

from typing import Dict, List, Optional, Tuple

from doclint.diff.model import Block, Change, DiffResult

Run = Tuple[str, str]  # ("eq" | "del" | "ins" | "mvdel" | "mvins", text)


def inline_runs(c: Change) -> List[Run]:
    """The change as one text with deletions and insertions in place (a clause moved inside
    the sentence is "mvdel" where it was and "mvins" where it went)."""
    if c.op == "insert":
        return [("ins", c.new.text)]
    if c.op == "delete":
        return [("del", c.old.text)]
    if not c.edits:
        return [("eq", (c.new or c.old).text)]
    old = c.old.text
    out, pos = [], 0
    for e in c.edits:
        if e.old_start > pos:
            out.append(("eq", old[pos:e.old_start]))
        if e.old:
            out.append(("mvdel" if e.move else "del", e.old))
        if e.new:
            out.append(("mvins" if e.move else "ins", e.new))
        pos = e.old_end
    if pos < len(old):
        out.append(("eq", old[pos:]))
    return out


def side_runs(c: Change, side: str) -> List[Run]:
    """One side of the change ("old" or "new") with its changed words marked."""
    seg = c.old if side == "old" else c.new
    if seg is None:
        return []
    if c.op in ("insert", "delete"):
        return [("ins" if side == "new" else "del", seg.text)]
    text = seg.text
    out, pos = [], 0
    for e in c.edits:
        s, t = (e.old_start, e.old_end) if side == "old" else (e.new_start, e.new_end)
        mark = ("mvdel" if e.move else "del") if side == "old" else ("mvins" if e.move else "ins")
        if s > pos:
            out.append(("eq", text[pos:s]))
        if t > s:
            out.append((mark, text[s:t]))
        pos = t
    if pos < len(text):
        out.append(("eq", text[pos:]))
    return out


LABELS = {
    "zh": {"equal": "未变", "insert": "新增", "delete": "删除", "modify": "修改", "move": "移动",
           "replace": "替换", "renumber": "编号顺延", "para_split": "在此处分段", "para_merge": "与下段合并",
           "line": "第 {} 行", "old_line": "旧稿第 {} 行", "new_line": "新稿第 {} 行",
           "sim": "相似度", "moved_to": "移至新稿第 {} 行", "moved_from": "自旧稿第 {} 行移来",
           "edited": "有修改", "summary": "摘要", "identical": "两稿文字相同。",
           "layout": "两稿文字相同，仅空白或换行不同。", "paragraphs": "两稿句子相同，但分段不同。",
           "budget": "注意：比较预算（{} 次）已用尽，部分句子未做模糊匹配或移动检测，结果可能不完整。",
           "moved_and_edited": "其中有修改", "introduced": "新稿引入的问题", "resolved": "新稿已解决的问题",
           "lint": "检查结果变化", "none": "无", "sentences": "{} 句", "width": "仅全角/半角",
           "split": "拆分或合并", "paragraph": "整段移动", "clause": "分句移位",
           "renumbered": "{}至{}依次改为{}至{}", "renumbered_one": "{}改为{}", "count": "共 {} 处",
           "wraps": "已合并硬换行：旧稿 {} 处，新稿 {} 处。", "unfold": "… 未变 {} 句（展开）…",
           "unfold_paras": "… 未变 {} 段（展开）…", "expand_all": "展开全文", "context": "上下文"},
    "en": {"equal": "unchanged", "insert": "inserted", "delete": "deleted", "modify": "modified",
           "move": "moved", "replace": "replaced", "renumber": "renumbered",
           "para_split": "paragraph split here", "para_merge": "merged with the next paragraph",
           "line": "line {}", "old_line": "old line {}", "new_line": "new line {}",
           "sim": "similarity", "moved_to": "moved to new line {}",
           "moved_from": "moved from old line {}", "edited": "edited", "summary": "Summary",
           "identical": "The drafts are identical.",
           "layout": "Same text; only whitespace or line wraps differ.",
           "paragraphs": "Same sentences, but the paragraph breaks differ.",
           "budget": "Note: the comparison budget ({}) ran out; some sentences were not fuzzy-matched "
                     "or checked for moves, so the result may be incomplete.",
           "moved_and_edited": "of them edited", "introduced": "Findings introduced by the new draft",
           "resolved": "Findings resolved by the new draft", "lint": "Lint changes", "none": "none",
           "sentences": "{} sentences", "width": "full/half-width only",
           "split": "split or merged", "paragraph": "whole paragraph moved", "clause": "clause moved",
           "renumbered": "{}…{} renumbered {}…{}", "renumbered_one": "{} renumbered {}", "count": "{} headings",
           "wraps": "Hard line wraps joined: {} in the old draft, {} in the new.",
           "unfold": "… {} unchanged sentences (show) …", "unfold_paras": "… {} unchanged paragraphs (show) …",
           "expand_all": "Show everything", "context": "context"},
}


_PARA_LABELS = {
    "zh": {"old_line": "旧稿第 {} 段", "moved_from": "自旧稿第 {} 段移来",
           "new_line": "新稿第 {} 段", "moved_to": "移至新稿第 {} 段"},
    "en": {"old_line": "old paragraph {}", "moved_from": "moved from old paragraph {}",
           "new_line": "new paragraph {}", "moved_to": "moved to new paragraph {}"},
}


def labels(lang: str, units=(False, False)) -> dict:
    """LABELS for `lang`; positions in a .docx side are paragraphs, not lines."""
    L = dict(LABELS[lang])
    P = _PARA_LABELS[lang]
    if units[0]:
        L["old_line"], L["moved_from"] = P["old_line"], P["moved_from"]
    if units[1]:
        L["new_line"], L["moved_to"] = P["new_line"], P["moved_to"]
    return L


# (count key, Chinese, English, shown when zero)
_SUMMARY_PARTS = (
    ("modify", "修改 {} 处", "{} modified", True),
    ("insert", "新增 {} 处", "{} inserted", True),
    ("delete", "删除 {} 处", "{} deleted", True),
    ("replace", "替换 {} 处", "{} replaced", False),
    ("move", "移动 {} 处（其中有修改 {} 处）", "{} moved ({} of them edited)", True),
    ("renumber", "编号顺延 {} 处", "{} renumbering runs", False),
    ("split", "分段 {} 处", "{} paragraph splits", False),
    ("merge", "合段 {} 处", "{} paragraph merges", False),
)
_SUMMARY = {"zh": ("共 {} 处改动：", "，", "；其中全角/半角改动 {} 处", "；增加 {} 字，删去 {} 字。"),
            "en": ("{} edits: ", ", ", "; {} of the changes are full/half-width only",
                   "; {} characters added, {} removed.")}


def summary_line(res: DiffResult, lang: str) -> str:
    """The edits as a reviewer counts them (blocks), not sentences."""
    e = res.edit_counts()
    st = res.stats()
    head, sep, width, chars = _SUMMARY[lang]
    parts = [(zh if lang == "zh" else en).format(e[key], e["moved_and_edited"])
             for key, zh, en, always in _SUMMARY_PARTS if always or e[key]]
    s = head.format(e["total"]) + sep.join(parts)
    if e["width_edits"]:
        s += width.format(e["width_edits"])
    return s + chars.format(st["inserted_chars"], st["deleted_chars"])


def change_heading(c: Change, lang: str, kind: str = "change", units=(False, False)) -> str:
    """'旧稿第 3 行 → 新稿第 4 行  修改（相似度 0.85）' and the like."""
    L = labels(lang, units)
    sep = "，" if lang == "zh" else ", "
    lp, rp = ("（", "）") if lang == "zh" else (" (", ")")
    if kind == "move_from":
        extra = [L["moved_to"].format(c.new_line)] + ([L["paragraph"]] if c.whole_paragraph else [])
        return f"{L['old_line'].format(c.old_line)}  {L['move']} #{c.move_id}{lp}{sep.join(extra)}{rp}"
    if c.op == "insert":
        return f"{L['new_line'].format(c.new_line)}  {L['insert']}"
    if c.op == "delete":
        return f"{L['old_line'].format(c.old_line)}  {L['delete']}"
    extra = []
    if c.op == "move":
        head = f"{L['new_line'].format(c.new_line)}  {L['move']} #{c.move_id}"
        extra.append(L["moved_from"].format(c.old_line))
        if c.whole_paragraph:
            extra.append(L["paragraph"])
        if c.edited:
            extra.append(f"{L['edited']}{sep}{L['sim']} {c.similarity:.2f}")
    else:
        head = f"{L['old_line'].format(c.old_line)} → {L['new_line'].format(c.new_line)}  {L[c.op]}"
        if c.op == "modify":
            extra.append(f"{L['sim']} {c.similarity:.2f}")
            if c.old.first != c.old.last or c.new.first != c.new.last:
                extra.append(L["split"])
            if c.width_only:
                extra.append(L["width"])
            if any(e.move for e in c.edits):
                extra.append(L["clause"])
    return head + (f"{lp}{sep.join(extra)}{rp}" if extra else "")


def _span(L, key, first, last) -> str:
    if first is None:
        return ""
    if last is None or last == first:
        return L[key].format(first)
    return L[key].format(f"{first}–{last}")


def renumber_summary(b: Block, lang: str) -> str:
    """（四）至（九）依次改为（五）至（十），共 6 处."""
    L = LABELS[lang]
    old, new = b.summary["old"], b.summary["new"]
    sep = "，" if lang == "zh" else ", "
    if len(old) == 1:
        return L["renumbered_one"].format(old[0], new[0])
    return L["renumbered"].format(old[0], old[-1], new[0], new[-1]) + sep + L["count"].format(len(old))


def block_heading(b: Block, lang: str, units=(False, False)) -> str:
    """One line naming a block: where it is, what it is."""
    L = labels(lang, units)
    lp, rp = ("（", "）") if lang == "zh" else (" (", ")")
    if b.kind == "modify" and len(b.changes) == 1:
        return change_heading(b.changes[0], lang, "change", units)
    if b.kind == "renumber":
        return f"{L['new_line'].format(b.new_line)}  {L['renumber']}{lp}{renumber_summary(b, lang)}{rp}"
    if b.kind == "split":
        return f"{L['new_line'].format(b.new_line)}  {L['para_split']}"
    if b.kind == "merge":
        return f"{L['old_line'].format(b.old_line)}  {L['para_merge']}"
    return _stretch_heading(b, L, lang)


def _stretch_heading(b: Block, L: dict, lang: str) -> str:
    """Heading of a block of several sentences: a move, a run of insertions/deletions."""
    sep = "，" if lang == "zh" else ", "
    lp, rp = ("（", "）") if lang == "zh" else (" (", ")")
    olds = [c.old for c in b.changes if c.old is not None]
    news = [c.new for c in b.changes if c.new is not None]
    old_span = _span(L, "old_line", olds[0].line, olds[-1].line) if olds else ""
    new_span = _span(L, "new_line", news[0].line, news[-1].line) if news else ""
    n = len(b.changes)
    if b.kind == "move":
        moved = [c for c in b.changes if c.op == "move"]
        extra = [L["moved_from"].format(moved[0].old_line)]
        if all(c.whole_paragraph for c in moved):
            extra.append(L["paragraph"])
        if b.edited:
            extra.append(L["edited"])
        if n > 1:
            extra.append(L["sentences"].format(n))
        return f"{new_span}  {L['move']} #{b.move_id}{lp}{sep.join(extra)}{rp}"
    where = new_span if b.kind == "insert" else old_span if b.kind == "delete" else f"{old_span} → {new_span}"
    return f"{where}  {L[b.kind]}" + (f"{lp}{L['sentences'].format(n)}{rp}" if n > 1 else "")


def tagged_runs(runs, escape) -> str:
    """Runs as markup: equal text as is, deletions in <del>, insertions in <ins>, moved clauses
    with class "mv", every piece passed through `escape` (HTML or Markdown escaping)."""
    out = []
    for kind, text in runs:
        t = escape(text)
        if kind == "eq":
            out.append(t)
        elif kind in ("del", "mvdel"):
            out.append(f'<del class="mv">{t}</del>' if kind == "mvdel" else f"<del>{t}</del>")
        else:
            out.append(f'<ins class="mv">{t}</ins>' if kind == "mvins" else f"<ins>{t}</ins>")
    return "".join(out)


def block_items(res: DiffResult) -> Dict[int, List[Tuple[int, str, Change]]]:
    """For each block id, its layout items (index, kind, change) in report order; a move block
    holds its arrivals and its origins (move_from)."""
    out: Dict[int, List[Tuple[int, str, Change]]] = {}
    for k, (kind, c) in enumerate(res.layout):
        if c.block is not None:
            out.setdefault(c.block, []).append((k, kind, c))
    return out


def context_plan(res: DiffResult, context: int) -> List[Tuple[int, Optional[Block], List[int]]]:
    """Report entries: (layout index where it sits, the block, unchanged layout items shown around
    it as context: `context` on each side, at most up to the neighbouring change)."""
    items = block_items(res)
    out = []
    n = len(res.layout)
    for b in res.blocks:
        own = [t for t in items.get(b.id, []) if t[1] == "change"]  # a move block: where it arrives
        if b.kind in ("split", "merge"):
            first = last = (b.position if b.position is not None else 0)
            first -= 1
        else:
            first, last = own[0][0], own[-1][0]
        ctx = []
        if context and b.kind != "renumber":
            k = first - 1 if b.kind not in ("split", "merge") else first
            before = []
            while k >= 0 and len(before) < context and res.layout[k][1].op == "equal":
                before.append(k)
                k -= 1
            k = last + 1 if b.kind not in ("split", "merge") else last
            after = []
            while k < n and len(after) < context and res.layout[k][1].op == "equal":
                after.append(k)
                k += 1
            ctx = sorted(before) + after
        out.append((first, b, ctx))
    return out
