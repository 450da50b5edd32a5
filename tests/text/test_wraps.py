"""Hard line wraps (doclint/text/wraps.py): DL101's rule, linear, and the differ's width rule."""
from __future__ import annotations


import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from doclint.model.document import Document
from doclint.text.wraps import join_wraps, view, wrap_width


_BREAK = regex.compile(r"\r\n|\r|\n")
_HAN = regex.compile(r"\p{Han}")
_HEADING_START = regex.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．，]|[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、]|第[一二三四五六七八九十\d]+[章节条部分])")


def _reference_view(text: str):
    """DL101's original view of the text without hard wraps (it was _view in
    checks/duplicated_word.py; DL101 now uses join_wraps), kept here as the specification."""
    if "\n" not in text and "\r" not in text:
        return text, None
    parts, index = [], []
    pos = 0
    line_start = 0
    for m in _BREAK.finditer(text):
        line = text[line_start:m.start()]
        line_start = m.end()
        nxt = text[m.end():m.end() + 1]
        if (line and nxt and _HAN.match(line[-1]) and _HAN.match(nxt)
                and len(line.strip()) >= 15 and not _HEADING_START.match(line)):
            parts.append(text[pos:m.start()])
            index.extend(range(pos, m.start()))
            pos = m.end()
    if not parts:
        return text, None
    parts.append(text[pos:])
    index.extend(range(pos, len(text)))
    return "".join(parts), index


def test_dl101_rule_is_unchanged_on_real_text(real_texts):
    joined = 0
    for text in real_texts:
        for variant in (text, text.replace("\n", "\r\n"), text.replace("\n", "\r")):
            assert view(variant) == _reference_view(variant)
        joined += view(text)[1] is not None
    assert joined  # real text has some wraps the rule joins


ALPHABET = st.sampled_from(list("农业生产加强建设一二三（）(1).、，。 \t　abc5") + ["\n", "\r", "\r\n", "\n\n"])


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=120).map("".join))
def test_dl101_rule_matches_on_random_text(text):
    assert view(text) == _reference_view(text)


def _wrap(paragraphs, width, indent=""):
    out = []
    for p in paragraphs:
        p = indent + p
        out.extend(p[k:k + width] for k in range(0, len(p), width))
    return "\n".join(out) + "\n"


def test_index_maps_back_and_to_source_agrees(real_texts):
    checked = 0
    for text in real_texts[:12]:
        paras = [p.text for p in Document(text).paragraphs]
        wrapped = _wrap(paras, 37)
        w = join_wraps(wrapped, rule="width")
        index = w.index()
        if index is None:
            continue  # short paragraphs: the copy does not look hard-wrapped
        checked += 1
        assert len(index) == len(w.text)
        for i in range(0, len(w.text), 7):
            assert wrapped[index[i]] == w.text[i] == wrapped[w.to_source(i)]
    assert checked >= 3


def test_width_rule_rejoins_a_wrapped_copy(real_texts):
    """Wrapped at a fixed width with indented paragraphs (a PDF copy of a 公文), the paragraphs
    come back whole whatever character sits at the wraps. The only exceptions are wraps that
    put a list marker at the start of a line (…我的报告是依据 / （２）关于…), which read as a new
    item: fewer than 1 paragraph in 500."""
    total = wrong = checked = 0
    for text in real_texts:
        paras = [p.text for p in Document(join_wraps(text, rule="width").text).paragraphs]
        for width in (30, 40, 47):
            wrapped = _wrap(paras, width, indent="\u3000\u3000")
            if sum(len(p) > 2 * width for p in paras) < len(paras) / 2:
                continue  # mostly one-line paragraphs: nothing says the text is hard-wrapped
            checked += 1
            assert wrap_width(wrapped) == width
            got = [p.text.lstrip("\u3000") for p in Document(join_wraps(wrapped, rule="width").text).paragraphs]
            total += len(paras)
            wrong += len(set(paras) - set(got))
    from samples import CORPUS
    assert checked >= (3 if CORPUS.exists() else 2)   # without ../shared: the samples' long paragraphs
    assert wrong <= total / 500, (wrong, total)


def test_width_rule_without_indents_only_misses_paragraphs_ending_at_the_width():
    """Without indents a paragraph whose last line is full is joined to the next one
    (nothing tells them apart); every other paragraph comes back whole."""
    paras = ["各地要加强组织领导，压实工作责任，认真落实各项措施，确保取得实效。" * 3,
             "要坚持问题导向，深入排查风险隐患，" * 4 + "切实维护人民群众生命财产安全。",
             "2025年全市地区生产总值增长5.2%，一般公共预算收入完成计划。" * 2,
             "本段刚好写满一整行为止了。" * 2 + "共计十五个字的结尾句子好。"]
    for p in paras:
        assert len(p) % 40 != 0 or p is paras[-1]
    text = _wrap(paras * 3, 40)
    assert wrap_width(text) == 40
    got = [p.text for p in Document(join_wraps(text, rule="width").text).paragraphs]
    assert got == paras[:3] + [paras[3] + paras[0]] + paras[1:3] + [paras[3] + paras[0]] + paras[1:]


def test_width_rule_leaves_text_written_one_line_per_paragraph_alone(real_texts):
    joined_by_dl101 = 0
    for text in real_texts:
        assert wrap_width(text) is None
        assert join_wraps(text, rule="width").text == text
        joined_by_dl101 += view(text)[1] is not None
    assert joined_by_dl101  # where DL101's rule joins some lines (titles to 同志们：, …)


def test_width_rule_never_joins_headings_or_indented_lines():
    full = "这是一段足够长的正文内容用来构成硬换行的测试文字，包含标点和数字12.5%"[:30]
    heading = "（二）下一级标题文字足够长足够长足够长足够长足够长"
    text = "\n".join([full] * 6 + [heading, "\u3000\u3000缩进的新段落。", full, "1.5万亿元的数字开头不是标题。"]) + "\n"
    assert wrap_width(text) == 30
    joined = join_wraps(text, rule="width").text
    assert "\n（二）" in joined and "\n\u3000\u3000缩进" in joined
    assert full + "1.5万亿元" in joined


def test_linear_on_long_files_without_carriage_returns():
    # _view's rfind("\r") scanned back to the start at every break; the scan here is linear,
    # so 10x the lines must cost about 10x, not 100x (counted in operations, not seconds).
    import doclint.text.wraps as w
    calls = {"n": 0}
    real = w._is_han_wrap

    def counting(line, nxt):
        calls["n"] += len(line) + 1
        return real(line, nxt)
    w._is_han_wrap = counting
    try:
        line = "各地要加强组织领导压实工作责任认真落实各项措施确保取得实效\n"
        for n in (1000, 10000):
            calls["n"] = 0
            join_wraps(line * n)
            per_line = calls["n"] / n
            assert per_line <= len(line) + 1
    finally:
        w._is_han_wrap = real
