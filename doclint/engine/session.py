"""One run of doclint: its settings, the configs it finds, and the one path from a document to findings.

Every command goes through a `Session`: `doclint check`, the Python API
(doclint.api), `doclint outline` (its numbering marks), `doclint deadlines`
(config, dictionaries, reference date) and `doclint diff --lint`. A session
finds the config of each file (the nearest one upward, or `--config`), makes
one `Plan` per config (the selected checks, their options and severities,
the dictionaries the config extends, the allowed phrases, the user words),
and `lint(doc)` runs the plan's checks. This is the only place where check
output (Issues) becomes Findings: line and column are derived here, once.
"""
from __future__ import annotations

import bisect
import gc
import sys
from array import array
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

from doclint.engine.config import Config, find_config_file, load_config
from doclint.engine.context import CheckContext
from doclint.engine.dictionaries import Dictionaries
from doclint.engine.registry import Check, all_checks, checks_for, index, resolve
from doclint.errors import ConfigError, DoclintError
from doclint.model.finding import SEVERITIES, Finding, Issue
from doclint.text import rx
from doclint.text.rx import RegexTimeout


@dataclass(frozen=True)
class Settings:
    """What the user asked for on the command line (or through the API): plain values only,
    so a session can be rebuilt in a worker process."""
    config_path: Optional[str] = None
    select: Tuple[str, ...] = ()
    ignore: Tuple[str, ...] = ()
    lang: str = "zh"
    date: Optional[str] = None      # --date YYYY-MM-DD: reference date for the DL4 checks
    fix: bool = False               # write safe fixes
    unsafe: bool = False            # ... and unsafe ones
    diff: bool = False              # compute the fixes, show a diff, write nothing
    baseline: Optional[str] = None


@dataclass
class Plan:
    """How one config checks a document: the checks and everything they are given."""
    config: Config
    checks: List[Check]
    severities: Dict[str, str] = field(default_factory=dict)
    contexts: Dict[str, CheckContext] = field(default_factory=dict)
    dictionaries: Dictionaries = None
    user_words: Tuple[Tuple[str, int], ...] = ()
    allow: Tuple[str, ...] = ()


def _check_options(config: Config, checks: Dict[str, Check]):
    """(severities, options) by code from the config's [checks.X] tables, validated."""
    src = str(config.source) if config.source else ""
    severities: Dict[str, str] = {}
    options: Dict[str, dict] = {}
    for key, table in config.checks.items():
        for code in resolve([key], checks, src):
            c = checks[code]
            opts = dict(c.options)
            for k, v in table.items():
                if k == "severity":
                    if v not in SEVERITIES:
                        raise ConfigError(config.source, f"[checks.{key}] severity 只能是 info/warning/error",
                                          f"[checks.{key}] severity must be info, warning or error")
                    severities[code] = v
                    continue
                kk = k.replace("-", "_")
                if kk not in c.options:
                    raise ConfigError(config.source, f"检查 {code} 没有选项 {k}",
                                      f"check {code} has no option {k}")
                _check_type(config, key, k, v, c.options[kk])
                opts[kk] = v
            options[code] = opts
    return severities, options


def _check_type(config: Config, key: str, k: str, v, default) -> None:
    if default is None or isinstance(v, type(default)) or (isinstance(default, float) and isinstance(v, int)):
        return
    raise ConfigError(config.source, f"[checks.{key}] {k} 类型应为 {type(default).__name__}",
                      f"[checks.{key}] {k} must be a {type(default).__name__}")


def dictionaries_for(config: Config) -> Dictionaries:
    """The dictionaries as `config` extends them (its [dictionaries] names validated)."""
    d = Dictionaries(config.dictionaries, config.source)
    d.validate_names()
    return d


def make_plan(config: Config, select: Sequence[str] = (), ignore: Sequence[str] = (),
              lang: str = "zh", date: Optional[str] = None, dictionaries: Optional[Dictionaries] = None) -> Plan:
    """The checks `config` enables plus the command line's selection (the command line wins)."""
    src = str(config.source) if config.source else ""
    selectors = list(select) if select else (config.select or ["ALL"])
    # A run that selects a few checks imports only their modules (start-up: each module costs
    # its imports and patterns); [checks.X] tables and plugins need every check's metadata.
    named = None if config.checks or any(s.strip().upper() == "ALL" for s in selectors) else index()
    checks = named if named is not None else all_checks()
    codes = resolve(selectors, checks, "" if select else src)
    codes -= resolve(config.ignore, checks, src)
    codes -= resolve(ignore, checks)
    if named is not None:
        checks = checks_for(codes)
    chosen = [checks[c] for c in sorted(codes)]
    severities, options = _check_options(config, checks)
    dictionaries = dictionaries or dictionaries_for(config)
    contexts = {c.code: CheckContext(c, options.get(c.code, dict(c.options)), dictionaries, lang,
                                     date_option=date, config_date=config.date) for c in chosen}
    allow = tuple(sorted({p.strip() for p in dictionaries.lines("allow") if p.strip()}))
    return Plan(config, chosen, severities, contexts, dictionaries, dictionaries.user_words(), allow)


