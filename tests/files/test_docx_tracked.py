"""The tracked-change writer's parts on their own: streams (exact by construction, LibreOffice-safe
marks, edits and comment markers in order), the editor (run splits keep formatting, what cannot be
tracked is refused before anything is written), accepting a document's own revisions."""
from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from docx_samples import BOLD_RED, dele, ins, p, package, r, views
from doclint.files import ooxml, tracked
from doclint.files.docx import document_root, package_from_bytes, project
from doclint.files.tracked import Editor, Piece, Untrackable

ALPHABET = "甲乙丙\n 丁"
texts = st.text(alphabet=ALPHABET, max_size=14)


def root_of(body: str):
    return document_root(package_from_bytes(package(body), "t.docx"))


def body_runs(root):
    return [etree.tostring(run) for run in root.iter(ooxml.qn("w:r"))]


# ------------------------------------------------------------------ streams
@given(old=texts, new=texts)
@settings(max_examples=300, deadline=None)
def test_char_diff_and_lo_safe_keep_both_texts(old, new):
    stream = tracked.lo_safe(tracked.char_diff(old, new))
    assert tracked.old_text(stream) == old and tracked.new_text(stream) == new
    # no untracked mark is left between two insertions (what LibreOffice would merge)
    for k, piece in enumerate(stream):
        if piece.kind == "eq" and piece.text == "\n" and 0 < k < len(stream) - 1:
            assert not (stream[k - 1].kind in ("ins", "mto") and stream[k + 1].kind in ("ins", "mto"))


def test_lo_safe_rewrites_as_the_prototype_verified():
    a = tracked.lo_safe([Piece("ins", "现"), Piece("eq", "\n"), Piece("ins", "命区\n"), Piece("eq", "和至")])
    assert [(x.kind, x.text) for x in a] == [("ins", "现\n命区"), ("eq", "\n"), ("eq", "和至")] or \
        [(x.kind, x.text) for x in a] == [("ins", "现\n命区"), ("eq", "\n和至")]
    b = tracked.lo_safe([Piece("ins", "现"), Piece("eq", "\n"), Piece("ins", "命区"), Piece("eq", "和至")])
    assert [(x.kind, x.text) for x in b] == [("ins", "现\n"), ("del", "\n"), ("ins", "命区"), ("eq", "和至")]
    # a mark the body cannot track is left alone
    c = tracked.lo_safe([Piece("ins", "现"), Piece("eq", "\n"), Piece("ins", "命区")], mark_ok=lambda line: False)
    assert [x.kind for x in c] == ["ins", "eq", "ins"]


@given(text=st.text(alphabet="甲乙\n丙", max_size=12), data=st.data())
@settings(max_examples=300, deadline=None)
def test_edit_stream_applies_edits_and_puts_comments_on_exactly_their_text(text, data):
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=6)))
    edits, last = [], -1
    for k in range(0, len(cuts) - 1, 2):
        s, e = cuts[k], cuts[k + 1]
        if s > last or (s == last and s != e):
            edits.append((s, e, data.draw(st.sampled_from(["", "新", "\n"]))))
            last = e
    spans = [(a, b, k) for k, (a, b) in enumerate(sorted(data.draw(st.lists(
        st.tuples(st.integers(0, len(text)), st.integers(0, len(text))).map(sorted), max_size=3))))]
    stream = tracked.edit_stream(text, edits, spans)
    fixed = text
    for s, e, rep in sorted(edits, reverse=True):
        fixed = fixed[:s] + rep + fixed[e:]
    assert tracked.old_text(stream) == text and tracked.new_text(stream) == fixed
    for a, b, k in spans:  # the original text between a comment's markers is its span
        inside, on = "", False
        for piece in stream:
            if piece.cid == k:
                on = piece.kind == "cstart"
            elif on and piece.kind in ("eq", "del"):
                inside += piece.text
        assert inside == text[a:b]


def test_char_diff_gives_up_on_huge_regions():
    a, b = "甲" * 3000, "乙" * 3000
    assert [(x.kind, len(x.text)) for x in tracked.char_diff(a, b)] == [("del", 3000), ("ins", 3000)]


# ------------------------------------------------------------------ the editor
BODY = p(r("为切实"), r("加大", BOLD_RED), r("力度。")) + p(r("第二段。"))


def test_split_runs_keep_their_formatting_and_the_text():
    root = root_of(BODY)
    ed = Editor(root, "old", "doclint", "2025-01-01T00:00:00Z", 1)
    ed.split_at({1, 4, 5, 8})
    assert project(root).text == "为切实加大力度。\n第二段。"
    bold = [run for run in root.iter(ooxml.qn("w:r")) if run.find(".//" + ooxml.qn("w:b")) is not None]
    assert ["".join(bold_run.itertext()) for bold_run in bold] == ["加", "大"]


def test_untouched_runs_stay_byte_identical():
    root = root_of(BODY)
    before = body_runs(root)
    ed = Editor(root, "old", "doclint", "2025-01-01T00:00:00Z", 1)
    ed.apply(tracked.edit_stream(ed.text, [(9, 11, "")], [(9, 11, 0)]), [tracked.Comment(["x"])])
    after = body_runs(root)
    assert before[0] in after and before[1] in after and before[2] in after  # paragraph 1 untouched


def test_what_cannot_be_tracked_is_known_before_writing():
    table = ('<w:tbl><w:tr><w:tc>' + p(r("单位")) + '</w:tc><w:tc>' + p(r("时限")) + '</w:tc></w:tr></w:tbl>'
             + p(r("要"), ins(r("切实")), r("加强。")))
    root = root_of(table)
    ed = Editor(root, "old", "doclint", "2025-01-01T00:00:00Z", 1)
    assert ed.text == "单位\n时限\n要切实加强。"
    assert not ed.can_wrap(1, 4)            # the mark between two table cells
    assert not ed.can_wrap(7, 8)            # inside 张三's insertion
    assert not ed.can_emit(8, "x")          # inside it as well
    assert ed.can_emit(6, "x") and ed.can_wrap(9, 11)
    assert ed.can_emit(11, "\n")           # a paragraph break at the end of a paragraph
    with pytest.raises(Untrackable):
        ed.apply([Piece("eq", "单位"), Piece("del", "\n"), Piece("eq", "时限\n要切实加强。")])


def test_accept_all_gives_what_the_reader_reads():
    body = (p(r("要"), ins(r("切实")), dele("认真"), r("加强。"),
              ppr='<w:pPr><w:rPr><w:del w:id="30" w:author="张三" w:date="2024-05-10T09:30:00Z"/></w:rPr></w:pPr>')
            + p(r("接着。")) + p(r("第三段")))
    root = root_of(body)
    want = project(root).text
    assert tracked.accept_all(root) == 3
    assert project(root).text == want == "要切实加强。接着。\n第三段"
    assert not any(e.tag in (ooxml.qn("w:ins"), ooxml.qn("w:del")) for e in root.iter())


def test_random_streams_written_into_a_body_read_back_exactly():
    rng = random.Random(7)
    for _ in range(200):
        old = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 12)))
        new = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 12)))
        root = tracked.text_document(new.split("\n"))
        ed = Editor(root, "new", "doclint", "2025-01-01T00:00:00Z", 1)
        ed.apply(tracked.lo_safe(tracked.char_diff(old, new), ed.mark_ok))
        data = tracked.write_package(None, None, root, [], "2025-01-01T00:00:00Z")
        v = views(data)
        assert v["old"] == old.split("\n") and v["new"] == new.split("\n"), (old, new)
