"""The `doclint` command line: check, rules, and lazily loaded subcommands.

Errors the user can act on (bad file, bad config, unknown code) are printed as
one line naming the file and the problem; exit codes: 0 clean, 1 findings,
2 usage or input error. No traceback reaches the user.
"""
from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from pathlib import Path

import click

from doclint import __version__
from doclint.errors import DoclintError, UsageError
from doclint.model.finding import SEVERITY_RANK

# Subcommands that live in their own modules, imported only when used.
LAZY_COMMANDS = {
    "outline": "doclint.cli.outline:outline",
    "deadlines": "doclint.cli.deadlines:deadlines",
    "diff": "doclint.cli.diff:diff",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx):
        names = set(super().list_commands(ctx))
        names |= {n for n, t in LAZY_COMMANDS.items()
                  if importlib.util.find_spec(t.split(":")[0]) is not None}
        return sorted(names)

    def get_command(self, ctx, name):
        cmd = super().get_command(ctx, name)
        if cmd is None and name in LAZY_COMMANDS:
            mod, attr = LAZY_COMMANDS[name].split(":")
            if importlib.util.find_spec(mod) is None:
                return None
            cmd = getattr(importlib.import_module(mod), attr)
        return cmd


def env_lang(explicit=None, config=None):
    if explicit:
        return explicit
    env = os.environ.get("DOCLINT_LANG")
    if env in ("zh", "en"):
        return env
    if config is not None and config.lang:
        return config.lang
    return "zh"


def fail(err: DoclintError, lang: str):
    click.echo(f"doclint: {err.render(lang)}", err=True)
    sys.exit(2)


def split_codes(values):
    out = []
    for v in values or ():
        out.extend(x for x in v.replace("，", ",").split(",") if x.strip())
    return out


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="doclint")
def main():
    """doclint：公文（讲话稿、工作报告、通知、方案）检查与改稿比对工具。

    doclint: a linter and draft differ for Chinese official documents.
    """


FORMATS = ("text", "full", "concise", "json", "sarif", "github", "junit")
PROGRESS_MIN_FILES = 10  # a progress bar only when at least this many files are checked


class Progress:
    """A one-line progress bar on stderr (used only when stderr is a terminal)."""

    def __init__(self, total: int, stream):
        self.total, self.stream, self.done = total, stream, 0

    def step(self, path: str):
        self.done += 1
        n = 30 * self.done // self.total
        name = path if len(path) <= 40 else "…" + path[-39:]
        self.stream.write(f"\r\x1b[K[{'#' * n}{'.' * (30 - n)}] {self.done}/{self.total} {name}")
        self.stream.flush()

    def close(self):
        self.stream.write("\r\x1b[K")
        self.stream.flush()


