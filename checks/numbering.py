"""DL301-DL305 numbering: GB/T 9704 heading hierarchy and in-paragraph enumerations.

The heading tree comes from `doc.headings` (doclint.model.outline). The checks:

- DL301 heading-sequence: gaps, duplicates, reversed order, a first heading
  that is not 一/1, per level under each parent (numbering restarts under each
  new parent). Renumbering the whole run is offered as an unsafe fix.
- DL302 numbering-mark: the wrong mark for the level (二. → 二、, 2、 → 2.,
  （一）、 → （一）, (二) → （二）) and 第一、 → 第一，. Safe fix: the mark only.
- DL303 heading-nesting: levels used in reverse order under one heading
  (1. then （一）); a sub-list numbered 一、 inside a deeper section (info).
- DL304 heading-mixed-forms: one level written with different forms (under
  一、 the subsections are （一）, under 二、 they are 1.); 1. next to 1．(info).
- DL305 enumeration-sequence: gaps, duplicates and reversed order in
  一要/二要, 一是/二是, 第一，/第二， within one section; a list restarts in each
  section, and items inside quotations are ignored.
"""
from __future__ import annotations

from collections import Counter, defaultdict

from doclint.model.finding import Edit, Fix, Issue
from doclint.text.markers import LEVEL_NAMES
from doclint.text.numerals import to_chinese, written_like
from doclint.engine.registry import check
from doclint.checks._dl5common import historical

HISTORICAL_BEFORE = 1996


def _shown(h) -> str:
    return h.marker


def _expected_marker(h, n) -> str:
    """The heading's marker with number `n`, in the canonical form of its level."""
    num = written_like(n, h.numeral)
    if h.level == 1:
        return f"{num}、"
    if h.level in (2, 4):
        return f"（{num}）"
    if h.level == 3:
        return f"{num}."
    return f"第{num}"


def _runs(items):
    """Split a sibling list into runs, each starting where the number restarts at 1."""
    runs = []
    for it in items:
        if it.number == 1 and runs and len(runs[-1]) == 1 and runs[-1][0].number == 1:
            runs[-1].append(it)  # 1 right after a lone 1: a duplicate, not a new list
        elif not runs or it.number == 1:
            runs.append([it])
        else:
            runs[-1].append(it)
    return runs


def _groups(outline):
    """Sibling lists: (parent, level) -> headings, in document order."""
    groups = defaultdict(list)
    for h in outline.headings:
        groups[(id(h.parent) if h.parent else None, h.level)].append(h)
    return groups


def _renumber_fix(run):
    edits = []
    for k, h in enumerate(run):
        want = 1 + k
        if h.number != want:
            edits.append(Edit(h.num_start, h.num_end, written_like(want, h.numeral)))
    if not edits:
        return None
    first = run[0]
    return Fix(tuple(edits), safe=False,
               zh=f"按顺序重新编号（{_expected_marker(first, 1)}起连续编号）",
               en=f"renumber the sequence consecutively from {_expected_marker(first, 1)}")


