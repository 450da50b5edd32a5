"""DL5 (punctuation and numerals) on real text: the seed speech and the 52 work reports.

Every DL5 finding at warning or above on the reports is listed below with the
reason it is a real defect of the text (each was inspected by eye). A new
finding, or a missing one, fails the test: either doclint changed behaviour or
the corpus did. Period conventions of old reports (approximate numbers such as
四、五十年 before GB/T 15835-1995, 、以及 in 1981) are reported at info, and
”、“ / 》、《 (GB/T 15834-2011: "usually" no 顿号) is info everywhere.
"""
from __future__ import annotations

from collections import Counter

import pytest

from doclint.api import lint_text
from doclint.engine.fixes import apply_until_stable

# (file, line, code, flagged text): why it is a real defect.
EXPECTED = {
    ("1959.txt", 254, "DL501", ","): "half-width comma between Chinese clauses (行动,我们)",
    ("1982.txt", 111, "DL502", "”"): "reversed opening quote: 一个”五讲四美三热爱” opens with ”",
    ("1986.txt", 13, "DL502", "“六五’"): "“ closed by a single quote ’ (“六五’时期), should be “六五”",
    ("1986.txt", 19, "DL502", "“六五’"): "the same mismatched quote again (“六五’期间)",
    ("2002.txt", 27, "DL501", "!"): "half-width ! ending a Chinese sentence (表示诚挚的感谢!)",
    ("2002.txt", 78, "DL501", ","): "half-width comma between Chinese clauses (调整农业结构,必须)",
    ("2002.txt", 169, "DL501", "(处)"): "half-width parentheses in Chinese text (县(处)级)",
    ("2002.txt", 294, "DL501", "!"): "half-width ! after 各位代表",
    ("2002.txt", 296, "DL501", "!"): "half-width ! ending the closing sentence (而努力奋斗!)",
    ("2003.txt", 1, "DL501", ":"): "half-width colon in the salutation 各位代表:",
    ("2003.txt", 271, "DL501", "!"): "half-width ! ending the closing sentence (更大的胜利!)",
    ("2006.txt", 63, "DL503", "，，"): "the known doubled comma 精神状态，，更加扎实",
    ("2006.txt", 297, "DL502", "》"): "the line starts 纲要（草案）》: the opening 《 is missing",
    ("2006.txt", 299, "DL502", "“纲要（草案）》"): "title opened with “ and closed with 》 (“纲要（草案）》)",
    ("2008.txt", 35, "DL506", "2006－2020"): "year range written with a hyphen (2006－2020年), GB/T 15834 wants —",
    ("2010.txt", 54, "DL501", '"三河三湖"'): 'ASCII double quotes around a Chinese term (加强"三河三湖" 等)',
    ("2011.txt", 207, "DL506", "2011-2020"): "year range written with a hyphen (2011-2020年)",
    ("2016.txt", 85, "DL506", "6.5%－7"): "numeric range with a hyphen (6.5%－7%), GB/T 15834 wants ～",
    ("2016.txt", 87, "DL506", "6.5%－7"): "the same range twice on this line (预期目标6.5%－7% …)",
    ("2018.txt", 13, "DL509", "5千"): "Arabic digit with 千 (5千多户): only 万/亿 combine with digits",
    ("2018.txt", 13, "DL509", "1万6千"): "Arabic digits with 千 (1万6千多户 → 1.6万多户)",
    ("2018.txt", 17, "DL509", "1亿3千"): "Arabic digits with 千 (1亿3千多万 → 1.3亿多)",
    ("2018.txt", 35, "DL509", "2万5千"): "Arabic digits with 千 (2万5千公里 → 2.5万公里)",
    ("2019.txt", 61, "DL506", "6%－6.5"): "numeric range with a hyphen (6%－6.5%)",
}
# How often each key occurs (2016.txt line 87 has the same range twice).
EXPECTED_COUNT = Counter(EXPECTED.keys())
EXPECTED_COUNT[("2016.txt", 87, "DL506", "6.5%－7")] = 2


@pytest.fixture(scope="module")
def corpus_findings(corpus_files):
    out = {}
    for f in corpus_files:
        text = f.read_text("utf-8")
        # DL511 (stray spaces) has its own list: tests/corpus/expected/DL511.toml
        out[f.name] = (text, lint_text(text, select=["DL5"], ignore=["DL511"], path=str(f)))
    return out


