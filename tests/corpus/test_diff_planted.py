"""Revision pairs generated from the real corpus with planted edits, scored per op.

Each of the 52 government work reports gets deleted sentences, sentences
inserted from another report, word-level modifications, sentences moved far
away, and moved-and-edited sentences (tests/support/planted.py). Precision and
recall of each op are summed over the corpus and must stay above the
minimums below; one heavier round (many more edits, short sentences allowed)
has slightly lower minimums.
"""
from __future__ import annotations

from collections import defaultdict

import pytest

from doclint.diff.align import diff_texts
from planted import plant, predicted

OPS = ("insert", "delete", "modify", "move")


def run(files, **kw):
    tot = defaultdict(lambda: [0, 0, 0])  # hits, predicted, truth
    for k, f in enumerate(files):
        donor = files[(k + 7) % len(files)]
        p = plant(f.read_text(encoding="utf-8"), donor.read_text(encoding="utf-8"), seed=k, **kw)
        res = diff_texts(p.old, p.new)
        assert not res.budget_exhausted
        pred = predicted(res)
        for op in OPS:
            got, want = pred[op], p.truth[op]
            tot[op][0] += len(got & want)
            tot[op][1] += len(got)
            tot[op][2] += len(want)
        # Moved-and-edited sentences keep their edits.
        for c in res.changes:
            if c.op == "move" and c.old_text != c.new_text:
                assert c.edits
    return {op: (h / g if g else 1.0, h / w if w else 1.0, w) for op, (h, g, w) in tot.items()}


def test_planted_edits_precision_recall(corpus_files):
    scores = run(corpus_files)
    for op in OPS:
        precision, recall, n = scores[op]
        assert n >= 150, (op, n)
        assert precision >= 0.98 and recall >= 0.98, (op, scores[op])


def test_planted_edits_heavy(corpus_files):
    scores = run(corpus_files[::2], n_delete=15, n_insert=15, n_modify=40, n_move=12,
                 n_move_edit=12, min_len=10)
    for op in OPS:
        precision, recall, n = scores[op]
        assert precision >= 0.95 and recall >= 0.95, (op, scores[op])


def test_planted_truth_is_consistent(corpus_files):
    # The generator itself: texts differ exactly where planted, counts add up.
    f = corpus_files[0]
    p = plant(f.read_text(encoding="utf-8"), corpus_files[1].read_text(encoding="utf-8"), seed=3)
    assert {op: len(v) for op, v in p.truth.items()} == {"insert": 6, "delete": 6, "modify": 10, "move": 8}
    res = diff_texts(p.old, p.new)
    assert res.old_sentences - 6 == res.new_sentences - 6  # 6 deleted, 6 inserted


@pytest.mark.parametrize("seed", [0, 1])
def test_corpus_pair_against_itself_is_identical(corpus_files, seed):
    text = corpus_files[seed * 20].read_text(encoding="utf-8")
    res = diff_texts(text, text)
    assert res.identical and res.count("equal") == res.old_sentences