@check(
    code="DL301", name="heading-sequence", severity="warning", fixable=True,
    summary={"zh": "标题序号跳号、重复、颠倒或不从“一”开始",
             "en": "Heading numbers skip, repeat, go backwards or do not start at 一/1"},
    description={
        "zh": "按 GB/T 9704 的层次（一、（一）1.（1））检查每一层标题在同一上级标题下是否从“一”"
              "（或 1）开始连续编号：跳号（三、之后是五、）、重复（两个（二））、顺序颠倒（五、之后是"
              "四、）、不从一开始。换了上级标题，下级序号重新从一开始是正常的。提供整组重新编号的"
              "修复，但因可能牵动正文中的引用，只作为不安全修复（--unsafe-fixes）。",
        "en": "Checks that each heading level (一、 （一） 1. （1）, GB/T 9704) is numbered "
              "consecutively from 一/1 under each parent: gaps (三、 then 五、), duplicates (two "
              "（二）), reversed order, a first number other than 1. Numbering restarts under each "
              "new parent. Renumbering the whole sequence is offered as an unsafe fix only."},
    wrong="一、稳增长\n二、促改革\n四、惠民生", right="一、稳增长\n二、促改革\n三、惠民生",
)
def heading_sequence(doc, ctx):
    outline = doc.headings
    for (_, level), items in _groups(outline).items():
        if level == 0:
            continue
        for ri, run in enumerate(_runs(items)):
            fix = _renumber_fix(run)
            first = run[0]
            if ri == 0 and first.number != 1:
                want = _expected_marker(first, 1)
                yield Issue(first.start, first.end,
                            f"标题序号不是从“{want}”开始：本层第一个标题是“{_shown(first)}”",
                            f"heading numbers do not start at “{want}”: the first is “{_shown(first)}”",
                            fix=fix)
            for prev, h in zip(run, run[1:]):
                if h.number == prev.number + 1:
                    continue
                if h.number == prev.number:
                    zh = f"标题序号重复：“{_shown(prev)}”之后又是“{_shown(h)}”"
                    en = f"duplicated heading number: “{_shown(h)}” follows “{_shown(prev)}”"
                elif h.number > prev.number + 1:
                    missing = "、".join(f"“{_expected_marker(h, n)}”"
                                       for n in range(prev.number + 1, min(h.number, prev.number + 4)))
                    more = "等" if h.number - prev.number - 1 > 3 else ""
                    zh = f"标题序号跳号：“{_shown(prev)}”之后是“{_shown(h)}”，缺{missing}{more}"
                    en = (f"heading numbers skip: “{_shown(h)}” follows “{_shown(prev)}” "
                          f"(missing {prev.number + 1}{'…' if h.number - prev.number > 2 else ''})")
                else:
                    zh = f"标题序号颠倒：“{_shown(prev)}”之后是“{_shown(h)}”"
                    en = f"heading numbers go backwards: “{_shown(h)}” follows “{_shown(prev)}”"
                yield Issue(h.start, h.end, zh, en, fix=fix)


_DI_RIGHT = {"、": "，"}


@check(
    code="DL302", name="numbering-mark", severity="warning", fixable=True,
    summary={"zh": "序号后的标点不合规范（二. 2、（一）、(二) 第一、），或序号被断成两行",
             "en": "Wrong mark after a heading number (二. 2、 （一）、 (二) 第一、), or a number broken over two lines"},
    description={
        "zh": "GB/T 9704：“一”后用顿号（一、），“（一）”“（1）”后不加标点且用全角括号，“1”后用"
              "下脚点（1.）。GB/T 15834：“第一”“第二”等序次语后用逗号（第一，）。常见错误：一. "
              "一， 一､ 1、 1， （一）、 (一) （1）、 (1) 第一、。网页把序号断成两行（“（”一行、“三）……”下一行）"
              "也在此报告，作为一个标题计入层次。安全修复：只改序号的标点，不动序号；断开的序号连成一行。"
              "“第一、二轮”“第三、四批”是两个序数共用一个名词，不是序次语。",
        "en": "GB/T 9704: 一 takes a 顿号 (一、); （一） and （1） take nothing and full-width "
              "parentheses; 1 takes a point (1.). GB/T 15834: ordinals 第一/第二 take a comma "
              "(第一，). Common wrong forms: 一. 一， 一､ 1、 1， （一）、 (一) （1）、 (1) 第一、. A number "
              "broken over two lines by a web page (“（” then “三）…”) is reported here and counted as one "
              "heading. Safe fix: the mark only; a broken number is joined. 第一、二轮 (two ordinals sharing a "
              "noun) is not an ordinal."},
    wrong="二.全力以赴稳增长\n(一)扩大有效投资", right="二、全力以赴稳增长\n（一）扩大有效投资",
)
def numbering_mark(doc, ctx):
    for h in doc.headings.headings:
        if h.broken:
            yield _broken_heading(doc, h)
            continue
        if h.level == 0 or h.marker_ok:
            continue
        want = h.canonical
        yield Issue(h.start, h.marker_end,
                    f"标题序号应写作“{want}”，不是“{h.marker}”（GB/T 9704）",
                    f"write the heading number as “{want}”, not “{h.marker}” (GB/T 9704)",
                    fix=Fix.replace(h.start, h.marker_end, want, safe=True,
                                    zh=f"改为“{want}”", en=f"write “{want}”"))
    for it in doc.headings.enumerations:
        if it.family == "di" and it.mark in _DI_RIGHT:
            right = _DI_RIGHT[it.mark]
            yield Issue(it.start, it.end + 1,
                        f"序次语“{it.text}”后应用逗号：“{it.text}{right}”",
                        f"the ordinal “{it.text}” takes a comma: “{it.text}{right}”",
                        fix=Fix.replace(it.end, it.end + 1, right, safe=True,
                                        zh=f"改为“{it.text}{right}”", en=f"write “{it.text}{right}”"))


