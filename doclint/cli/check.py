"""`doclint check`: lint files, report findings, optionally fix them, write or use a baseline.

Exit codes: 0 no finding at or above the fail-on level (default: warning, so
info findings are hints), 1 findings, 2 a file could not be checked or the
command line / config is wrong (one line each).

Where output goes: the report to stdout, or to `-o FILE` (written whole, then
renamed into place). `--diff` prints the fixes instead of the findings, word
by word in context (`-f concise`: one line each, `-f json`, `-f patch`: a
unified diff). `--fix -` prints the fixed standard input on stdout, and the
findings that remain on stderr (as ruff does). Notices and errors always go
to stderr.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import List, Optional

import click

from doclint.cli.common import (OutputFile, check_date, fail, msg, resolve_lang, split_codes, stream,
                                use_color)
from doclint.errors import DoclintError, UsageError
from doclint.model.finding import SEVERITY_RANK

FORMATS = ("text", "full", "concise", "json", "sarif", "github", "junit", "html")
DIFF_FORMATS = ("text", "full", "concise", "json", "patch")  # what --diff can print
STATISTICS_FORMATS = ("text", "full", "concise", "json")
DEFAULT_FAIL_ON = "warning"  # info findings are hints: shown, but the exit code stays 0
PROGRESS_MIN_FILES = 10  # a progress bar only when at least this many files are checked


class Progress:
    """A one-line progress bar on stderr (used only when stderr is a terminal)."""

    def __init__(self, total: int, out):
        self.total, self.stream, self.done = total, out, 0

    def step(self, path: str):
        from doclint.text.display import escaped
        self.done += 1
        n = 30 * self.done // self.total
        name = path if len(path) <= 40 else "…" + path[-39:]
        self.stream.write(f"\r\x1b[K[{'#' * n}{'.' * (30 - n)}] {self.done}/{self.total} {escaped(name)}")
        self.stream.flush()

    def close(self):
        self.stream.write("\r\x1b[K")
        self.stream.flush()


@dataclass
class Tally:
    """What the run found, for the exit code and the closing lines."""
    results: List = field(default_factory=list)
    had_error: bool = False
    worst: int = -1
    fixed_total: int = 0
    fixed_files: int = 0


@dataclass
class Run:
    """How this run prints: the streams, the reporter, and what it does with fixes."""
    out: object                      # where the report (or the fix preview) goes
    err: object                      # stderr
    reporter: object
    lang: str
    fmt: str
    color: bool = False
    preview: bool = False            # --diff: print the fixes, not the findings
    render_fixes: bool = False       # the reporter shows the fixes itself
    unsafe: bool = False
    fixed_out: Optional[object] = None  # `--fix -`: the fixed standard input goes here
    quiet: bool = False
    json_changes: list = field(default_factory=list)


def _validate(o) -> None:
    """Usage errors among the options, before any file is read (`o`: the command's options)."""
    fixing = o["fix"] or o["show_diff"]
    rules = (
        (o["unsafe_fixes"] and not fixing,
         "--unsafe-fixes 需与 --fix 或 --diff 一起使用", "--unsafe-fixes needs --fix or --diff"),
        (o["baseline_path"] and o["write_baseline_path"],
         "--baseline 与 --write-baseline 不能同时使用", "--baseline and --write-baseline cannot be used together"),
        (o["write_baseline_path"] and fixing,
         "--write-baseline 不能与 --fix/--diff 同时使用", "--write-baseline cannot be combined with --fix or --diff"),
        (o["fmt"] == "patch" and not o["show_diff"],
         "-f patch 只用于 --diff（以统一 diff 格式显示修复）", "-f patch is for --diff (the fixes as a unified diff)"),
        (o["statistics"] and (o["show_diff"] or o["fmt"] not in STATISTICS_FORMATS),
         "--statistics 只能与 text、concise、json 格式一起使用，且不能与 --diff 同时使用",
         "--statistics works with the text, concise and json formats, and not with --diff"),
        (o["stdin_filename"] and "-" not in o["paths"],
         "--stdin-filename 需要从标准输入读取（路径写 - 或不写路径）",
         "--stdin-filename needs standard input (give - as the path, or no path)"),
    )
    for bad, zh, en in rules:
        if bad:
            raise UsageError(None, zh, en)
    check_date(o["ref_date"])


def _reporter_class(fmt: str, show_diff: bool):
    from doclint.reporters import get_reporter
    if fmt == "patch":
        return None
    cls = get_reporter(fmt)  # an unknown format fails before any output
    if show_diff and fmt not in DIFF_FORMATS and not cls.renders_fixes:
        raise UsageError(None, f"--diff 不能与 -f {fmt} 一起使用（可选：{'、'.join(DIFF_FORMATS)}）",
                         f"--diff cannot be combined with -f {fmt} (choose from {', '.join(DIFF_FORMATS)})")
    return cls


def _same_as_input(output: Optional[str], paths) -> bool:
    if not output or not os.path.exists(output):
        return False
    for p in paths:
        try:
            if p != "-" and os.path.isfile(p) and os.path.samefile(p, output):
                return True
        except OSError:
            continue
    return False


def _open_output(o, cls, lang):
    """The stream the report goes to: stdout, or the -o file (an OutputFile, opened)."""
    binary = bool(cls is not None and cls.binary)
    if binary and not o["output"]:
        raise UsageError(None, f"-f {o['fmt']} 生成的是文件，请用 -o 指定输出文件",
                         f"-f {o['fmt']} writes a file: give it with -o FILE")
    if _same_as_input(o["output"], o["paths"]):
        raise UsageError(None, f"-o {o['output']} 是被检查的文件之一，不能覆盖",
                         f"-o {o['output']} is one of the files being checked; it would be overwritten")
    if not o["output"]:
        return None
    out = OutputFile(o["output"], binary, lang)
    out.open()
    return out


def _make_run(o, cls, lang, output_file) -> Run:
    stdout, stderr = stream("stdout"), stream("stderr")
    render_fixes = bool(cls is not None and cls.renders_fixes and (o["fix"] or o["show_diff"]))
    fix_stdin = o["fix"] and not o["show_diff"] and "-" in o["paths"] and not render_fixes
    if output_file:
        out, color = output_file.stream, o["color"]  # never colour a file unless --color says so
    else:
        out = stderr if fix_stdin else stdout      # `--fix -`: stdout carries the fixed text
        color = use_color(o["color"], out)
    run = Run(out=out, err=stderr, reporter=None, lang=lang, fmt=o["fmt"], color=bool(color),
              preview=o["show_diff"] and not render_fixes, render_fixes=render_fixes, unsafe=o["unsafe_fixes"],
              quiet=o["quiet"], fixed_out=stdout if fix_stdin else None)
    run.reporter = _reporter(o, cls, run)
    return run


def _reporter(o, cls, run: Run):
    from doclint.reporters import NullReporter
    from doclint.reporters.text import StatisticsReporter
    if run.preview:
        return NullReporter(run.out, lang=run.lang)
    if o["statistics"]:
        return StatisticsReporter(run.out, lang=run.lang, as_json=o["fmt"] == "json")
    options = {"show_source": not o["no_source"], "quiet": o["quiet"]}
    if run.render_fixes:
        options.update(fix=True, unsafe=o["unsafe_fixes"])
    return cls(run.out, lang=run.lang, color=run.color, **options)


def _progress(items, err_stream):
    if (len(items) >= PROGRESS_MIN_FILES and err_stream.isatty()
            and "DOCLINT_NO_PROGRESS" not in os.environ):
        return Progress(len(items), err_stream)
    return None


def _show_fixes(result, run: Run) -> None:
    """--diff: the fixes of one file, as the chosen format prints them."""
    from doclint.reporters import fixdiff
    if run.fmt == "patch":
        run.out.write(fixdiff.unified(result.doc.text, result.fixed_text, result.doc.path))
    elif run.fmt == "json":
        run.json_changes.extend(c.to_dict(result.doc.path) for c in result.changes)
    else:
        run.out.write(fixdiff.render_text(result.doc.path, result.doc, result.changes, run.lang, run.color,
                                          context=run.fmt != "concise"))


def _one(result, tally: Tally, run: Run) -> None:
    """Everything the CLI does with one file's result, in input order."""
    if result.error:
        tally.had_error = True
        click.echo(f"doclint: {result.error}", err=True)
    for note in result.notices:
        click.echo(f"doclint: {note}", err=True)
    if result.fixed:
        tally.fixed_total += result.fixed
        tally.fixed_files += 1
    if result.fixed_text is not None and (run.preview or run.render_fixes):
        from doclint.reporters.fixdiff import fix_changes
        result.changes = fix_changes(result.doc, result.fixed_text, result.findings, run.unsafe)
        if run.preview:
            _show_fixes(result, run)
    if run.fixed_out is not None and result.doc is not None:
        run.fixed_out.write(result.fixed_text if result.fixed_text is not None else result.doc.text)
    for f in result.findings:
        tally.worst = max(tally.worst, SEVERITY_RANK[f.severity])
    tally.results.append(result)
    run.reporter.file(result)


def _collect(results, tally: Tally, run: Run, progress):
    for result in results:
        if progress:
            progress.close()
        _one(result, tally, run)
        if progress:
            progress.step(result.path)


def _run(items, settings, jobs, checker, tally, run: Run):
    from doclint.engine.batch import check_files
    progress = _progress(items, run.err)
    lang = run.lang
    try:
        _collect(check_files(items, settings, jobs, checker=checker), tally, run, progress)
    except KeyboardInterrupt:
        if progress:
            progress.close()
        click.echo(msg(lang, "doclint: 已中断", "doclint: interrupted"), err=True)
        sys.exit(130)
    except BrokenPipeError:
        raise  # `doclint check … | head`: click ends the run quietly
    except Exception as exc:  # a worker process died (killed, out of memory): one line, exit 2
        if progress:
            progress.close()
        click.echo(msg(lang, f"doclint: 并行检查失败（{type(exc).__name__}），可去掉 --jobs 重试",
                       f"doclint: parallel check failed ({type(exc).__name__}); retry without --jobs"),
                   err=True)
        sys.exit(2)
    if progress:
        progress.close()


def _finish_baseline(path, tally: Tally, lang) -> int:
    from doclint.engine.baseline import write
    from doclint.text.display import escaped
    try:
        n = write(path, tally.results)
    except DoclintError as err:
        click.echo(f"doclint: {err.render(lang)}", err=True)
        return 2
    click.echo(msg(lang, f"doclint: 已把 {n} 处问题写入基线 {escaped(path)}",
                   f"doclint: wrote {n} finding(s) to baseline {escaped(path)}"), err=True)
    return 2 if tally.had_error else 0


def _finish_diff(tally: Tally, run: Run, exit_zero: bool):
    if run.fmt == "json":
        from doclint.reporters import json_text
        run.out.write(json_text(run.json_changes) + "\n")
    if run.quiet:
        pass
    elif tally.fixed_total:
        click.echo(msg(run.lang, f"doclint: 可修复 {tally.fixed_total} 处（{tally.fixed_files} 个文件）；"
                                 "未写入文件，去掉 --diff 并加 --fix 以应用",
                       f"doclint: {tally.fixed_total} fix(es) in {tally.fixed_files} file(s) would be applied; "
                       "nothing written"), err=True)
    else:
        click.echo(msg(run.lang, "doclint: 没有可自动修复的问题", "doclint: nothing to fix"), err=True)
    return 2 if tally.had_error else (1 if tally.fixed_total and not exit_zero else 0)


def _closing_lines(o, tally: Tally, run: Run) -> None:
    if run.quiet:
        return
    lang = run.lang
    if o["fix"] and not run.render_fixes and tally.fixed_total:
        if run.fixed_out is not None:
            click.echo(msg(lang, f"doclint: 已修复 {tally.fixed_total} 处问题（修复后的文字已输出，原文未改动）",
                           f"doclint: fixed {tally.fixed_total} finding(s) (fixed text printed)"), err=True)
        else:
            click.echo(msg(lang, f"doclint: 已修复 {tally.fixed_total} 处问题（{tally.fixed_files} 个文件）",
                           f"doclint: fixed {tally.fixed_total} finding(s) in {tally.fixed_files} file(s)"),
                       err=True)
    if o["output"]:
        from doclint.text.display import escaped
        click.echo(msg(lang, f"doclint: 报告已写入 {escaped(o['output'])}",
                       f"doclint: report written to {escaped(o['output'])}"), err=True)


@click.command()
@click.argument("paths", nargs=-1)
@click.option("-f", "--format", "fmt", default="text", show_default=True,
              help="输出格式 output format: " + ", ".join(FORMATS) + "（--diff：text, concise, json, patch）")
@click.option("-o", "--output-file", "output", type=click.Path(dir_okay=False),
              help="报告写入文件而不是标准输出 write the report to FILE")
@click.option("--select", multiple=True, help="只运行这些检查（代码、前缀如 DL1、名称；逗号分隔）")
@click.option("--ignore", multiple=True, help="跳过这些检查（代码、前缀或名称）")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="配置文件（默认向上查找）")
@click.option("--exit-zero", is_flag=True, help="有问题也以 0 退出")
@click.option("--fail-on", type=click.Choice(["info", "warning", "error"]), default=None,
              help="达到该级别的问题才使退出码为 1（默认 warning：提示级问题只显示）")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="消息语言 message language")
