"""Behaviour that changes with document size: DL602 on very large inputs."""
from __future__ import annotations

import doclint.checks.consistency as consistency
from doclint.api import lint_text

LONG = "全市各级各部门要坚持问题导向，扎实推进营商环境优化提升行动，确保各项任务按期完成。"
NEAR = "全市各级各部门要坚持问题导向，扎实推进营商环境优化提升专项行动，确保各项任务按期完成。"


def _dl602(text):
    return [f for f in lint_text(text, select=["DL602"]) if f.code == "DL602"]


def test_large_documents_fall_back_to_exact_repeats(monkeypatch):
    text = "一、甲\n" + LONG + "\n二、乙\n今年工作总体平稳。\n三、丙\n" + NEAR + "\n四、丁\n" + LONG + "\n"
    fuzzy = _dl602(text)
    assert len(fuzzy) == 2            # the near copy and the exact copy
    monkeypatch.setattr(consistency, "FUZZY_LIMIT", 10)
    exact = _dl602(text)
    assert [f.line for f in exact] == [8]  # only the verbatim copy is left


def _similar_pairs_reference(keys, cutoff, q=4, max_posting=400):
    """DL602's candidate search as first written: count every posting of every kept q-gram."""
    from collections import Counter, defaultdict
    from rapidfuzz import fuzz
    grams = [{k[p:p + q] for p in range(len(k) - q + 1)} for k in keys]
    index = defaultdict(list)
    for i, gs in enumerate(grams):
        for g in gs:
            index[g].append(i)
    out = []
    slack = 1.0 - cutoff / 100.0
    for i, k in enumerate(keys):
        la = len(k)
        dmax = int(slack * la * 200.0 / cutoff) + 1
        shared, skipped = Counter(), 0
        for g in grams[i]:
            if len(index[g]) > max_posting:
                skipped += 1
                continue
            shared.update(index[g])
        need = max(1, len(grams[i]) - q * dmax - skipped)
        for j, n in shared.items():
            if j <= i or n < need:
                continue
            lb = len(keys[j])
            if 200.0 * min(la, lb) / (la + lb) < cutoff:
                continue
            r = fuzz.ratio(k, keys[j], score_cutoff=cutoff)
            if r:
                out.append((i, j, r))
    return out


def test_dl602_candidate_search_equals_counting_every_posting(real_texts):
    """Pigeonhole probing finds exactly the pairs that counting all shared q-grams finds."""
    import random
    from doclint.checks.consistency import _NORM, _similar_pairs
    from doclint.model.document import Document
    rnd = random.Random(7)
    keys = []
    for text in real_texts:
        keys += [k for k in (_NORM.sub("", s.text) for s in Document(text).sentences) if len(k) >= 25]
    # plant near-copies: one to three characters deleted, inserted or replaced
    for k in rnd.sample(keys, min(60, len(keys) // 2)):
        c = list(k)
        for _ in range(rnd.randint(1, 3)):
            p = rnd.randrange(len(c))
            op = rnd.choice("dir")
            if op == "d":
                del c[p]
            elif op == "i":
                c.insert(p, rnd.choice("的和要在"))
            else:
                c[p] = rnd.choice("的和要在")
        keys.insert(rnd.randrange(len(keys)), "".join(c))
    # and a q-gram common enough to be skipped (more than max_posting sentences)
    keys += [f"坚持稳中求进工作总基调第{i}项任务要抓实抓细抓到位确保如期完成" for i in range(30)]
    for cutoff, max_posting in ((95.0, 400), (90.0, 400), (95.0, 20)):
        fast = sorted(_similar_pairs(keys, cutoff, max_posting=max_posting))
        ref = sorted(_similar_pairs_reference(keys, cutoff, max_posting=max_posting))
        assert fast == ref
        assert len(ref) >= 20          # the planted copies are found