def _broken_heading(doc, h) -> Issue:
    """A heading marker broken over two lines by a web page: join the lines."""
    text = doc.text
    brk = min(i for i in (text.find("\n", h.start), text.find("\r", h.start)) if i >= 0)
    a = brk
    while a > h.start and text[a - 1] in " \t\u3000":
        a -= 1
    b = brk
    while b < len(text) and text[b] in " \t\u3000\r\n":
        b += 1
    head, tail = text[h.start:a], text[b:h.marker_end]
    return Issue(h.start, h.marker_end,
                 f"标题序号被断成两行：“{head}”与“{tail}”应在同一行（{h.canonical}）",
                 f"heading number broken over two lines: “{head}” and “{tail}” belong together ({h.canonical})",
                 fix=Fix.replace(a, b, "", safe=True, zh="连成一行", en="join the two lines"))


@check(
    code="DL303", name="heading-nesting", severity="warning",
    summary={"zh": "标题层次颠倒（1. 之后或之下用（一）；（一）之下用一、）",
             "en": "Heading levels nested in reverse order (（一） after 1.; 一、 inside （一）)"},
    description={
        "zh": "GB/T 9704 的层次依次为 一、→（一）→ 1. →（1），不得颠倒。同一上级标题下先用了较低"
              "层次（1.）又用较高层次（（一）），或在 1. 之下用（一）列举，报“警告”；在较低层次"
              "的段落里用“一、二、”列举（旧式写法），以“提示”报告，建议改用（1）或 1.；文中年份多在1996年以前的"
              "历史文献按当时习惯不报告这种旧式写法。",
        "en": "GB/T 9704 levels are 一、 → （一） → 1. → （1） and must not be reversed. A higher "
              "level (（一）) used after or inside a lower one (1.) is a warning; a list numbered "
              "一、二、 inside a lower-level section (an older style) is reported at info, "
              "suggesting （1） or 1.; not in historical documents (mostly dated before 1996), whose usage it was."},
    wrong="一、总体要求\n1.目标\n（一）任务", right="一、总体要求\n（一）目标\n1.任务",
    options={"historical_before": HISTORICAL_BEFORE},
)
def heading_nesting(doc, ctx):
    outline = doc.headings
    siblings = defaultdict(list)
    for h in outline.headings:
        if not h.nested:
            siblings[id(h.parent) if h.parent else None].append(h)
    for items in siblings.values():
        deepest = None
        last_flagged = None
        for h in items:
            if deepest is not None and h.level < deepest.level and h.level > 0:
                if last_flagged is not None and last_flagged.level == h.level and h.number != 1:
                    continue  # one finding per reversed run
                last_flagged = h
                yield Issue(h.start, h.end,
                            f"标题层次颠倒：同一标题下先用了“{deepest.marker}”，"
                            f"又用了更高一级的“{h.marker}”（应为 一、→（一）→ 1. →（1））",
                            f"heading levels reversed: “{h.marker}” (a higher level) comes after "
                            f"“{deepest.marker}” under the same heading")
                continue
            if deepest is None or h.level > deepest.level:
                deepest = h
    yield from _sub_lists(doc, ctx, outline)


def _sub_lists(doc, ctx, outline):
    """A list restarted at 一 inside a section of its own or a lower level."""
    old_style_period = historical(doc, ctx.options.get("historical_before", HISTORICAL_BEFORE))
    for h in outline.headings:
        if h.nested and h.number == 1 and h.parent is not None and h.parent.level >= h.level:
            # 一、二、 items inside a lower section are an older list style (info), the usage
            # of documents of that period (not reported there); （一） or 1. inside a lower
            # level reverses the hierarchy (warning).
            if h.level == 1 and old_style_period:
                continue
            down = LEVEL_NAMES[min(4, h.parent.level + 1)]
            yield Issue(h.start, h.end,
                        f"在“{h.parent.marker}”之下又用“{h.marker}”列举，层次不清；"
                        f"此处宜用“{down}”一级的序号",
                        f"a list numbered “{h.marker}” inside “{h.parent.marker}”: use the "
                        f"next level down (“{down}”)",
                        severity="info" if h.level == 1 else None)