class Configs:
    """The config of each file: the one given by --config, or the nearest found upward."""

    def __init__(self, explicit: Optional[str] = None):
        self.explicit = load_config(Path(explicit)) if explicit else None
        self.by_file: Dict[Path, Config] = {}
        self.empty = Config()

    def for_path(self, path: str) -> Config:
        if self.explicit is not None:
            return self.explicit
        start = Path.cwd() if path in ("-", "<stdin>") else Path(path)
        found = find_config_file(start)
        if found is None:
            return self.empty
        if found not in self.by_file:
            self.by_file[found] = load_config(found)
        return self.by_file[found]

    def for_cwd(self) -> Config:
        return self.explicit or self.for_path(str(Path.cwd() / "_"))


_WARNED: set = set()


def _warn_skipped(lang: str) -> None:
    """One line on stderr, once per process, for each config that discovery passed over because
    someone else could have put it there (doclint.engine.config.distrust). Every command finds
    its configs through a session, so every command warns."""
    from doclint.engine.config import SKIPPED
    from doclint.text.display import escaped
    for path, (zh, en) in list(SKIPPED.items()):
        if path not in _WARNED:
            _WARNED.add(path)
            sys.stderr.write(f"doclint: {escaped(str(path))}: {en if lang == 'en' else zh}\n")
            sys.stderr.flush()


class Session:
    """One run: settings, configs by folder, one plan per config."""

    def __init__(self, settings: Settings = Settings(), config: Optional[Config] = None,
                 configs: Optional[Configs] = None):
        self.settings = settings
        self.configs = configs or Configs(settings.config_path)
        self.fixed_config = config        # the API may pass a Config object directly
        self._plans: Dict[int, Plan] = {}
        self._dictionaries: Dict[int, Tuple[Config, Dictionaries]] = {}

    def config_for(self, path: str) -> Config:
        if self.fixed_config is not None:
            return self.fixed_config
        config = self.configs.for_path(path)
        _warn_skipped(self.settings.lang)
        return config

    def dictionaries(self, config: Config) -> Dictionaries:
        """The dictionaries of `config`, read once per run."""
        got = self._dictionaries.get(id(config))
        if got is None or got[0] is not config:
            got = self._dictionaries[id(config)] = (config, dictionaries_for(config))
        return got[1]

    def plan(self, config: Config, select: Optional[Sequence[str]] = None) -> Plan:
        """The plan for `config` (cached); `select` overrides the settings' selection."""
        s = self.settings
        _warn_skipped(s.lang)   # before any worker starts: forked workers do not repeat the warning
        if select is not None:
            return make_plan(config, select, s.ignore, s.lang, s.date, self.dictionaries(config))
        key = id(config)
        plan = self._plans.get(key)
        if plan is None or plan.config is not config:
            plan = self._plans[key] = make_plan(config, s.select, s.ignore, s.lang, s.date,
                                                self.dictionaries(config))
        return plan

    def lint(self, doc, config: Optional[Config] = None, plan: Optional[Plan] = None,
             report: Optional["LintReport"] = None) -> List[Finding]:
        """All findings for `doc`, sorted by position then code (see `lint` for `report`)."""
        config = config or self.config_for(doc.path)
        plan = plan or self.plan(config)
        return lint(doc.with_user_words(plan.user_words), plan, report)


# Findings kept per document when a LintReport is given (the command line). A real draft has
# hundreds; a file with more is not a draft (a scraped dump, generated text), and at about 1 KB
# a finding, 100 MB of such text would need gigabytes. The first MAX_FINDINGS by position are
# kept (never more than twice as many held at once), the rest counted in LintReport.dropped.
MAX_FINDINGS = 100_000


