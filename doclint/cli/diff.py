"""`doclint diff OLD NEW`: compare two drafts sentence by sentence.

Either side may be a file, `-` (stdin) or a git revision `REV:path`.
Exit codes: 0 identical (same sentences in the same paragraphs; whitespace and
hard line wraps may differ), 1 different, 2 error.

Output formats are looked up in RENDERERS (format name -> "module:function").
A renderer is called as `function(res, lang=..., color=..., context=...,
docs=(old_doc, new_doc))` and returns str (written as UTF-8) or bytes (a
binary document, written only with -o); it ignores the keywords it has no use
for (**_).
"""
from __future__ import annotations

import os
import sys

import click

from doclint.cli.common import resolve_lang, split_codes, stream, use_color as common_use_color, write_output
from doclint.errors import DoclintError, UsageError

RENDERERS = {
    "text": "doclint.diff.report_text:render_text",
    "html": "doclint.diff.report_html:render_html",
    "markdown": "doclint.diff.report_markdown:render_markdown",
    "json": "doclint.diff.report_json:render_json",
    "docx": "doclint.diff.report_docx:render",      # 修订稿: bytes, needs -o
}
FORMATS = tuple(RENDERERS)


def _render(fmt, res, **kw):
    import importlib
    module, name = RENDERERS[fmt].split(":")
    return getattr(importlib.import_module(module), name)(res, **kw)


@click.command()
@click.argument("old")
@click.argument("new")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="输出格式 output format: " + ", ".join(FORMATS))
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="写入文件而非标准输出 write the report to a file")
@click.option("--context", type=click.IntRange(min=0), default=None,
              help="每处改动前后显示的未变句子数（text/markdown 默认 0，html 默认 2）"
                   " unchanged sentences shown around each edit")
@click.option("--lint", "with_lint", is_flag=True,
              help="同时列出新稿引入和解决的检查问题 also show findings introduced/resolved")
@click.option("--select", multiple=True, help="--lint 只运行这些检查（代码或前缀，逗号分隔）")
@click.option("--ignore", multiple=True, help="--lint 跳过这些检查")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="配置文件（默认向上查找）")
@click.option("--budget", type=click.IntRange(min=0), default=None,
              help="句子比较次数上限 comparison budget (default 2,000,000)")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="报告语言 report language")
@click.option("--color/--no-color", default=None, help="彩色输出（默认仅终端）")
# complexity: one command's flow (read both sides and their notes, diff, optional lint, render, notes, write)
def diff(old, new, fmt, output, context, with_lint, select, ignore, config_path, budget, lang, color):
    """比较两稿：逐句对齐，标出修改的词、新增、删除和移动的句子。

    Compare two drafts sentence by sentence: edited words, inserted, deleted
    and moved sentences. OLD/NEW: a file, - for stdin, or REV:path from git
    (e.g. HEAD~1:speech.txt). Exit 0 identical, 1 different, 2 error.
    """
    from doclint.engine.session import Session, Settings
    lang = resolve_lang(lang)
    use_color = False
    try:
        from doclint.diff.align import DEFAULT_BUDGET, diff_documents
        from doclint.diff.git import read_side
        if old == "-" and new == "-":
            raise UsageError(None, "两侧不能都是标准输入（-）", "only one side can be stdin (-)")
        if fmt == "docx" and not output:
            raise UsageError(None, "-f docx 需要用 -o 指定输出文件", "-f docx needs -o FILE")
        old_doc = read_side(old)
        new_doc = read_side(new)
        for side in (old_doc, new_doc):  # e.g. a .docx with unaccepted revisions (read as accepted)
            for zh, en in getattr(side, "notes", ()):
                click.echo(f"doclint: {side.path}: {en if lang == 'en' else zh}", err=True)
        session = Session(Settings(config_path=config_path))
        config = session.config_for(new if os.path.exists(new) else "-")
        lang = resolve_lang(lang, config)
        session = Session(Settings(config_path=config_path, select=tuple(split_codes(select)),
                                   ignore=tuple(split_codes(ignore)), lang=lang), config=config)
        res = diff_documents(old_doc, new_doc, old_label=old, new_label=new,
                             budget=DEFAULT_BUDGET if budget is None else budget,
                             user_words=session.dictionaries(config).user_words())
        if with_lint:
            from doclint.diff.lintdiff import lint_changes
            res.lint = lint_changes(old_doc, new_doc, session, diff=res)
        if fmt == "text":
            use_color = color if color is not None else (output is None and common_use_color(None, stream("stdout")))
        notes = []
        out = _render(fmt, res, lang=lang, color=use_color, context=context, docs=(old_doc, new_doc),
                      new_arg=new, notes=notes)
        for zh, en in notes:
            click.echo(f"doclint: {en if lang == 'en' else zh}", err=True)
        if isinstance(out, bytes) and not output:
            raise UsageError(None, f"{fmt} 格式须用 -o 指定输出文件", f"the {fmt} format needs -o FILE")
    except DoclintError as err:
        click.echo(f"doclint: {err.render(lang)}", err=True)
        sys.exit(2)
    except Exception as exc:  # a bug in doclint: one line, no traceback
        click.echo(f"doclint: {old} / {new}: " + (
            f"内部错误（{type(exc).__name__}: {exc}），请报告此问题" if lang == "zh"
            else f"internal error ({type(exc).__name__}: {exc}); please report it"), err=True)
        sys.exit(2)
    if output:
        write_output(output, out if isinstance(out, bytes) else out.encode("utf-8"), lang)
    else:
        click.echo(out, nl=False, color=bool(fmt == "text" and use_color) or None)
    sys.exit(0 if res.same else 1)
