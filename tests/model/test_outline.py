"""Heading recognition, the heading tree, section lookup and `doclint outline`."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from hypothesis import given, settings, strategies as st

from doclint.cli import main
from doclint.model.document import Document
from doclint.model.outline import build_outline, enumerations, recognise
from doclint.text.numerals import parse as cn_to_int, to_chinese as int_to_cn
from doclint.files.reader import read_path


@pytest.mark.parametrize("line,level,number,style", [
    ("一、总体要求", 1, 1, "cn-dun"),
    ("十二、加强政府自身建设", 1, 12, "cn-dun"),
    ("二十一、其他", 1, 21, "cn-dun"),
    ("（一）坚持稳中求进。今年……", 2, 1, "cn-paren"),
    ("1.加强组织领导", 3, 1, "arabic-dot"),
    ("1．加强组织领导", 3, 1, "arabic-dot"),
    ("12. 加强组织领导", 3, 12, "arabic-dot"),
    ("（1）成立工作专班", 4, 1, "arabic-paren"),
    ("（１０）在各级学校", 4, 10, "arabic-paren"),
    ("二.全力以赴稳增长", 1, 2, "cn-dot"),
    ("二.2025年工作任务", 1, 2, "cn-dot"),
    ("三，着力推进高质量发展", 1, 3, "cn-comma"),
    ("一､总体要求", 1, 1, "cn-halfdun"),
    ("(三)扩大有效投资", 2, 3, "cn-paren-half"),
    ("（一）、扩大有效投资", 2, 1, "cn-paren-mark"),
    ("2、稳定就业", 3, 2, "arabic-dun"),
    ("(1)成立专班", 4, 1, "arabic-paren-half"),
    ("（1）、成立专班", 4, 1, "arabic-paren-mark"),
    ("一、2024年工作回顾", 1, 1, "cn-dun"),
    ("一、三年来的斗争和新时期的总任务", 1, 1, "cn-dun"),
    ("第一部分 过去一年的工作", 0, 1, "part"),
    ("三、一季度经济运行分析", 1, 3, "cn-dun"),      # a smaller numeral after 三、 is the title's own
])
def test_recognised_headings(line, level, number, style):
    got = recognise(line)
    assert got is not None
    assert (got[0], cn_to_int(got[1]) if got[1][0] in "一二三四五六七八九十" else int(
        got[1].translate(str.maketrans("０１２３４５６７８９", "0123456789"))), got[2]) == (level, number, style)


@pytest.mark.parametrize("line", [
    "2025年全市地区生产总值增长6%。", "1.5万亿元专项债券已经下达。", "2.5", "第七次全国人口普查顺利完成。",
    "二、三产业比重持续提高。", "一、二线城市房价总体平稳。", "三、四月份降雨偏多。", "一方面要稳增长。",
    "5、6月份是防汛关键期。", "2019.3.15", "1980、1981年计划", "一是抓项目。", "第一，加强领导。",
    "“一、坚持稳中求进”是总基调。", "0.5个百分点",
    "一、二轮督察发现的问题已整改。", "三、四批试点单位名单", "二、三梯队城市", "20.2026年十件民生实事",
])
def test_not_headings(line):
    assert recognise(line) is None


def test_numerals_round_trip():
    for n in range(1, 100):
        assert cn_to_int(int_to_cn(n)) == n
    assert int_to_cn(10) == "十" and int_to_cn(21) == "二十一"


def test_heading_runs_into_paragraph():
    doc = Document("（一）坚持稳中求进。今年经济运行总体平稳。\n")
    (h,) = build_outline(doc).headings
    assert h.title == "坚持稳中求进"
    assert doc.text[h.start:h.end] == "（一）坚持稳中求进"
    assert h.marker == "（一）" and h.line == 1


def test_tree_and_section_at():
    text = ("前言。\n一、总体要求\n（一）指导思想\n正文甲。\n1.基本原则\n正文乙。\n（二）目标\n"
            "二、重点任务\n正文丙。\n")
    doc = Document(text)
    o = doc.headings
    assert [h.marker for h in o.roots] == ["一、", "二、"]
    one = o.roots[0]
    assert [c.marker for c in one.children] == ["（一）", "（二）"]
    assert [c.marker for c in one.children[0].children] == ["1."]
    assert o.section_at(0) == []
    assert [h.marker for h in o.section_at(text.index("正文甲"))] == ["一、", "（一）"]
    assert [h.marker for h in o.section_at(text.index("正文乙"))] == ["一、", "（一）", "1."]
    assert [h.marker for h in o.section_at(text.index("（二）目标"))] == ["一、", "（二）"]
    assert [h.marker for h in o.section_at(text.index("正文丙"))] == ["二、"]
    assert o.section_at(len(text)) == [o.roots[1]]


def test_seed_outline(seed_path):
    doc = read_path(seed_path)
    o = doc.headings
    assert [h.number for h in o.roots] == list(range(1, 10))
    assert all(h.level == 1 and h.style == "cn-dun" and not h.children for h in o.roots)
    assert o.roots[0].title == "坚决打赢脱贫攻坚收官战"
    assert o.roots[-1].title == "持之以恒转作风抓落实"
    assert len(o.headings) == 9


def test_seed_enumerations_restart_in_each_section(seed_path):
    doc = read_path(seed_path)
    o = doc.headings
    by_section = {}
    for it in enumerations(doc):
        if it.family == "yao":
            by_section.setdefault(o.section_at(it.start)[-1].number, []).append(it.number)
    # Sections 一 to 九 each run 一要, 二要, ... without gaps; 四、 六、 九、 go to 四要.
    assert set(by_section) == set(range(1, 10))
    for nums in by_section.values():
        assert nums == list(range(1, len(nums) + 1))
    assert [k for k, nums in sorted(by_section.items()) if len(nums) == 4] == [4, 6, 9]


def test_report_outline_2025(corpus_dir):
    o = read_path(corpus_dir / "2025.txt").headings
    assert [h.marker for h in o.roots] == ["一、", "二、", "三、"]
    tasks = o.roots[2]
    assert [c.number for c in tasks.children] == list(range(1, 11))
    assert all(c.level == 2 and c.style == "cn-paren" for c in tasks.children)
    assert tasks.children[0].title.startswith("大力提振消费")
    assert "。" not in "".join(c.title for c in tasks.children)


def test_report_outline_with_missing_heading_2007(corpus_dir):
    o = read_path(corpus_dir / "2007.txt").headings
    assert [h.number for h in o.roots] == [1, 2, 3, 4, 5, 6]
    assert [c.number for c in o.roots[2].children] == [1, 2, 4, 5]


def test_sub_lists_in_older_reports(corpus_dir):
    """1986: 二、 > （三） > 一、…五、 (a list), with 一、…四、 inside its 二、; then 三、 resumes."""
    o = read_path(corpus_dir / "1986.txt").headings
    assert [(h.number, h.line) for h in o.roots] == [(1, 9), (2, 43), (3, 144), (4, 194)]
    by_line = {h.line: h for h in o.headings}
    assert by_line[63].nested and by_line[63].parent is by_line[56]
    assert [c.number for c in by_line[56].children] == [1, 2, 3, 4, 5]
    assert [c.number for c in by_line[69].children] == [1, 2, 3, 4]
    assert by_line[97].parent is by_line[56]
    # 1981: （一）（二）（三） are the parts; 一、…十、 are inside （二）.
    o = read_path(corpus_dir / "1981.txt").headings
    assert [h.marker for h in o.roots] == ["（一）", "（二）", "（三）"]
    assert [c.number for c in o.roots[1].children] == list(range(1, 11))


def test_outline_cli_text(seed_path):
    r = CliRunner().invoke(main, ["outline", str(seed_path)])
    assert r.exit_code == 0, r.output
    lines = [ln for ln in r.output.splitlines() if "、" in ln]
    assert len(lines) == 9
    assert lines[0].split() == ["19", "一、坚决打赢脱贫攻坚收官战"]
    assert "共 9 个标题，9 个一级部分" in r.output


def test_outline_cli_marks_problems(tmp_path):
    f = tmp_path / "draft.txt"
    f.write_text("一、总体要求\n(一)指导思想\n二、重点任务\n四、保障措施\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["outline", str(f), "--lang", "en"])
    assert r.exit_code == 0
    out = r.output.splitlines()
    assert any("(一)指导思想" in ln and "DL302" in ln for ln in out)
    assert any("四、保障措施" in ln and "DL301" in ln for ln in out)
    r = CliRunner().invoke(main, ["outline", str(f), "--no-check"])
    assert "DL30" not in r.output


def test_outline_cli_json(corpus_dir):
    r = CliRunner().invoke(main, ["outline", "-f", "json", str(corpus_dir / "2007.txt")])
    assert r.exit_code == 0
    data = json.loads(r.output)
    assert data["count"] == 22
    three = data["headings"][2]
    assert (three["marker"], three["level"], three["line"]) == ("三、", 1, 91)
    assert [c["marker"] for c in three["children"]] == ["（一）", "（二）", "（四）", "（五）"]
    assert three["children"][2]["findings"][0]["code"] == "DL301"


def test_outline_cli_bad_input(tmp_path):
    r = CliRunner().invoke(main, ["outline", str(tmp_path / "missing.txt")])
    assert r.exit_code == 2
    assert "missing.txt" in r.output and "Traceback" not in r.output
    assert len(r.output.strip().splitlines()) == 1


_PIECES = ["一、", "二、", "三、", "（一）", "（二）", "（三）", "1.", "2.", "（1）", "（2）",
           "第一部分", "二.", "(一)", "1、", "2025年", "一要", "二是", "正文", "。", "\n", "\n", "\n"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_tree_invariants(pieces):
    text = "".join(pieces)
    doc = Document(text)
    o = build_outline(doc)
    seen = set()
    for h in o.headings:
        assert 0 <= h.start <= h.end <= len(text)
        if h.parent is not None:
            assert id(h.parent) in seen and h in h.parent.children
        seen.add(id(h))
        assert o.section_at(h.start)[-1] is h
    assert sum(1 for _ in o.roots) + sum(len(h.children) for h in o.headings) == len(o.headings)
    from doclint.api import lint_text
    for f in lint_text(text, select=["DL3"]):
        assert 0 <= f.start <= f.end <= len(text)


def test_attachments_start_a_new_tree():
    text = "一、目标\n（一）增长\n附件：1.项目清单\n      2.资金安排\n"
    o = Document(text).headings
    assert [h.marker for h in o.roots] == ["一、", "1.", "2."]
    assert o.roots[1].line == 3 and o.roots[1].title == "项目清单"
    assert o.boundaries == [text.index("附件")]


def test_outline_cli_items(seed_path):
    r = CliRunner().invoke(main, ["outline", "--items", str(seed_path)])
    assert r.exit_code == 0
    out = r.output.splitlines()
    i = next(k for k, ln in enumerate(out) if "四、全力保障和改善民生" in ln)
    assert [ln.split("· ")[1][:2] for ln in out[i + 1:i + 5]] == ["一要", "二要", "三要", "四要"]
    assert "五、" in out[i + 5]
    r = CliRunner().invoke(main, ["outline", "-f", "json", str(seed_path)])
    data = json.loads(r.output)
    assert [len(h["items"]) for h in data["headings"]] == [3, 3, 3, 4, 3, 4, 3, 3, 4]


def _deep_outline_text(n=600, seed=3):
    """Headings of all four levels in a random walk (deeper, same, shallower), numbered in
    sequence per level, with some sub-lists restarted at 1 and some numbers skipped."""
    import random
    rnd = random.Random(seed)
    cn = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四",
          "十五", "十六", "十七", "十八", "十九", "二十"]
    counters = [0, 0, 0, 0, 0]
    level, lines = 1, []
    for i in range(n):
        level = max(1, min(4, level + rnd.choice((-2, -1, 0, 0, 1, 1, 1))))
        counters[level] = (counters[level] % 20) + (2 if rnd.random() < 0.05 else 1)
        if rnd.random() < 0.04:
            counters[level] = 1                      # a restarted sub-list
        counters[level] = min(counters[level], 20)
        for deeper in range(level + 1, 5):
            counters[deeper] = 0
        k = counters[level]
        marker = {1: f"{cn[k]}、", 2: f"（{cn[k]}）", 3: f"{k}.", 4: f"（{k}）"}[level]
        lines.append(f"{marker}第{i}项工作")
        if rnd.random() < 0.5:
            lines.append("按照要求做好相关工作。")
    return "\n".join(lines) + "\n"


def test_section_ends_equal_the_scan_over_later_paths(real_texts):
    """Outline section ends (used by section_at, DL4 task sections) as the first written scan gives them."""
    from doclint.model.document import Document
    from doclint.model.outline import build_outline
    texts = list(real_texts) + [_deep_outline_text()]
    checked = 0
    for text in texts:
        outline = build_outline(Document(text))
        hs = outline.headings
        for i, h in enumerate(hs):
            end = len(text)
            for later in hs[i + 1:]:
                if h not in later.path()[:-1]:
                    end = later.start
                    break
            assert outline.section_end(h) == end
            checked += 1
    assert checked > 300


def test_open_stack_lookup_equals_scanning_the_stack():
    """build_tree's indexed stack answers _continues as the scan down a plain list does."""
    import random
    from doclint.model.outline import Heading, _continues, _OpenStack
    rnd = random.Random(5)
    indexed, plain = _OpenStack(), []
    for step in range(3000):
        op = rnd.random()
        if op < 0.5 or not plain:
            h = Heading(level=rnd.randint(0, 4), number=rnd.randint(1, 6), marker="", style="",
                        title="", start=step, end=step, line=step)
            indexed.append(h)
            plain.append(h)
        elif op < 0.8:
            assert indexed.pop() is plain.pop()
        else:
            i = rnd.randrange(len(plain) + 1)
            indexed.truncate(i)
            del plain[i:]
        probe = Heading(level=rnd.randint(0, 4), number=rnd.randint(1, 7), marker="", style="",
                        title="", start=-1, end=-1, line=0)
        assert _continues(indexed, probe) == _continues(plain, probe)
        assert list(indexed) == plain


