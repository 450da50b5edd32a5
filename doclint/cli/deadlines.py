"""`doclint deadlines FILE…`: the table of assigned tasks and their deadlines (督办清单).

Columns: section (heading path), task (the sentence), owners (牵头/负责 units),
deadline as written, normalised due date, line. Formats: table (terminal),
markdown, csv (UTF-8 with BOM, so Excel and WPS open it correctly), json.
The reference date for relative deadlines (本月底, 年底前, 9月30日前) is --date,
else the document's own date line, else `date` in the config, else today; the
header says which.
"""
from __future__ import annotations

import csv
import io
import json
import sys
import unicodedata

import click

from doclint.errors import DoclintError, UsageError

KINDS_DEFAULT = ("deadline",)
KINDS_ALL = ("deadline", "target", "point", "start")

_HEAD = {
    "zh": ["序号", "部分", "任务", "责任单位", "期限（原文）", "截止日期", "行"],
    "en": ["no", "section", "task", "owners", "deadline as written", "due", "line"],
}
_KIND = {"zh": {"deadline": "期限", "target": "目标年", "point": "时间节点", "start": "起始"},
         "en": {"deadline": "deadline", "target": "target", "point": "date", "start": "from"}}


def _due_text(task, ref, holidays, lang):
    x = task.expr
    if x.unknown:
        return "待定（含×）" if lang == "zh" else "unknown (×)"
    if x.invalid:
        return ("日期不存在：" + x.invalid) if lang == "zh" else ("invalid: " + x.invalid_en)
    if x.after_event:
        return "自相关事件起算" if lang == "zh" else "counted from an event"
    w = x.window(ref.date, holidays)
    if w is None:
        return ""
    if x.kind in ("deadline", "target") or w[0] == w[1]:
        return w[1].isoformat()
    return f"{w[0].isoformat()}～{w[1].isoformat()}"


def rows_for(doc, config, ref, kinds, lang="zh"):
    """The rows (dicts) of one document's task table."""
    from doclint.engine import dictionaries as data
    from doclint.text.dates import Holidays
    from doclint.text.tasks import assigned_tasks

    def lines(name):
        return data.dictionary_lines(name, tuple(config.dictionaries.get(name, ())))

    holidays = Holidays(lines("deadline_holidays"))
    tasks = assigned_tasks(doc, kinds=kinds, stems=lines("owners_units"), groups=lines("owners_groups"))
    out = []
    for i, t in enumerate(tasks, 1):
        w = t.expr.window(ref.date, holidays) if not t.expr.unknown else None
        out.append({
            "no": i,
            "path": doc.path,
            "section": t.section_label,
            "task": t.text,
            "brief": t.brief,
            "owners": t.owner_names,
            "lead": [o.name for o in t.owners if o.role in ("牵头", "负责", "会同")],
            "support": [o.name for o in t.owners if o.role == "配合"],
            "deadline": t.expr.text,
            "kind": t.expr.kind,
            "due": _due_text(t, ref, holidays, lang),
            "from": w[0].isoformat() if w else None,
            "to": w[1].isoformat() if w else None,
            "unknown": t.expr.unknown,
            "line": t.line,
            "column": doc.position(t.expr.start)[1],
        })
    return out


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _cut(s: str, n: int) -> str:
    if _width(s) <= n:
        return s
    out, w = "", 0
    for c in s:
        cw = 2 if unicodedata.east_asian_width(c) in "WF" else 1
        if w + cw > n - 1:
            break
        out += c
        w += cw
    return out + "…"


def _pad(s: str, n: int) -> str:
    return s + " " * max(0, n - _width(s))


def _cells(row, lang, show_kind, show_path, brief=False):
    sep = "、" if lang == "zh" else ", "
    deadline = row["deadline"]
    if show_kind:
        deadline = f"{deadline}（{_KIND[lang][row['kind']]}）" if lang == "zh" else \
            f"{deadline} ({_KIND[lang][row['kind']]})"
    cells = [str(row["no"]), row["section"], row["brief"] if brief else row["task"], sep.join(row["owners"]), deadline,
             row["due"], str(row["line"])]
    if show_path:
        cells.insert(1, row["path"])
    return cells


def _headers(lang, show_path):
    h = list(_HEAD[lang])
    if show_path:
        h.insert(1, "文件" if lang == "zh" else "file")
    return h


def _header_line(path, ref, n, lang):
    if lang == "zh":
        return f"{path}：{ref.describe('zh')}；共 {n} 项"
    return f"{path}: {ref.describe('en')}; {n} item(s)"


