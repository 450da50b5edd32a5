"""Tasks with deadlines: each deadline tied to its task, owners and section.

`assigned_tasks(doc)` walks the time expressions of a document (doclint.text.dates)
and returns one `Task` per expression with the sentence it sits in (the task),
the units named as responsible in that sentence (市发改委, 市工信局、财政局,
各县市区 …, with 牵头/配合 roles), and the heading path of its section.
`same_task(a, b)` decides, with rapidfuzz over segmented words, whether two
tasks are the same piece of work (owners are supporting evidence), and
`different_stage(a, b)` whether two deadlines are successive steps of it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import List, Optional, Sequence, Tuple

import regex

from doclint.text import rx

from doclint.engine import dictionaries as data
from doclint.text.dates import TimeExpr

# ---------------------------------------------------------------------------
# owners

_UNIT_TAIL = (r"(?:领导小组|指挥部|办公室|委员会|管委会|人民政府|政府|部门|单位|中心|公司|集团|专班|"
              r"调查队|督查室|组织部|宣传部|统战部|政法委|局|委|办|厅|室|队|院|署|处|(?<!全)部|县|区|镇|乡|街道)")
_LEAD = r"(?:市|县|区|省|州|自治区|自治州|国家|中央|×|[\p{Han}]{2}(?:省|市|县|区))"
_ROLE_AFTER = (r"(?=[、，,：:0-9０-９×]|今年|明年|本月|年底|年内|和|及|与|要|须|应|必须|务必|牵头|负责|配合|会同|协同|联合|抓紧|加快|尽快|"
               r"按照|按|在|于|将|等|共同|做好|抓好|切实|认真|进一步|督促|$)")
_CLAUSE_START = r"(?:(?<=^|[，,。；;：:\n！？、]|和|及|与|由|请|特别是|尤其是|其中)\s*)"


@lru_cache(maxsize=8)
def _owner_patterns(stems: Tuple[str, ...], groups: Tuple[str, ...]):
    stem_alt = "|".join(sorted((regex.escape(s) for s in stems), key=len, reverse=True)) or "(?!)"
    group_alt = "|".join(sorted((regex.escape(s) for s in groups), key=len, reverse=True)) or "(?!)"
    first = (rf"(?!请|由|要|对|在|将|把|从|向|为)(?:(?:全市|全县|全区|全省)?(?:{group_alt})"
             rf"|[\p{{Han}}]{{2,3}}(?:市|县|区)(?=、|和|要|务必|必须|牵头|负责)"
             rf"|{_LEAD}[\p{{Han}}×]{{0,10}}?{_UNIT_TAIL}"
             rf"|(?:市|县|区|省)?(?:{stem_alt})(?:局|委|办|厅|部门|机关)?)")
    nxt = (rf"(?:{group_alt}|[\p{{Han}}]{{2,3}}(?:市|县|区)(?=、|和|要|务必|必须|牵头|负责)"
           rf"|(?:市|县|区|省)?(?:{stem_alt})(?:局|委|办|厅|部门)?|[\p{{Han}}×]{{1,8}}?{_UNIT_TAIL})")
    return rx.compile(rf"{_CLAUSE_START}(?P<first>{first}){_ROLE_AFTER}"), \
        rx.compile(rf"\G(?:[、]|和|及|与|以及|，)(?P<next>{nxt}){_ROLE_AFTER}")


def owner_patterns(stems=None, groups=None):
    stems = tuple(stems if stems is not None else data.builtin_lines("owners_units"))
    groups = tuple(groups if groups is not None else data.builtin_lines("owners_groups"))
    return _owner_patterns(stems, groups)


# Words that start a clause but are no unit even though they end like one (要求各区 …).
_NOT_OWNER = rx.compile(r"^(?:要|加快|推进|确保|抓好|做好|加强|开展|落实|推动|完善|建立|支持|鼓励|"
                           r"实行|实施|组织|全面|进一步|积极|认真|切实|坚持|围绕|按照|对|把|将|在|从|"
                           r"全市|全县|全区|全省|全国|我市|我县|我区|我省|我国|本市)")


_ROLE = rx.compile(r"\s*(?:要|等部门|等单位)?\s*(?P<r>牵头|负责|配合|会同)")
_ETC_UNITS = rx.compile(r"等(?:部门|单位)$")


@dataclass(frozen=True)
class Owner:
    name: str
    start: int
    end: int
    role: str = ""   # 牵头 | 负责 | 配合 | ""


def owner_groups(text: str, start: int = 0, end: Optional[int] = None, stems=None,
                 groups=None) -> List[List[Owner]]:
    """Lists of units named together as responsible (市工信局、财政局牵头) in text[start:end]."""
    end = len(text) if end is None else end
    seg = text[start:end]
    first_pat, next_pat = owner_patterns(stems, groups)
    out: List[List[Owner]] = []
    pos = 0
    while True:
        m = first_pat.search(seg, pos)
        if not m:
            break
        name = m.group("first")
        if _NOT_OWNER.match(name) and not name.startswith(("各", "全市各", "全县各")):
            pos = m.start("first") + 1
            continue
        group = [(name, m.start("first"), m.end("first"))]
        p = m.end("first")
        while True:
            n = next_pat.match(seg, p)
            if not n or _NOT_OWNER.match(n.group("next")):
                break
            group.append((n.group("next"), n.start("next"), n.end("next")))
            p = n.end("next")
        role_m = _ROLE.match(seg[p:p + 8])
        role = role_m.group("r") if role_m else ""
        owners = []
        for nm, s_, e_ in group:
            nm2 = _ETC_UNITS.sub("", nm)
            if len(nm2) >= 2:
                owners.append(Owner(nm2, start + s_, start + s_ + len(nm2), role))
        if owners:
            out.append(owners)
        pos = max(p, m.end())
    return out


def find_owners(text: str, start: int = 0, end: Optional[int] = None, stems=None, groups=None) -> List[Owner]:
    """All units named as responsible in text[start:end], one entry per name."""
    seen, uniq = set(), []
    for g in owner_groups(text, start, end, stems, groups):
        for o in g:
            if o.name not in seen:
                seen.add(o.name)
                uniq.append(o)
    return uniq


def owners_for(text: str, sent: Tuple[int, int], at: int, stems=None, groups=None) -> List[Owner]:
    """The owners of the deadline at offset `at` in sentence `sent`.

    Units marked 牵头/负责 in the sentence (all of them: two units may each lead
    a document that is due on one date); else the nearest group named before
    the deadline; else the first group after it.
    """
    gs = owner_groups(text, sent[0], sent[1], stems, groups)
    if not gs:
        return []
    lead = [o for g in gs for o in g if o.role in ("牵头", "负责", "会同")]
    if lead:
        chosen = lead + [o for g in gs for o in g if o.role == "配合"]
    else:
        before = [g for g in gs if g[0].start < at]
        chosen = before[-1] if before else gs[0]
    seen, out = set(), []
    for o in chosen:
        if o.name not in seen:
            seen.add(o.name)
            out.append(o)
    return out


# ---------------------------------------------------------------------------
# sections


def section_path(doc, offset: int) -> List[object]:
    """Headings from the outermost to the innermost around `offset` ([] if none)."""
    try:
        outline = doc.headings
    except ImportError:  # doclint.model.outline not available
        return []
    try:
        return list(outline.section_at(offset))
    except Exception:  # a broken outline must not break the deadline table
        return []


def section_label(path: Sequence[object]) -> str:
    parts = []
    for h in path:
        marker = getattr(h, "marker", "") or ""
        title = (getattr(h, "title", "") or "").strip()
        if len(title) > 24:
            title = title[:24] + "…"
        parts.append(f"{marker}{title}")
    return " > ".join(parts)


# ---------------------------------------------------------------------------
# tasks


@dataclass
class Task:
    expr: TimeExpr
    sentence: Tuple[int, int]             # span of the sentence (the task)
    text: str                             # the sentence text
    owners: List[Owner] = field(default_factory=list)
    section: List[object] = field(default_factory=list)
    line: int = 0
    words: Tuple[str, ...] = ()           # content words of the task (for matching)
    action: Tuple[str, ...] = ()          # content words of the clause after the deadline

    @property
    def owner_names(self) -> List[str]:
        return [o.name for o in self.owners]

    @property
    def section_label(self) -> str:
        return section_label(self.section)

    @property
    def brief(self) -> str:
        """The clause with the deadline, plus the clause before it when the deadline opens its clause."""
        s0, _ = self.sentence
        rel_s, rel_e = self.expr.start - s0, self.expr.end - s0
        t = self.text
        cuts = [m.start() for m in _CLAUSE_END.finditer(t)]
        left = max([c for c in cuts if c < rel_s] or [-1])
        right = min([c for c in cuts if c >= rel_e] or [len(t)])
        if not t[rel_e:right].strip():   # ×月底前，援助资金要全部使用: the work follows
            right = min([c for c in cuts if c > right] or [len(t)])
        clause_before = t[left + 1:rel_s].strip()
        if len(clause_before) < 4 and left >= 0:
            left = max([c for c in cuts if c < left] or [-1])
        return t[left + 1:right].strip()


_HAN2 = rx.compile(r"^[\p{Han}]{2,}$")
_CLAUSE_END = rx.compile(r"[，,。；;！？!?：:\n]")


def _content_words(doc, start: int, end: int, skip: Sequence[Tuple[int, int]], stop) -> Tuple[str, ...]:
    out = []
    # only the spans that can contain a token start in [start, end)
    skip = [(a, b) for a, b in skip if a < end and b > start]
    for t in doc.tokens_in(start, end):
        if any(a <= t.start < b for a, b in skip):
            continue
        if not _HAN2.match(t.word) or t.word in stop:
            continue
        out.append(t.word)
    return tuple(out)


def assigned_tasks(doc, kinds=("deadline",), stems=None, groups=None, stopwords=None) -> List[Task]:
    """One Task per time expression of the given kinds, in document order.

    `stems`, `groups` and `stopwords` are the lines of the dictionaries owners_units,
    owners_groups and deadline_stopwords (the built-ins when None)."""
    text = doc.text
    stop = frozenset(stopwords if stopwords is not None else data.builtin_lines("deadline_stopwords"))
    tasks = []
    exprs = [x for x in doc.time_expressions if x.kind in kinds]
    if not exprs:
        return tasks
    # deadlines and dates leave the task's words; periods stay (第三季度经济运行分析)
    all_exprs = [(x.start, x.end) for x in doc.time_expressions if x.kind in ("deadline", "target", "asof", "point")]
    for x in exprs:
        sent = doc.sentence_at(x.start)
        s, e = (sent.start, sent.end) if sent else (x.start, x.end)
        owners = owners_for(text, (s, e), x.start, stems, groups)
        skip = all_exprs + [(o.start, o.end) for o in find_owners(text, s, e, stems, groups)]
        words = _content_words(doc, s, e, skip, stop)
        m = _CLAUSE_END.search(text, x.end, e) if x.end < e else None
        a_start, a_end = x.end, (m.start() if m else e)
        if m and not text[x.end:m.start()].strip():  # ×月底前，援助资金要全部使用
            m2 = _CLAUSE_END.search(text, m.end(), e)
            a_start, a_end = m.end(), (m2.start() if m2 else e)
        action = _content_words(doc, a_start, a_end, skip, stop) if a_start < a_end else ()
        tasks.append(Task(x, (s, e), text[s:e], owners, section_path(doc, x.start),
                          doc.position(x.start)[0], words, action))
    return tasks


# ---------------------------------------------------------------------------
# matching


def similarity(a: Task, b: Task) -> float:
    """Word-level similarity (0–100) of two tasks: rapidfuzz's Indel over their sorted word sets.

    On sets this is the Dice coefficient 2|A∩B|/(|A|+|B|); words, not characters,
    so 秋季/春季 or 城区/园区 count as different words, not as one character apart.
    """
    from rapidfuzz.distance import Indel
    wa, wb = sorted(set(a.words)), sorted(set(b.words))
    if not wa or not wb:
        return 0.0
    return Indel.normalized_similarity(wa, wb) * 100.0


# Words that may differ between two wordings of one task (制定/出台 …, 项目 added or left out).
_VARIANTS = frozenset("""制定 出台 编制 形成 提交 报送 上报 报 完成 实现 开展 组织 项目 任务 所有
全市 全县 全区 我市 我县 工作 方面 有关 相关 由 确定 明确 进行 推动 督促""".split())


def same_task(a: Task, b: Task, threshold: float = 70.0) -> bool:
    """Whether two deadlines are set for the same piece of work.

    The content words of both sentences (deadlines and owner names removed)
    must overlap by `threshold` percent (Dice, via rapidfuzz), 10 points less
    when both name the same owner; a word of one that the other replaces with
    another word (中小学/幼儿园, 第二批/第三批, 燃气/供水) makes them different
    tasks, except for interchangeable verbs (制定/出台). Disjoint owners
    (市发改委 / 市财政局) mean different assignments unless the words are identical.
    """
    wa, wb = set(a.words), set(b.words)
    oa, ob = set(a.owner_names), set(b.owner_names)
    # 10月底前完成验收 / 11月底前完成验收: too little said to know it is one task
    chars = min(sum(map(len, wa)), sum(map(len, wb)))
    if chars < (4 if oa & ob else 6):
        return False
    if oa and ob and not (oa & ob):
        return wa == wb
    ua, ub = wa - wb, wb - wa
    if ua and ub and not (ua | ub) <= _VARIANTS:
        return False
    return similarity(a, b) >= threshold - (10.0 if oa & ob else 0.0)


_ORDINAL = rx.compile(r"^(?:第[一二三四五六七八九十百0-9]+.*|[一二三四五六七八九十0-9]+(?:期|批|轮|号))$")


def _ordinals(t: Task) -> frozenset:
    return frozenset(w for w in t.words if _ORDINAL.match(w))


def different_stage(a: Task, b: Task) -> bool:
    """Two steps or parts of one task rather than one step twice.

    完成起草 / 报市政府审定 (different actions after the deadline), 第一批 / 第二批,
    金秋梨收购 / 柑橘收购 (a different object in the clause that is due).
    """
    from rapidfuzz import fuzz
    oa, ob = _ordinals(a), _ordinals(b)
    if (oa or ob) and oa != ob:
        return True
    if not a.action or not b.action:
        return False
    sa, sb = set(a.action), set(b.action)
    if sa <= sb or sb <= sa:
        return False
    return fuzz.token_sort_ratio(" ".join(a.action), " ".join(b.action)) < 75
