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
from doclint.finding import SEVERITY_RANK

# Subcommands that live in their own modules, imported only when used.
LAZY_COMMANDS = {
    "outline": "doclint.outline_cli:outline",
    "deadlines": "doclint.deadlines_cli:deadlines",
    "diff": "doclint.diff_cli:diff",
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


class ConfigCache:
    """Config per folder (found upward), or the one given by --config."""

    def __init__(self, explicit=None):
        from doclint.config import Config, load_config
        self.explicit = load_config(Path(explicit)) if explicit else None
        self.by_file = {}
        self.empty = Config()

    def for_path(self, path: str):
        from doclint.config import find_config_file, load_config
        if self.explicit is not None:
            return self.explicit
        start = Path.cwd() if path == "-" else Path(path)
        found = find_config_file(start)
        if found is None:
            return self.empty
        if found not in self.by_file:
            self.by_file[found] = load_config(found)
        return self.by_file[found]


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-f", "--format", "fmt", default="text", show_default=True,
              help="输出格式 output format: text, json")
@click.option("--select", multiple=True, help="只运行这些检查（代码、前缀如 DL1、名称；逗号分隔）")
@click.option("--ignore", multiple=True, help="跳过这些检查（代码、前缀或名称）")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="配置文件（默认向上查找）")
@click.option("--exit-zero", is_flag=True, help="有问题也以 0 退出")
@click.option("--fail-on", type=click.Choice(["info", "warning", "error"]), default=None,
              help="达到该级别的问题才使退出码为 1（默认 info：任何问题）")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="消息语言 message language")
@click.option("--color/--no-color", default=None, help="彩色输出（默认仅终端）")
@click.option("--no-source", is_flag=True, help="不显示原文摘录")
def check(paths, fmt, select, ignore, config_path, exit_zero, fail_on, lang, color, no_source):
    """检查文件（目录递归查找 .txt/.md/.docx；- 表示标准输入）。

    Check files (folders recursively for .txt/.md/.docx; - for stdin).
    """
    from doclint.reader import expand_paths, read_path
    from doclint.reporters import FileResult, get_reporter
    from doclint.runner import lint, select_checks

    lang = env_lang(lang)
    try:
        configs = ConfigCache(config_path)
        base_cfg = configs.explicit or configs.for_path(str(Path.cwd() / "_"))
        lang = env_lang(lang, base_cfg)
        select_l, ignore_l = split_codes(select), split_codes(ignore)
        select_checks(base_cfg, select_l, ignore_l)  # validate codes before any output
        Reporter = get_reporter(fmt)
    except DoclintError as err:
        fail(err, lang)
    out = click.get_text_stream("stdout")
    use_color = color if color is not None else (out.isatty() and "NO_COLOR" not in os.environ)
    reporter = Reporter(out, lang=lang, color=use_color, show_source=not no_source)

    results, had_error = [], False
    worst = -1
    selections = {}
    for path, err in expand_paths(paths, exclude=base_cfg.exclude):
        result = FileResult(path)
        try:
            if err is not None:
                raise err
            cfg = configs.for_path(path)
            key = id(cfg)
            if key not in selections:
                selections[key] = select_checks(cfg, select_l, ignore_l)
            doc = read_path(path)
            result.doc = doc
            result.findings = lint(doc, selections[key], cfg, lang)
        except DoclintError as exc:
            result.error = exc.render(lang)
        except Exception as exc:  # a bug in doclint or a plugin: report it, go on
            result.error = (f"{path}: 内部错误（{type(exc).__name__}: {exc}），请报告此问题" if lang == "zh"
                            else f"{path}: internal error ({type(exc).__name__}: {exc}); please report it")
        if result.error:
            had_error = True
            click.echo(f"doclint: {result.error}", err=True)
        for f in result.findings:
            worst = max(worst, SEVERITY_RANK[f.severity])
        results.append(result)
        reporter.file(result)
    reporter.finish(results)
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
    from doclint.registry import all_checks, resolve
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