@main.command()
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
    from doclint.files.reader import expand_paths
    from doclint.reporters import get_reporter
    from doclint.engine.runner import FileChecker, RunOptions, check_files, select_checks, ConfigCache

    lang = env_lang(lang)
    try:
        configs = ConfigCache(config_path)
        base_cfg = configs.explicit or configs.for_path(str(Path.cwd() / "_"))
        lang = env_lang(lang, base_cfg)
        select_l, ignore_l = split_codes(select), split_codes(ignore)
        select_checks(base_cfg, select_l, ignore_l)  # validate codes before any output
        Reporter = get_reporter(fmt)
        if unsafe_fixes and not (fix or show_diff):
            raise UsageError(None, "--unsafe-fixes 需与 --fix 或 --diff 一起使用",
                             "--unsafe-fixes needs --fix or --diff")
        if baseline_path and write_baseline_path:
            raise UsageError(None, "--baseline 与 --write-baseline 不能同时使用",
                             "--baseline and --write-baseline cannot be used together")
        if write_baseline_path and (fix or show_diff):
            raise UsageError(None, "--write-baseline 不能与 --fix/--diff 同时使用",
                             "--write-baseline cannot be combined with --fix or --diff")
        if ref_date is not None:
            import datetime
            try:
                datetime.date.fromisoformat(ref_date)
            except ValueError:
                raise UsageError(None, f"--date 应为 YYYY-MM-DD 格式的日期：{ref_date}",
                                 f"--date must be a date as YYYY-MM-DD: {ref_date}")
        opts = RunOptions(config_path=config_path, select=select_l, ignore=ignore_l, lang=lang,
                          fix=fix and not show_diff, unsafe=unsafe_fixes, diff=show_diff,
                          baseline=baseline_path, date=ref_date)
        checker = FileChecker(opts)  # validates the baseline file up front
    except DoclintError as err:
        fail(err, lang)
    out = click.get_text_stream("stdout")
    err_stream = click.get_text_stream("stderr")
    use_color = color if color is not None else (out.isatty() and "NO_COLOR" not in os.environ)
    reporter = Reporter(out, lang=lang, color=use_color, show_source=not no_source)
    if show_diff:  # the diff is the output; findings are not listed
        from doclint.reporters import NullReporter
        reporter = NullReporter(out, lang=lang)

    items = [(p, e.render(lang) if e is not None else None)
             for p, e in expand_paths(paths, exclude=base_cfg.exclude)]
    if jobs == 0:
        jobs = os.cpu_count() or 1
    if any(p == "-" for p, _ in items):
        jobs = 1  # standard input is read by this process only
    progress = None
    if len(items) >= PROGRESS_MIN_FILES and err_stream.isatty() and "DOCLINT_NO_PROGRESS" not in os.environ:
        progress = Progress(len(items), err_stream)

    results, had_error, worst = [], False, -1
    fixed_total = fixed_files = 0
    try:
        for result in check_files(items, opts, jobs, checker=checker):
            if progress:
                progress.close()
            if result.error:
                had_error = True
                click.echo(f"doclint: {result.error}", err=True)
            for note in result.notices:
                click.echo(f"doclint: {note}", err=True)
            if result.fixed:
                fixed_total += result.fixed
                fixed_files += 1
            if result.diff:
                out.write(result.diff)
            for f in result.findings:
                worst = max(worst, SEVERITY_RANK[f.severity])
            results.append(result)
            reporter.file(result)
            if progress:
                progress.step(result.path)
    except KeyboardInterrupt:
        if progress:
            progress.close()
        click.echo("doclint: 已中断" if lang == "zh" else "doclint: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        raise  # `doclint check … | head`: click ends the run quietly
    except Exception as exc:  # a worker process died (killed, out of memory): one line, exit 2
        if progress:
            progress.close()
        click.echo(f"doclint: 并行检查失败（{type(exc).__name__}: {exc}），可去掉 --jobs 重试" if lang == "zh"
                   else f"doclint: parallel check failed ({type(exc).__name__}: {exc}); retry without --jobs",
                   err=True)
        sys.exit(2)
    if progress:
        progress.close()
    reporter.finish(results)
    if write_baseline_path:
        from doclint.engine.baseline import write
        try:
            n = write(write_baseline_path, results)
        except DoclintError as err:
            fail(err, lang)
        click.echo(f"doclint: 已把 {n} 处问题写入基线 {write_baseline_path}" if lang == "zh"
                   else f"doclint: wrote {n} finding(s) to baseline {write_baseline_path}", err=True)
        sys.exit(2 if had_error else 0)
    if show_diff:
        click.echo((f"doclint: 可修复 {fixed_total} 处（{fixed_files} 个文件）；未写入文件，去掉 --diff 并加 --fix 以应用"
                    if lang == "zh" else
                    f"doclint: {fixed_total} fix(es) in {fixed_files} file(s) would be applied; nothing written")
                   if fixed_total else ("doclint: 没有可自动修复的问题" if lang == "zh" else "doclint: nothing to fix"),
                   err=True)
        sys.exit(2 if had_error else (1 if fixed_total and not exit_zero else 0))
    if fix and fixed_total:
        click.echo(f"doclint: 已修复 {fixed_total} 处问题（{fixed_files} 个文件）" if lang == "zh"
                   else f"doclint: fixed {fixed_total} finding(s) in {fixed_files} file(s)", err=True)
    threshold = SEVERITY_RANK[fail_on or base_cfg.fail_on or "info"]
    if had_error:
        sys.exit(2)
    if worst >= threshold and not exit_zero:
        sys.exit(1)
    sys.exit(0)


@main.command()
@click.argument("code", required=False)
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None)
def rules(code, fmt, lang):
    """列出全部检查，或解释一项检查。 List checks, or explain one."""
    import json
    from doclint.engine.registry import all_checks, resolve
    lang = env_lang(lang)
    checks = all_checks()
    try:
        codes = sorted(resolve([code], checks)) if code else list(checks)
    except DoclintError as err:
        fail(err, lang)
    chosen = [checks[c] for c in codes]
    if fmt == "json":
        click.echo(json.dumps([{
            "code": c.code, "name": c.name, "severity": c.severity,
            "summary": c.summary.get(lang), "description": c.description.get(lang),
            "wrong": c.wrong, "right": c.right, "options": c.options,
            "fixable": c.fixable, "origin": c.origin} for c in chosen], ensure_ascii=False, indent=2))
        return
    if code is None or len(chosen) > 1:
        for c in chosen:
            click.echo(f"{c.code}  {c.name:<28} {c.severity:<8} {c.summary.get(lang)}")
        return
    c = chosen[0]
    zh = lang == "zh"
    click.echo(f"{c.code} {c.name}  [{c.severity}]" + ("  (可自动修复)" if zh and c.fixable else
                                                        "  (fixable)" if c.fixable else ""))
    click.echo(c.summary.get(lang))
    click.echo("")
    click.echo(c.description.get(lang))
    click.echo("")
    click.echo(("错误示例：" if zh else "Wrong: ") + c.wrong)
    click.echo(("正确写法：" if zh else "Right: ") + c.right)
    if c.options:
        click.echo("")
        click.echo("选项（在配置文件 [checks.%s] 下设置）：" % c.code if zh else
                   "Options (set under [checks.%s] in the config file):" % c.code)
        for k, v in c.options.items():
            click.echo(f"  {k.replace('_', '-')} = {v!r}")
    if c.origin != "builtin":
        click.echo(f"\n({c.origin})")


if __name__ == "__main__":  # pragma: no cover
    main()