def _form(h):
    """The written form of an acceptable level-3/4 marker: dot and digit width."""
    dot = h.marker[len(h.numeral):] if h.level == 3 else ""
    wide = h.numeral[0] in "０１２３４５６７８９"
    return dot, wide


@check(
    code="DL304", name="heading-mixed-forms", severity="warning", fixable=True,
    summary={"zh": "同一层次标题混用不同序号形式", "en": "One heading level written in different forms"},
    description={
        "zh": "同一层次的标题应使用同一种序号：如一个一级标题下的二级标题用（一），另一个一级标题"
              "下却用 1.，报“警告”。同一层次中 1. 与 1．、半角数字与全角数字混用，以“提示”报告，"
              "可统一为多数写法（需确认的修复）。",
        "en": "Headings of one depth use one numbering form: (一) under one 一、 heading and 1. "
              "under another is a warning. Mixing 1. with 1． or ASCII with full-width digits at "
              "one level is reported at info, with a fix (unsafe) to the majority form."},
    wrong="一、目标\n（一）增长\n二、任务\n1.投资", right="一、目标\n（一）增长\n二、任务\n（一）投资",
)
# complexity: compares forms per depth and per parent in one pass over the outline
def heading_mixed_forms(doc, ctx):
    outline = doc.headings
    by_depth = defaultdict(list)
    # any(x.nested for x in h.path()) and h.depth, from the parent's values
    # (parents come first): one pass instead of a walk to the root per heading
    nested_up, depth_of = {}, {}
    for h in outline.headings:
        p = h.parent
        if p is not None and id(p) in depth_of:
            nested_up[id(h)] = h.nested or nested_up[id(p)]
            depth_of[id(h)] = depth_of[id(p)] + 1
        else:
            nested_up[id(h)] = any(x.nested for x in h.path())
            depth_of[id(h)] = h.depth
        if h.level == 0 or nested_up[id(h)]:
            continue
        by_depth[depth_of[id(h)]].append(h)
    for depth, items in by_depth.items():
        if len({h.level for h in items}) < 2:
            continue
        # Only compare sibling lists (each parent's children use one level).
        parents = {}
        for h in items:
            parents.setdefault(id(h.parent) if h.parent else None, h)
        if len({h.level for h in parents.values()}) < 2:
            continue
        plevels = Counter(h.level for h in parents.values())
        major, _ = max(plevels.items(), key=lambda kv: (kv[1], -kv[0]))
        major_h = next(h for h in parents.values() if h.level == major)
        for h in parents.values():
            if h.level != major:
                yield Issue(h.start, h.end,
                            f"同一层次标题序号形式不一：别处用“{major_h.marker}”，此处用“{h.marker}”",
                            f"one heading level in different forms: “{major_h.marker}” elsewhere, "
                            f"“{h.marker}” here")
    for level in (3, 4):
        items = [h for h in outline.headings if h.level == level and h.marker_ok]
        forms = Counter(_form(h) for h in items)
        if len(forms) < 2:
            continue
        (dot, wide), _ = max(forms.items(), key=lambda kv: kv[1])
        for h in items:
            if _form(h) == (dot, wide):
                continue
            num = h.numeral
            num = (num.translate(str.maketrans("0123456789", "０１２３４５６７８９")) if wide
                   else num.translate(str.maketrans("０１２３４５６７８９", "0123456789")))
            want = f"{num}{dot}" if level == 3 else f"（{num}）"
            yield Issue(h.start, h.marker_end,
                        f"同一层次序号写法不一：此处“{h.marker}”，多数写作“{want}”",
                        f"numbering written differently at one level: “{h.marker}” here, "
                        f"mostly “{want}”",
                        fix=Fix.replace(h.start, h.marker_end, want, safe=False,
                                        zh=f"统一为“{want}”", en=f"write “{want}”"),
                        severity="info")


_FAMILY_NAMES = {"yao": "要", "shi": "是"}


def _item_word(family, n, like=None):
    if family == "di":
        return f"第{to_chinese(n)}"
    return f"{to_chinese(n)}{_FAMILY_NAMES[family]}"


