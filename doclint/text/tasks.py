"""Tasks with deadlines: each deadline tied to its task, owners and section.

`assigned_tasks(doc)` walks the time expressions of a document (doclint.text.dates)
and returns one `Task` per expression with the sentence it sits in (the task; a
sentence that sets several deadlines is cut per deadline), the units named as
responsible in that sentence (市发改委, 市工信局、财政局, 各县市区 …, with 牵头/配合
roles), the heading path of its section, its content words in one form (dictionary
deadline_synonyms: 经费 = 资金, 投入使用 = 投运) and what is due (the milestone: 开工,
投运, 验收, 报送, or plain 完成). `same_task(a, b)` decides, with rapidfuzz over those
words, whether two tasks are the same piece of work (owners are supporting evidence),
`different_stage(a, b)` whether two deadlines are successive steps of it (another
milestone, another step such as 排查/整改, another action), and `conflicts(tasks, …)`
finds DL401's pairs among candidates from `earlier_candidates` (tasks sharing one of
their rarest words: prefix filtering, near-linear in the number of deadlines).
"""
from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Dict, FrozenSet, List, NamedTuple, Optional, Sequence, Tuple

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
    words: Tuple[str, ...] = ()           # content words of the task, canonical (for matching)
    action: Tuple[str, ...] = ()          # content words of the clause after the deadline
    milestones: FrozenSet[str] = frozenset()   # what is due: 开工 / 投运 / 完成 … (canonical)
    parties: FrozenSet[str] = frozenset()      # the owners as matching sees them (see _subject_as_words)

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
        left, right = _brief_span(self.text, self.expr.start - s0, self.expr.end - s0)
        return self.text[left:right].strip()


_HAN2 = rx.compile(r"^[\p{Han}]{2,}$")
_CLAUSE_END = rx.compile(r"[，,。；;！？!?：:\n]")
# A task is its sentence, but never more than this many characters either side of the
# deadline (cut at a clause end): a "sentence" of a whole unpunctuated page would make
# every deadline in it cost the page's length.
_TASK_REACH = 300


def _brief_span(t: str, rel_s: int, rel_e: int) -> Tuple[int, int]:
    """(start, end) in `t` of the clause with the deadline at t[rel_s:rel_e] (see Task.brief)."""
    cuts = [m.start() for m in _CLAUSE_END.finditer(t)]
    n = len(cuts)
    i = bisect.bisect_left(cuts, rel_s)          # cuts[i - 1]: the last clause end before the deadline
    left = cuts[i - 1] if i else -1
    k = bisect.bisect_left(cuts, rel_e)
    right = cuts[k] if k < n else len(t)
    if not t[rel_e:right].strip():   # ×月底前，援助资金要全部使用: the work follows
        k = bisect.bisect_right(cuts, right)
        right = cuts[k] if k < n else len(t)
    if left >= 0 and len(t[left + 1:rel_s].strip()) < 4:
        left = cuts[i - 2] if i > 1 else -1
    return left + 1, right


# ---------------------------------------------------------------------------
# vocabulary: synonyms, milestones, stages (dictionary deadline_synonyms)


class Vocabulary:
    """The groups of dictionary deadline_synonyms: variant -> canonical word, and the kind of each
    canonical word (milestone, done, stage, general; see the dictionary's header)."""

    def __init__(self, entries: Sequence[object] = ()):
        self.canon: Dict[str, str] = {}
        self.kind: Dict[str, str] = {}
        for e in entries:
            cols = [c for c in e.columns if c]
            if not cols:
                continue
            head = cols[0]
            kind = e.option("kind", "") or ""
            if kind or head not in self.kind:   # a config's line 资金<TAB>款项 adds a word, keeps the kind
                self.kind[head] = kind
            for w in cols:
                self.canon.setdefault(w, head)
        self.longest = max((len(w) for w in self.canon), default=1)

    def is_milestone(self, word: str) -> bool:
        return self.kind.get(word) in ("milestone", "done")

    def of_kind(self, words, kind: str) -> FrozenSet[str]:
        return frozenset(w for w in words if self.kind.get(w) == kind)

    def milestones(self, found) -> FrozenSet[str]:
        """What is due, from the milestone words of a clause: a named milestone wins over plain
        completion (建成投用 is 投运, 完成验收 is 验收)."""
        named = frozenset(w for w in found if self.kind.get(w) == "milestone")
        return named or frozenset(w for w in found if self.kind.get(w) == "done")


