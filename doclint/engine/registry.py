"""Check definitions and the registry of built-in and third-party checks.

A check is a small pure function `func(doc, ctx) -> iterable of Issue`,
declared with the `@check(...)` decorator that records its code, name,
default severity, bilingual description, a wrong/right example and its
options. Built-in checks are the modules of `doclint.checks` (the repo's
`checks/` folder); third-party packages register theirs in the entry-point
group `doclint.checks` (an entry point may name a Check, a list of Checks or a
module that defines Checks).
"""
from __future__ import annotations

import importlib
import os
from dataclasses import dataclass, field
from types import ModuleType
from typing import Callable, Dict, Iterable, List, NamedTuple, Optional

from doclint.text import rx

from doclint.errors import UsageError
from doclint.model.finding import SEVERITIES

ENTRY_POINT_GROUP = "doclint.checks"
_CODE = rx.compile(r"^[A-Z]{2,}[0-9]{3}$")


@dataclass(frozen=True)
class Check:
    code: str
    name: str
    severity: str
    summary: Dict[str, str]          # one line, {"zh": ..., "en": ...}
    description: Dict[str, str]      # a paragraph, {"zh": ..., "en": ...}
    wrong: str                        # an example the check flags
    right: str                        # the corrected example
    func: Callable = field(compare=False, repr=False)
    options: Dict[str, object] = field(default_factory=dict)
    fixable: bool = False
    origin: str = "builtin"
    covers: bool = False             # its findings are text not the document's own (page chrome):
                                     # other checks' findings inside them are dropped

    def __call__(self, doc, ctx):
        return self.func(doc, ctx)


def check(*, code: str, name: str, severity: str, summary, description, wrong: str,
          right: str, options: Optional[dict] = None, fixable: bool = False, covers: bool = False):
    """Decorator that turns `func(doc, ctx)` into a registered Check."""
    if not _CODE.match(code):
        raise ValueError(f"bad check code {code!r}")
    if severity not in SEVERITIES:
        raise ValueError(f"bad severity {severity!r}")

    def wrap(func) -> Check:
        return Check(code=code, name=name, severity=severity,
                     summary=dict(summary), description=dict(description),
                     wrong=wrong, right=right, func=func,
                     options=dict(options or {}), fixable=fixable, covers=covers)
    return wrap


def _checks_in(obj, origin: str) -> List[Check]:
    if isinstance(obj, Check):
        return [obj if origin == "builtin" else _with_origin(obj, origin)]
    if isinstance(obj, ModuleType):
        return [_with_origin(v, origin) for v in vars(obj).values() if isinstance(v, Check)]
    if isinstance(obj, (list, tuple)):
        out = []
        for item in obj:
            out.extend(_checks_in(item, origin))
        return out
    return []


def _with_origin(c: Check, origin: str) -> Check:
    if c.origin == origin:
        return c
    from dataclasses import replace
    return replace(c, origin=origin)


_ALL: Optional[Dict[str, Check]] = None
_LOADED: Dict[str, Check] = {}      # built-in checks imported so far, by code


def all_checks() -> Dict[str, Check]:
    """Every available check by code, built-ins first, sorted by code."""
    global _ALL
    if _ALL is None:
        found: Dict[str, Check] = {}
        for name in _check_modules():
            found.update(_module_checks(name))
        for c in _plugin_checks():
            found.setdefault(c.code, c)  # a plugin cannot replace a built-in code
        _ALL = dict(sorted(found.items()))
    return _ALL


def _module_checks(name: str) -> Dict[str, Check]:
    mod = importlib.import_module(f"doclint.checks.{name}")
    got = {c.code: c for c in _checks_in(mod, "builtin")}
    _LOADED.update(got)
    return got


class Named(NamedTuple):
    """What selecting needs of a check (doclint.engine.registry.resolve): its code and name."""
    code: str
    name: str


def index() -> Optional[Dict[str, Named]]:
    """Code -> Named for every check, read from checks/INDEX without importing any check module;
    None when that cannot be complete (a plugin may add checks, or the index is missing)."""
    if _ALL is not None:
        return {code: Named(c.code, c.name) for code, c in _ALL.items()}
    import doclint.checks as pkg
    table = getattr(pkg, "INDEX", None)
    if not isinstance(table, dict) or _may_have_plugins():
        return None
    return {code: Named(code, name) for names in table.values() for code, name in sorted(names.items())}


