"""DL101 and DL201 on real text: the seed speech draft and the 52 work reports."""
from __future__ import annotations


from doclint.api import lint_text
from doclint.files.reader import read_path

# Every DL101/DL201 finding at warning or above on the corpus, each a real
# defect of the text: (file, line, code, flagged text, justification).
CORPUS_DEFECTS = [
    ("1978.txt", 241, "DL101", "和和",
     "“生活的机会和和效力的机会”: the conjunction 和 is typed twice"),
]


def _warnings(findings):
    return [f for f in findings if f.severity in ("warning", "error")]


def test_seed_duplicated_words(seed_path):
    doc = read_path(seed_path)
    found = _warnings(lint_text(doc.text, select=["DL101"]))
    assert [f.text for f in found] == ["农业农业", "加大加大"]
    assert "秋冬季农业农业生产" in doc.text.splitlines()[found[0].line - 1]


def test_seed_every_placeholder(seed_path):
    from doclint.engine.config import Config
    text = read_path(seed_path).text
    crosses = [i for i, ch in enumerate(text) if ch == "×"]
    assert len(crosses) == 103
    # listed one by one (summary_after = 0): every × is covered, each finding names a kind
    each = lint_text(text, select=["DL201"], config=Config(checks={"DL201": {"summary_after": 0}}))
    covered = {i for f in each for i in range(f.start, f.end)}
    assert all(i in covered for i in crosses), "a × placeholder was missed"
    assert all(f.severity == "error" for f in each)
    msgs = " ".join(f.message for f in each)
    for kind in ("日期", "金额", "比例", "数量", "地名", "人名或单位", "单位名称", "内容"):
        assert f"（{kind}）" in msgs, kind
    # ×月×日 and ×-×月 are one finding each, not two or three
    assert any(f.text == "×月×日" for f in each) and any(f.text == "×-×月" for f in each)
    assert len(each) == 95         # 98 before ×-×月 (twice) and ×至× were one finding each
    # by default the draft (98 placeholders) gets one summary per paragraph holding three or more,
    # so its 15 other problems are not buried; the summaries still cover every ×
    found = lint_text(text, select=["DL201"])
    assert len(found) == 11
    assert sum(f.message.startswith("本段有") for f in found) == 9
    covered = {i for f in found for i in range(f.start, f.end)}
    assert all(i in covered for i in crosses)
    others = [f for f in lint_text(text) if f.code != "DL201" and f.severity != "info"]
    assert len(found) < len(others) + 5


def test_corpus_duplicates_and_placeholders(corpus_files):
    got = []
    for path in corpus_files:
        doc = read_path(path)
        for f in _warnings(lint_text(doc.text, select=["DL101", "DL201"])):
            got.append((path.name, f.line, f.code, f.text))
    assert got == [d[:4] for d in CORPUS_DEFECTS]


def test_corpus_planted_defects_are_found(corpus_files):
    """The same pipeline finds doublings planted into real corpus sentences."""
    lexicon_words = ["农业", "加大", "推进", "改革", "财政", "经济"]
    planted = found = 0
    for path in corpus_files[-12:]:
        text = read_path(path).text
        for word in lexicon_words:
            i = text.find(word + "，")
            if i < 0 or text[i - 1] == word[-1]:
                continue
            mutated = text[:i] + word + text[i:]
            planted += 1
            hits = [f for f in lint_text(mutated, select=["DL101"])
                    if f.start <= i < f.end and f.severity == "warning"]
            found += bool(hits)
        # And a placeholder in place of a real number.
        m = text.find("亿元")
        if m > 2 and text[m - 1].isdigit():
            j = m - 1
            while j > 0 and (text[j - 1].isdigit() or text[j - 1] == "."):
                j -= 1
            mutated = text[:j] + "×" + text[m:]
            assert any(f.text == "×" and f.start == j for f in lint_text(mutated, select=["DL201"]))
    assert planted >= 30
    assert found == planted, f"found {found} of {planted} planted doublings"
