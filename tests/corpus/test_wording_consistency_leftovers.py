"""Issue 6 (wording, consistency, leftovers) on real text: the seed speech and the 52 reports.

Every finding of DL102/DL103, DL601-DL603 and DL701/DL702 at warning or above on the
real reports is listed below with the reason it is a real defect; the planted-defect
tests show that the same checks do fire on those texts when something is wrong, so the
short list is not the result of checks that never fire.
"""
from __future__ import annotations


import pytest

from doclint.api import lint_text
from doclint.model.document import Document
from doclint.engine.fixes import apply_until_stable

CODES = ["DL102", "DL103", "DL601", "DL602", "DL603", "DL701", "DL702"]
SERIOUS = ("warning", "error")


def _mine(text, path="<string>"):
    return [f for f in lint_text(text, select=CODES, path=path) if f.code in CODES]


# ---------------------------------------------------------------- seed speech

# (line, code, flagged text, why)
SEED_EXPECTED = [
    (1, "DL701", "仅供学习 禁止外传\n酷乐文行\n自建平台、实时分享\n根据实际需求和形式任务不断迭代\n"
                 "现在订阅立享前3年的所有权益和资料 \n\n【打击倒卖活动】\n举报倒卖会员资料的人，举报成功免费赠送一年会员材料！\n"
                 "会员群：                      免费QQ群：",
     "the template site's header as one block: its notice, name and slogans (between two adverts), "
     "a subscription advert, 【打击倒卖活动】 and the membership/QQ group adverts"),
    (30, "DL102", "截止", "截止目前，×个已完成整改: an as-of date, must be 截至"),
]


def test_seed_reports_advert_lines_and_nothing_in_the_speech_body(seed_path):
    text = seed_path.read_text("utf-8")
    found = [(f.line, f.code, f.text) for f in _mine(text, str(seed_path)) if f.severity in SERIOUS]
    assert found == [(ln, c, t) for ln, c, t, _ in SEED_EXPECTED]
    doc = Document(text)
    # the title and the salutation are not residue
    title_line = next(i + 1 for i, ln in enumerate(doc.lines) if ln.text.startswith("在市政府重点工作推进会上的讲话"))
    assert title_line == 16
    dl7_lines = {ln for f in _mine(text) if f.code.startswith("DL7") for ln in range(f.line, f.end_line + 1)}
    assert dl7_lines == set(range(1, 10))
    assert all(ln < title_line for ln in dl7_lines)


def test_seed_advert_lines_are_deleted_by_unsafe_fix_and_title_kept(seed_path):
    text = seed_path.read_text("utf-8")
    fixed, _ = apply_until_stable(text, lambda t: lint_text(t, select=["DL701"]), unsafe=True)
    assert "仅供学习" not in fixed and "QQ群" not in fixed and "订阅" not in fixed
    assert "在市政府重点工作推进会上的讲话\n同志们：" in fixed
    assert not lint_text(fixed, select=["DL701"])
    # plain (safe) --fix does not delete whole lines
    safe, _ = apply_until_stable(text, lambda t: lint_text(t, select=["DL701"]))
    assert safe == text


def test_seed_six_items_of_liugeyipi_are_counted(seed_path):
    from doclint.checks.consistency import slogan_lists
    doc = Document(seed_path.read_text("utf-8"))
    found = [(doc.position(s)[0], doc.text[s:e], stated, listed) for s, e, stated, listed in slogan_lists(doc, True)]
    assert found == [(22, "“六个一批”", 6, 6)]


# ---------------------------------------------------------------- the 52 reports

# (file, line, code, start of the flagged text, its length, justification)
CORPUS_EXPECTED = [
    ("1988.txt", 360, "DL602", "我们一定要在中国共产党的领导下", 64,
     "the closing sentence of line 358 is pasted again in the next paragraph (which starts with a "
     "cut-off fragment, 国际形势，…): the web copy repeats the paragraph"),
    ("1999.txt", 185, "DL102", "公诸于众", 4,
     "诸 means 之于, so 公诸于众 doubles 于; the standard form is 公之于众"),
    ("2010.txt", 171, "DL602", "四是加强风险管理，提高金融监管", 92,
     "item 四是 and its sentences already end line 169; line 171 repeats them verbatim"),
    ("2015.txt", 99, "DL602", "加大简政放权、放管结合改革力度", 147,
     "the whole paragraph of line 97 is pasted a second time as line 99"),
]


@pytest.fixture(scope="module")
def corpus_findings(corpus_files):
    out = []
    for f in corpus_files:
        text = f.read_text("utf-8")
        for x in _mine(text, str(f)):
            out.append((f.name, x, text))
    return out


