"""The differ's exact anchors (doclint/diff/anchors.py) against difflib, and the bounds of every stage."""
from __future__ import annotations

from difflib import SequenceMatcher
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from doclint.diff.align import normalize
from doclint.diff.anchors import matching_blocks
from doclint.model.document import Document

PAIRS = Path(__file__).parent / "pairs"


def _keys(*texts):
    ids = {}
    return [[ids.setdefault(normalize(s.text), len(ids)) for s in Document(t).sentences] for t in texts]


def _difflib(a, b):
    return [tuple(x) for x in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()][:-1]


def _valid(a, b, blocks):
    pi = pj = 0
    for i, j, n in blocks:
        assert n > 0 and i >= pi and j >= pj, blocks
        assert a[i:i + n] == b[j:j + n]
        pi, pj = i + n, j + n


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 6), max_size=60), st.lists(st.integers(0, 6), max_size=60))
def test_blocks_are_valid_on_any_sequences(a, b):
    blocks, complete = matching_blocks(a, b)
    _valid(a, b, blocks)
    assert complete
    if a == b:
        assert blocks == ([(0, 0, len(a))] if a else [])


def test_equal_or_better_than_difflib_on_revision_pairs_and_planted_corpus_pairs(corpus_files):
    """At least as many matched sentences as difflib: on each revision pair and each planted
    revision pairs of the corpus (light and heavy: the same blocks on all but one or two of 104),
    and over consecutive real reports."""
    from planted import plant
    for old in PAIRS.glob("*.old.txt"):
        a, b = _keys(old.read_text("utf-8"), old.with_name(old.name.replace(".old.", ".new.")).read_text("utf-8"))
        mine, _ = matching_blocks(a, b)
        _valid(a, b, mine)
        assert sum(n for *_, n in mine) >= sum(n for *_, n in _difflib(a, b)), old.name
    same = total = 0
    for k, f in enumerate(corpus_files):
        donor = corpus_files[(k + 7) % len(corpus_files)]
        for kw in ({}, dict(n_delete=15, n_insert=15, n_modify=40, n_move=12, n_move_edit=12, min_len=10)):
            try:
                p = plant(f.read_text("utf-8"), donor.read_text("utf-8"), seed=k, **kw)
            except ValueError:
                continue  # a report too short for the heavy round
            a, b = _keys(p.old, p.new)
            mine, ref = matching_blocks(a, b)[0], _difflib(a, b)
            same += mine == ref
            total += 1
            assert sum(n for *_, n in mine) >= sum(n for *_, n in ref), f.name
    assert total >= 78 and same >= total - 2, (same, total)
    # Consecutive reports (mostly rewritten): each side's choice of anchors can win a pair by a
    # sentence or two; over the corpus the anchors here match more.
    mine = ref = 0
    for x, y in zip(corpus_files[:-1], corpus_files[1:]):
        a, b = _keys(x.read_text("utf-8"), y.read_text("utf-8"))
        mine += sum(n for *_, n in matching_blocks(a, b)[0])
        ref += sum(n for *_, n in _difflib(a, b))
    assert mine > ref


def test_work_is_capped_on_repeated_keys():
    # Alternating keys have no key unique to a range: k-th occurrences pair up, in linear work.
    a = [1, 2] * 5000
    b = [2, 1] * 5000
    blocks, complete = matching_blocks(a, b)
    _valid(a, b, blocks)
    assert sum(n for *_, n in blocks) >= 9998
    # A tiny cap stops the search early and says so; what was found is still valid.
    blocks, complete = matching_blocks(a[:400] + [7] + a[:400], b[:400] + [8] + b[:400], work_per_item=0)
    assert not complete


def test_word_diff_never_builds_a_matrix_above_its_bound(monkeypatch):
    """One sentence of 120,000 characters, edited every few hundred: the character diff runs only
    on pieces of at most WORD_CELLS cells (its bit matrix), and the edits rebuild the new text."""
    from rapidfuzz.distance import Indel

    from doclint.diff import words
    seen = []
    real = Indel.opcodes

    def spy(s1, s2, **kw):
        seen.append(len(s1) * len(s2))
        return real(s1, s2, **kw)
    monkeypatch.setattr(Indel, "opcodes", spy)
    base = "各地要加强组织领导，压实工作责任，认真落实各项措施，确保取得实效，"
    old = (base * 4000)[:120_000]
    new = list(old)
    for k in range(300, 119_000, 700):
        new[k:k + 2] = "推进"
    new = "".join(new)
    edits = words.word_edits(old, new)
    assert words.apply_edits(old, new, edits) == new
    assert seen and max(seen) <= words.WORD_CELLS
    assert 100 <= len(edits) <= 400
