"""DL301-DL305 on real text: the 52 work reports, the seed speech, and planted defects.

Every DL3 finding at warning or above on the corpus is listed below with the
reason it is a real defect of the text. The planted-defect tests mutate real
report text so that this file fails if the checks stop finding anything.
"""
from __future__ import annotations

from collections import Counter

import pytest

from doclint.api import lint_text
from doclint.engine.config import Config
from doclint.engine.fixes import apply_until_stable
from doclint.files.reader import read_path

# GB/T 15834-2011 4.4.3.5: ordinals with 第 (and 其/首先) take a comma; the 顿号
# belongs after bare numerals (一、). So "第一、" is a wrong mark.
ORDINAL = "“第X、”: a 第-ordinal takes a comma (第一，), GB/T 15834-2011 4.4.3.5"


def _ordinals(file, lines, words):
    return [(file, line, "DL302", word, ORDINAL) for line, word in zip(lines, words)]


_N = "一二三四五六七八九十"

# (file, line, code, flagged text, justification)
CORPUS_DEFECTS = (
    _ordinals("1958.txt", [102, 164, 194, 220, 240], [f"第{c}、" for c in _N[:5]])
    + _ordinals("1979.txt", [73, 83, 87, 95, 99, 105, 111, 115, 119, 127], [f"第{c}、" for c in _N])
    + _ordinals("1982.txt", [119, 153, 179, 193], [f"第{c}、" for c in _N[:4]])
    + _ordinals("1983.txt", [57, 63, 69, 82, 86, 90], [f"第{c}、" for c in _N[:3] * 2])
    + _ordinals("1985.txt", [83] * 5 + [97, 101, 105, 109, 113], [f"第{c}、" for c in _N[:5] * 2])
    + _ordinals("1986.txt", [207, 211, 215, 219, 223, 227, 231, 235, 239, 243], [f"第{c}、" for c in _N])
    + _ordinals("1987.txt", [111, 113, 115], [f"第{c}、" for c in _N[:3]])
    + [
        ("2007.txt", 121, "DL301", "（四）加快推进产业结构升级和自主创新",
         "section 三、 goes （一）（二）（四）（五）: the heading （三） is missing from the text"),
        ("2010.txt", 171, "DL305", "四是",
         "the item “四是加强风险管理…” ends line 169 and is repeated verbatim as line 171"),
    ]
)


def _warnings(findings):
    return [f for f in findings if f.severity in ("warning", "error")]


@pytest.fixture(scope="module")
def corpus_findings(corpus_files):
    out = {}
    for path in corpus_files:
        doc = read_path(path)
        out[path.name] = (doc, lint_text(doc.text, select=["DL3"]))
    return out


def test_corpus_warnings_are_exactly_the_known_defects(corpus_findings):
    got = sorted((name, f.line, f.code, f.text)
                 for name, (_, fs) in corpus_findings.items() for f in _warnings(fs))
    want = sorted((a, b, c, d) for a, b, c, d, _ in CORPUS_DEFECTS)
    assert got == want


def test_every_known_defect_has_a_justification():
    assert all(len(why) > 20 for *_, why in CORPUS_DEFECTS)
    assert len(CORPUS_DEFECTS) == 50


def test_corpus_info_findings_stay_few_and_sensible(corpus_findings):
    info = [(name, f.code) for name, (_, fs) in corpus_findings.items()
            for f in fs if f.severity == "info"]
    # Enumerations that start with 首先 and go on with 二是/第二/第三 (1955, 1995, 1999). Sub-lists
    # numbered 一、 inside deeper sections (1955, 1981-1986) were the usage of those years: not
    # reported in documents of the period (14 info findings before issue 12).
    assert Counter(code for _, code in info) == Counter({"DL305": 3})
    assert {name for name, _ in info} <= {"1955.txt", "1995.txt", "1999.txt"}
    old = {}
    for name, (doc, _) in corpus_findings.items():
        if name[:4] in ("1955", "1981", "1982", "1985", "1986"):
            config = Config(checks={"DL303": {"historical_before": 0}})
            old[name] = [f for f in lint_text(doc.text, select=["DL303"], config=config) if f.severity == "info"]
    assert sum(len(v) for v in old.values()) == 14   # still found when the period rule is off