@lru_cache(maxsize=8)
def _vocabulary(entries: Tuple[object, ...]) -> Vocabulary:
    return Vocabulary(entries)


def vocabulary(entries=None) -> Vocabulary:
    """The vocabulary of the given deadline_synonyms entries (the built-ins when None)."""
    return _vocabulary(tuple(entries if entries is not None else data.builtin_entries("deadline_synonyms")))


def _canonical_words(tokens, vocab: Vocabulary) -> List[Tuple[str, int]]:
    """(canonical word, start offset) of a token run, joining up to 4 tokens into one
    dictionary word where they spell one (投入 + 使用 = 投入使用 → 投运), longest first."""
    out, i, n = [], 0, len(tokens)
    while i < n:
        k_found, word = 0, tokens[i].word
        joined = ""
        for k in range(1, min(4, n - i) + 1):
            joined += tokens[i + k - 1].word
            if len(joined) > vocab.longest:
                break
            if joined in vocab.canon and (k == 1 or tokens[i + k - 1].start == tokens[i + k - 2].end):
                k_found, word = k, vocab.canon[joined]
        out.append((word, tokens[i].start))
        i += max(k_found, 1)
    return out


class _Words(NamedTuple):
    words: Tuple[str, ...]        # canonical content words (milestones left out)
    milestones: FrozenSet[str]


def _content_words(doc, start: int, end: int, skip: Sequence[Tuple[int, int]], stop,
                   vocab: Vocabulary, units: FrozenSet[str] = frozenset()) -> _Words:
    """The content words of text[start:end]: tokens of two or more Han characters that are no
    stop word nor a unit's name, outside the `skip` spans (deadlines, owners), in canonical
    form; milestone words (完成, 开工, 投入使用 …) are returned apart."""
    out, found = [], []
    for word, at in _canonical_words(doc.tokens_in(start, end), vocab):
        if any(a <= at < b for a, b in skip):
            continue
        if vocab.is_milestone(word):
            found.append(word)
        else:
            out += [w for w in _parts(word) if _HAN2.match(w) and w not in stop and not _is_unit(w, units)]
    return _Words(tuple(out), frozenset(found))


def _parts(word: str) -> Tuple[str, ...]:
    """二期工程 = 二期 + 工程, 扩建工程 = 扩建 + 工程: the parts are written alone elsewhere."""
    m = _ORDINAL_HEAD.match(word) or _KIND_TAIL.match(word)
    return m.groups() if m else (word,)


_ORDINAL_HEAD = rx.compile(r"^([一二三四五六七八九十0-9]+[期批轮])(\p{Han}{2,})$")
_KIND_TAIL = rx.compile(r"^(\p{Han}{2,})(项目|工程|工作|任务)$")


def _is_unit(word: str, units: FrozenSet[str]) -> bool:
    """A unit's name (财政局, 发改委, 水务局) left in the words where no owner pattern took it
    (…清理工作市发改委5月底前完成): who does the work is not what the work is."""
    if word in units or (word[-1] in "局委办厅" and word[:-1] in units):
        return True
    return len(word) >= 3 and word[-1] in "局委厅" and not word.endswith(_NOT_UNIT_TAILS)


_NOT_UNIT_TAILS = ("格局", "布局", "开局", "结局", "大局", "变局", "新局")


class _Place(NamedTuple):
    """Where a deadline's task is: its sentence (capped), the clause due after it, its own part."""
    sentence: Tuple[int, int]
    due: Tuple[int, int]          # the clause after the deadline (what is due); empty if none
    own: Tuple[int, int]          # its part of a sentence that sets several deadlines
    head: Tuple[int, int]         # that sentence's words before its first deadline


