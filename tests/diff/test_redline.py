"""`doclint diff OLD NEW -f docx`: the new draft with the differences as tracked revisions.

Without LibreOffice: the adapter's stream gives back both texts exactly, moves are moves, word
edits are the differ's, and the written file reads back (independently of doclint's reader) as
the new draft with changes accepted and as the old one with changes rejected; what Word is
strict about is checked on the XML. With LibreOffice (headless, one instance per session):
accepting all tracked changes gives the new draft and rejecting all the old one, character for
character, on the revision pairs, on pairs built from the shared corpus (a 50,000-character
report with 40+ edits and moves), on .docx inputs with styles and tables, and on random pairs.
"""
from __future__ import annotations

import io
import os
import random
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from docx_samples import BOLD_RED, check_ooxml, ins, p, package, r, views
from doclint.diff.align import diff_documents, diff_texts
from doclint.diff.report_docx import redline_stream, render_docx
from doclint.files import tracked
from doclint.files.docx import read_docx
from doclint.files.tracked import normalized
from doclint.model.document import Document

PAIRS = sorted((Path(__file__).parent / "pairs").glob("*.old.txt"))


def pair_texts(path):
    return path.read_text("utf-8"), Path(str(path).replace(".old.", ".new.")).read_text("utf-8")


def redline(old: str, new: str):
    res = diff_texts(old, new)
    return render_docx(res, Document(old), Document(new))[0], res


def lines(text: str):
    return normalized(text)[0].split("\n")


