"""Re-wrapped drafts: a hard-wrapped copy of a real report (text pasted from a PDF, built here
from ../shared) is "no change"; edits in it are reported at the wrapped file's own lines."""
from __future__ import annotations

import json

from click.testing import CliRunner

from doclint.cli import main
from doclint.diff.align import diff_texts
from doclint.model.document import Document

WIDTH = 40


def wrap(text: str, indent: str = "\u3000\u3000", width: int = WIDTH) -> str:
    """Each paragraph indented (首行缩进两字, as a PDF of a 公文 shows) and cut every `width` characters."""
    lines = []
    for p in Document(text).paragraphs:
        t = indent + p.text
        lines.extend(t[k:k + width] for k in range(0, len(t), width))
    return "\n".join(lines) + "\n"


def test_rewrapped_real_report_is_no_change(corpus_files, tmp_path):
    for f in (corpus_files[-1], corpus_files[-12], corpus_files[20]):
        text = f.read_text(encoding="utf-8")
        wrapped = wrap(text)
        assert len(wrapped.splitlines()) > 2 * len(Document(text).paragraphs)
        res = diff_texts(text, wrapped)
        assert res.same and res.identical and not res.blocks, [b.kind for b in res.blocks]
        assert res.wraps_joined[0] == 0 and res.wraps_joined[1] > 100
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(text, encoding="utf-8")
    b.write_text(wrapped, encoding="utf-8")
    r = CliRunner().invoke(main, ["diff", str(a), str(b)])
    assert r.exit_code == 0 and "仅空白或换行不同" in r.output


def test_edits_in_a_wrapped_copy_are_reported_at_its_lines(corpus_files):
    text = corpus_files[-1].read_text(encoding="utf-8")
    wrapped = wrap(text)
    lines = wrapped.splitlines()
    # Edit a word on the 200th line (inside a wrapped paragraph) and on the 400th.
    edited = list(lines)
    targets = []
    for n in (200, 400):
        line = lines[n - 1]
        k = next(i for i in range(2, len(line) - 2) if "\u4e00" <= line[i] <= "\u9fff"
                 and "\u4e00" <= line[i + 1] <= "\u9fff")
        edited[n - 1] = line[:k] + "切实" + line[k:]
        targets.append(n)
    res = diff_texts(text, "\n".join(edited) + "\n")
    assert [b.kind for b in res.blocks] == ["modify", "modify"]
    for b, n in zip(res.blocks, targets):
        c = b.changes[0]
        assert [e.new for e in c.edits] == ["切实"]
        # The sentence starts on the wrapped file's line of its first character.
        start_line = Document("\n".join(edited) + "\n").position(c.new.start)[0]
        assert c.new_line == start_line and start_line <= n
        assert c.old_line == Document(text).position(c.old.start)[0]


def test_unindented_wrap_only_merges_paragraphs_ending_at_the_width(corpus_files):
    """Without indents a paragraph whose last line is full cannot be told from a wrapped line
    (doclint.text.wraps): exactly those paragraphs are reported as merged with the next one."""
    text = corpus_files[-1].read_text(encoding="utf-8")
    paras = [p.text for p in Document(text).paragraphs]
    wrapped = wrap(text, indent="")
    res = diff_texts(text, wrapped)
    full = sum(1 for p in paras[:-1] if len(p) % WIDTH in (0, WIDTH - 1))
    assert res.identical
    assert [b.kind for b in res.blocks] == ["merge"] * len([b for b in res.blocks])
    assert 0 < len(res.blocks) <= full


def test_json_lines_are_the_files_own(corpus_files, tmp_path):
    text = corpus_files[-1].read_text(encoding="utf-8")
    wrapped = wrap(text).replace("国内生产总值", "地区生产总值", 1)
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(text, encoding="utf-8")
    b.write_text(wrapped, encoding="utf-8")
    d = json.loads(CliRunner().invoke(main, ["diff", str(a), str(b), "-f", "json"]).output)
    (c,) = [c for c in d["changes"] if c["op"] != "equal"]
    lines = wrapped.splitlines()
    here = lines[c["new_line"] - 1]
    at = (here + lines[c["new_line"]]).find(c["new_text"][:8])
    assert 0 <= at < len(here)  # the sentence starts on that line of the wrapped file
    assert d["stats"]["wraps_joined"][1] > 100