def _task_span(doc, x) -> Tuple[int, int]:
    """The sentence of time expression x, within _TASK_REACH characters of it (cut at a clause end)."""
    sent = doc.sentence_at(x.start)
    s, e = (sent.start, sent.end) if sent else (x.start, x.end)
    text = doc.text
    if x.start - s > _TASK_REACH:
        m = _CLAUSE_END.search(text, x.start - _TASK_REACH, x.start)
        s = m.end() if m else x.start - _TASK_REACH
    if e - x.end > _TASK_REACH:
        cut = x.end + _TASK_REACH
        ends = [m.start() for m in _CLAUSE_END.finditer(text, x.end, cut)]
        e = ends[-1] if ends else cut
    return s, e


def _due_clause(text: str, x, e: int) -> Tuple[int, int]:
    """The clause after deadline x (sentence end e): 9月底前[报市政府审定]，…"""
    m = _CLAUSE_END.search(text, x.end, e) if x.end < e else None
    a_start, a_end = x.end, (m.start() if m else e)
    if m and not text[x.end:m.start()].strip():  # ×月底前，援助资金要全部使用
        m2 = _CLAUSE_END.search(text, m.end(), e)
        a_start, a_end = m.end(), (m2.start() if m2 else e)
    return a_start, a_end


def _places(doc, exprs) -> List[_Place]:
    """The _Place of each expression. A sentence that sets several deadlines (…年底前全面交账，
    城镇老旧小区改造项目11月底前全部完工) is cut after the clause due of each: every deadline
    owns the words from the previous cut to its own."""
    text = doc.text
    spans = [_task_span(doc, x) for x in exprs]
    dues = [_due_clause(text, x, e) for x, (_, e) in zip(exprs, spans)]
    out = []
    for k, x in enumerate(exprs):
        s, e = spans[k]
        first = k
        while first > 0 and spans[first - 1][0] == s and k - first < 8:
            first -= 1
        last_in = k + 1 < len(exprs) and spans[k + 1][0] == s
        own_s = min(max(s, dues[k - 1][1]), x.start) if first < k else s
        own_e = dues[k][1] if last_in else e
        out.append(_Place((s, e), dues[k], (own_s, max(own_e, x.end)), (s, exprs[first].start)))
    return out


def _spans_within(spans: Sequence[Tuple[int, int]], starts: Sequence[int], s: int, e: int):
    """The spans (sorted by start, `starts` their starts) that overlap [s, e)."""
    lo = bisect.bisect_left(starts, s - 64)   # a time expression is far shorter than 64 characters
    hi = bisect.bisect_left(starts, e)
    return [(a, b) for a, b in spans[lo:hi] if a < e and b > s]


@lru_cache(maxsize=8)
def _unit_set(stems: Tuple[str, ...], groups: Tuple[str, ...]) -> FrozenSet[str]:
    return frozenset(stems) | frozenset(groups)


def _units(stems=None, groups=None) -> FrozenSet[str]:
    """The unit names of owners_units and owners_groups (the built-ins when None)."""
    return _unit_set(tuple(stems if stems is not None else data.builtin_lines("owners_units")),
                     tuple(groups if groups is not None else data.builtin_lines("owners_groups")))


_ADMIN_TAIL = rx.compile(r"(?:局|委|办|厅|部|室|署|处|政府|部门|单位|领导小组|指挥部|专班|委员会|管委会)$")


def _subject_as_words(doc, owners, words, parties, stop, vocab, stems=None, groups=None):
    """市民服务中心要在年底前投入使用: when a clause says little else, an "owner" that is no known
    unit (no 牵头/负责 role, no unit of owners_units/owners_groups, no 局/委/办… ending) is the
    thing the work is about — for matching, its name is the work, not a party."""
    units = _units(stems, groups)
    named = [o for o in owners if not o.role and not _ADMIN_TAIL.search(o.name)
             and not any(u in o.name for u in units)]
    if not named:
        return words, parties
    extra = []
    for o in named:
        extra += _content_words(doc, o.start, o.end, (), stop, vocab).words
    return _Words(tuple(extra) + words.words, words.milestones), parties - {o.name for o in named}