def test_ordinal_fix_only_changes_the_mark(corpus_findings):
    doc, fs = corpus_findings["1985.txt"]
    fixed, applied = apply_until_stable(doc.text, lambda t: lint_text(t, select=["DL302"]))
    assert len(applied) == 10
    assert "第一、" not in fixed and fixed.count("第一，") >= doc.text.count("第一，") + 2
    assert len(fixed) == len(doc.text)
    assert not _warnings(lint_text(fixed, select=["DL3"]))


def test_seed_numbering_is_correct(seed_path):
    """一、…九、 each with 一要…四要: no DL3 finding at all."""
    doc = read_path(seed_path)
    assert lint_text(doc.text, select=["DL3"]) == []


# ---- planted defects in real text ------------------------------------------

def _lines(text, code="DL3"):
    return [(f.line, f.code, f.text) for f in _warnings(lint_text(text, select=[code]))]


def test_planted_heading_gap_in_seed(seed_path):
    text = read_path(seed_path).text
    bad = text.replace("三、着力推进高质量发展", "四、着力推进高质量发展", 1)
    got = _lines(bad)
    assert got == [(23, "DL301", "四、着力推进高质量发展"), (25, "DL301", "四、全力保障和改善民生")]
    # Renumbering is an unsafe fix: the safe pass leaves it, the unsafe pass restores the text.
    safe, _ = apply_until_stable(bad, lambda t: lint_text(t, select=["DL301"]))
    assert safe == bad
    unsafe, _ = apply_until_stable(bad, lambda t: lint_text(t, select=["DL301"]), unsafe=True)
    assert unsafe == text


def test_planted_enumeration_gap_in_seed(seed_path):
    text = read_path(seed_path).text
    line = next(ln for ln in text.splitlines() if "。三要" in ln)
    lineno = text.splitlines().index(line) + 1
    bad = text.replace(line, line.replace("。三要", "。四要", 1), 1)
    assert (lineno, "DL305", "四要") in _lines(bad)


def test_planted_defects_in_a_report(corpus_dir):
    text = read_path(corpus_dir / "2025.txt").text
    assert _lines(text) == []
    bad = (text.replace("（五）扩大高水平对外开放", "（六）扩大高水平对外开放", 1)
               .replace("二、2025年经济社会发展", "二.2025年经济社会发展", 1)
               .replace("（三）深入实施科教兴国战略", "(三)深入实施科教兴国战略", 1))
    got = {(code, t[:5]) for _, code, t in _lines(bad)}
    assert ("DL301", "（六）扩大") in got      # gap after （四）
    assert ("DL301", "（六）有效") in got      # the real （六） is now a duplicate
    assert ("DL302", "二.") in got
    assert not any(code == "DL301" and t.startswith("三、") for code, t in got)
    assert ("DL302", "(三)") in got
    # Safe fixes repair the marks only; the unsafe renumbering repairs the rest.
    safe, _ = apply_until_stable(bad, lambda t: lint_text(t, select=["DL3"]))
    assert "二、2025年经济社会发展" in safe and "（三）深入实施" in safe
    assert "（六）扩大高水平对外开放" in safe
    unsafe, _ = apply_until_stable(bad, lambda t: lint_text(t, select=["DL3"]), unsafe=True)
    assert unsafe == text


def test_planted_enumeration_duplicate_in_a_report(corpus_dir):
    text = read_path(corpus_dir / "2016.txt").text
    assert _lines(text) == []
    para = next(ln for ln in text.splitlines() if "一是" in ln and "二是" in ln and "三是" in ln)
    bad = text.replace(para, para.replace("三是", "二是", 1), 1)
    got = [(code, t) for _, code, t in _lines(bad)]
    assert ("DL305", "二是") in got
