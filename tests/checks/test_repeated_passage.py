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


def _first_copies_reference(keys, cutoff):
    """For each sentence the first earlier one within the ratio, scoring it against every earlier one."""
    from rapidfuzz import fuzz, process
    out = {}
    for j, k in enumerate(keys):
        if not k:
            continue
        hits = process.extract(k, keys[:j], scorer=fuzz.ratio, score_cutoff=cutoff, limit=None)
        ok = sorted(i for _, _, i in hits
                    if keys[i] and 200.0 * min(len(k), len(keys[i])) / (len(k) + len(keys[i])) >= cutoff)
        if ok:
            out[j] = (ok[0], fuzz.ratio(keys[ok[0]], k, score_cutoff=cutoff))
    return out


def _planted_keys(real_texts, min_len, limit):
    """Normalised sentences of real text with near-copies, copies of copies and a few short ones planted."""
    import random
    from doclint.checks.consistency import _NORM
    from doclint.model.document import Document
    rnd = random.Random(7)
    keys = []
    for text in real_texts:
        keys += [k for k in (_NORM.sub("", s.text) for s in Document(text).sentences) if len(k) >= min_len]
    keys = keys[:limit]
    # near-copies: one to four characters deleted, inserted or replaced, anywhere after the original
    for k in rnd.sample(keys, min(80, len(keys) // 2)):
        c = list(k)
        for _ in range(rnd.randint(1, 4)):
            p = rnd.randrange(len(c))
            op = rnd.choice("dir")
            if op == "d":
                del c[p]
            elif op == "i":
                c.insert(p, rnd.choice("的和要在"))
            else:
                c[p] = rnd.choice("的和要在")
        copy = "".join(c)
        at = rnd.randrange(keys.index(k) + 1, len(keys) + 1)
        keys.insert(at, copy)
        if rnd.random() < 0.3:   # and the near-copy again, verbatim
            keys.insert(rnd.randrange(at + 1, len(keys) + 1), copy)
    # a phrase in every one of many sentences (one piece everywhere), short keys, an empty one
    keys += [f"坚持稳中求进工作总基调第{i}项任务要抓实抓细抓到位确保如期完成" for i in range(30)]
    keys += ["", "", "稳就业", "稳就业", "保民生促发展", "保民生促发屐"]
    return keys


def test_dl602_first_copies_equal_exhaustive_search(real_texts):
    """The segment index finds, for every sentence, the same first earlier copy as scoring every pair."""
    from doclint.checks.consistency import _first_copies
    keys = _planted_keys(real_texts, 25, 2000)
    for cutoff in (95.0, 90.0, 85.0):
        fast = _first_copies(keys, cutoff)
        ref = _first_copies_reference(keys, cutoff)
        assert fast == ref
        assert len(ref) >= 60          # the planted copies are found
    short = _planted_keys(real_texts, 1, 600)  # short sentences: few pieces, some compared with all
    for cutoff in (95.0, 70.0):
        assert _first_copies(short, cutoff) == _first_copies_reference(short, cutoff)


def test_dl602_qgram_search_below_piece_cutoff_equals_exhaustive_search(real_texts):
    """Below PIECE_CUTOFF the q-gram search is used: same first copies as scoring every pair."""
    from doclint.checks.consistency import PIECE_CUTOFF, _copies_by_qgrams
    keys = [k for k in _planted_keys(real_texts, 25, 1200) if len(k) >= 4]   # q-grams need 4 characters
    for cutoff in (PIECE_CUTOFF - 1, 80.0):
        ref = _first_copies_reference(keys, cutoff)
        assert _copies_by_qgrams(keys, cutoff) == ref
        assert len(ref) >= 60


def test_dl602_saturated_pieces_only_lose_copies(real_texts, monkeypatch):
    """With pieces saturated early, every copy still reported is a true one (only copies go missing)."""
    import doclint.checks.consistency as consistency
    from rapidfuzz import fuzz
    keys = _planted_keys(real_texts, 25, 800)
    keys += [f"坚持稳中求进工作总基调第{i}项任务要抓实抓细抓到位确保如期完成" for i in range(200)]
    full = consistency._first_copies(keys, 95.0)
    monkeypatch.setattr(consistency, "MAX_POSTING", 5)
    capped = consistency._first_copies(keys, 95.0)
    assert 0 < len(capped) < len(full)
    for j, (i, r) in capped.items():
        assert i < j and r == fuzz.ratio(keys[i], keys[j]) >= 95.0
        assert i >= full[j][0]           # never before the first copy


def test_min_ratio_below_piece_cutoff_uses_qgram_search(monkeypatch):
    """A min_ratio below PIECE_CUTOFF is served by the q-gram search, at or above it by the pieces."""
    import doclint.checks.consistency as consistency
    from doclint.engine.config import Config
    used = []
    for name in ("_first_copies", "_copies_by_qgrams"):
        real = getattr(consistency, name)
        monkeypatch.setattr(consistency, name, lambda keys, cutoff, _n=name, _f=real: used.append(_n) or _f(keys, cutoff))
    near = LONG.replace("营商环境优化提升行动", "营商环境专项整治行动")      # about 89% alike
    text = LONG + "\n今年工作总体平稳。\n" + near + "\n"
    for ratio, name, n in ((80.0, "_copies_by_qgrams", 1), (consistency.PIECE_CUTOFF, "_first_copies", 1),
                           (95.0, "_first_copies", 0)):
        used.clear()
        got = lint_text(text, select=["DL602"], config=Config(checks={"DL602": {"min_ratio": ratio}}))
        assert used == [name] and len([f for f in got if f.code == "DL602"]) == n


def test_dl602_pairs_at_the_ratio_boundary():
    """Pairs exactly at (and one edit beyond) the ratio: the distance bound takes in every one rapidfuzz admits."""
    import random
    from rapidfuzz import fuzz
    from doclint.checks.consistency import _first_copies
    rnd = random.Random(3)
    alphabet = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    tried = at_boundary = 0
    for cutoff in (95.0, 92.5, 90.0, 88.0):
        for la in range(20, 121, 3):
            x = "".join(rnd.sample(alphabet, la))
            for deleted in range(0, 14):
                for inserted in range(0, 14 - deleted):
                    c = list(x)
                    for _ in range(deleted):
                        del c[rnd.randrange(len(c))]
                    for _ in range(inserted):
                        c.insert(rnd.randrange(len(c) + 1), rnd.choice(alphabet))
                    y = "".join(c)
                    lb, r = len(y), fuzz.ratio(x, y, score_cutoff=cutoff)
                    ok = bool(r) and 200.0 * min(la, lb) / (la + lb) >= cutoff
                    assert _first_copies([x, y], cutoff) == ({1: (0, r)} if ok else {})
                    tried += 1
                    at_boundary += r == cutoff
    assert tried > 10_000 and at_boundary >= 10