def test_corpus_findings_at_warning_are_exactly_the_justified_defects(corpus_findings):
    serious = [(name, x.line, x.code, x.text) for name, x, _ in corpus_findings
               if x.severity in SERIOUS and x.code != "DL701"]
    got = [(n, ln, c, t[:len(p)], len(t)) for (n, ln, c, t), (_, _, _, p, _, _) in zip(serious, CORPUS_EXPECTED)]
    assert len(serious) == len(CORPUS_EXPECTED), serious
    assert got == [e[:5] for e in CORPUS_EXPECTED]
    for e in CORPUS_EXPECTED:
        assert e[5]  # every finding carries its justification


def test_corpus_web_residue_is_exactly_the_licence_notice_at_each_end(corpus_findings):
    """The reports were copied from Wikisource: each ends with its licence notice (本作品…属于公有领域 /
    注：… / Public domain / false), reported as one block from its first line to the end; nothing of the
    reports' own text is residue."""
    by_file = {}
    for name, x, text in corpus_findings:
        if x.code == "DL701":
            by_file.setdefault(name, []).append((x, text))
    assert len(by_file) == 52
    for name, found in by_file.items():
        assert len(found) == 1, name
        x, text = found[0]
        lines = text.split("\n")
        assert lines[x.line - 1].startswith("本作品") and "公有领域" in text[x.start:x.end], name
        assert x.end_line == max(i + 1 for i, ln in enumerate(lines) if ln.strip()), name
        assert x.fix is not None and not x.fix.safe


def test_corpus_repeated_passages_really_occur_earlier(corpus_findings):
    """The DL602 findings are real repetitions: the flagged text occurs earlier in the file."""
    dups = [(name, x, text) for name, x, text in corpus_findings if x.code == "DL602"]
    assert len(dups) == 3
    for name, x, text in dups:
        assert text.find(x.text) < x.start, name
        assert len(x.text) >= 60


def test_corpus_info_findings_are_style_only(corpus_findings):
    info = [(name, x.code, x.text) for name, x, _ in corpus_findings if x.severity == "info"]
    # redundancies in real reports (目的是为了, 悬殊太大) are style remarks, never warnings
    assert info and {c for _, c, _ in info} == {"DL103"}
    assert {t for _, _, t in info} <= {"目的是为了", "悬殊太大"}


def test_count_lists_are_found_and_match_in_the_reports(corpus_files):
    """DL601 is quiet on the reports because their counts match, not because it finds no lists."""
    from doclint.checks.consistency import count_lists
    pairs = []
    for f in corpus_files:
        doc = Document(f.read_text("utf-8"))
        pairs += [(f.name, doc.position(s)[0], doc.text[s:e], stated, listed)
                  for s, e, stated, listed, _ in count_lists(doc, True)]
    assert len(pairs) >= 25
    assert all(stated == listed for *_, stated, listed in pairs)
    assert ("2009.txt", 107, "七方面工作", 7, 7) in pairs       # （一）…（七） headings
    assert ("2007.txt", 145, "四件事", 4, 4) in pairs           # inline 一是…四是


# ---------------------------------------------------------------- planted defects

def _excerpt(corpus_dir, name, n_lines):
    lines = (corpus_dir / name).read_text("utf-8").splitlines()[:n_lines]
    return "\n".join(lines) + "\n"


def test_planted_defects_in_a_report_excerpt_are_found(corpus_dir):
    base = _excerpt(corpus_dir, "2024.txt", 40)
    assert not [f for f in _mine(base) if f.severity in SERIOUS]
    doc = Document(base)
    long_paras = [p for p in doc.paragraphs if len(p.text) > 120]
    assert len(long_paras) >= 3
    para = long_paras[1].text
    planted = ("仅供学习 禁止外传\n免费QQ群：123456\n" + base
               + para + "\n"                                         # a paragraph pasted twice
               + "截止到目前，已完成全年任务的80%（请核实）。\n"
               + "TODO 补充数据\n"
               + "本报记者 张明 摄\n")
    found = {(f.code, f.text) for f in _mine(planted)}
    assert ("DL701", "仅供学习 禁止外传\n免费QQ群：123456") in found
    assert ("DL602", para) in found
    assert ("DL102", "截止到") in found
    assert ("DL702", "（请核实）") in found
    assert ("DL702", "TODO") in found
    assert ("DL701", "本报记者 张明 摄") in found


def test_planted_count_mismatch_in_a_real_list(corpus_dir):
    """Change the number of a real, matching count (2007: 四件事 with 一是…四是) and DL601 fires."""
    text = (corpus_dir / "2007.txt").read_text("utf-8")
    assert not [f for f in lint_text(text, select=["DL601"])]
    i = text.index("四件事：一是")
    planted = text[:i] + "五" + text[i + 1:]
    found = [(f.line, f.text) for f in lint_text(planted, select=["DL601"])]
    assert found == [(145, "五件事")]


def test_planted_org_name_variants_are_info(corpus_dir):
    base = _excerpt(corpus_dir, "2024.txt", 20)
    planted = base + "市发展改革委牵头，市财政局配合。\n市发展改革委要加强调度。\n市发改委负责督促。\n"
    found = [(f.code, f.text, f.severity) for f in _mine(planted)]
    assert found == [("DL603", "市发改委", "info")]