def render_table(docs, lang, show_kind) -> str:
    out = []
    show_path = False
    limits = [4, 28, 46, 24, 18, 23, 5]
    for path, ref, rows in docs:
        out.append(_header_line(path, ref, len(rows), lang))
        if not rows:
            out.append("（没有找到期限）" if lang == "zh" else "(no deadlines found)")
            out.append("")
            continue
        head = _headers(lang, show_path)
        body = [[_cut(c, limits[i]) for i, c in enumerate(_cells(r, lang, show_kind, show_path, brief=True))]
                for r in rows]
        widths = [max(_width(x) for x in col) for col in zip(head, *body)]
        out.append("  ".join(_pad(h, widths[i]) for i, h in enumerate(head)).rstrip())
        out.append("  ".join("-" * widths[i] for i in range(len(head))))
        for cells in body:
            out.append("  ".join(_pad(c, widths[i]) for i, c in enumerate(cells)).rstrip())
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def render_markdown(docs, lang, show_kind) -> str:
    out = []
    for path, ref, rows in docs:
        out.append(("## " if len(docs) > 1 else "") + _header_line(path, ref, len(rows), lang))
        out.append("")
        head = _headers(lang, False)
        out.append("| " + " | ".join(head) + " |")
        out.append("|" + "|".join("---" for _ in head) + "|")
        for r in rows:
            cells = [c.replace("|", "\\|").replace("\n", " ") for c in _cells(r, lang, show_kind, False)]
            out.append("| " + " | ".join(cells) + " |")
        out.append("")
    return "\n".join(out)


def render_csv(docs, lang, show_kind) -> str:
    show_path = len(docs) > 1
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(_headers(lang, show_path))
    for _path, _ref, rows in docs:
        for r in rows:
            w.writerow(_cells(r, lang, show_kind, show_path))
    return buf.getvalue()


def render_json(docs, lang, show_kind) -> str:
    files = []
    for path, ref, rows in docs:
        files.append({
            "path": path,
            "reference_date": {"date": ref.date.isoformat() if ref.date else None,
                               "source": ref.source, "line": ref.line,
                               "description": ref.describe(lang)},
            "tasks": [{k: v for k, v in r.items() if k != "path"} for r in rows],
        })
    return json.dumps(files if len(files) != 1 else files[0], ensure_ascii=False, indent=2) + "\n"


RENDER = {"table": render_table, "markdown": render_markdown, "csv": render_csv, "json": render_json}


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-f", "--format", "fmt", type=click.Choice(sorted(RENDER)), default="table", show_default=True,
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
    from doclint.text.dates import parse_iso, reference_date
    from doclint.files.reader import expand_paths, read_path

    lang = env_lang(lang)
    try:
        if date_opt is not None:
            try:
                parse_iso(date_opt)
            except ValueError:
                raise UsageError(None, f"--date 应为 YYYY-MM-DD 格式的日期：{date_opt}",
                                 f"--date must be a date in YYYY-MM-DD form: {date_opt}")
        configs = _Configs(config_path)
        kinds = KINDS_ALL if show_all else KINDS_DEFAULT
        docs = []
        for path, err in expand_paths(paths):
            if err is not None:
                raise err
            cfg = configs.for_path(path)
            lang = env_lang(lang, cfg)
            doc = read_path(path)
            try:
                ref = reference_date(doc.text, date_opt, cfg.date)
            except ValueError:
                raise UsageError(cfg.source, f"配置项 date 应为 YYYY-MM-DD 格式的日期：{cfg.date}",
                                 f"config key date must be a date in YYYY-MM-DD form: {cfg.date}")
            docs.append((doc.path, ref, rows_for(doc, cfg, ref, kinds, lang)))
    except DoclintError as err:
        fail(err, lang)
    text = RENDER[fmt](docs, lang, show_all)
    if fmt == "csv":
        data = ("\ufeff" + text).encode("utf-8")
        if output:
            _write(output, data, lang)
        else:
            for _p, ref, _r in docs:
                click.echo(_header_line(_p, ref, len(_r), lang), err=True)
            stream = click.get_binary_stream("stdout")
            stream.write(data)
            stream.flush()
        return
    if output:
        _write(output, text.encode("utf-8"), lang)
    else:
        click.echo(text, nl=False)


def env_lang(explicit=None, config=None) -> str:
    import os
    if explicit:
        return explicit
    env = os.environ.get("DOCLINT_LANG")
    if env in ("zh", "en"):
        return env
    if config is not None and getattr(config, "lang", None):
        return config.lang
    return "zh"


def fail(err: DoclintError, lang: str):
    click.echo(f"doclint: {err.render(lang)}", err=True)
    sys.exit(2)


class _Configs:
    """The config given by --config, or the nearest one above each file."""

    def __init__(self, explicit=None):
        from pathlib import Path
        from doclint.engine.config import Config, load_config
        self.explicit = load_config(Path(explicit)) if explicit else None
        self.empty = Config()
        self.cache = {}

    def for_path(self, path: str):
        from pathlib import Path
        from doclint.engine.config import find_config_file, load_config
        if self.explicit is not None:
            return self.explicit
        found = find_config_file(Path.cwd() if path == "-" else Path(path))
        if found is None:
            return self.empty
        if found not in self.cache:
            self.cache[found] = load_config(found)
        return self.cache[found]


def _write(path, data: bytes, lang):
    try:
        with open(path, "wb") as fh:
            fh.write(data)
    except OSError as exc:
        fail(DoclintError(path, f"无法写入（{exc.strerror or exc}）", f"cannot write ({exc.strerror or exc})"), lang)