def test_seed_half_width_comma_and_dunhao(seed_path):
    text = seed_path.read_text("utf-8")
    found = lint_text(text, select=["DL5"])
    comma = [f for f in found if f.code == "DL501" and f.text == ","
             and text[f.start - 2:f.start + 5] == "小项,较有可能"]
    assert len(comma) == 1 and comma[0].severity == "warning"
    assert comma[0].fix is not None and comma[0].fix.safe
    dunhao = [f for f in found if f.code == "DL504" and text[f.start - 4:f.end] == "各个专班、要"]
    assert len(dunhao) == 1 and dunhao[0].severity == "warning"
    # Fixing the seed's safe DL5 findings leaves the comma full width and the text otherwise intact.
    fixed, applied = apply_until_stable(text, lambda t: lint_text(t, select=["DL5"]))
    assert "小项，较有可能" in fixed
    assert len(fixed) == len(text)  # only one-for-one replacements were safe here


def test_corpus_warnings_are_exactly_the_known_defects(corpus_findings):
    got = Counter()
    for name, (_, findings) in corpus_findings.items():
        for f in findings:
            if f.severity in ("warning", "error"):
                got[(name, f.line, f.code, f.text)] += 1
    unexpected = {k: v for k, v in got.items() if EXPECTED_COUNT.get(k) != v}
    missing = {k: v for k, v in EXPECTED_COUNT.items() if got.get(k) != v}
    assert not unexpected and not missing, (unexpected, missing)


def test_known_doubled_comma_2006(corpus_findings):
    text, findings = corpus_findings["2006.txt"]
    hit = [f for f in findings if f.code == "DL503"]
    assert len(hit) == 1
    assert text[hit[0].start - 4:hit[0].end + 4] == "精神状态，，更加扎实"


def test_period_conventions_are_info(corpus_findings):
    """1950s-1980s approximations (四、五十年) and 、以及 follow the period's usage: info only."""
    old = [(name, f.line, f.text) for name, (_, fs) in corpus_findings.items() for f in fs
           if f.code in ("DL508", "DL504")]
    assert ("1955.txt", 39, "四、五") in old
    assert ("1983.txt", 59, "四、五") in old
    assert ("1981.txt", 274, "、以及") in old
    for name, (_, fs) in corpus_findings.items():
        for f in fs:
            if f.code in ("DL508", "DL504"):
                assert f.severity == "info", (name, f.line, f.text)
                assert int(name[:4]) < 1996, (name, f.line, f.text)


def test_correct_corpus_forms_are_not_reported(corpus_findings):
    """二、三产业 (an abbreviation), 1,000-style digit grouping and lines broken inside
    《…》 by the web copy are correct or not the text's fault: no finding at all."""
    for name, (text, findings) in corpus_findings.items():
        for f in findings:
            around = text[max(0, f.start - 3):f.end + 3]
            assert "三产业" not in around, (name, f.line, f.code)
            assert not (f.code == "DL501" and f.text == "," and text[f.start - 1].isdigit()
                        and text[f.end].isdigit()), (name, f.line)
    # 1957 writes 8,500公里 and 6,435人: digit grouping, not a Chinese comma.
    text, findings = corpus_findings["1957.txt"]
    assert "8,500公里" in text and not [f for f in findings if f.code == "DL501"]
    # Every report ends with a licence note broken over lines inside 《…》; not reported.
    assert not [f for name, (_, fs) in corpus_findings.items() for f in fs
                if f.code == "DL502" and name not in ("1982.txt", "1986.txt", "2006.txt")]


def test_quoted_item_dunhao_is_info_only(corpus_findings):
    """”、“ is everywhere in the reports (136 findings before issue 12): fixed formulations quoted with
    their 、 (“六稳”、“六保”), lists mixing quoted and plain items (“一国两制”、“港人治港”、“澳人治澳”、
    高度自治), and reports older than GB/T 15834-2011. None is reported; the one pair of titles written
    with 、 in a recent report is, as a hint."""
    dl505 = [(name, f) for name, (_, fs) in corpus_findings.items() for f in fs if f.code == "DL505"]
    assert [(name, f.text) for name, f in dl505] == [("2024.txt", "》、《")]
    assert all(f.severity == "info" and f.fix is not None and not f.fix.safe for _, f in dl505)
    text, _ = corpus_findings["2025.txt"]
    assert "“一国两制”、“港人治港”、“澳人治澳”、高度自治" in text


def test_safe_fixes_on_corpus_remove_the_fixable_warnings(corpus_findings):
    for name, (text, findings) in corpus_findings.items():
        if not any(f.fix and f.fix.safe for f in findings):
            continue
        fixed, _ = apply_until_stable(text, lambda t: lint_text(t, select=["DL5"]))
        left = [f for f in lint_text(fixed, select=["DL5"])
                if f.fix and f.fix.safe and f.severity != "info"]
        assert not left, (name, [(f.line, f.code, f.text) for f in left])
        # Fixes only touch punctuation: the Chinese characters are unchanged.
        han = lambda s: "".join(c for c in s if "\u4e00" <= c <= "\u9fff")  # noqa: E731
        if name != "2018.txt":
            assert han(fixed) == han(text), name
