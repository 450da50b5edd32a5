"""Revision pairs with known (planted) edits, for tests and the benchmark.

`plant(text, donor, seed)` takes a real document, rebuilds it from its
sentences (one paragraph per line) and plants edits with a seeded RNG:
deleted sentences, inserted sentences (taken from another document, so they
are new prose), modified sentences (word-level replacements, insertions and
deletions on segmenter tokens), sentences moved to a paragraph far away, and
moved-and-edited sentences. It returns both texts and the truth: for every op
the set of (old sentence index, new sentence index) keys, with None for the
missing side. `score(result, truth)` gives precision and recall per op.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Set, Tuple

from doclint.model.document import Document

FILLERS = ["进一步", "切实", "全面", "扎实", "持续", "大力", "有效", "积极", "不断", "着力"]
REPLACEMENTS = ["推进", "落实", "完善", "强化", "提升", "优化", "健全", "促进", "巩固", "深化",
                "统筹", "加快", "保障", "拓展", "夯实"]


@dataclass
class Planted:
    old: str
    new: str
    truth: Dict[str, Set[Tuple[Optional[int], Optional[int]]]] = field(default_factory=dict)


def _paragraph_sentences(text: str) -> List[List[str]]:
    doc = Document(text)
    paras: List[List[str]] = [[] for _ in doc.paragraphs]
    p = 0
    for s in doc.sentences:
        while p + 1 < len(doc.paragraphs) and doc.paragraphs[p].end <= s.start:
            p += 1
        paras[p].append(s.text)
    return [ps for ps in paras if ps]


def _ENDED(s: str) -> bool:
    return s[-1:] in "。！？；" and s[:1] not in _CLOSING


_CLOSING = "”’」』）)】》〉，、。；：！？"


def _slots(row):
    """Positions in a paragraph where a whole sentence can go (after a sentence end)."""
    return [k for k in range(len(row) + 1)
            if (k == 0 or _ENDED(row[k - 1][0]))
            and (k == len(row) or row[k][0][:1] not in _CLOSING)]

def _mutate(sentence: str, rng: random.Random, lex) -> str:
    """A word-level edit of a sentence: replace, insert or delete 1-2 words."""
    toks = [w for w, _, _ in lex.tokenize(sentence)]
    han = [k for k, w in enumerate(toks) if len(w) >= 2 and "\u4e00" <= w[0] <= "\u9fff"]
    for _ in range(rng.choice((1, 1, 2))):
        kind = rng.choice(("replace", "insert", "delete"))
        if not han:
            kind = "insert"
        k = rng.choice(han) if han else rng.randrange(len(toks))
        if kind == "replace":
            choices = [w for w in REPLACEMENTS if w != toks[k]]
            toks[k] = rng.choice(choices)
        elif kind == "insert":
            toks.insert(k, rng.choice(FILLERS))
            han = [x + 1 if x >= k else x for x in han]
        elif len(han) > 2:
            toks[k] = ""
            han.remove(k)
    out = "".join(toks)
    return out if out != sentence else sentence[:-1] + "的" + sentence[-1:]


def plant(text: str, donor: str, seed: int = 0, n_delete=6, n_insert=6, n_modify=10,
          n_move=4, n_move_edit=4, min_len: int = 20) -> Planted:
    from doclint.text.lexicon import get_lexicon
    lex = get_lexicon()
    rng = random.Random(seed)
    paras = _paragraph_sentences(text)
    # Flat ids: (paragraph, position) -> old sentence index.
    old_paras = [[(s, None) for s in ps] for ps in paras]
    idx = 0
    for ps in old_paras:
        for k in range(len(ps)):
            ps[k] = (ps[k][0], idx)
            idx += 1
    all_sent = [s for ps in paras for s in ps]
    counts: Dict[str, int] = {}
    for s in all_sent:
        counts[s] = counts.get(s, 0) + 1
    # Only long, unique sentences take planted edits (so the truth is unambiguous).
    follows = {}
    for ps in old_paras:
        for k, (s, i) in enumerate(ps):
            follows[i] = ps[k + 1][0] if k + 1 < len(ps) else ""
    eligible = [i for i, s in enumerate(all_sent)
                if len(s) >= min_len and counts[s] == 1 and _ENDED(s)
                and follows[i][:1] not in _CLOSING]
    rng.shuffle(eligible)
    need = n_delete + n_modify + n_move + n_move_edit
    if len(eligible) < need:
        raise ValueError("document too short for the planted edits")
    pick = eligible[:need]
    dele = set(pick[:n_delete])
    mod = set(pick[n_delete:n_delete + n_modify])
    mov = pick[n_delete + n_modify:n_delete + n_modify + n_move]
    mov_edit = pick[n_delete + n_modify + n_move:]
    present = set(all_sent)
    donors = [s for ps in _paragraph_sentences(donor) for s in ps
              if len(s) >= min_len and s not in present and _ENDED(s)]
    rng.shuffle(donors)
    if len(donors) < n_insert:
        raise ValueError("donor too short")

    # New paragraphs as lists of (text, old index or None, tag).
    new_paras = []
    moving = []
    for ps in old_paras:
        row = []
        for s, i in ps:
            if i in dele:
                continue
            if i in mod:
                row.append((_mutate(s, rng, lex), i, "modify"))
            elif i in mov or i in mov_edit:
                moving.append((s, i))
            else:
                row.append((s, i, "equal"))
        new_paras.append(row)
    para_of = {i: p for p, ps in enumerate(old_paras) for _, i in ps}
    for s, i in moving:
        # Move far away: at least a fifth of the document from the origin.
        ok = [p for p in range(len(new_paras)) if _slots(new_paras[p])]
        far = [p for p in ok if abs(p - para_of[i]) >= max(3, len(new_paras) // 5)]
        p = rng.choice(far or ok)
        text2 = _mutate(s, rng, lex) if i in mov_edit else s
        new_paras[p].insert(rng.choice(_slots(new_paras[p])), (text2, i, "move"))
    for k in range(n_insert):
        p = rng.choice([p for p in range(len(new_paras)) if _slots(new_paras[p])])
        new_paras[p].insert(rng.choice(_slots(new_paras[p])), (donors[k], None, "insert"))
    new_paras = [ps for ps in new_paras if ps]

    old_text = "\n".join("".join(s for s, _ in ps) for ps in old_paras) + "\n"
    new_text = "\n".join("".join(s for s, _, _ in ps) for ps in new_paras) + "\n"
    truth: Dict[str, set] = {op: set() for op in ("insert", "delete", "modify", "move")}
    j = 0
    for ps in new_paras:
        for s, i, tag in ps:
            if tag != "equal":
                truth[tag].add((i, j))
            j += 1
    truth["delete"] = {(i, None) for i in dele}
    truth["insert"] = {(None, jj) for (_, jj) in truth["insert"]}
    # Sanity: the rebuilt texts split back into the same sentences.
    assert len(Document(old_text).sentences) == idx
    assert len(Document(new_text).sentences) == j
    return Planted(old_text, new_text, truth)


def predicted(result) -> Dict[str, set]:
    out: Dict[str, set] = {op: set() for op in ("insert", "delete", "modify", "move")}
    for c in result.changes:
        if c.op in out:
            out[c.op].add((c.old.first if c.old else None, c.new.first if c.new else None))
    return out


def score(result, truth) -> Dict[str, Tuple[float, float]]:
    """{op: (precision, recall)}; 1.0 where there is nothing to find or report."""
    pred = predicted(result)
    out = {}
    for op, want in truth.items():
        got = pred.get(op, set())
        hit = len(got & want)
        out[op] = (hit / len(got) if got else 1.0, hit / len(want) if want else 1.0)
    return out