@click.option("--color/--no-color", default=None, help="彩色输出（默认仅终端；也看 NO_COLOR、FORCE_COLOR）")
@click.option("--no-source", is_flag=True, help="不显示原文摘录")
@click.option("--statistics", is_flag=True, help="只列出每项检查的问题数 show counts per code")
@click.option("-q", "--quiet", is_flag=True, help="只输出问题本身，不输出汇总 print findings only")
@click.option("--fix", is_flag=True, help="自动修复可安全修复的问题并写回文件（- 时输出修复后的文字） apply safe fixes")
@click.option("--unsafe-fixes", is_flag=True, help="同时应用需确认的修复（与 --fix 或 --diff 合用）")
@click.option("--diff", "show_diff", is_flag=True, help="只显示修复会做的改动，不写文件 show fixes, write nothing")
@click.option("--stdin-filename", metavar="PATH",
              help="标准输入按此文件名检查（配置、按文件忽略、.md/.docx、消息中的路径）")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False),
              help="不报告基线文件中已记录的问题 hide findings recorded in FILE")
@click.option("--write-baseline", "write_baseline_path", type=click.Path(dir_okay=False),
              help="把当前全部问题写入基线文件 record all current findings in FILE")
@click.option("--date", "ref_date", metavar="YYYY-MM-DD",
              help="期限检查（DL4）的基准日期，优先于文中落款日期和配置 reference date for DL4 checks")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0, show_default=True,
              help="并行进程数上限（0 = CPU 核数；输入较少时只用本进程）"
                   "most worker processes (0 = CPU count; small input runs in this process)")
