"""No fix, safe or unsafe, edits code, URLs or Markdown/HTML syntax (doclint/engine/fixes.py `screen`,
doclint/text/protected.py).

The draft tests/data/markdown/every_construct.md plants the same defects (农业农业, half-width
commas and colons, straight quotes) in prose and inside every protected construct: front matter,
fenced code (``` and ~~~), inline code (one and two backticks), link targets and titles, images,
reference links and their definitions, footnote labels, HTML tags and attributes, an HTML comment,
<pre>, an autolink, backslash escapes, an indented code block. Before the engine screened fixes,
`--fix --unsafe-fixes` made 40 edits there, 35 of them inside syntax or code.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doclint.cli import main
from doclint.engine.fixes import WITHHELD, apply_fixes
from doclint.engine.session import Session, Settings
from doclint.model.document import Document
from doclint.text.protected import protected_spans

DRAFT = Path(__file__).resolve().parents[1] / "data" / "markdown" / "every_construct.md"
# The only lines a fix may change: prose (a heading, paragraphs, the text of a link, a footnote's text).
PROSE_FIXED = {
    "# 关于做好农业农业生产的通知": "# 关于做好农业生产的通知",
    "各地区要动员群众做好秋冬季农业农业生产,确保按期完成。": "各地区要动员群众做好秋冬季农业生产，确保按期完成。",
    '请阅读[农业农业生产指南](https://example.gov.cn/a,b "农业农业,标题")。':
        '请阅读[农业生产指南](https://example.gov.cn/a,b "农业农业,标题")。',
    "[^农业农业]: 脚注内容:说明。": "[^农业农业]: 脚注内容：说明。",
    "末段也要做好农业农业生产,不得延误。": "末段也要做好农业生产，不得延误。",
}


def _run(*args):
    r = CliRunner().invoke(main, list(args))
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    return r


@pytest.mark.parametrize("unsafe", [False, True])
def test_fix_edits_prose_only_never_markdown_syntax_or_code(tmp_path, unsafe):
    path = tmp_path / "draft.md"
    shutil.copy(DRAFT, path)
    original = path.read_text("utf-8")
    r = _run("check", "--fix", *(["--unsafe-fixes"] if unsafe else []), str(path))
    assert r.exit_code in (0, 1), r.output
    expected = "\n".join(PROSE_FIXED.get(line, line) for line in original.split("\n"))
    assert path.read_text("utf-8") == expected


def test_the_same_draft_as_plain_text_still_protects_code_and_urls(tmp_path):
    """In a .txt file only code, URLs, e-mail addresses and entities are protected: the fenced and
    inline code and the URLs stay; a line of HTML in a plain-text draft is web-page code (DL701), so
    --unsafe-fixes deletes the whole line rather than editing inside it."""
    path = tmp_path / "draft.txt"
    shutil.copy(DRAFT, path)
    _run("check", "--fix", "--unsafe-fixes", str(path))
    fixed = path.read_text("utf-8")
    for kept in ("代码块里的农业农业生产,原样保留！！", "波浪线代码块,农业农业", "`农业农业,测试`",
                 "``双反引号 `农业农业` 代码``", "https://example.gov.cn/a,b", "https://example.gov.cn/x,y"):
        assert kept in fixed
    assert "<span" not in fixed and "正文</span>" not in fixed   # not Markdown: page code, deleted whole


def test_findings_wholly_inside_syntax_or_code_are_not_reported(tmp_path):
    path = tmp_path / "draft.md"
    shutil.copy(DRAFT, path)
    r = _run("check", "-f", "json", "--exit-zero", str(path))
    found = {(f["code"], f["line"]) for f in json.loads(r.output)}
    lines = DRAFT.read_text("utf-8").split("\n")
    prose = {n for n, line in enumerate(lines, 1) if line in PROSE_FIXED}
    assert {n for _, n in found} <= prose, sorted(found)
    assert ("DL101", 5) in found and ("DL501", 7) in found and ("DL101", 19) in found


def _session_with(monkeypatch, fn):
    import doclint.engine.registry as registry
    from doclint.engine.registry import check

    wrapped = check(code="ZZ951", name="test-edit", severity="warning", summary={"zh": "t", "en": "t"},
                    description={"zh": "t", "en": "t"}, wrong="甲", right="乙", fixable=True)(fn)
    monkeypatch.setattr(registry, "_ALL", {"ZZ951": wrapped})
    return Session(Settings())


def test_a_fix_reaching_into_code_is_withheld_and_the_finding_says_so(monkeypatch):
    """A plugin check's fix goes through the same screen: the finding stays, its fix does not."""
    from doclint.model.finding import Fix, Issue

    def straddle(doc, ctx):
        i = doc.text.index("农业`")
        yield Issue(i, i + 4, "跨进代码", "into code", fix=Fix.replace(i, i + 4, "农业", safe=True))

    session = _session_with(monkeypatch, straddle)
    for lang in ("zh", "en"):
        session.settings = Settings(lang=lang)
        session._plans.clear()
        doc = Document("要做好农业`农业`生产。\n", path="a.md", kind="markdown")
        [f] = session.lint(doc)
        assert f.fix is None and f.message.endswith(WITHHELD[lang])
        assert apply_fixes(doc.text, [f], unsafe=True) == (doc.text, [])


