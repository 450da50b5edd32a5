"""Properties of the DL5 checks on generated text (hypothesis) and on Markdown input."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from doclint.api import lint_text
from doclint.engine.config import Config
from doclint.model.document import Document
from doclint.engine.fixes import apply_until_stable
from doclint.engine.session import Session, Settings

# Chinese words, digits, Latin, and every mark the DL5 checks look at.
_PIECES = st.sampled_from([
    "加强", "领导", "工作", "三", "四", "个", "月", "年", "等", "和", "要", "各个专班", "产业", "千", "百",
    "1", "8", "2020", "0", "A", "GDP", " ", "\n", "，", "。", "、", "；", "：", "？", "！", "“", "”", "‘", "’",
    "《", "》", "（", "）", "【", "】", ",", ";", ":", "?", "!", "(", ")", "-", "~", "－", "……", "…", "...",
    "二〇〇八", "〇", "http://a.cn/x?y=1", "`a,b`", "%", '"',
])
_TEXT = st.lists(_PIECES, max_size=40).map("".join)


@settings(max_examples=150, deadline=None)
@given(_TEXT)
def test_dl5_spans_are_valid_and_fixes_converge(text):
    findings = lint_text(text, select=["DL5"])
    for f in findings:
        assert 0 <= f.start <= f.end <= len(text)
        assert f.code.startswith("DL5")
        assert f.severity in ("info", "warning", "error")
        assert f.message
    fixed, _ = apply_until_stable(text, lambda t: lint_text(t, select=["DL5"]), max_passes=20)
    # A second round finds nothing more to fix safely.
    again, applied = apply_until_stable(fixed, lambda t: lint_text(t, select=["DL5"]))
    assert again == fixed and not applied


@settings(max_examples=100, deadline=None)
@given(_TEXT)
def test_dl501_fix_changes_only_the_marks(text):
    fixed, _ = apply_until_stable(text, lambda t: lint_text(t, select=["DL501"]))
    strip = lambda s: "".join(c for c in s if c not in ",;:?!()\"，；：？！（）“” \t\u3000")  # noqa: E731
    assert strip(fixed) == strip(text)


def _lint_markdown(text, select):
    doc = Document(text, path="x.md", kind="markdown")
    return Session(Settings(select=tuple(select)), config=Config()).lint(doc)


def test_markdown_syntax_is_left_alone():
    text = ("---\ntitle: 工作方案\n---\n"
            "# 一、总体要求\n\n"
            "详见[通知](https://www.gov.cn/a_(1).html)，以及![图](img/a.png)。\n\n"
            "    code(a, b); x:y\n\n"
            "```python\nprint('中文', 1)\n```\n"
            "- 第一项：加强领导\n")
    assert _lint_markdown(text, ["DL5"]) == []


def test_markdown_prose_is_still_checked():
    text = "# 标题\n\n各位代表:我们要抓好落实,确保完成任务。\n"
    found = _lint_markdown(text, ["DL501"])
    assert [f.text for f in found] == [":", ","]