def check(**o):
    """检查文件（目录递归查找 .txt/.md/.docx；- 表示标准输入）。

    Check files (folders recursively for .txt/.md/.docx; - for stdin).
    Put -- before file names that may start with a dash.
    """
    from doclint.files.reader import expand_paths

    if not o["paths"]:
        if not o["stdin_filename"]:
            raise click.UsageError("missing argument 'PATHS...'")
        o["paths"] = ("-",)
    lang = resolve_lang(o["lang"])
    output_file = None
    try:
        lang, base_cfg, settings, checker = _setup(o)
        cls = _reporter_class(o["fmt"], o["show_diff"])
        checker.keep_input = bool(cls is not None and cls.renders_fixes)
        output_file = _open_output(o, cls, lang)
        run = _make_run(o, cls, lang, output_file)
    except DoclintError as err:
        if output_file is not None:
            output_file.discard()
        fail(err, lang)

    items = [(p, e.render(lang) if e is not None else None)
             for p, e in expand_paths(o["paths"], exclude=base_cfg.exclude)]
    jobs = 1 if any(p == "-" for p, _ in items) else (o["jobs"] or os.cpu_count() or 1)  # stdin: this process
    _one_file_formats(cls, o["fmt"], items, output_file, lang)
    tally = Tally()
    try:
        _run(items, settings, jobs, checker, tally, run)
        run.reporter.finish(tally.results)
        code = _exit_code(o, tally, run, base_cfg)
    except DoclintError as err:        # a reporter that cannot write its report
        if output_file is not None:
            output_file.discard()
        fail(err, lang)
    except BaseException:
        if output_file is not None:
            output_file.discard()
        raise
    if output_file is not None:
        output_file.commit()
    _closing_lines(o, tally, run)
    sys.exit(code)


