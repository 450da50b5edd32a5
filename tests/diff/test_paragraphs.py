"""The merged document of a diff (DiffResult.paragraphs(), the contract a redline is built on):
accepting every change gives the new draft's paragraphs exactly, rejecting every change the old
draft's; moves appear as a deleted origin and an inserted arrival with the same move number."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from doclint.diff.align import diff_texts
from doclint.diff.paragraphs import changed_breaks

PAIRS = Path(__file__).parent / "pairs"
NAMES = sorted(p.name[:-len(".expect.toml")] for p in PAIRS.glob("*.expect.toml"))


def _rebuild(paras, dropped: str, closing: tuple):
    """Paragraph texts with the `dropped` runs left out; only `closing` marks end a paragraph
    (a dropped paragraph mark joins two paragraphs)."""
    out, cur = [], []
    for p in paras:
        cur.append("".join(r.text for r in p.runs if r.kind != dropped))
        if p.mark in closing:
            out.append("".join(cur))
            cur = []
    out.append("".join(cur))
    return out


def accept(paras):
    """Every change accepted."""
    return _rebuild(paras, "delete", ("equal", "insert"))


def reject(paras):
    """Every change rejected."""
    return _rebuild(paras, "insert", ("equal", "delete"))


def check_round_trip(res):
    paras = res.paragraphs()
    assert paras[-1].mark == "end" and all(p.mark != "end" for p in paras[:-1])
    want_new = [p.text for p in res.new_paragraphs] or [""]
    want_old = [p.text for p in res.old_paragraphs] or [""]
    assert accept(paras) == want_new
    assert reject(paras) == want_old
    # Moves: each moved sentence leaves as a deletion and arrives as an insertion, same number.
    moved = {}
    for p in paras:
        for r in p.runs:
            assert r.kind in ("equal", "insert", "delete") and r.text
            if r.move_id is not None:
                moved.setdefault(r.move_id, []).append(r.kind)
    assert {k: sorted(v) for k, v in moved.items()} == \
        {c.move_id: ["delete", "insert"] for c in res.changes if c.op == "move"}
    # The differ's own pass over the paragraph marks (for its blocks) finds exactly the merged
    # document's inserted and deleted marks, with the same splits and merges.
    def mark(p):
        return p.boundary, p.mark, p.break_kind, id(p.before), id(p.after), id(p.at)
    assert [mark(p) for p in changed_breaks(res)] == [mark(p) for p in paras if p.mark in ("insert", "delete")]
    # Every split or merge block sits at an inserted / deleted paragraph mark.
    marks = {p.boundary: p.mark for p in paras if p.boundary is not None}
    for b in res.blocks:
        if b.kind in ("split", "merge"):
            assert marks[b.position] == ("insert" if b.kind == "split" else "delete")


@pytest.mark.parametrize("name", NAMES)
def test_revision_pairs_round_trip(name):
    old = (PAIRS / f"{name}.old.txt").read_text(encoding="utf-8")
    new = (PAIRS / f"{name}.new.txt").read_text(encoding="utf-8")
    check_round_trip(diff_texts(old, new))
    check_round_trip(diff_texts(new, old))


def test_corpus_pairs_round_trip(corpus_files):
    """Consecutive national reports (a year apart: most sentences rewritten, some kept, moved or
    edited) and planted revision pairs."""
    from planted import plant
    for k in range(0, len(corpus_files) - 1, 5):
        a = corpus_files[k].read_text(encoding="utf-8")
        b = corpus_files[k + 1].read_text(encoding="utf-8")
        check_round_trip(diff_texts(a, b))
        p = plant(a, b, seed=k)
        check_round_trip(diff_texts(p.old, p.new))


def test_paragraph_marks_of_inserted_deleted_and_moved_paragraphs():
    old = "甲段第一句。甲段第二句。\n乙段只有一句。\n丙段的第一句话。丙段的第二句话。\n丁段结尾。\n"
    new = "甲段第一句。\n甲段第二句。新增的一句话在这里。\n丙段的第一句话。丙段的第二句话。\n新增的一段文字。\n乙段只有一句。\n丁段结尾。\n"
    res = diff_texts(old, new)
    check_round_trip(res)
    kinds = [b.kind for b in res.blocks]
    assert kinds.count("split") == 1 and "merge" not in kinds and "move" in kinds
    split = next(b for b in res.blocks if b.kind == "split")
    assert split.new_line == 2 and split.old_line == 1


SENTENCES = ["各地要加强组织领导。", "压实工作责任。", "深入排查风险隐患，", "确保取得实效。", "一、总体要求",
             "（二）重点任务", "要坚持问题导向！", "2025年完成目标任务。", "新增就业1200万人。", "  ", "(三)工作要求"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4), max_size=8),
       st.randoms(use_true_random=False))
def test_random_revisions_round_trip(paras, rnd):
    old = "\n".join("".join(p) for p in paras) + "\n"
    # An editor's revision: paragraphs split, merged, moved, sentences edited or dropped.
    new_paras = ["".join(p) for p in paras]
    for _ in range(rnd.randint(0, 4)):
        op = rnd.choice(("split", "merge", "move", "edit", "drop", "add"))
        if not new_paras:
            break
        k = rnd.randrange(len(new_paras))
        if op == "split" and len(new_paras[k]) > 4:
            cut = rnd.randrange(1, len(new_paras[k]))
            new_paras[k:k + 1] = [new_paras[k][:cut], new_paras[k][cut:]]
        elif op == "merge" and k + 1 < len(new_paras):
            new_paras[k:k + 2] = [new_paras[k] + new_paras[k + 1]]
        elif op == "move":
            new_paras.insert(rnd.randrange(len(new_paras)), new_paras.pop(k))
        elif op == "edit":
            new_paras[k] = new_paras[k].replace("加强", "切实加强").replace("1200", "1100")
        elif op == "drop":
            new_paras.pop(k)
        else:
            new_paras.insert(k, rnd.choice(SENTENCES) + "补充说明的内容。")
    new = "\n".join(new_paras) + "\n"
    check_round_trip(diff_texts(old, new))
