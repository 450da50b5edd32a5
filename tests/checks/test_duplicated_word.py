"""DL101 duplicated-word: its fast repeat scan equals the reference search."""
from __future__ import annotations


def test_dl101_repeat_scan_equals_overlapped_regex_search(real_texts):
    """DL101's prefiltered scan yields the matches of the overlapped \\p{Han} search."""
    from doclint.checks.duplicated_word import _REPEAT, _repeats
    texts = list(real_texts)
    texts += ["𠀀𠀀𠀁𠀁々々〇〇〇豈豈", "ab ab  农业\n农业农业的的的，  ——……1100 abab 研究研究研究",
              "\ud800\ud800的的\r\n\r\n一二一二一二三四五六七八一二三四五六七八"]
    total = 0
    for s in texts:
        fast = [(m.span(), m.group(1)) for m in _repeats(s)]
        ref = [(m.span(), m.group(1)) for m in _REPEAT.finditer(s, overlapped=True)]
        assert fast == ref
        total += len(ref)
    assert total > 20