def corpus_pair(files, chars: int, seed: int = 0):
    """Reports concatenated to `chars`, one paragraph per line, with planted edits (as bench/bench_diff.py)."""
    from planted import plant
    paras, size, k = [], 0, 0
    while size < chars:
        for line in files[k % len(files)].read_text("utf-8").splitlines():
            if line.strip() and size < chars:
                paras.append(line.strip())
                size += len(line.strip()) + 1
        k += 1
    text = "\n".join(paras) + "\n"
    donors = "\n".join(f.read_text("utf-8") for f in files[-3:])
    n = max(1, chars // 50_000)
    p_ = plant(text, donors, seed=seed, n_delete=8 * n, n_insert=8 * n, n_modify=30 * n, n_move=4 * n,
               n_move_edit=4 * n)
    return p_.old, p_.new


# ------------------------------------------------------------------ the adapter
@pytest.mark.parametrize("path", PAIRS, ids=[p.name.split(".")[0] for p in PAIRS])
def test_stream_gives_back_both_drafts(path):
    old, new = pair_texts(path)
    res = diff_texts(old, new)
    stream, comments = redline_stream(res, *[normalized(t)[0] for t in (old, new)])
    assert tracked.old_text(stream) == normalized(old)[0] and tracked.new_text(stream) == normalized(new)[0]
    # every comment is opened and closed once, around one deletion or insertion
    for k in range(len(comments)):
        at = [i for i, piece in enumerate(stream) if piece.cid == k]
        assert [stream[i].kind for i in at] == ["cstart", "cend"] and at[1] == at[0] + 2


def test_word_edits_are_the_differs():
    old = "我们要加强建设，提高效率。\n第二段不变。\n"
    new = "我们要加快构建，提高效率。\n第二段不变。\n"
    res = diff_texts(old, new)
    c = next(c for c in res.changes if c.op == "modify")
    stream, _ = redline_stream(res, *[normalized(t)[0] for t in (old, new)])
    changed = [(piece.kind, piece.text) for piece in stream if piece.kind != "eq"]
    expected = [(k, e.old if k == "del" else e.new) for e in c.edits for k in ("del", "ins")
                if (e.old if k == "del" else e.new)]
    assert changed == expected and changed


def test_unchanged_move_is_a_move_and_an_edited_one_a_commented_delete_insert():
    old, new = pair_texts(next(p for p in PAIRS if p.name.startswith("moved_paragraph")))
    res = diff_texts(old, new)
    stream, comments = redline_stream(res, *[normalized(t)[0] for t in (old, new)])
    moved = [c for c in res.changes if c.op == "move"]
    exact = [c for c in moved if c.old_text == c.new_text]
    edited = [c for c in moved if c.old_text != c.new_text]
    names = {piece.name for piece in stream if piece.kind in ("mfrom", "mto")}
    assert len(names) == len(exact) > 0
    for name in names:
        pieces = [piece for piece in stream if piece.name == name]
        assert sorted(x.kind for x in pieces) == ["mfrom", "mto"] and pieces[0].text == pieces[1].text
    assert len(comments) == 2 * len(edited)
    old2, new2 = pair_texts(next(p for p in PAIRS if p.name.startswith("moved_edited")))
    res2 = diff_texts(old2, new2)
    stream2, comments2 = redline_stream(res2, *[normalized(t)[0] for t in (old2, new2)])
    c = next(c for c in res2.changes if c.op == "move")
    assert c.old_text != c.new_text and len(comments2) == 2
    assert comments2[0].paragraphs[1] == f"移至新稿第 {c.new_line} 行"
    assert comments2[1].paragraphs[1:] == [f"自旧稿第 {c.old_line} 行移来", "原句：" + c.old_text]


def test_a_result_the_adapter_cannot_trust_still_gives_exact_texts():
    old, new = pair_texts(PAIRS[0])
    res = diff_texts(old, new)
    for c in res.changes:  # a differ that got offsets wrong: every segment shifted by 3
        for side in ("old", "new"):
            seg = getattr(c, side)
            if seg is not None:
                setattr(c, side, type(seg)(seg.first, seg.last, seg.start + 3, seg.end + 3, seg.text, seg.line,
                                           seg.para))
    stream, _ = redline_stream(res, *[normalized(t)[0] for t in (old, new)])
    assert tracked.old_text(stream) == normalized(old)[0] and tracked.new_text(stream) == normalized(new)[0]


@pytest.mark.parametrize("old,new", [
    ("甲乙现\n命区和至", "甲乙\n和至"),           # LibreOffice's merge pitfall, both ways
    ("甲乙\n和至", "甲乙现\n命区和至"),
    ("一\n二\n三", "三\n一\n二"), ("", "新文"), ("旧文", ""), ("a\r\nb\r\n", "a\r\nc\r\n"),
])
def test_written_file_reads_back_as_both_drafts(old, new):
    data, _ = redline(old, new)
    v = views(data)
    assert v["new"] == lines(new) and v["old"] == lines(old)
    assert read_docx_bytes(data).text == normalized(new)[0]
    check_ooxml(data)


def read_docx_bytes(data, tmp=None):
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "x.docx"
        path.write_bytes(data)
        return read_docx(path)


def test_text_inputs_become_a_gbt9704_document_with_headings():
    old = "关于加强安全生产的通知\n各单位：\n一、提高思想认识\n要认真贯彻。\n"
    new = "关于进一步加强安全生产的通知\n各单位：\n一、提高思想认识\n要深入贯彻。\n"
    data, _ = redline(old, new)
    import docx
    d = docx.Document(io.BytesIO(data))
    assert [x.style.style_id for x in d.paragraphs] == ["Title", "Normal", "Heading1", "Normal"]
    settings = zipfile.ZipFile(io.BytesIO(data)).read("word/settings.xml")
    assert b"<w:trackRevisions/>" in settings  # further edits in Word are tracked too


# ------------------------------------------------------------------ .docx inputs
OLD_DOCX = (p(r("关于加强安全生产的通知"), ppr='<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>')
            + p(r("为"), r("认真", BOLD_RED), r("贯彻落实部署，现通知如下。"))
            + '<w:tbl><w:tr><w:tc>' + p(r("责任单位")) + '</w:tc><w:tc>' + p(r("完成时限")) + '</w:tc></w:tr></w:tbl>'
            + p(r("要坚持人民至上。"), ppr='<w:pPr><w:pStyle w:val="BodyIndent"/></w:pPr>') + p(r("删除的段落。")))
NEW_DOCX = (p(r("关于进一步加强安全生产的通知"), ppr='<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>')
            + p(r("为"), r("深入", BOLD_RED), r("贯彻落实部署，现通知如下。"))
            + '<w:tbl><w:tr><w:tc>' + p(r("责任单位")) + '</w:tc><w:tc>' + p(r("完成时限"), ins(r("：年底前"))) +
            '</w:tc></w:tr></w:tbl>' + p(r("新增的段落。")) + p(r("要坚持人民至上。"),
                                                           ppr='<w:pPr><w:pStyle w:val="BodyIndent"/></w:pPr>'))


def _parts(data):
    z = zipfile.ZipFile(io.BytesIO(data))
    return {n: z.read(n) for n in z.namelist()}


def test_docx_redline_keeps_the_new_documents_paragraphs_styles_and_parts(tmp_path):
    (tmp_path / "old.docx").write_bytes(package(OLD_DOCX))
    (tmp_path / "new.docx").write_bytes(package(NEW_DOCX))
    res = subprocess.run([sys.executable, "-m", "doclint", "diff", "old.docx", "new.docx", "-f", "docx", "-o",
                          "比对.docx"], cwd=tmp_path, capture_output=True, timeout=120)
    assert res.returncode == 1, res.stderr.decode()
    assert "new.docx: 含 1 处未接受的修订" in res.stderr.decode()    # its own insertion, accepted first
    out = (tmp_path / "比对.docx").read_bytes()
    before, after = _parts((tmp_path / "new.docx").read_bytes()), _parts(out)
    for name in ("word/header1.xml", "word/footer1.xml", "word/footnotes.xml", "word/media/blob.bin",
                 "word/styles.xml"):
        assert after[name] == before[name], name
    v = views(out)
    old_lines = read_docx(tmp_path / "old.docx").text.split("\n")
    new_lines = read_docx(tmp_path / "new.docx").text.split("\n")
    assert v["old"] == old_lines and v["new"] == new_lines
    import docx
    d = docx.Document(io.BytesIO(out))
    assert [x.style.style_id for x in d.paragraphs] == ["Heading1", "Normal", "Normal", "BodyIndent", "BodyIndent"]
    # the inserted word keeps its own formatting and the deleted one takes it (it replaced it)
    xml = _parts(out)["word/document.xml"].decode()
    for kind, word in (("ins", "深入"), ("del", "认真")):
        run = xml[:xml.index(f">{word}</w:")]
        run = run[run.rindex(f"<w:{kind} "):]
        assert '<w:b/><w:color w:val="C00000"/>' in run, (kind, run)
    # the deleted last paragraph keeps the style of the paragraph it was split from
    assert d.paragraphs[-1].text == "" and v["merged"][-1] == "删除的段落。"
    counts = check_ooxml(out)
    assert counts["ins"] >= 3 and counts["del"] >= 2


def test_structure_that_cannot_carry_the_revision_falls_back_to_the_text(tmp_path):
    # old: one paragraph; new: the same words split over two table cells (no paragraph mark to track)
    (tmp_path / "old.docx").write_bytes(package(p(r("责任单位完成时限"))))
    (tmp_path / "new.docx").write_bytes(package('<w:tbl><w:tr><w:tc>' + p(r("责任单位")) + '</w:tc><w:tc>'
                                                + p(r("完成时限")) + '</w:tc></w:tr></w:tbl>' + p()))
    old_doc, new_doc = read_docx(tmp_path / "old.docx"), read_docx(tmp_path / "new.docx")
    res = diff_documents(old_doc, new_doc)
    data, notes = render_docx(res, old_doc, new_doc, new_arg=str(tmp_path / "new.docx"))
    assert any("无法承载" in zh for zh, _ in notes)
    v = views(data)
    assert v["old"] == old_doc.text.split("\n") and v["new"] == new_doc.text.split("\n")


def test_docx_format_needs_an_output_file(tmp_path):
    (tmp_path / "a.txt").write_text("甲。\n", "utf-8")
    (tmp_path / "b.txt").write_text("乙。\n", "utf-8")
    res = subprocess.run([sys.executable, "-m", "doclint", "diff", "a.txt", "b.txt", "-f", "docx"], cwd=tmp_path,
                         capture_output=True, timeout=120)
    err = res.stderr.decode()
    assert res.returncode == 2 and err.strip() == "doclint: -f docx 需要用 -o 指定输出文件" and not res.stdout
    res = subprocess.run([sys.executable, "-m", "doclint", "diff", "a.txt", "a.txt", "-f", "docx", "-o", "x.docx"],
                         cwd=tmp_path, capture_output=True, timeout=120)
    assert res.returncode == 0 and zipfile.is_zipfile(tmp_path / "x.docx")
    assert views((tmp_path / "x.docx").read_bytes())["merged"] == ["甲。"]


# ------------------------------------------------------------------ LibreOffice
def lo_check(lo, path, old_lines, new_lines):
    import docx
    assert len(docx.Document(str(path)).paragraphs) >= 1  # python-docx opens it too
    got = lo.inspect(path)
    assert got["accepted"] == new_lines, "accept all is not the new draft"
    assert got["rejected"] == old_lines, "reject all is not the old draft"
    assert got["redlines_left"] == [0, 0]
    return got


def test_libreoffice_accepts_and_rejects_the_revision_pairs(tmp_path):
    from libreoffice import office
    lo = office()
    for path in PAIRS:
        old, new = pair_texts(path)
        data, res = redline(old, new)
        f = tmp_path / (path.name.split(".")[0] + ".docx")
        f.write_bytes(data)
        got = lo_check(lo, f, lines(old), lines(new))
        edited = [c for c in res.changes if c.op == "move" and c.old_text != c.new_text]
        assert len(got["comments"]) == 2 * len(edited)
        assert sorted(c["anchor"] for c in got["comments"]) == sorted(
            [c.old_text for c in edited] + [c.new_text for c in edited])


def test_libreoffice_on_corpus_pairs_with_many_edits_and_moves(tmp_path, corpus_files):
    from libreoffice import office
    lo = office()
    for chars, seed in ((50_000, 0), (20_000, 5)):
        old, new = corpus_pair(corpus_files, chars, seed)
        data, res = redline(old, new)
        changes = [c for c in res.changes if c.op != "equal"]
        moves = [c for c in res.changes if c.op == "move"]
        assert len(changes) >= 40 and len(moves) >= 4 and len(old) >= chars
        f = tmp_path / f"corpus_{chars}.docx"
        f.write_bytes(data)
        got = lo_check(lo, f, lines(old), lines(new))
        counts = check_ooxml(data)
        assert counts["moveFrom"] == counts["moveTo"] == len([c for c in moves if c.old_text == c.new_text])
        assert got["redline_count"] >= len(changes)


@pytest.mark.skipif(not os.environ.get("DOCLINT_BIG_TESTS"), reason="set DOCLINT_BIG_TESTS=1: a 1 MB pair "
                    "(336,000 characters, 300+ changes) takes LibreOffice about half a minute")
def test_libreoffice_on_a_1mb_pair(tmp_path, corpus_files):
    from libreoffice import office
    lo = office()
    old, new = corpus_pair(corpus_files, 336_000, 1)
    data, res = redline(old, new)
    (tmp_path / "big.docx").write_bytes(data)
    lo_check(lo, tmp_path / "big.docx", lines(old), lines(new))


def test_libreoffice_on_docx_inputs(tmp_path):
    from libreoffice import office
    lo = office()
    (tmp_path / "old.docx").write_bytes(package(OLD_DOCX))
    (tmp_path / "new.docx").write_bytes(package(NEW_DOCX))
    old_doc, new_doc = read_docx(tmp_path / "old.docx"), read_docx(tmp_path / "new.docx")
    data, notes = render_docx(diff_documents(old_doc, new_doc), old_doc, new_doc, new_arg=str(tmp_path / "new.docx"))
    assert notes == []
    (tmp_path / "r.docx").write_bytes(data)
    lo_check(lo, tmp_path / "r.docx", old_doc.text.split("\n"), new_doc.text.split("\n"))


SENTENCES = ["要坚持人民至上。", "统筹发展和安全。", "压实责任，强化监管。", "推进治理体系现代化！", "严格执法；",
             "加强应急值守，确保信息畅通。", "各地区各部门要认真贯彻落实。", "一、提高思想认识", "  ", "　　全面推进。",
             "A 2024 年", "\t制表"]


def random_pair(rng):
    def para():
        return "".join(rng.choice(SENTENCES) for _ in range(rng.randint(0, 4)))
    old = [para() for _ in range(rng.randint(1, 7))]
    new = []
    for text in old:
        roll = rng.random()
        if roll < 0.12:
            continue
        if roll < 0.25:
            new.append(para())
        if text and rng.random() < 0.4:
            k = rng.randrange(len(text))
            text = text[:k] + rng.choice("的了和，是加") + text[k + 1:]
        if len(text) > 4 and rng.random() < 0.15:
            k = rng.randint(1, len(text) - 1)
            new += [text[:k], text[k:]]
        elif new and rng.random() < 0.12:
            new[-1] += text
        else:
            new.append(text)
    if rng.random() < 0.3:
        rng.shuffle(new)
    return "\n".join(old) + ("\n" if rng.random() < 0.3 else ""), "\n".join(new)


def test_libreoffice_on_random_pairs(tmp_path):
    from libreoffice import office
    lo = office()
    rng = random.Random(20240510)
    # first LibreOffice's merge pitfall (an insertion ending a paragraph, one starting the next)
    pitfalls = [("甲乙现\n命区和至", "甲乙\n和至"), ("甲乙\n和至", "甲乙现\n命区和至"),
                ("一段。\n二段。", "一段。新加\n新段\n又加二段。")]
    for k in range(43):
        old, new = pitfalls[k] if k < len(pitfalls) else random_pair(rng)
        data, _ = redline(old, new)
        f = tmp_path / f"random_{k}.docx"
        f.write_bytes(data)
        lo_check(lo, f, lines(old), lines(new))
