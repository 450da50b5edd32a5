"""`doclint check`: lint files, report findings, optionally fix them, write or use a baseline.

Exit codes: 0 no finding at or above the fail-on level, 1 findings, 2 a file
could not be checked or the command line / config is wrong (one line each).
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import List

import click

from doclint.cli.common import check_date, fail, msg, resolve_lang, split_codes, stream, use_color
from doclint.errors import DoclintError, UsageError
from doclint.model.finding import SEVERITY_RANK

FORMATS = ("text", "full", "concise", "json", "sarif", "github", "junit")
PROGRESS_MIN_FILES = 10  # a progress bar only when at least this many files are checked


class Progress:
    """A one-line progress bar on stderr (used only when stderr is a terminal)."""

    def __init__(self, total: int, out):
        self.total, self.stream, self.done = total, out, 0

    def step(self, path: str):
        self.done += 1
        n = 30 * self.done // self.total
        name = path if len(path) <= 40 else "…" + path[-39:]
        self.stream.write(f"\r\x1b[K[{'#' * n}{'.' * (30 - n)}] {self.done}/{self.total} {name}")
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


def _validate(fix, unsafe_fixes, show_diff, baseline_path, write_baseline_path, ref_date):
    if unsafe_fixes and not (fix or show_diff):
        raise UsageError(None, "--unsafe-fixes 需与 --fix 或 --diff 一起使用",
                         "--unsafe-fixes needs --fix or --diff")
    if baseline_path and write_baseline_path:
        raise UsageError(None, "--baseline 与 --write-baseline 不能同时使用",
                         "--baseline and --write-baseline cannot be used together")
    if write_baseline_path and (fix or show_diff):
        raise UsageError(None, "--write-baseline 不能与 --fix/--diff 同时使用",
                         "--write-baseline cannot be combined with --fix or --diff")
    check_date(ref_date)


def _reporter(fmt, show_diff, out, lang, color, no_source):
    from doclint.reporters import NullReporter, get_reporter
    reporter_class = get_reporter(fmt)  # an unknown format fails before any output
    if show_diff:  # the diff is the output; findings are not listed
        return NullReporter(out, lang=lang)
    return reporter_class(out, lang=lang, color=use_color(color, out), show_source=not no_source)


def _progress(items, err_stream):
    if (len(items) >= PROGRESS_MIN_FILES and err_stream.isatty()
            and "DOCLINT_NO_PROGRESS" not in os.environ):
        return Progress(len(items), err_stream)
    return None


def _collect(results, tally: Tally, reporter, out, progress):
    for result in results:
        if progress:
            progress.close()
        if result.error:
            tally.had_error = True
            click.echo(f"doclint: {result.error}", err=True)
        for note in result.notices:
            click.echo(f"doclint: {note}", err=True)
        if result.fixed:
            tally.fixed_total += result.fixed
            tally.fixed_files += 1
        if result.diff:
            out.write(result.diff)
        for f in result.findings:
            tally.worst = max(tally.worst, SEVERITY_RANK[f.severity])
        tally.results.append(result)
        reporter.file(result)
        if progress:
            progress.step(result.path)


def _run(items, settings, jobs, checker, tally, reporter, out, err_stream, lang):
    from doclint.engine.batch import check_files
    progress = _progress(items, err_stream)
    try:
        _collect(check_files(items, settings, jobs, checker=checker), tally, reporter, out, progress)
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
        click.echo(msg(lang, f"doclint: 并行检查失败（{type(exc).__name__}: {exc}），可去掉 --jobs 重试",
                       f"doclint: parallel check failed ({type(exc).__name__}: {exc}); retry without --jobs"),
                   err=True)
        sys.exit(2)
    if progress:
        progress.close()


def _finish_baseline(path, tally: Tally, lang):
    from doclint.engine.baseline import write
    try:
        n = write(path, tally.results)
    except DoclintError as err:
        fail(err, lang)
    click.echo(msg(lang, f"doclint: 已把 {n} 处问题写入基线 {path}",
                   f"doclint: wrote {n} finding(s) to baseline {path}"), err=True)
    sys.exit(2 if tally.had_error else 0)


def _finish_diff(tally: Tally, exit_zero, lang):
    if tally.fixed_total:
        click.echo(msg(lang, f"doclint: 可修复 {tally.fixed_total} 处（{tally.fixed_files} 个文件）；"
                             "未写入文件，去掉 --diff 并加 --fix 以应用",
                       f"doclint: {tally.fixed_total} fix(es) in {tally.fixed_files} file(s) would be applied; "
                       "nothing written"), err=True)
    else:
        click.echo(msg(lang, "doclint: 没有可自动修复的问题", "doclint: nothing to fix"), err=True)
    sys.exit(2 if tally.had_error else (1 if tally.fixed_total and not exit_zero else 0))


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-f", "--format", "fmt", default="text", show_default=True,
              help="输出格式 output format: " + ", ".join(FORMATS))
@click.option("--select", multiple=True, help="只运行这些检查（代码、前缀如 DL1、名称；逗号分隔）")
@click.option("--ignore", multiple=True, help="跳过这些检查（代码、前缀或名称）")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="配置文件（默认向上查找）")
@click.option("--exit-zero", is_flag=True, help="有问题也以 0 退出")
@click.option("--fail-on", type=click.Choice(["info", "warning", "error"]), default=None,
              help="达到该级别的问题才使退出码为 1（默认 info：任何问题）")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="消息语言 message language")
@click.option("--color/--no-color", default=None, help="彩色输出（默认仅终端）")
@click.option("--no-source", is_flag=True, help="不显示原文摘录")
@click.option("--fix", is_flag=True, help="自动修复可安全修复的问题并写回文件 apply safe fixes")
@click.option("--unsafe-fixes", is_flag=True, help="同时应用需确认的修复（与 --fix 或 --diff 合用）")
@click.option("--diff", "show_diff", is_flag=True, help="只显示修复会做的改动，不写文件 show fixes as a diff")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False),
              help="不报告基线文件中已记录的问题 hide findings recorded in FILE")
@click.option("--write-baseline", "write_baseline_path", type=click.Path(dir_okay=False),
              help="把当前全部问题写入基线文件 record all current findings in FILE")
@click.option("--date", "ref_date", metavar="YYYY-MM-DD",
              help="期限检查（DL4）的基准日期，优先于文中落款日期和配置 reference date for DL4 checks")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True,
              help="并行进程数（0 = CPU 核数）parallel worker processes")
def check(paths, fmt, select, ignore, config_path, exit_zero, fail_on, lang, color, no_source,
          fix, unsafe_fixes, show_diff, baseline_path, write_baseline_path, ref_date, jobs):
    """检查文件（目录递归查找 .txt/.md/.docx；- 表示标准输入）。

    Check files (folders recursively for .txt/.md/.docx; - for stdin).
    """
    from doclint.engine.batch import FileChecker
    from doclint.engine.session import Configs, Session, Settings
    from doclint.files.reader import expand_paths

    lang = resolve_lang(lang)
    try:
        configs = Configs(config_path)
        base_cfg = configs.for_cwd()
        lang = resolve_lang(lang, base_cfg)
        settings = Settings(config_path=config_path, select=tuple(split_codes(select)),
                            ignore=tuple(split_codes(ignore)), lang=lang, fix=fix and not show_diff,
                            unsafe=unsafe_fixes, diff=show_diff, baseline=baseline_path, date=ref_date)
        session = Session(settings, configs=configs)
        session.plan(base_cfg)  # unknown codes, options and dictionaries fail before any output
        out, err_stream = stream("stdout"), stream("stderr")
        reporter = _reporter(fmt, show_diff, out, lang, color, no_source)
        _validate(fix, unsafe_fixes, show_diff, baseline_path, write_baseline_path, ref_date)
        checker = FileChecker(settings, session)  # reads the baseline file up front
    except DoclintError as err:
        fail(err, lang)

    items = [(p, e.render(lang) if e is not None else None)
             for p, e in expand_paths(paths, exclude=base_cfg.exclude)]
    if jobs == 0:
        jobs = os.cpu_count() or 1
    if any(p == "-" for p, _ in items):
        jobs = 1  # standard input is read by this process only
    tally = Tally()
    _run(items, settings, jobs, checker, tally, reporter, out, err_stream, lang)
    reporter.finish(tally.results)
    if write_baseline_path:
        _finish_baseline(write_baseline_path, tally, lang)
    if show_diff:
        _finish_diff(tally, exit_zero, lang)
    if fix and tally.fixed_total:
        click.echo(msg(lang, f"doclint: 已修复 {tally.fixed_total} 处问题（{tally.fixed_files} 个文件）",
                       f"doclint: fixed {tally.fixed_total} finding(s) in {tally.fixed_files} file(s)"), err=True)
    threshold = SEVERITY_RANK[fail_on or base_cfg.fail_on or "info"]
    if tally.had_error:
        sys.exit(2)
    sys.exit(1 if tally.worst >= threshold and not exit_zero else 0)
