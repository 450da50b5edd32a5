"""checks/__init__.py names the module of every built-in code: the table must match the registry."""
from __future__ import annotations

import re

import doclint.checks as pkg
from doclint.engine.registry import all_checks


def test_the_table_in_checks_init_matches_the_registry():
    table = {}
    for line in pkg.__doc__.splitlines():
        m = re.match(r"\s+(\w+)\.py\s+(DL\d{3}(?:[-,] ?DL\d{3})*)", line)
        if not m:
            continue
        codes = set()
        for part in m.group(2).split(","):
            a, _, b = part.strip().partition("-")
            codes |= {f"DL{n}" for n in range(int(a[2:]), int((b or a)[2:]) + 1)}
        table[m.group(1)] = codes
    actual = {}
    for c in all_checks().values():
        if c.origin == "builtin":
            actual.setdefault(c.func.__module__.rsplit(".", 1)[1], set()).add(c.code)
    assert table == actual


def test_the_index_matches_the_registry():
    """INDEX (read by runs that select a few checks, to import only their modules) is complete."""
    actual = {}
    for c in all_checks().values():
        if c.origin == "builtin":
            actual.setdefault(c.func.__module__.rsplit(".", 1)[1], {})[c.code] = c.name
    assert pkg.INDEX == actual
