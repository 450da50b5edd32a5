"""DL102 misused-word and DL103 redundant-wording: a dictionary of common wording errors.

Both checks read `dictionaries/misused_words.txt` (users add entries through
`[dictionaries] misused_words = ["file.txt"]`). Each entry gives the wrong
form, the right form, a rationale in Chinese and English, and optional
context constraints (text that must or must not come before/after, the shape
of a gap in patterns such as 至少…以上). Entries marked `kind=redundant` are
redundancies (涉及到, 凯旋归来) and go to DL103, reported at info by default:
they are style, not errors. Everything else is a wrong word or a logical
error (截止 for 截至, 公诸于众, 超过…以上) and goes to DL102 at warning.

A fix is offered when the entry has a replacement; it is safe (applied by
plain --fix) only when the entry says `fix=safe`, i.e. when the replacement
is unambiguous.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, List, Optional, Tuple

import regex

from doclint.text import rx

from doclint.model.finding import Fix, Issue
from doclint.engine.dictionaries import Entry as DictEntry
from doclint.engine.registry import check

GAP = "…"
_DEFAULT_GAP = r"[^，。；：！？,;:!?\n“”]"


@dataclass(frozen=True)
class Entry:
    wrong: str
    right: Optional[str]          # None: no automatic replacement
    why_zh: str
    why_en: str
    kind: str                     # "misused" or "redundant"
    severity: Optional[str]
    safe: bool
    pattern: object               # compiled regex


def _compile(wrong: str, opts: Dict[str, str]):
    parts = wrong.split(GAP)
    if len(parts) > 2:
        raise ValueError(f"at most one {GAP} gap")
    body = regex.escape(parts[0])
    if len(parts) == 2:
        gap = opts.get("gap")
        if gap is None:
            gap = f"{_DEFAULT_GAP}{{1,{int(opts.get('gap_max', 12))}}}?"
        body += f"(?P<gap>{gap})" + regex.escape(parts[1])
    pre = ""
    if "before" in opts:
        pre += f"(?<=(?:{opts['before']}))"
    if "not_before" in opts:
        pre += f"(?<!(?:{opts['not_before']}))"
    post = ""
    if "after" in opts:
        post += f"(?=(?:{opts['after']}))"
    if "not_after" in opts:
        post += f"(?!(?:{opts['not_after']}))"
    return rx.compile(pre + body + post, regex.M)


def parse_entry(e: DictEntry) -> Entry:
    """A misused_words entry (substitution kind: wrong, right, rationale zh, rationale en, options)."""
    wrong, right, why_zh, why_en = e.columns[:4]
    opts = dict(e.options)
    try:
        pattern = rx.guarded(_compile(wrong, opts), e.where)   # a config's pattern runs with a timeout
    except (ValueError, regex.error) as exc:
        from doclint.errors import ConfigError, entry_problem
        raise ConfigError(f"{e.source}:{e.line}", *entry_problem(exc, "misused_words 词条有误", "bad misused_words entry", position=False))
    return Entry(wrong=wrong, right=None if right in ("-", "") else right, why_zh=why_zh,
                 why_en=why_en, kind=opts.get("kind", "misused"), severity=opts.get("severity"),
                 safe=opts.get("fix") == "safe", pattern=pattern)


@lru_cache(maxsize=16)
def _entries(entries: Tuple[DictEntry, ...]) -> List[Entry]:
    return [parse_entry(e) for e in entries]


def _replacement(entry: Entry, m) -> Optional[str]:
    if entry.right is None:
        return None
    if GAP in entry.right:
        return entry.right.replace(GAP, m.group("gap"))
    return entry.right


def _find(doc, ctx, kind: str):
    entries = _entries(ctx.entries("misused_words"))
    default = getattr(ctx.check, "severity", "warning")
    text = doc.text
    taken = []
    for e in entries:
        if e.kind != kind:
            continue
        for m in e.pattern.finditer(text):
            s, t = m.span()
            if any(a < t and s < b for a, b in taken):
                continue  # an earlier entry already reported this text
            taken.append((s, t))
            shown = m.group(0)
            rep = _replacement(e, m)
            fix = None
            if rep is not None:
                # an info finding is a hint: its fix is never applied without --unsafe-fixes
                safe = e.safe and (e.severity or default) != "info"
                fix = Fix.replace(s, t, rep, safe=safe, zh=f"改为“{rep}”", en=f"write “{rep}”")
                zh = f"“{shown}”：{e.why_zh}；宜改为“{rep}”"
                en = f"“{shown}”: {e.why_en}; write “{rep}”"
            else:
                zh = f"“{shown}”：{e.why_zh}"
                en = f"“{shown}”: {e.why_en}"
            yield Issue(s, t, zh, en, fix=fix, severity=e.severity)


def _listing(kind: str, lang: str) -> str:
    """The built-in entries of one kind, for `doclint rules` (read at import: a small file)."""
    from doclint.engine.dictionaries import builtin_entries
    out = []
    try:
        for e in _entries(builtin_entries("misused_words")):
            if e.kind == kind:
                right = e.right or ("（择一）" if lang == "zh" else "(choose one)")
                why = e.why_zh if lang == "zh" else e.why_en
                out.append(f"  {e.wrong} → {right}：{why}" if lang == "zh" else f"  {e.wrong} → {right}: {why}")
    except Exception:  # a broken user edit of the data file must not break import
        return ""
    return "\n".join(out)


_INTRO_102 = {
    "zh": "按词典 misused_words 查找公文中常见的误用词语和逻辑错误：“截止”误作“截至”（截止到今年11月底，"
          "全市…）、成语错字（公诸于众、再接再励）、文种误写（关于对…的批复、请示报告）、约数叠用"
          "（至少…以上、超过…以上、约…左右）、否定误用（切忌不要、防止…不再发生）。每条词条附理由；"
          "替换唯一时提供安全修复。可在配置 [dictionaries] misused_words 中追加词条。词条：\n",
    "en": "Finds common misused words and logical errors in official writing, from the misused_words "
          "dictionary: 截止 used for “as of” (截至), misspelt idioms (公诸于众, 再接再励), document-type "
          "errors (关于对…的批复, 请示报告), doubled approximations (至少…以上, 超过…以上, 约…左右), "
          "reversed negation (切忌不要, 防止…不再发生). Each entry carries its rationale; a safe fix is "
          "offered when the replacement is unambiguous. Add entries with [dictionaries] misused_words. "
          "Entries:\n",
}
_INTRO_103 = {
    "zh": "按词典 misused_words 中标为 kind=redundant 的词条查找语义重复（涉及到、目的是为了、凯旋归来、"
          "亲眼目睹、悬殊很大、报刊杂志、再次重申）。属文风问题，默认以“提示”级别报告。词条：\n",
    "en": "Finds redundancies listed as kind=redundant in the misused_words dictionary (涉及到, 目的是为了, "
          "凯旋归来, 亲眼目睹, 悬殊很大, 报刊杂志, 再次重申). A matter of style: reported at info. Entries:\n",
}


@check(
    code="DL102", name="misused-word", severity="warning", fixable=True,
    summary={"zh": "误用词语（截止/截至、公诸于众、关于对…的批复、超过…以上）",
             "en": "Misused word (截止 for 截至, 公诸于众, 关于对…的批复, 超过…以上)"},
    description={k: _INTRO_102[k] + _listing("misused", k) for k in ("zh", "en")},
    wrong="截止到今年11月底，全市共完成投资120亿元", right="截至今年11月底，全市共完成投资120亿元",
)
def misused_word(doc, ctx):
    yield from _find(doc, ctx, "misused")


@check(
    code="DL103", name="redundant-wording", severity="info", fixable=True,
    summary={"zh": "语义重复（涉及到、目的是为了、凯旋归来、亲眼目睹）",
             "en": "Redundant wording (涉及到, 目的是为了, 凯旋归来, 亲眼目睹)"},
    description={k: _INTRO_103[k] + _listing("redundant", k) for k in ("zh", "en")},
    wrong="这次改革的目的是为了激发市场活力", right="这次改革的目的是激发市场活力",
)
def redundant_wording(doc, ctx):
    yield from _find(doc, ctx, "redundant")
