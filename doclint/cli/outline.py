"""`doclint outline FILE…`: the heading tree of a document, to review its structure.

Numbering problems found by the DL3xx checks (with the file's config: its
ignores, severities and language apply) are marked at each heading
(`--no-check` leaves them out). See doclint.reporters.outline for the output.
"""
from __future__ import annotations

import json
import sys

import click

from doclint.cli.common import fail, resolve_lang
from doclint.errors import DoclintError

NUMBERING_CHECKS = ("DL301", "DL302", "DL303", "DL304")


def _problems(session, doc, plan):
    """DL3xx findings by heading start offset."""
    findings = session.lint(doc, plan.config, plan)
    out = {}
    for f in findings:
        out.setdefault(f.start, []).append(f)
    return out


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="输出格式 output format")
@click.option("--check/--no-check", default=True, show_default=True,
              help="标出序号问题（DL301–DL304） mark numbering problems")
@click.option("--items", is_flag=True, help="同时列出段中列举（一要、一是、第一，） also list in-paragraph enumerations")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="配置文件（默认向上查找）")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="消息语言 message language")
def outline(paths, fmt, check, items, config_path, lang):
    """显示文件的标题层次（一、（一）1.（1））。

    Show a document's heading tree (一、 （一） 1. （1）).
    """
    from doclint.engine.session import Configs, Session, Settings
    from doclint.files.reader import read_path
    from doclint.reporters.outline import outline_json, render_text
    lang = resolve_lang(lang)
    try:
        lang = resolve_lang(lang, Configs(config_path).for_cwd())
        session = Session(Settings(config_path=config_path, lang=lang, select=NUMBERING_CHECKS))
    except DoclintError as err:
        fail(err, lang)
    results, failed = [], False
    for i, path in enumerate(paths):
        try:
            plan = session.plan(session.config_for(path))
            doc = read_path(path, user_words=plan.user_words)
            tree = doc.headings
            problems = _problems(session, doc, plan) if check else {}
        except DoclintError as err:
            click.echo(f"doclint: {err.render(lang)}", err=True)
            failed = True
            continue
        if fmt == "json":
            results.append(outline_json(doc, tree, problems, lang))
            continue
        if len(paths) > 1:
            if i:
                click.echo("")
            click.echo(f"== {doc.path}")
        click.echo(render_text(doc, tree, problems, lang, items=items))
    if fmt == "json":
        click.echo(json.dumps(results if len(paths) > 1 else (results[0] if results else None),
                              ensure_ascii=False, indent=2))
    sys.exit(2 if failed else 0)