def test_broken_heading_and_digit_led_items():
    """A heading broken over two lines by a web page is one heading (marked `broken`), and items whose
    text starts with digits keep their number when the list around them says so."""
    text = ("一、附录\n（一）机制\n（二）责任\n（\n三）考核。正文。\n（四）督查\n"
            "1.“两重”：说明。\n2.2026年十件实事：说明。\n3.5+2就业之家：说明。\n4.“标准海”：说明。\n"
            "一、总体要求\n1.5万亿元专项债券已下达。\n")
    outline = build_outline(Document(text))
    got = [(h.line, h.marker, h.number, h.broken) for h in outline.headings]
    assert (4, "（三）", 3, True) in got
    assert [(ln, m, n) for ln, m, n, _ in got if m.endswith(".")] == [(7, "1.", 1), (8, "2.", 2), (9, "3.", 3),
                                                                      (10, "4.", 4)]
    assert not any(ln == 12 for ln, *_ in got)   # 1.5万亿元 after 一、: not item 1 of a list
    broken = next(h for h in outline.headings if h.broken)
    assert text[broken.start:broken.marker_end] == "（\n三）" and broken.title == "考核"


def _quoted_spans_reference(text):
    """The per-character scan quoted_spans replaced (kept as its specification)."""
    from doclint.model.outline import _QUOTES
    out, stack = [], []
    for i, ch in enumerate(text):
        if ch in _QUOTES:
            stack.append((ch, i))
        elif stack and ch == _QUOTES[stack[-1][0]]:
            _, s = stack.pop()
            if not stack:
                out.append((s, i + 1))
    if stack:
        out.append((stack[0][1], len(text)))
    return out


def test_quoted_spans_equals_the_character_scan():
    import random
    from doclint.model.outline import quoted_spans
    from samples import CORPUS, sample_texts
    texts = sample_texts() + ([p.read_text("utf-8") for p in sorted(CORPUS.glob("*.txt"))[:10]] if CORPUS.exists() else [])
    lines = [ln for t in texts for ln in t.splitlines()]
    rnd = random.Random(7)
    lines += ["".join(rnd.choice("“”「」『』《》‘’甲乙") for _ in range(rnd.randint(0, 12))) for _ in range(5000)]
    assert sum(1 for ln in lines if quoted_spans(ln)) > 50
    for ln in lines:
        assert quoted_spans(ln) == _quoted_spans_reference(ln), ln