class _Lexis(NamedTuple):
    """The dictionaries a task is read with."""
    stop: FrozenSet[str]
    vocab: Vocabulary
    units: FrozenSet[str]
    stems: Optional[Sequence[str]]
    groups: Optional[Sequence[str]]


def assigned_tasks(doc, kinds=("deadline",), stems=None, groups=None, stopwords=None, synonyms=None) -> List[Task]:
    """One Task per time expression of the given kinds, in document order.

    `stems`, `groups` and `stopwords` are the lines of the dictionaries owners_units,
    owners_groups and deadline_stopwords, `synonyms` the entries of deadline_synonyms
    (the built-ins when None). Work per deadline is bounded (_TASK_REACH), so the
    whole is linear in the number of deadlines."""
    lex = _Lexis(frozenset(stopwords if stopwords is not None else data.builtin_lines("deadline_stopwords")),
                 vocabulary(synonyms), _units(stems, groups), stems, groups)
    exprs = [x for x in doc.time_expressions if x.kind in kinds]
    # deadlines and dates leave the task's words; periods stay (第三季度经济运行分析)
    dated = [(x.start, x.end) for x in doc.time_expressions if x.kind in ("deadline", "target", "asof", "point")]
    dated_starts = [a for a, _ in dated]
    return [_task(doc, x, place, _spans_within(dated, dated_starts, *place.sentence), lex)
            for x, place in zip(exprs, _places(doc, exprs))]


def _task(doc, x, place: _Place, dated: List[Tuple[int, int]], lex: _Lexis) -> Task:
    """The Task of deadline x at `place`; `dated` are the time expressions in its sentence."""
    text = doc.text
    s, e = place.sentence
    owners = owners_for(text, (s, e), x.start, lex.stems, lex.groups)
    skip = dated + [(o.start, o.end) for o in find_owners(text, s, e, lex.stems, lex.groups)]

    def words_of(span):
        if span[0] >= span[1]:
            return _Words((), frozenset())
        return _content_words(doc, span[0], span[1], skip, lex.stop, lex.vocab, lex.units)

    words = words_of(place.own)
    if place.own[0] > s and len(words.words) < 2:   # 9月底前完成起草，10月底前报市政府审定: the same work
        words = _Words(words_of(place.head).words + words.words, words.milestones)
    parties = frozenset(o.name for o in owners)
    if len(words.words) < 2:
        words, parties = _subject_as_words(doc, owners, words, parties, lex.stop, lex.vocab, lex.stems, lex.groups)
    action = words_of(place.due)
    due = action.milestones
    if not due:   # 普查经费落实到位的时间为10月15日前: what is due comes before the deadline
        b_s, b_e = _brief_span(text[s:e], x.start - s, x.end - s)
        due = words_of((s + b_s, s + b_e)).milestones
    return Task(x, (s, e), text[s:e], owners, section_path(doc, x.start), doc.position(x.start)[0],
                words.words, action.words, lex.vocab.milestones(due), parties)


# ---------------------------------------------------------------------------
# matching


def similarity(a: Task, b: Task) -> float:
    """Word-level similarity (0–100) of two tasks: the Indel similarity of their sorted word sets.

    On sets this is the Dice coefficient 2|A∩B|/(|A|+|B|); words, not characters,
    so 秋季/春季 or 城区/园区 count as different words, not as one character apart. Computed
    here as rapidfuzz's Indel.normalized_similarity computes it (1 - distance / (|A|+|B|), the
    distance |A|+|B|-2|A∩B| since the common words of two sorted sets are their longest common
    subsequence), without importing rapidfuzz on every document with two deadlines.
    """
    wa, wb = set(a.words), set(b.words)
    if not wa or not wb:
        return 0.0
    total = len(wa) + len(wb)
    return (1.0 - (total - 2 * len(wa & wb)) / total) * 100.0


# Words that may differ between two wordings of one task (制定/出台 …, 项目/工程 added or left out).
_VARIANTS = frozenset("""制定 出台 编制 形成 提交 报送 上报 报 完成 实现 开展 组织 项目 工程 任务 所有
全市 全县 全区 我市 我县 工作 方面 有关 相关 由 确定 明确 进行 推动 督促""".split())