@dataclass
class LintReport:
    """What a lint run tells besides the findings: checks that raised, findings not kept."""
    failures: List[Tuple[Check, BaseException]] = field(default_factory=list)
    dropped: int = 0
    limit: int = field(default_factory=lambda: MAX_FINDINGS)

    def notices(self, path: str, lang: str) -> List[str]:
        """One line for the findings not kept (none if all were)."""
        if not self.dropped:
            return []
        from doclint.text.display import escaped
        n = self.limit
        if lang == "en":
            return [f"{escaped(path)}: more than {n} findings; only the first {n} by position are reported "
                    f"({self.dropped} more not listed)"]
        return [f"{escaped(path)}: 问题超过 {n} 处，只报告位置最前的 {n} 处（另有 {self.dropped} 处未列出）"]


class _Kept:
    """The first `limit` findings by position among those added, holding at most 2 x limit."""

    def __init__(self, limit: Optional[int]):
        self.items: List[Finding] = []
        self.limit = limit
        self.dropped = 0

    def add(self, finding: Finding) -> None:
        self.items.append(finding)
        if self.limit is not None and len(self.items) >= 2 * self.limit:
            self.cut()

    def extend(self, other: "_Kept") -> None:
        self.dropped += other.dropped
        for f in other.items:
            self.add(f)

    def cut(self) -> List[Finding]:
        self.items.sort(key=Finding.sort_key)
        if self.limit is not None and len(self.items) > self.limit:
            self.dropped += len(self.items) - self.limit
            del self.items[self.limit:]
        return self.items


class CheckFailed(Exception):
    """A check raised on a document (a bug in it, or in doclint): which check, which file."""

    def __init__(self, path: str, check: Check, exc: BaseException):
        super().__init__(f"{check.code} ({check.name}) failed on {path}: {type(exc).__name__}: {exc}")
        self.path, self.check, self.exc = path, check, exc


def failure_message(path: str, failures, lang: str) -> str:
    """One line naming the file and the checks that raised on it (their findings are missing)."""
    from doclint.text.display import escaped
    what = "、".join(f"{c.code}（{c.name}）" for c, _ in failures).rstrip() if lang != "en" else \
        ", ".join(f"{c.code} ({c.name})" for c, _ in failures)
    from doclint.errors import exception_origin
    why = escaped(exception_origin(failures[0][1]))   # type and place, never the message (it may quote the text)
    if lang == "en":
        return (f"{escaped(path)}: internal error ({why}): check {what} failed on this file; its findings are "
                "missing, the other checks' are reported; please report it")
    return f"{escaped(path)}: 内部错误（{why}）：检查 {what}在此文件上出错，其结果缺失，其他检查的结果照常报告；请报告此问题"


