"""The check report (`doclint check -f html`) in a real headless browser (Debian's chromium).

Two drafts written for this test (one with hostile text: `<script>`, an
`<img onerror>`, a quote-breaking attribute, a file name with markup) and an
unreadable file go into one report through the CLI. In the live page: it
rendered (documents laid out, every finding has its badge, marks coloured by
severity), the contents list every file, a list entry jumps to its place and
the badge back to the list, previous/next and the n/p keys walk the findings
in document order, the severity and code filters hide findings from the
document, the list and the walk, and the hostile text is shown literally and
never ran; the page loaded nothing from anywhere. Skips with a reason when
chromium is not installed.
"""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from cdp import CDP, CHROMIUM, SKIP_REASON
from doclint.cli import main

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason=SKIP_REASON)

HOSTILE = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=2">',
    '"><svg onload=window.__pwned=3>',
]

DRAFT = """关于做好秋冬季农业生产的通知
各乡镇：
一、总体要求
要做好秋冬季农业农业生产，备注<script>window.__pwned=1</script>。
请于×月×日前报送材料<img src=x onerror="window.__pwned=2">。
三、工作要求
各单位要加强领导,确保落实"><svg onload=window.__pwned=3>。
请再研究研究。
"""

SECOND = ("关于安全生产的通知\n" + "".join(f"请于×月×日前报送第{n}批隐患排查清单。\n" for n in range(1, 23))
          + "各单位要落实安全生产责任，开展隐患排查整治。\n" * 40 + "要加大加大检查力度。\n")


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("html")
    first = tmp / "稿<b>x<i>.txt"
    first.write_text(DRAFT, encoding="utf-8")
    second = tmp / "second.txt"
    second.write_text(SECOND, encoding="utf-8")
    bad = tmp / "bad.txt"
    bad.write_bytes(b"\x00\x01binary")
    out = tmp / "报告.html"
    runner = CliRunner()
    r = runner.invoke(main, ["check", str(first), str(second), str(bad), "-f", "html", "-o", str(out)])
    assert r.exit_code == 2, r.output          # bad.txt could not be read; the others are in the report
    r = runner.invoke(main, ["check", str(first), str(second), "-f", "json"])
    findings = json.loads(r.output)
    return tmp, out, findings


@pytest.fixture(scope="module")
def page(report):
    tmp, out, findings = report
    cdp = CDP(tmp / "profile")
    try:
        cdp.open(out.as_uri())
        cdp.wait("document.body && document.body.getAttribute('data-ready') === '1'")
        yield cdp, findings, out
    finally:
        cdp.close()


def badges(cdp):
    return cdp.js("Array.prototype.map.call(document.querySelectorAll('a.b[id]'), b => b.id)")


def in_view(cdp, element_id):
    return cdp.js(f"(function(){{var r=document.getElementById({json.dumps(element_id)}).getBoundingClientRect();"
                  "return r.height > 0 && r.bottom > 0 && r.top < window.innerHeight;})()")


def test_renders_every_finding_in_place_coloured_by_severity(page):
    cdp, findings, _ = page
    assert cdp.js("document.querySelectorAll('.doc').length") == 2
    assert cdp.js("document.querySelector('.doc').getBoundingClientRect().height") > 100
    ids = badges(cdp)
    assert len(ids) == len(findings) and len(set(ids)) == len(ids)
    # The badges carry the codes in document order, file by file.
    assert cdp.js("Array.prototype.map.call(document.querySelectorAll('a.b[id]'), b => b.dataset.code)") == \
        [f["code"] for f in findings]
    # The whole document is there, line by line.
    assert cdp.js("document.querySelectorAll('#L1-8').length") == 1
    assert "请再研究研究" in cdp.js("document.getElementById('L1-8').innerText")
    # Marks are coloured by severity: an error, a warning and an info finding differ.
    colour = ("(function(sev){var m=document.querySelector('mark.s-'+sev);"
              "return m ? getComputedStyle(m).backgroundColor : null;})")
    error, warning, info = (cdp.js(f"{colour}('{s}')") for s in ("error", "warning", "info"))
    assert None not in (error, warning, info) and len({error, warning, info}) == 3
    assert {f["severity"] for f in findings} == {"error", "warning", "info"}
    # The summary and the contents: three files, the unreadable one named with its error.
    toc = cdp.js("document.getElementById('toc').innerText")
    assert "稿<b>x<i>.txt" in toc and "second.txt" in toc and "bad.txt" in toc
    assert "bad.txt" in cdp.js("document.getElementById('summary').innerText")
    assert "二进制" in cdp.js("document.getElementById('summary').innerText")
    # The fix is shown in the list: 农业农业 → 农业.
    item = cdp.js("Array.prototype.find.call(document.querySelectorAll('aside li'), "
                  "li => li.innerText.indexOf('农业农业') >= 0).innerText")
    assert "农业农业" in item and "→" in item and "--fix" in item


def test_a_long_group_starts_folded(page):
    """Run before any walk opens groups (the page is shared by this module's tests, in order)."""
    cdp, _, _ = page
    groups = cdp.js("Array.prototype.map.call(document.querySelectorAll('aside details.group'), "
                    "g => [g.querySelectorAll('li').length, g.open])")
    assert [n for n, is_open in groups if not is_open] == [22]   # second file's 22 placeholders
    assert all(is_open for n, is_open in groups if n <= 20)


