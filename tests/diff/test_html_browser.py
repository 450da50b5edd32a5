"""The HTML diff report in a real headless browser (Debian's chromium).

The browser is driven over the DevTools protocol on a pipe (the shared client in
tests/support/cdp.py), so no websocket library is needed. The test renders a report of two drafts that
hold hostile text (`<script>`, an `<img onerror>`, a quote-breaking
attribute, and a file name with markup), then checks in the live page:
it rendered (rows laid out with a height, stats shown), next/previous
navigation and the n/p keys walk the changes in order, move links jump both
ways, the inline view navigates too, and the hostile text is shown literally
and never ran. A longer notice checks one stop per edit (a moved section is
one), the whole document behind folds that open, paragraph marks and a split
row, and the inline view as the merged document with context. Skips with a reason when chromium is not installed
(apt-get install chromium).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from cdp import CDP, CHROMIUM, SKIP_REASON
from click.testing import CliRunner

from doclint.cli import main

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason=SKIP_REASON)

HOSTILE = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=2">',
    '"><svg onload=window.__pwned=3>',
]

OLD = """关于做好秋冬季安全生产工作的通知
一、总体要求
各地要加强组织领导，压实工作责任。要坚持问题导向，深入排查风险隐患。
二、重点任务
开展全面排查整治。对重点行业领域逐一检查。此句将移到最后并略作修改，请注意核对。
强化督导检查，确保各项措施落到实处。
三、工作要求
各单位于十一月底前报送工作总结。联系人：王某，电话：12345678。
"""

NEW = """关于做好秋冬季安全生产工作的通知
一、总体要求
各地要切实加强组织领导，压紧压实工作责任。要坚持问题导向，深入排查风险隐患。
二、重点任务
开展全面排查整治。对重点行业领域逐一检查。备注：<script>window.__pwned=1</script>。
强化督导检查，确保各项措施落到实处。<img src=x onerror="window.__pwned=2">。
三、工作要求
各单位于十二月十日前报送工作总结。"><svg onload=window.__pwned=3>。
此句已经移到最后并略作修改，请认真核对。
"""


def _open(tmp_path, old_text, new_text, old_name="旧稿.txt"):
    old = tmp_path / old_name
    new = tmp_path / "新稿.txt"
    old.write_text(old_text, encoding="utf-8")
    new.write_text(new_text, encoding="utf-8")
    out = tmp_path / "report.html"
    r = CliRunner().invoke(main, ["diff", str(old), str(new), "--format", "html", "-o", str(out)])
    assert r.exit_code == 1, r.output
    from doclint.diff.align import diff_documents
    from doclint.files.reader import read_path
    res = diff_documents(read_path(old), read_path(new))
    cdp = CDP(tmp_path / "profile")
    try:
        cdp.open(out.as_uri())
        cdp.wait("document.body && document.body.getAttribute('data-ready') === '1'")
    except BaseException:
        cdp.close()
        raise
    return cdp, res, out


@pytest.fixture
def page(tmp_path):
    # A file name with markup in it: the label must be escaped too.
    cdp, res, out = _open(tmp_path, OLD, NEW, "旧稿<b>x<i>.txt")
    try:
        yield cdp, res, out
    finally:
        cdp.close()


PAIRS = Path(__file__).parent / "pairs"


@pytest.fixture
def long_page(tmp_path):
    """A longer notice: a moved section with inner edits, a renumbered heading, a paragraph split,
    and long unchanged stretches (folded)."""
    old = (PAIRS / "moved_section.old.txt").read_text(encoding="utf-8")
    new = (PAIRS / "moved_section.new.txt").read_text(encoding="utf-8")
    filler = "".join(f"第{n}项工作要按照统一部署有序推进，确保按时完成。\n" for n in range(1, 13))
    old = old.replace("四、加强宣传教育\n", "四、加强宣传教育\n" + filler)
    new = new.replace("四、加强宣传教育\n", "四、加强宣传教育\n" + filler)
    # The preamble split into two paragraphs.
    new = new.replace("切实保障人民群众生命财产安全，现就有关事项通知如下。",
                      "切实保障人民群众生命财产安全。\n现就有关事项通知如下。")
    old = old.replace("切实保障人民群众生命财产安全，现就有关事项通知如下。",
                      "切实保障人民群众生命财产安全。现就有关事项通知如下。")
    cdp, res, out = _open(tmp_path, old, new)
    try:
        yield cdp, res, out
    finally:
        cdp.close()


def test_report_renders_and_hostile_text_is_shown_not_run(page):
    cdp, res, out = page
    # It rendered: the table is laid out with a real height; stats show the counts.
    assert cdp.js("document.querySelector('table.sbs').getBoundingClientRect().height") > 100
    # One navigation stop per edit (block), not per sentence.
    assert cdp.js("document.querySelectorAll('#sbs tr[data-nav]').length") == len(res.blocks)
    stats_text = cdp.js("document.querySelector('table.stats').innerText")
    assert str(res.count("modify")) in stats_text and "移动" in stats_text
    # Hostile text: nothing ran, the page holds only its own script, text shows literally.
    assert cdp.js("typeof window.__pwned") == "undefined"
    assert cdp.js("document.scripts.length") == 1
    assert cdp.js("document.querySelectorAll('img, svg, b, i').length") == 0
    body = cdp.js("document.getElementById('sbs').innerText")
    for h in HOSTILE:
        assert h in body, h
    assert "旧稿<b>x<i>.txt" in cdp.js("document.title")
    # The raw file never holds the hostile markup unescaped.
    raw = out.read_text(encoding="utf-8")
    for h in HOSTILE:
        assert h not in raw
    shot = cdp.send("Page.captureScreenshot", {"format": "png"})["data"]
    assert len(shot) > 1000


def test_next_previous_navigation_and_keys(page):
    cdp, res, _ = page
    ids = cdp.js("Array.prototype.map.call(document.querySelectorAll('#sbs [data-nav]'), e => e.id)")
    assert len(ids) >= 5 and len(set(ids)) == len(ids)
    cur = "document.body.getAttribute('data-current')"
    cdp.js("document.getElementById('next').click()")
    assert cdp.js(cur) == ids[0]
    assert cdp.js("document.getElementById('counter').textContent") == f"1 / {len(ids)}"
    cdp.js("document.getElementById('next').click()")
    assert cdp.js(cur) == ids[1]
    cdp.js("document.getElementById('prev').click()")
    assert cdp.js(cur) == ids[0]
    # Keys n / p.
    cdp.js("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'n'}))")
    cdp.js("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'n'}))")
    assert cdp.js(cur) == ids[2]
    cdp.js("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'p'}))")
    assert cdp.js(cur) == ids[1]
    # Past the end stays on the last change; exactly one row is highlighted.
    for _ in range(len(ids) + 3):
        cdp.js("document.getElementById('next').click()")
    assert cdp.js(cur) == ids[-1]
    assert cdp.js("document.querySelectorAll('.current').length") == 1
    # The current change was scrolled into view.
    assert cdp.js(f"(function(){{var r=document.getElementById({json.dumps(ids[-1])}).getBoundingClientRect();"
                  "return r.bottom > 0 && r.top < window.innerHeight;})()")


def test_move_links_both_ways_and_inline_view(page):
    cdp, res, _ = page
    moves = [c for c in res.changes if c.op == "move"]
    assert moves and moves[0].edited, "the fixture's moved-and-edited sentence"
    k = moves[0].move_id
    cdp.js(f"document.querySelector('#s-mv{k}-from a.mv').click()")
    assert cdp.js("location.hash") == f"#s-mv{k}-to"
    assert "核对" in cdp.js(f"document.getElementById('s-mv{k}-to').innerText")
    cdp.js(f"document.querySelector('#s-mv{k}-to a.mv').click()")
    assert cdp.js("location.hash") == f"#s-mv{k}-from"
    # Inline view: visible after the toggle, navigation walks its own entries.
    cdp.js("document.getElementById('toggle').click()")
    assert cdp.js("getComputedStyle(document.getElementById('sbs')).display") == "none"
    assert cdp.js("document.getElementById('inline').getBoundingClientRect().height") > 50
    cdp.js("document.getElementById('next').click()")
    assert cdp.js("document.body.getAttribute('data-current')").startswith("i-")
    inline = cdp.js("document.getElementById('inline').innerText")
    assert HOSTILE[0] in inline
    assert cdp.js("typeof window.__pwned") == "undefined"


def test_one_stop_per_edit_and_the_whole_document_behind_folds(long_page):
    cdp, res, _ = long_page
    kinds = [b.kind for b in res.blocks]
    assert kinds == ["split", "move", "renumber"], kinds
    # One navigation stop per edit: the moved section (4 sentences) is one stop.
    ids = cdp.js("Array.prototype.map.call(document.querySelectorAll('#sbs [data-nav]'), e => e.id)")
    assert len(ids) == 3
    assert ids[0] == f"s-b{res.blocks[0].id}" and ids[1] == "s-mv1-to"
    # Every sentence of both drafts is in the page; unchanged stretches are folded ...
    rows = "document.querySelectorAll('#sbs tr.equal')"
    hidden = "Array.prototype.filter.call(" + rows + ", r => r.offsetParent === null).length"
    assert cdp.js(rows + ".length") == res.count("equal")
    folded = cdp.js(hidden)
    assert folded >= 8
    # ... and a click on a fold opens it.
    cdp.js("document.querySelector('#sbs button.unfold').click()")
    assert cdp.js(hidden) < folded
    cdp.js("document.getElementById('expand').click()")
    assert cdp.js(hidden) == 0 and cdp.js("document.querySelectorAll('#sbs tr.fold').length") == 0
    assert "第12项工作" in cdp.js("document.getElementById('sbs').innerText")


def test_paragraph_breaks_are_visible(long_page):
    cdp, res, _ = long_page
    # Paragraph ends are marked ¶ on both sides; the split is a row of its own with an inserted ¶.
    marks = cdp.js("document.querySelectorAll('#sbs td.new .pm').length")
    assert marks == len(res.new_paragraphs)
    split = res.blocks[0]
    row = cdp.js(f"document.getElementById('s-b{split.id}').innerText")
    assert "¶" in row and "在此处分段" in row
    cdp.js("document.getElementById('next').click()")
    assert cdp.js("document.body.getAttribute('data-current')") == f"s-b{split.id}"


def test_inline_view_is_the_merged_document_with_context(long_page):
    cdp, res, _ = long_page
    cdp.js("document.getElementById('toggle').click()")
    paras = cdp.js("document.querySelectorAll('#inline p').length")
    assert paras == len(res.paragraphs())
    visible = "Array.prototype.filter.call(document.querySelectorAll('#inline p'), p => p.offsetParent !== null)"
    shown = cdp.js(visible + ".map(p => p.innerText)")
    # Context: unchanged paragraphs next to an edit are open, far ones folded.
    assert any(t.startswith("一、压实安全责任") for t in shown)
    assert not any("第9项工作" in t for t in shown)
    # The inserted paragraph mark of the split, the moved section's arrival and origin.
    assert cdp.js("document.querySelectorAll('#inline ins.pm').length") >= 1
    assert cdp.js("document.getElementById('i-mv1-to').innerText") == "二、强化应急处置"
    cdp.js("document.querySelector('#i-mv1-to + a.mv').click()")
    assert cdp.js("location.hash") == "#i-mv1-from"
    # Navigation walks the same three edits in this view.
    ids = []
    for _ in range(3):
        cdp.js("document.getElementById('next').click()")
        ids.append(cdp.js("document.body.getAttribute('data-current')"))
    assert ids == [f"i-b{res.blocks[0].id}", "i-mv1-to", f"i-b{res.blocks[2].id}"]
    cdp.js("document.getElementById('expand').click()")
    assert cdp.js(visible + ".length") == paras