def same_task(a: Task, b: Task, threshold: float = 70.0, vocab: Optional[Vocabulary] = None) -> bool:
    """Whether two deadlines are set for the same piece of work.

    The content words of both sentences (deadlines and owner names removed,
    synonyms in one form: 经费/资金, 摸排/排查) must overlap by `threshold`
    percent (Dice, via rapidfuzz), 10 points less when both name the same
    owner; a word of one that the other replaces with another word (中小学/幼儿园,
    第二批/第三批, 燃气/供水) makes them different tasks, except for
    interchangeable verbs (制定/出台). Disjoint owners (市发改委 / 市财政局) mean
    different assignments unless the words are identical. A short task (4–5
    characters of content, 落实普查经费) is one task only when both say exactly
    the same, due at the same milestone, with a word more specific than 资金/方案.
    """
    wa, wb = set(a.words), set(b.words)
    oa, ob = a.parties, b.parties
    if not (wa - _VARIANTS) or not (wb - _VARIANTS):
        return False   # 完成工作任务, 推进相关工作: nothing that names a piece of work
    early = _too_little_or_other_owners(a, b, vocab)
    if early is not None:
        return early
    ua, ub = wa - wb, wb - wa
    if ua and ub and not (ua | ub) <= _VARIANTS:
        return False
    return similarity(a, b) >= threshold - (10.0 if oa & ob else 0.0)


def _too_little_or_other_owners(a: Task, b: Task, vocab: Optional[Vocabulary]) -> Optional[bool]:
    """same_task's answer when little is said or the owners differ; None when words decide."""
    wa, wb = set(a.words), set(b.words)
    oa, ob = a.parties, b.parties
    # 10月底前完成验收 / 11月底前完成验收: too little said to know it is one task
    chars = min(sum(map(len, wa)), sum(map(len, wb)))
    if chars < 4:
        return False
    if oa and ob and not (oa & ob):
        return wa == wb
    if chars < 6 and not (oa & ob):
        return _short_and_specific(a, b, vocab or vocabulary())
    return None


def _short_and_specific(a: Task, b: Task, vocab: Vocabulary) -> bool:
    """各县市要在9月30日前落实普查经费 / 普查经费要在10月15日前落实到位: few words, but the same
    words, due at the same milestone, and one of them names the work (普查, not just 资金)."""
    wa = set(a.words)
    return (wa == set(b.words) and len(wa) >= 2 and bool(a.milestones) and a.milestones == b.milestones
            and bool(wa - vocab.of_kind(wa, "general") - vocab.of_kind(wa, "stage")))


_ORDINAL = rx.compile(r"^(?:第[一二三四五六七八九十百0-9]+.*|[一二三四五六七八九十0-9]+(?:期|批|轮|号))$")


def _ordinals(t: Task) -> frozenset:
    return frozenset(w for w in t.words if _ORDINAL.match(w))


def _other_batch_milestone_or_step(a: Task, b: Task, vocab: Vocabulary) -> bool:
    """第一批 / 第二批; 开工 / 投运 due; a step (排查, 整改 …) due in one that the other never names."""
    oa, ob = _ordinals(a), _ordinals(b)
    if (oa or ob) and oa != ob:
        return True
    if a.milestones and b.milestones and a.milestones != b.milestones:
        return True
    # 10月底前完成隐患排查 / 11月底前完成隐患排查整改: the clause due names a step the other task
    # does not mention at all (整改报告报送… / 整改报告…上报: 整改 is in both, no other step)
    return bool((vocab.of_kind(a.action, "stage") - set(b.words)) or (vocab.of_kind(b.action, "stage") - set(a.words)))


def different_stage(a: Task, b: Task, vocab: Optional[Vocabulary] = None) -> bool:
    """Two steps or parts of one task rather than one step twice.

    完成起草 / 报市政府审定 (different actions after the deadline), 第一批 / 第二批,
    开工 / 完工 / 投运 (different milestones), 排查 / 排查整改 (a step named in the clause
    that is due in one and not the other), 金秋梨收购 / 柑橘收购 (a different object in the clause that is due).
    """
    if _other_batch_milestone_or_step(a, b, vocab or vocabulary()):
        return True
    if not a.action or not b.action:
        return False
    sa, sb = set(a.action), set(b.action)
    if sa <= sb or sb <= sa:
        return False
    from rapidfuzz import fuzz
    return fuzz.token_sort_ratio(" ".join(a.action), " ".join(b.action)) < 75


