"""The `doclint` command line: the command group; each command lives in its own module.

Commands are imported only when used (`doclint check` never imports the
differ). Exit codes: 0 clean, 1 findings or differences, 2 usage or input
error (one line naming the file and the problem, never a traceback).
"""
from __future__ import annotations

import importlib

import click

from doclint import __version__

# name -> "module:function"; loaded lazily so that start-up imports only what the run uses.
COMMANDS = {
    "check": "doclint.cli.check:check",
    "rules": "doclint.cli.rules:rules",
    "outline": "doclint.cli.outline:outline",
    "deadlines": "doclint.cli.deadlines:deadlines",
    "facts": "doclint.cli.facts:facts",
    "diff": "doclint.cli.diff:diff",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx):
        return sorted(COMMANDS)

    def get_command(self, ctx, name):
        target = COMMANDS.get(name)
        if target is None:
            return None
        mod, attr = target.split(":")
        return getattr(importlib.import_module(mod), attr)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="doclint")
def main():
    """doclint：公文（讲话稿、工作报告、通知、方案）检查与改稿比对工具。

    doclint: a linter and draft differ for Chinese official documents.
    """
    from doclint.files import cache
    cache.allow_writes()  # the command line keeps its caches; library use only reads them
