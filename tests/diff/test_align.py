"""The differ's alignment and word edits on own revision pairs with expected changes."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from doclint.diff.align import diff_texts
from doclint.diff.words import apply_edits, word_edits

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PAIRS = Path(__file__).parent / "pairs"
NAMES = sorted(p.name[:-len(".expect.toml")] for p in PAIRS.glob("*.expect.toml"))


def load(name):
    old = (PAIRS / f"{name}.old.txt").read_text(encoding="utf-8")
    new = (PAIRS / f"{name}.new.txt").read_text(encoding="utf-8")
    expect = tomllib.loads((PAIRS / f"{name}.expect.toml").read_text(encoding="utf-8"))
    return old, new, expect


def test_all_pairs_present():
    assert set(NAMES) >= {"edits", "insert_delete", "moved_paragraph", "moved_edited",
                          "split_merge", "reordered_list", "reordered_numbered",
                          "moved_section", "inserted_section", "paragraph_split", "clauses_numbers"}


@pytest.mark.parametrize("name", NAMES)
def test_revision_pair(name):
    old, new, expect = load(name)
    res = diff_texts(old, new, f"{name}.old", f"{name}.new")
    got = [c for c in res.changes if c.op != "equal"]
    want = expect["change"]
    assert [(c.op, c.old_text, c.new_text) for c in got] == \
        [(w["op"], w.get("old"), w.get("new")) for w in want]
    for c, w in zip(got, want):
        if "edits" in w:
            assert [[e.old, e.new] for e in c.edits] == w["edits"], c
        assert [e.kind or "" for e in c.edits] == w.get("kinds", [""] * len(c.edits)), c
        assert [e.move or 0 for e in c.edits] == w.get("moves", [0] * len(c.edits)), c
        if c.old and c.new:
            assert apply_edits(c.old_text, c.new_text, c.edits) == c.new_text
    # Edits as a reviewer counts them: blocks in report order.
    blocks = [{"kind": b.kind, "changes": len(b.changes),
               **({"summary": b.summary} if b.summary else {}),
               **({"new_line": b.new_line, "old_line": b.old_line} if b.kind in ("split", "merge") else {})}
              for b in res.blocks]
    assert blocks == expect["block"]
    assert res.edit_counts()["total"] == len(expect["block"])
    for b in res.blocks:  # every change but the equal ones belongs to exactly one block
        if b.kind not in ("split", "merge"):
            assert all(c.block == b.id for c in b.changes)
    assert sorted(id(c) for b in res.blocks if b.kind not in ("split", "merge") for c in b.changes) == \
        sorted(id(c) for c in got)
    assert res.count("equal") == expect["equal"]
    assert not res.identical and not res.budget_exhausted
    # Every sentence of both drafts is accounted for exactly once.
    old_seen = sorted(k for c in res.changes if c.old for k in range(c.old.first, c.old.last + 1))
    new_seen = sorted(k for c in res.changes if c.new for k in range(c.new.first, c.new.last + 1))
    assert old_seen == list(range(res.old_sentences))
    assert new_seen == list(range(res.new_sentences))


def test_moves_are_linked_and_ordered():
    old, new, _ = load("moved_paragraph")
    res = diff_texts(old, new)
    moves = [c for c in res.changes if c.op == "move"]
    assert [c.move_id for c in moves] == [1, 2, 3]
    # Heading and paragraph moved together: one block of whole paragraphs.
    assert {c.block for c in moves} == {1} and all(c.whole_paragraph for c in moves)
    assert res.stats()["moved_blocks"] == 1 and res.stats()["moved_paragraph_blocks"] == 1
    single = diff_texts(*load("moved_edited")[:2])
    assert [c.whole_paragraph for c in single.changes if c.op == "move"] == [False]
    origins = [c for kind, c in res.layout if kind == "move_from"]
    assert sorted(id(c) for c in origins) == sorted(id(c) for c in moves)
    # Report order follows the new draft; each origin sits at its old place.
    new_lines = [c.new_line for kind, c in res.layout if kind == "change" and c.new]
    assert new_lines == sorted(new_lines)


def test_identical_and_whitespace_only():
    text = "第一句。第二句。\n第三段。\n"
    assert diff_texts(text, text).identical
    res = diff_texts(text, "第一句。 第二句。\r\n\r\n第三段。  \r\n")
    assert res.identical and res.layout_changed and res.same
    assert all(c.op == "equal" for c in res.changes)
    # A paragraph split is no sentence change, but the drafts are not the same.
    res = diff_texts(text, "第一句。\n第二句。\n第三段。\n")
    assert res.identical and res.paragraphs_changed and not res.same


def test_unrelated_drafts_are_inserts_and_deletes():
    res = diff_texts("今天召开全体会议，研究部署下一阶段工作。\n", "明年财政预算草案已经编制完成，提请审议。\n")
    assert [c.op for c in res.changes] == ["delete", "insert"]


def test_short_sentences_do_not_fuzzy_move():
    # "（一）" and "（二）" are similar but too short to claim a move.
    res = diff_texts("（一）\n甲乙丙丁戊己庚辛壬癸。\n", "甲乙丙丁戊己庚辛壬癸。\n（二）\n")
    assert sorted(c.op for c in res.changes) == ["delete", "equal", "insert"]


def test_move_needs_a_clear_winner():
    # Two inserted sentences equally close to the deleted one: no move is claimed.
    old = "开头一句话在这里。\n要进一步加强安全生产监督管理工作。\n" + "中间的段落内容。\n" * 3 + "结尾。\n"
    new = ("要进一步加强安全生产监督检查工作。\n开头一句话在这里。\n" + "中间的段落内容。\n" * 3 +
           "结尾。要进一步加强安全生产监督指导工作。\n")
    res = diff_texts(old, new)
    assert res.count("move") == 0
    assert res.count("delete") == 1 and res.count("insert") == 2


def test_budget_is_reported_and_bounds_work():
    old = "\n".join(f"第{i}条要求是认真落实工作责任制度并按期报送材料。" for i in range(60)) + "\n"
    new = "\n".join(f"第{i}条要求是认真落实工作责任制度并按时报送材料。" for i in range(60)) + "\n"
    full = diff_texts(old, new)
    assert not full.budget_exhausted and full.count("modify") == 60
    tight = diff_texts(old, new, budget=30)
    assert tight.budget_exhausted and tight.comparisons <= 30 + 60 * 4
    # Still a complete account of both drafts, just coarser.
    assert sum(1 for c in tight.changes if c.old) == 60 and sum(1 for c in tight.changes if c.new) == 60
    assert tight.count("modify") < 60
    # A budget below the full gap (60 x 60) still finds the in-place edits:
    # each sentence is compared with a band of neighbours around its position.
    banded = diff_texts(old, new, budget=4000)
    assert banded.budget_exhausted and banded.count("modify") == 60
    assert banded.comparisons <= 4000


# ---- word edits ------------------------------------------------------------

@pytest.mark.parametrize("old,new,edits", [
    ("我们要加强建设。", "我们要加强构建。", [["建设", "构建"]]),     # a whole word, not +构 =建 −设
    ("加强，提高", "强化，提升", [["加强，提高", "强化，提升"]]),      # merged across punctuation
    ("加强建设", "加强建成", [["设", "成"]]),                        # trimmed to the changed characters
    ("面积稳定在120万亩以上", "面积稳定在125万亩以上", [["120", "125"]]),  # numbers are whole tokens
    ("新增就业1200万人", "新增就业1100万人", [["1200", "1100"]]),
    ("增长5.2%，好于预期", "增长5.5%，好于预期", [["5.2%", "5.5%"]]),
    ("于2025年3月5日前报送", "于2025年3月15日前报送", [["2025年3月5日", "2025年3月15日"]]),
    ("于十一月底前报送", "于十二月底前报送", [["十一", "十二"]]),
    ("2025年加强管理", "2025年强化管理", [["加强", "强化"]]),           # beside a number: the number stays
    ("提高工作效率", "提升工作效能", [["高", "升"], ["率", "能"]]),
    ("要具体抓、抓具体。", "要具体抓。", [["、抓具体", ""]]),
    ("同样的句子。", "同样的句子。", []),
])
def test_word_edits(old, new, edits):
    got = word_edits(old, new)
    assert [[e.old, e.new] for e in got] == edits
    assert apply_edits(old, new, got) == new
    for e in got:
        assert old[e.old_start:e.old_end] == e.old and new[e.new_start:e.new_end] == e.new
        assert e.op == ("insert" if not e.old else "delete" if not e.new else "replace")


CHARS = st.sampled_from(list("加强建设提高效率工作我们要的，。、一二三0125 abc"))


@settings(max_examples=150, deadline=None)
@given(st.lists(CHARS, max_size=30).map("".join), st.lists(CHARS, max_size=30).map("".join))
def test_word_edits_rebuild_new_text(old, new):
    edits = word_edits(old, new)
    assert apply_edits(old, new, edits) == new
    pos = 0
    for e in edits:  # ordered, non-overlapping, never empty on both sides
        assert e.old_start >= pos and (e.old or e.new)
        pos = e.old_end


def test_weak_in_place_pair_gives_way_to_a_clear_move():
    x = "各地要加强安全生产监督管理，坚决遏制重特大事故发生。"
    y = "各地要加强安全生产检查，坚决防范各类事故。"  # ~0.64 similar to x
    tail = "中间句子保持不变。\n第二段第一句保持原样。第二段第二句也保持原样。\n第三段的内容没有变化。"
    old = f"开头一句话不变。\n{x}\n{tail}\n"
    # In place, y alone is a modification of x ...
    res = diff_texts(old, f"开头一句话不变。\n{y}\n{tail}\n")
    assert [c.op for c in res.changes if c.op != "equal"] == ["modify"]
    # ... but when x reappears (lightly edited) elsewhere, x moved and y is new.
    res = diff_texts(old, f"开头一句话不变。\n{y}\n{tail}各地要加强安全生产监督管理，坚决遏制重特大事故的发生。\n")
    got = [(c.op, c.old_text, c.new_text) for c in res.changes if c.op != "equal"]
    assert got == [("insert", None, y),
                   ("move", x, "各地要加强安全生产监督管理，坚决遏制重特大事故的发生。")]
