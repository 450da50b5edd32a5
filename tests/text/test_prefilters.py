"""Cheap pre-filters in doclint.text (markers, protected spans, the document's year) skip only
text where the full pattern cannot match: checked against the full patterns on real text."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from doclint.text import dates, markers, protected


def _all_texts(real_texts):
    from samples import CORPUS, PROVINCIAL
    texts = list(real_texts)
    for folder in (CORPUS, PROVINCIAL):
        if folder.exists():
            texts += [p.read_text("utf-8") for p in sorted(folder.glob("*.txt"))]
    return texts


def _marker_patterns(text):
    return [p.match(text) is not None for p in (markers._PART, markers._PAREN, markers._CN_MARK, markers._AR_MARK)]


def test_no_marker_pattern_matches_a_line_the_prefilter_skips(real_texts):
    """recognise returns at once when a line starts with no character of _MARKER_FIRST: no marker
    pattern matches such a line (every line and every clause start of the real texts)."""
    skipped = 0
    for text in _all_texts(real_texts):
        for line in text.splitlines():
            for start in [0] + [i + 1 for i, c in enumerate(line) if c in "，。；："]:
                rest = line[start:].lstrip()
                if rest[:1] not in markers._MARKER_FIRST:
                    skipped += 1
                    assert not any(_marker_patterns(rest)), rest[:20]
    from samples import CORPUS
    assert skipped > (1000 if CORPUS.exists() else 200)   # the samples alone: a few hundred


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="第（(一二十1０.、，）)部分章农 ", max_size=10))
def test_recognise_prefilter_on_random_text(text):
    if text[:1] not in markers._MARKER_FIRST:
        assert not any(_marker_patterns(text))


def test_url_prefilter_keeps_every_url(real_texts):
    texts = _all_texts(real_texts) + ["见WWW.Gov.cn。", "httpſ://x.cn", "ftp://a/b", "访问 www.example.com/a?b=1)"]
    found = 0
    for text in texts:
        full = [m.span() for m in protected._URL.finditer(text)]
        if "://" not in text and protected._WWW.search(text) is None:
            assert not full
        found += bool(full)
        assert [a for a, _ in protected._urls(text)] == [a for a, _ in full]
    assert found >= 3


def test_year_mentions_equal_finditer(real_texts):
    texts = _all_texts(real_texts) + ["2019年2020年二〇二一年1.2023年", "年年2024年", "１９９８年"]
    for text in texts:
        assert [m.span() for m in dates._year_mentions(text)] == [m.span() for m in dates._YEAR_MENTION.finditer(text)]
