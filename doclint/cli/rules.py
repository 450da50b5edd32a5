"""`doclint rules [CODE]`: list every check, or explain one with its example and options."""
from __future__ import annotations

import json
import math

import click

from doclint.cli.common import fail, resolve_lang
from doclint.errors import DoclintError


def toml_value(v) -> str:
    """`v` written as TOML, so that an option line can be pasted into doclint.toml as it is."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)) and not (isinstance(v, float) and not math.isfinite(v)):
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)  # a TOML basic string uses JSON's escapes
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    return json.dumps(str(v), ensure_ascii=False)


def _severity(sev: str, lang: str) -> str:
    from doclint.reporters import severity_label
    return severity_label(sev, lang)


def _as_json(chosen, lang: str) -> str:
    return json.dumps([{
        "code": c.code, "name": c.name, "severity": c.severity,
        "summary": c.summary.get(lang), "description": c.description.get(lang),
        "wrong": c.wrong, "right": c.right, "options": c.options,
        "fixable": c.fixable, "origin": c.origin} for c in chosen], ensure_ascii=False, indent=2)


def _explain(c, lang: str) -> None:
    zh = lang == "zh"
    click.echo(f"{c.code} {c.name}  [{_severity(c.severity, lang)}]" + ("  (可自动修复)" if zh and c.fixable else
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
            click.echo(f"  {k.replace('_', '-')} = {toml_value(v)}")
    if c.origin != "builtin":
        click.echo(f"\n({c.origin})")


@click.command()
@click.argument("code", required=False)
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None)
def rules(code, fmt, lang):
    """列出全部检查，或解释一项检查。 List checks, or explain one."""
    from doclint.engine.registry import all_checks, resolve
    lang = resolve_lang(lang)
    checks = all_checks()
    try:
        codes = sorted(resolve([code], checks)) if code else list(checks)
    except DoclintError as err:
        fail(err, lang)
    chosen = [checks[c] for c in codes]
    if fmt == "json":
        click.echo(_as_json(chosen, lang))
    elif code is None or len(chosen) > 1:
        from doclint.text.display import pad
        for c in chosen:
            click.echo(f"{c.code}  {c.name:<28} {pad(_severity(c.severity, lang), 8)} {c.summary.get(lang)}")
    else:
        _explain(chosen[0], lang)
