"""`doclint deadlines FILE…`: the table of assigned tasks and their deadlines (督办清单).

The reference date for relative deadlines (本月底, 年底前, 9月30日前) is --date,
else the document's own date line, else `date` in the config, else today; the
header says which. Rows and formats: doclint.reporters.deadlines.
"""
from __future__ import annotations

import click

from doclint.cli.common import check_date, emit_table, fail, resolve_lang
from doclint.errors import DoclintError, UsageError

KINDS_DEFAULT = ("deadline",)
KINDS_ALL = ("deadline", "target", "point", "start")
FORMATS = ("csv", "json", "markdown", "table")


def _document(session, path, date_opt, kinds, lang):
    """(path, reference date, rows) for one file."""
    from doclint.files.reader import read_path
    from doclint.reporters.deadlines import rows_for
    from doclint.text.dates import reference_date
    cfg = session.config_for(path)
    dictionaries = session.dictionaries(cfg)
    doc = read_path(path, user_words=dictionaries.user_words())
    try:
        ref = reference_date(doc.text, date_opt, cfg.date)
    except ValueError:
        raise UsageError(cfg.source, f"配置项 date 应为 YYYY-MM-DD 格式的日期：{cfg.date}",
                         f"config key date must be a date in YYYY-MM-DD form: {cfg.date}")
    return doc.path, ref, rows_for(doc, dictionaries, ref, kinds, lang)


def _emit(text, fmt, docs, output, lang):
    from doclint.reporters.deadlines import header_line
    emit_table(text, fmt, output, lang, [header_line(path, ref, len(rows), lang) for path, ref, rows in docs] if fmt == "csv" else ())


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="输出格式 output format")
@click.option("--date", "date_opt", default=None, metavar="YYYY-MM-DD",
              help="参考日期（默认：文中日期、配置 date、今天）reference date")
@click.option("--all", "show_all", is_flag=True,
              help="也列出时间节点、起始日期和目标年 also list scheduled dates, start dates and target years")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="写入文件（csv 带 BOM）write to a file")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="配置文件（默认向上查找）")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="语言 language")
def deadlines(paths, fmt, date_opt, show_all, output, config_path, lang):
    """列出文件中的任务、责任单位和期限（督办清单）。

    List the tasks, owners and deadlines of documents (a follow-up list).
    """
    from doclint.engine.session import Session, Settings
    from doclint.files.reader import expand_paths
    from doclint.reporters.deadlines import RENDER

    lang = resolve_lang(lang)
    try:
        check_date(date_opt)
        session = Session(Settings(config_path=config_path, lang=lang))
        kinds = KINDS_ALL if show_all else KINDS_DEFAULT
        docs = []
        for path, err in expand_paths(paths):
            if err is not None:
                raise err
            lang = resolve_lang(lang, session.config_for(path))
            docs.append(_document(session, path, date_opt, kinds, lang))
    except DoclintError as err:
        fail(err, lang)
    _emit(RENDER[fmt](docs, lang, show_all), fmt, docs, output, lang)