def test_list_jumps_to_the_place_and_back(page):
    cdp, findings, _ = page
    ids = badges(cdp)
    target = ids[-1]                        # the last finding: far down the page
    cdp.js(f"document.querySelector('aside li[data-f=\"{target}\"] a').click()")
    assert cdp.js("location.hash") == f"#{target}"
    assert cdp.js("document.body.getAttribute('data-current')") == target
    assert in_view(cdp, target)
    cdp.js(f"document.getElementById('{target}').click()")
    assert cdp.js("location.hash") == f"#i{target[1:]}"
    assert in_view(cdp, f"i{target[1:]}")


def test_previous_next_and_keys_walk_the_findings_in_document_order(page):
    cdp, findings, _ = page
    cdp.js("document.getElementById('all').click()")   # reset
    ids = badges(cdp)
    cur = "document.body.getAttribute('data-current')"
    cdp.js("document.getElementById('next').click()")
    assert cdp.js(cur) == ids[0]
    assert cdp.js("document.getElementById('counter').textContent") == f"1 / {len(ids)}"
    cdp.js("document.getElementById('next').click()")
    assert cdp.js(cur) == ids[1] and in_view(cdp, ids[1])
    cdp.js("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'n'}))")
    assert cdp.js(cur) == ids[2]
    cdp.js("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'p'}))")
    assert cdp.js(cur) == ids[1]
    assert not in_view(cdp, ids[-1])        # far down: the walk must scroll to it
    for _ in range(len(ids) + 2):
        cdp.js("document.getElementById('next').click()")
    assert cdp.js(cur) == ids[-1] and in_view(cdp, ids[-1])
    # The current finding is highlighted in the document and in the list, nowhere else.
    assert cdp.js(f"document.getElementById('{ids[-1]}').classList.contains('current')")
    assert cdp.js(f"document.querySelector('aside li[data-f=\"{ids[-1]}\"]').classList.contains('current')")
    assert cdp.js("document.querySelectorAll('a.b.current, aside li.current').length") == 2


def test_a_long_group_starts_folded_and_opens_when_walked_into(page):
    cdp, findings, _ = page
    cdp.js("document.getElementById('all').click()")
    cdp.js("document.querySelectorAll('aside details.group').forEach(g => { g.open = false; })")
    ids = badges(cdp)
    target = next(i for i in ids if i.startswith("f2-") and cdp.js(f"document.getElementById('{i}').dataset.code")
                  == "DL201")
    for _ in range(ids.index(target) + 1):
        cdp.js("document.getElementById('next').click()")
    assert cdp.js("document.body.getAttribute('data-current')") == target
    assert cdp.js(f"document.querySelector('aside li[data-f=\"{target}\"]').closest('details').open")
    assert in_view(cdp, f"i{target[1:]}")


def test_filters_by_severity_and_code(page):
    cdp, findings, _ = page
    cdp.js("document.getElementById('all').click()")
    total = len(findings)
    shown = "Number(document.getElementById('shown').textContent)"
    hidden_badges = "document.querySelectorAll('a.b[id].hidden').length"
    hidden_items = "document.querySelectorAll('aside li[data-f].hidden').length"
    # Severity: hide the warnings.
    warnings = sum(1 for f in findings if f["severity"] == "warning")
    cdp.js("document.querySelector('input[name=sev][value=warning]').click()")
    assert cdp.js(shown) == total - warnings
    assert cdp.js(hidden_badges) == warnings and cdp.js(hidden_items) == warnings
    # A mark covered only by warnings is no longer highlighted; errors still are.
    assert cdp.js("document.querySelectorAll('mark.s-warning').length") == 0
    assert cdp.js("document.querySelectorAll('mark.s-error').length") > 0
    # The walk skips what is hidden.
    cdp.js("document.getElementById('next').click()")
    first = cdp.js("document.body.getAttribute('data-current')")
    assert cdp.js(f"document.getElementById('{first}').dataset.sev") != "warning"
    # Code: hide DL201 as well.
    dl201 = sum(1 for f in findings if f["code"] == "DL201" and f["severity"] != "warning")
    assert dl201 > 0
    cdp.js("document.querySelector('input[name=code][value=DL201]').click()")
    assert cdp.js(shown) == total - warnings - dl201
    assert cdp.js("Array.prototype.every.call(document.querySelectorAll('a.b[data-code=DL201]'),"
                  " b => b.classList.contains('hidden'))")
    assert cdp.js("getComputedStyle(document.querySelector('a.b[data-code=DL201]')).display") == "none"
    # A group whose findings are all hidden is hidden too.
    assert cdp.js("Array.prototype.every.call(document.querySelectorAll('aside .group'), g => "
                  "g.classList.contains('hidden') === !g.querySelector('li:not(.hidden)'))")
    cdp.js("document.getElementById('all').click()")
    assert cdp.js(shown) == total and cdp.js(hidden_badges) == 0


def test_hostile_text_is_shown_never_run_and_nothing_is_loaded(page):
    cdp, _, out = page
    assert cdp.js("typeof window.__pwned") == "undefined"
    assert cdp.js("document.scripts.length") == 1
    assert cdp.js("document.querySelectorAll('img, svg, b, i, iframe').length") == 0
    body = cdp.js("document.querySelector('.doc').innerText")
    for h in HOSTILE:
        assert h in body, h
    assert "稿<b>x<i>.txt" in cdp.js("document.getElementById('toc').innerText")
    # Self-contained: the page fetched nothing.
    assert cdp.js("performance.getEntriesByType('resource').length") == 0
    raw = out.read_text(encoding="utf-8")
    for h in HOSTILE:
        assert h not in raw
    assert "http://" not in raw and "https://" not in raw
    shot = cdp.send("Page.captureScreenshot", {"format": "png"})["data"]
    assert len(shot) > 1000