def lint(doc, plan: Plan, report: Optional[LintReport] = None) -> List[Finding]:
    """Run `plan` on `doc` (whose user words must be the plan's).

    With a `report`, a check that raises loses its own findings only
    ((check, exception) goes to report.failures, the other checks' findings
    are returned), and at most report.limit findings are kept (the rest are
    counted in report.dropped). Without one (the Python API), a check that
    raises raises CheckFailed and every finding is kept. A regular expression from a
    config's dictionary that runs out of time (doclint.text.rx.guarded) is the
    config's fault, not the check's: a ConfigError naming the dictionary file
    and line.

    The cyclic garbage collector is paused while the checks run: they build
    many small objects (q-gram sets, tokens, spans) and few cycles, and on a
    long document the collector's passes over them cost a tenth of the time.
    Anything cyclic is collected once it is back on.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _run_checks(doc, plan, report)
    finally:
        if was_enabled:
            gc.enable()


def _ignored_for_path(config: Config, path: str) -> set:
    codes: set = set()
    if not config.per_file_ignores:
        return codes
    checks = all_checks()
    for pattern, sels in config.per_file_ignores.items():
        rel = path
        if config.root is not None:
            try:
                rel = Path(path).resolve().relative_to(config.root.resolve()).as_posix()
            except (ValueError, OSError):
                pass
        if fnmatch(rel, pattern) or fnmatch(path, pattern):
            codes |= resolve(sels, checks, str(config.source))
    return codes


def _allowed_spans(doc, phrases):
    """Where the allowed phrases occur, as a span index (_span_index), or None. A finding inside
    one occurrence is not reported."""
    spans = []
    for p in phrases:
        i = doc.text.find(p)
        while i >= 0:
            spans.append((i, i + len(p)))
            i = doc.text.find(p, i + 1)
    return _span_index(spans)


def _span_index(spans):
    """(starts, furthest end so far) of `spans` sorted by start, or None when there are none: whether
    a range lies inside one of them is then one binary search (_inside) — the span starting at or
    before it that reaches furthest decides (a scan of all spans per finding used to cost)."""
    if not spans:
        return None
    spans = sorted(spans)
    starts, reach = array("q"), array("q")
    furthest = -1
    for a, b in spans:
        furthest = max(furthest, b)
        starts.append(a)
        reach.append(furthest)
    return starts, reach


def _inside(index, start: int, end: int) -> bool:
    starts, reach = index
    k = bisect.bisect_right(starts, start) - 1
    return k >= 0 and reach[k] >= end


def make_finding(doc, check: Check, issue: Issue, severity: str, lang: str) -> Finding:
    line, col = doc.position(issue.start)
    end_line, end_col = doc.position(issue.end)
    return Finding(path=doc.path, code=check.code, name=check.name,
                   severity=issue.severity or severity,
                   message=issue.en if lang == "en" else issue.zh,
                   start=issue.start, end=issue.end, line=line, column=col,
                   end_line=end_line, end_column=end_col,
                   text=doc.text[issue.start:issue.end], fix=issue.fix)


def _run_checks(doc, plan: Plan, report: Optional[LintReport]) -> List[Finding]:
    skip = _ignored_for_path(plan.config, doc.path)
    allowed = _allowed_spans(doc, plan.allow)
    silenced = None
    if "doclint" in doc.text:  # inline <!-- doclint: disable=... --> directives
        from doclint.engine.suppress import Suppressions, parse
        directives = parse(doc.text)
        silenced = Suppressions(doc, directives).silenced if directives else None
    limit = report.limit if report is not None else None
    kept = _Kept(limit)
    for check in plan.checks:
        if check.code in skip:
            continue
        try:
            kept.extend(_findings_of(doc, check, plan, allowed, silenced, limit))
        except DoclintError:
            raise
        except RegexTimeout as exc:
            raise _timeout_error(doc, plan, exc) from None
        except MemoryError:
            raise
        except Exception as exc:  # a bug in this check: the others still count
            if report is None:
                raise CheckFailed(doc.path, check, exc) from exc
            report.failures.append((check, exc))
    findings = _outside_covered(kept.cut(), plan)
    if report is not None:
        report.dropped += kept.dropped
    return findings


def _outside_covered(findings: List[Finding], plan: Plan) -> List[Finding]:
    """Without the findings of other checks inside a finding of a `covers` check (DL701: page
    chrome is not the draft's own text; a half-width colon in “来源:” is not the draft's
    punctuation, and the chrome's own fix deletes the line)."""
    covering = {c.code for c in plan.checks if c.covers}
    if not covering:
        return findings
    index = _span_index([(f.start, f.end) for f in findings if f.code in covering])
    if index is None:
        return findings
    return [f for f in findings if f.code in covering or not _inside(index, f.start, f.end)]


def _findings_of(doc, check: Check, plan: Plan, allowed, silenced, limit) -> _Kept:
    """The findings of one check: not in an allowed phrase, not silenced by a directive, screened
    (doclint.engine.fixes.screen), within the check's regex budget and the findings limit."""
    from doclint.engine.fixes import screen
    ctx = plan.contexts[check.code]
    severity = plan.severities.get(check.code, check.severity)
    out = _Kept(limit)
    n = len(doc.text)
    with rx.budget(n):
        for issue in check(doc, ctx) or ():
            if not (0 <= issue.start <= issue.end <= n):
                raise RuntimeError(f"{check.code} returned a span outside the text: {issue}")
            if allowed and _inside(allowed, issue.start, issue.end):
                continue
            if silenced is not None and silenced(check.code, check.name, issue.start, issue.end):
                continue
            finding = screen(doc.protected, make_finding(doc, check, issue, severity, ctx.lang), ctx.lang)
            if finding is not None:
                out.add(finding)
    return out


def _timeout_error(doc, plan: Plan, exc: RegexTimeout) -> ConfigError:
    from doclint.text.display import escaped
    where = exc.where
    if exc.part is not None:
        where = plan.dictionaries.locate(exc.part) or where
    name = escaped(doc.path)
    return ConfigError(where, f"词典中的这条正则表达式在 {name} 上运行超时（回溯过多），请改写该词条",
                       f"this dictionary entry's regular expression timed out on {name} "
                       "(catastrophic backtracking); rewrite it")