def test_deleting_a_whole_line_that_holds_a_url_is_allowed(monkeypatch):
    """Removing a construct whole (a web-residue line with its URL) does not break it."""
    from doclint.model.finding import Fix, Issue

    def drop_line(doc, ctx):
        i = doc.text.index("来源")
        j = doc.text.index("\n", i) + 1
        yield Issue(i, j - 1, "网页残留", "residue", fix=Fix.delete(i, j, safe=False))

    session = _session_with(monkeypatch, drop_line)
    doc = Document("正文。\n来源：https://www.example.com/a?b=1\n正文二。\n", path="a.md", kind="markdown")
    [f] = session.lint(doc)
    assert f.fix is not None
    assert apply_fixes(doc.text, [f], unsafe=True)[0] == "正文。\n正文二。\n"


def test_protected_allows_holes_boundaries_and_whole_removal():
    text = "见[指南](http://a.cn/x \"题\")和`代码`。"
    p = protected_spans(text, "markdown")
    link_text = text.index("指南")
    code = text.index("`代码`")
    assert p.allows(link_text, link_text + 2, "手册")               # the link's text is prose
    assert not p.allows(link_text, link_text + 3, "手册")           # ... its closing bracket is not
    assert not p.allows(text.index("题"), text.index("题") + 1, "x")  # nor its title
    assert p.allows(code, code, "，") and p.allows(code + 4, code + 4, "，")   # next to code
    assert not p.allows(code + 2, code + 2, "，")                   # into code
    assert p.allows(code, code + 4, "") and p.allows(code - 1, code + 4, "和`代码`")  # whole, or kept
    assert not p.allows(code - 1, code + 4, "和代码")                # rewritten
    assert p.inside(code + 1, code + 3) and not p.inside(code - 1, code + 3)
    assert not p.inside(link_text, link_text + 2)


@pytest.mark.parametrize("text,kind,codes", [
    ("```\n农业农业\n", "markdown", []),                 # unclosed fence: code to the end (CommonMark)
    ("```\n农业农业\n", "text", ["DL101"]),              # plain text: a lone fence is not code
    ("````\n```\n农业农业\n````\n", "markdown", []),      # a shorter fence line does not close
    ("甲`农业农业`乙\n", "text", []),
    ("甲`代码\n农业农业`乙\n", "text", ["DL101"]),       # plain text: code spans stay on one line
    ("甲`代码\n农业农业`乙\n", "markdown", []),          # Markdown: within a paragraph
    ("甲`代码\n\n农业农业`乙\n", "markdown", ["DL101"]),  # ... not across a blank line
])
def test_fences_and_code_spans(text, kind, codes):
    doc = Document(text, path="a", kind=kind)
    assert [f.code for f in Session(Settings(select=("DL101",))).lint(doc)] == codes


MD_ATOMS = ["农业农业", "的的", ",", ":", "(", ")", '"', "。", "\n", "\n\n", "`", "```\n", "~~~\n", "[", "]",
            "](", "![", "[^1]", "[^1]: ", "<b>", "</b>", "<!--", "-->", "<pre>", "</pre>", "http://a.cn/x,y",
            "\\(", "    ", "# ", "要做好", "生产", "a@b.cn", "&amp;", " \"题\"", "[r]: http://r.cn\n", "[r]"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(MD_ATOMS), max_size=40).map("".join))
def test_property_no_unsafe_fix_changes_a_protected_construct(text):
    """Whatever the Markdown, after every fix (unsafe too) each construct without holes is still
    there, verbatim and in order (a construct may only be removed whole)."""
    doc = Document(text, path="a.md", kind="markdown")
    new, applied = apply_fixes(text, Session(Settings()).lint(doc), unsafe=True)
    edits = [e for f in applied for e in f.fix.edits]
    for c in protected_spans(text, "markdown").constructs:
        if c.holes or any(e.start <= c.start and c.end <= e.end and e.start < e.end for e in edits):
            continue      # prose inside a link may change; a construct may be removed whole
        shift = sum(len(e.replacement) - (e.end - e.start) for e in edits if e.end <= c.start)
        assert new[c.start + shift:c.end + shift] == text[c.start:c.end], (text, new)