def _one_file_formats(cls, fmt, items, output_file, lang) -> None:
    """A format that reports on one document (the Word report) refuses several files before any work."""
    if cls is not None and getattr(cls, "single_file", False) and len(items) > 1:
        if output_file is not None:
            output_file.discard()
        fail(UsageError(None, f"-f {fmt} 一次只能检查一个文件（这次有 {len(items)} 个）",
                        f"-f {fmt} checks one file at a time ({len(items)} given)"), lang)


def _setup(o):
    """(lang, the config of the current folder, settings, file checker); DoclintError for bad options."""
    from doclint.engine.batch import FileChecker
    from doclint.engine.session import Configs, Session, Settings
    configs = Configs(o["config_path"])
    base_cfg = configs.for_cwd()
    lang = resolve_lang(o["lang"], base_cfg)
    settings = Settings(config_path=o["config_path"], select=tuple(split_codes(o["select"])),
                        ignore=tuple(split_codes(o["ignore"])), lang=lang,
                        fix=o["fix"] and not o["show_diff"], unsafe=o["unsafe_fixes"], diff=o["show_diff"],
                        baseline=o["baseline_path"], date=o["ref_date"])
    session = Session(settings, configs=configs)
    session.plan(base_cfg)  # unknown codes, options and dictionaries fail before any output
    _validate(o)
    checker = FileChecker(settings, session, stdin_name=o["stdin_filename"])  # reads the baseline
    return lang, base_cfg, settings, checker


def _exit_code(o, tally: Tally, run: Run, base_cfg) -> int:
    if o["write_baseline_path"]:
        return _finish_baseline(o["write_baseline_path"], tally, run.lang)
    if run.preview:
        return _finish_diff(tally, run, o["exit_zero"])
    if tally.had_error:
        return 2
    threshold = SEVERITY_RANK[o["fail_on"] or base_cfg.fail_on or DEFAULT_FAIL_ON]
    return 1 if tally.worst >= threshold and not o["exit_zero"] else 0