def checks_for(codes: Iterable[str]) -> Dict[str, Check]:
    """The checks of `codes` (all known), importing only the modules that define them."""
    codes = set(codes)
    if _ALL is not None:
        return {c: _ALL[c] for c in sorted(codes)}
    import doclint.checks as pkg
    for module, names in pkg.INDEX.items():
        if codes & set(names) and not set(names) <= set(_LOADED):
            _module_checks(module)
    return {c: _LOADED[c] for c in sorted(codes)}


def lookup(code: str) -> Optional[Check]:
    """The check of `code` for reports (summary, name), importing its module only if needed."""
    if code in _LOADED:
        return _LOADED[code]
    import doclint.checks as pkg
    for module, names in getattr(pkg, "INDEX", {}).items():
        if code in names:
            return _module_checks(module).get(code)
    return all_checks().get(code)


def _check_modules() -> List[str]:
    """The names of the built-in check modules (not starting with _), sorted. A look at the package
    folder; pkgutil (what iter_modules needs) only when the package is not a folder."""
    import doclint.checks as pkg
    names = set()
    for folder in pkg.__path__:
        try:
            entries = os.listdir(folder)
        except OSError:
            import pkgutil
            names.update(i.name for i in pkgutil.iter_modules([folder]))
            continue
        for e in entries:
            stem, dot, ext = e.partition(".")
            if dot and ext in ("py", "pyc") and stem.isidentifier() and stem != "__init__":
                names.add(stem)
    return sorted(n for n in names if not n.startswith("_"))


def _may_have_plugins() -> bool:
    """False only when no installed distribution declares the doclint.checks group.

    A cheap look at the `entry_points.txt` of every *.dist-info / *.egg-info
    folder on sys.path (what importlib.metadata reads), so that a plain run
    does not pay for importing importlib.metadata and parsing every
    distribution's metadata. Anything unusual (a zip on sys.path, an .egg,
    another distribution finder) answers True and the full lookup runs.
    """
    import os
    import sys
    from importlib.machinery import PathFinder
    for finder in sys.meta_path:
        if finder is not PathFinder and getattr(finder, "find_distributions", None) is not None:
            return True
    needle = f"[{ENTRY_POINT_GROUP}]"
    for entry in sys.path:
        entry = entry or "."
        try:
            if not os.path.isdir(entry):
                if os.path.exists(entry):
                    return True  # a zip or egg file: let importlib.metadata look
                continue
            names = os.listdir(entry)
        except OSError:
            continue
        for name in names:
            low = name.lower()
            if low.endswith(".egg") or low == "egg-info":
                return True
            if low.endswith((".dist-info", ".egg-info")):
                try:
                    with open(os.path.join(entry, name, "entry_points.txt"), encoding="utf-8",
                              errors="replace") as fh:
                        if needle in fh.read():
                            return True
                except OSError:
                    continue
    return False


def _plugin_checks() -> Iterable[Check]:
    if not _may_have_plugins():
        return
    from importlib.metadata import entry_points
    try:
        eps = entry_points(group=ENTRY_POINT_GROUP)
    except TypeError:  # Python < 3.10
        eps = entry_points().get(ENTRY_POINT_GROUP, [])
    for ep in eps:
        try:
            obj = ep.load()
        except Exception as exc:  # a broken plugin must not break doclint
            import sys
            print(f"doclint: plugin {ep.name!r} failed to load: {exc}", file=sys.stderr)
            continue
        yield from _checks_in(obj, f"plugin:{ep.name}")


def resolve(selectors: Iterable[str], checks: Dict[str, Check], source: str = "") -> set:
    """Codes matched by selectors: a code, a code prefix (DL1), a name, or ALL."""
    codes = set()
    for sel in selectors:
        sel = sel.strip()
        if not sel:
            continue
        up = sel.upper()
        if up == "ALL":
            codes.update(checks)
            continue
        matched = {c for c in checks if c.startswith(up)} | {
            c.code for c in checks.values() if c.name == sel}
        if not matched:
            where = f"（{source}）" if source else ""
            raise UsageError(None, f"未知的检查代码或名称：{sel}{where}；用 doclint rules 查看全部",
                             f"unknown check code or name: {sel}"
                             + (f" (in {source})" if source else "") + "; see `doclint rules`")
        codes |= matched
    return codes
