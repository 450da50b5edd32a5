"""Pieces shared by the diff reports: inline runs, side runs, labels."""
from __future__ import annotations

from typing import List, Tuple

from doclint.diff.model import Change, DiffResult

Run = Tuple[str, str]  # ("eq" | "del" | "ins", text)


def inline_runs(c: Change) -> List[Run]:
    """The change as one text with deletions and insertions in place."""
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
            out.append(("del", e.old))
        if e.new:
            out.append(("ins", e.new))
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
    mark = "del" if side == "old" else "ins"
    for e in c.edits:
        s, t = (e.old_start, e.old_end) if side == "old" else (e.new_start, e.new_end)
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
           "line": "第 {} 行", "old_line": "旧稿第 {} 行", "new_line": "新稿第 {} 行",
           "sim": "相似度", "moved_to": "移至新稿第 {} 行", "moved_from": "自旧稿第 {} 行移来",
           "edited": "有修改", "summary": "摘要", "identical": "两稿文字相同。",
           "layout": "两稿文字相同，仅空白不同。", "paragraphs": "两稿句子相同，但分段不同。",
           "budget": "注意：比较预算（{} 次）已用尽，部分句子未做模糊匹配或移动检测，结果可能不完整。",
           "moved_and_edited": "其中有修改", "introduced": "新稿引入的问题", "resolved": "新稿已解决的问题",
           "lint": "检查结果变化", "none": "无",
           "split": "拆分或合并", "paragraph": "整段移动"},
    "en": {"equal": "unchanged", "insert": "inserted", "delete": "deleted", "modify": "modified",
           "move": "moved", "line": "line {}", "old_line": "old line {}", "new_line": "new line {}",
           "sim": "similarity", "moved_to": "moved to new line {}",
           "moved_from": "moved from old line {}", "edited": "edited", "summary": "Summary",
           "identical": "The drafts are identical.",
           "layout": "Same text; only whitespace differs.",
           "paragraphs": "Same sentences, but the paragraph breaks differ.",
           "budget": "Note: the comparison budget ({}) ran out; some sentences were not fuzzy-matched "
                     "or checked for moves, so the result may be incomplete.",
           "moved_and_edited": "of them edited", "introduced": "Findings introduced by the new draft",
           "resolved": "Findings resolved by the new draft", "lint": "Lint changes", "none": "none",
           "split": "split or merged", "paragraph": "whole paragraph moved"},
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


def summary_line(res: DiffResult, lang: str) -> str:
    L = LABELS[lang]
    st = res.stats()
    if lang == "zh":
        s = (f"修改 {st['modify']} 句，新增 {st['insert']} 句，删除 {st['delete']} 句，"
             f"移动 {st['move']} 句（其中有修改 {st['moved_and_edited']} 句），未变 {st['equal']} 句；"
             f"增加 {st['inserted_chars']} 字，删去 {st['deleted_chars']} 字。")
    else:
        s = (f"{st['modify']} modified, {st['insert']} inserted, {st['delete']} deleted, "
             f"{st['move']} moved ({st['moved_and_edited']} {L['moved_and_edited']}), "
             f"{st['equal']} unchanged sentences; {st['inserted_chars']} characters added, "
             f"{st['deleted_chars']} removed.")
    return s


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
    return head + (f"{lp}{sep.join(extra)}{rp}" if extra else "")


def tagged_runs(runs, escape) -> str:
    """Runs as markup: equal text as is, deletions in <del>, insertions in <ins>,
    every piece passed through `escape` (HTML or Markdown escaping)."""
    out = []
    for kind, text in runs:
        t = escape(text)
        out.append(t if kind == "eq" else f"<del>{t}</del>" if kind == "del" else f"<ins>{t}</ins>")
    return "".join(out)
