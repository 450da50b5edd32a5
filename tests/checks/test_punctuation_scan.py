"""DL502's fast scans equal the regular expressions they replace, on real and random text."""
from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from doclint.checks.punctuation import _PAIR_CHARS, _PAIR_RX, _ends_paragraph

# The pattern DL502 searched every paragraph with (tried at every position).
_PARA_END = regex.compile(r"[。！？；：…!?;:][”’」』）)】》]*$")


def _lines(texts):
    for text in texts:
        yield from text.splitlines()
        yield from text.splitlines(keepends=True)


def test_paragraph_end_equals_the_regex_on_real_text(real_texts):
    ends = 0
    for line in _lines(real_texts):
        assert _ends_paragraph(line) == bool(_PARA_END.search(line)), line[-20:]
        ends += _ends_paragraph(line)
    assert ends > 100


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(list("。！？；：…!?;:”’」』）)】》农a \n")), max_size=12).map("".join))
def test_paragraph_end_equals_the_regex_on_random_text(text):
    assert _ends_paragraph(text) == bool(_PARA_END.search(text))


def test_pair_scan_finds_every_paired_mark(real_texts):
    for text in real_texts:
        assert [m.start() for m in _PAIR_RX.finditer(text)] == [k for k, c in enumerate(text) if c in _PAIR_CHARS]


def _prefilter_holds(text):
    from doclint.checks.punctuation import (_BAD_ELLIPSIS, _DOTS_DENG, _DOUBLED, _ELLIPSIS_DENG,
                                            _TWO_MARKS)
    if not ("…" in text or "..." in text):
        assert _BAD_ELLIPSIS.search(text) is None
    if _TWO_MARKS.search(text) is None:
        assert _DOUBLED.search(text) is None
    if _DOTS_DENG.search(text) is None:
        assert _ELLIPSIS_DENG.search(text) is None


def test_dl503_dl507_prefilters_skip_only_text_without_matches(real_texts):
    for text in real_texts:
        _prefilter_holds(text)
        for line in text.splitlines():
            _prefilter_holds(line)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(list("…⋯.。，、；：！？!?等农 \n") + ["……", "...", "。。。"]), max_size=10).map("".join))
def test_dl503_dl507_prefilters_on_random_text(text):
    _prefilter_holds(text)