# ---------------------------------------------------------------------------
# candidates: which earlier tasks a task needs to be compared with


# At most this many earlier tasks are compared with one task (the earliest found): in a real
# document far fewer qualify, so nothing is lost there, and a pathological one (a handful of
# words in thousands of tasks) stays linear.
MAX_CANDIDATES = 64


def distinctive(t: Task) -> FrozenSet[str]:
    """The words of a task that two wordings of it cannot differ in (all but _VARIANTS)."""
    return frozenset(t.words) - _VARIANTS


def earlier_candidates(tasks: Sequence[Task]):
    """For each task (by index j), the indices i < j of the earlier tasks it may be the same
    task as, in document order. `same_task` holds only when the distinctive words of one task
    are all among those of the other, so a candidate either has its rarest distinctive word
    among task j's words (index `rarest`), or has task j's rarest word (index `having`): exact,
    with each task indexed under its rarest word and under all its words. A task identical to
    an earlier one in words, owners, milestones and deadline is not indexed again (its twin
    stands for it); at most MAX_CANDIDATES per task. Yields (j, [i, ...]); linear in the
    number of tasks (times their words), whatever the text."""
    sets = [distinctive(t) for t in tasks]
    df = Counter(w for d in sets for w in d)
    rarest: Dict[str, List[int]] = defaultdict(list)
    having: Dict[str, List[int]] = defaultdict(list)
    seen = set()
    for j, t in enumerate(tasks):
        words = sorted(sets[j], key=lambda w: (df[w], w))
        found: Dict[int, None] = {}
        for posting in [having.get(words[0], ())] + [rarest.get(w, ()) for w in words] if words else ():
            for i in posting:
                found[i] = None
                if len(found) >= MAX_CANDIDATES:
                    break
            if len(found) >= MAX_CANDIDATES:
                break
        yield j, sorted(found)
        twin = (tuple(words), tuple(sorted(t.parties)), t.action, t.milestones, t.expr.key(), t.expr.text)
        if not words or twin in seen:
            continue
        seen.add(twin)
        rarest[words[0]].append(j)
        for w in words:
            having[w].append(j)


def conflicts(tasks: Sequence[Task], due_of, threshold: float = 70.0, synonyms=None):
    """(earlier task, task) for each task given another deadline than an earlier one for the
    same work (DL401): different sentences, comparable and different due values (`due_of(expr)`
    gives (kind, value) or None), `same_task` and not `different_stage`. One pair per task,
    with the first such earlier task. Candidates come from `earlier_candidates`, so the work
    is near-linear in the number of tasks."""
    vocab = vocabulary(synonyms)
    dated = [(t, frozenset(t.words), distinctive(t), d) for t, d in ((t, due_of(t.expr)) for t in tasks)
             if d is not None]
    min_dice = (threshold - 10.0) / 100.0
    for j, candidates in earlier_candidates([e[0] for e in dated]):
        a = next((dated[i][0] for i in candidates if _one_task_two_deadlines(dated[i], dated[j], min_dice,
                                                                            threshold, vocab)), None)
        if a is not None:
            yield a, dated[j][0]


def _one_task_two_deadlines(ea, eb, min_dice: float, threshold: float, vocab: Vocabulary) -> bool:
    """Whether (task, words, distinctive words, due) ea and eb conflict; the cheap tests first."""
    (a, wa, xa, da), (b, wb, xb, db) = ea, eb
    if a.sentence == b.sentence or da[0] != db[0] or da[1] == db[1]:
        return False  # stages of one task in one sentence; incomparable or equal deadlines
    if not (xa <= xb or xb <= xa) or 2 * len(wa & wb) < min_dice * (len(wa) + len(wb)):
        return False  # no containment or too little overlap: no rule of same_task can accept
    return same_task(a, b, threshold, vocab) and not different_stage(a, b, vocab)