@check(
    code="DL305", name="enumeration-sequence", severity="warning",
    summary={"zh": "段中列举序号跳号或重复（一要…三要、一是…一是）",
             "en": "In-paragraph enumeration skips or repeats (一要…三要, 一是…一是)"},
    description={
        "zh": "检查同一部分（标题之下）中“一要、二要”“一是、二是”“第一，第二，”的列举是否连续："
              "跳号（二要之后是四要）、重复、颠倒、不从一开始。进入下一个标题后重新从一开始是正常的；"
              "引号内的文字不检查。同一段中“首先……其次……其次”的重复以“提示”报告。",
        "en": "Checks that enumerations with 一要/二要, 一是/二是 and 第一，/第二， run "
              "consecutively within one section: gaps (二要 then 四要), duplicates, reversed order, a "
              "first item other than 一. Restarting in the next section is normal; quotations are "
              "skipped. A repeated 其次 within a paragraph is reported at info."},
    wrong="一要扩大投资。二要稳定就业。四要防范风险。", right="一要扩大投资。二要稳定就业。三要防范风险。",
)
def enumeration_sequence(doc, ctx):
    outline = doc.headings
    items = outline.enumerations
    if not items:
        return
    by_family = defaultdict(list)
    for it in items:
        by_family[it.family].append(it)
    for family, its in by_family.items():
        if family == "order":
            yield from _order_items(its)
            continue
        stack = []  # [section path, last item]
        for it in its:
            path = tuple(id(h) for h in outline.section_at(it.start))
            while stack and path[:len(stack[-1][0])] != stack[-1][0]:
                stack.pop()
            if it.number == 1:
                if stack and stack[-1][0] == path:
                    stack.pop()
                stack.append([path, it])
                continue
            if not stack:
                stack.append([path, it])
                yield from _bad_start(doc, outline, family, it)
                continue
            prev = stack[-1][1]
            stack[-1][1] = it
            if it.number == prev.number + 1:
                continue
            if it.number == prev.number:
                zh = f"列举序号重复：“{prev.text}”之后又是“{it.text}”"
                en = f"duplicated enumeration item: “{it.text}” follows “{prev.text}”"
            elif it.number > prev.number + 1:
                want = _item_word(family, prev.number + 1)
                zh = f"列举序号跳号：“{prev.text}”之后是“{it.text}”，缺“{want}”"
                en = f"enumeration skips: “{it.text}” follows “{prev.text}” (missing “{want}”)"
            else:
                zh = f"列举序号颠倒：“{prev.text}”之后是“{it.text}”"
                en = f"enumeration goes backwards: “{it.text}” follows “{prev.text}”"
            yield Issue(it.start, it.end, zh, en)


_FIRST_WORDS = ("首先", "第一", "一是", "一要", "其一", "一方面")


def _bad_start(doc, outline, family, it):
    """A finding for a list whose first item in its section is `it` (number > 1),
    unless the previous item is there in a form the item scanner does not take."""
    para = doc.paragraphs[it.paragraph]
    prev_word = _item_word(family, it.number - 1)
    if prev_word in doc.text[para.start:it.start]:
        return  # e.g. "就是一要……，二要……": the first item follows 是
    path = outline.section_at(it.start)
    sec_start = path[-1].start if path else 0
    before = doc.text[sec_start:it.start]
    want = _item_word(family, 1)
    other = next((w for w in _FIRST_WORDS if w in before and w != want), None)
    if other is not None:
        yield Issue(it.start, it.end,
                    f"列举形式不一：前面用“{other}”，此处用“{it.text}”（宜统一为“{want}”“{_item_word(family, 2)}”……）",
                    f"mixed enumeration forms: “{other}” before, “{it.text}” here",
                    severity="info")
        return
    yield Issue(it.start, it.end,
                f"列举不是从“{want}”开始：本部分第一项是“{it.text}”",
                f"the enumeration does not start at “{want}”: the first item is “{it.text}”")


def _order_items(its):
    """首先…其次…其次 in one paragraph (a new 首先 starts a new list: 首先是A，其次是B；首先是C…)."""
    last = {}
    for it in its:
        prev = last.get(it.paragraph)
        if prev is not None and it.text in ("其次", "再次") and prev.text == it.text:
            yield Issue(it.start, it.end, f"同一列举中“{it.text}”出现两次",
                        f"“{it.text}” appears twice in one enumeration", severity="info")
        last[it.paragraph] = it
