"""`doclint facts FILE…`: the indicators a document states and the figures it gives them.

One row per figure (see doclint.text.figures): indicator and measure, value as written,
unit, kind (target / estimate / achieved), period, section, line. The figures DL604
compares are exactly these. Rows and formats: doclint.reporters.facts.
"""
from __future__ import annotations


import click

from doclint.cli.common import emit_table, fail, resolve_lang
from doclint.errors import DoclintError

FORMATS = ("csv", "json", "markdown", "table")


def _document(session, path, lang):
    """(path, rows) for one file."""
    from doclint.files.reader import read_path
    from doclint.reporters.facts import rows_for
    cfg = session.config_for(path)
    dictionaries = session.dictionaries(cfg)
    doc = read_path(path, user_words=dictionaries.user_words())
    return doc.path, rows_for(doc, dictionaries, lang)


def _emit(text, fmt, docs, output, lang):
    from doclint.reporters.facts import header_line
    emit_table(text, fmt, output, lang, [header_line(path, len(rows), lang) for path, rows in docs] if fmt == "csv" else ())


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="输出格式 output format")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="写入文件（csv 带 BOM）write to a file")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="配置文件（默认向上查找）")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="语言 language")
def facts(paths, fmt, output, config_path, lang):
    """列出文件中的指标数据（指标、数值、单位、目标/实际、时期、部分、行）。

    List the indicators and figures documents state (indicator, value, unit, kind, period, section, line).
    """
    from doclint.engine.session import Session, Settings
    from doclint.files.reader import expand_paths
    from doclint.reporters.facts import RENDER

    lang = resolve_lang(lang)
    try:
        session = Session(Settings(config_path=config_path, lang=lang))
        docs = []
        for path, err in expand_paths(paths):
            if err is not None:
                raise err
            lang = resolve_lang(lang, session.config_for(path))
            docs.append(_document(session, path, lang))
    except DoclintError as err:
        fail(err, lang)
    _emit(RENDER[fmt](docs, lang), fmt, docs, output, lang)
