"""Configuration: `[tool.doclint]` in pyproject.toml, or doclint.toml / .doclint.toml.

The nearest config found upward from the checked file wins (no merging across
folders); `--config FILE` overrides discovery. A config found by discovery is
ignored, with a one-line warning, when someone else could have put it there:
when it or its folder belongs to another user (root's are trusted; run as root
through sudo, the invoking user's too), or when it or its folder is writable by
everyone (a folder with the sticky bit, like /tmp, is fine: there only the
owner may replace the file). A config given with --config is always used. Keys (all optional):

    select = ["DL1", "DL201"]        # codes, prefixes or names; default: all
    ignore = ["DL105"]
    lang = "zh"                        # or "en"
    fail-on = "info"                   # lowest severity that makes exit code 1
    date = "2026-09-01"                # reference date for DL4 checks
    [checks.DL101]                     # or [checks.duplicated-word]
    severity = "error"
    <option> = <value>                 # see `doclint rules DL101`
    [dictionaries]
    allow = ["words/allow.txt"]        # phrases inside which nothing is flagged
    user-words = ["words/user.txt"]    # jieba user dictionary (word [freq])
    reduplication_allow = ["more.txt"] # extend any built-in dictionary by name
    [per-file-ignores]
    "archive/*.txt" = ["DL2"]
"""
from __future__ import annotations

import os
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Tuple

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from doclint.errors import ConfigError
from doclint.model.finding import SEVERITIES

MAX_CONFIG_BYTES = 1024 * 1024
CONFIG_NAMES = ("doclint.toml", ".doclint.toml", "pyproject.toml")
_TOP_KEYS = {"select", "ignore", "extend-select", "lang", "fail-on", "date", "checks",
             "dictionaries", "per-file-ignores", "exclude"}


@dataclass
class Config:
    source: Optional[Path] = None
    select: Optional[List[str]] = None
    ignore: List[str] = field(default_factory=list)
    lang: Optional[str] = None
    fail_on: Optional[str] = None
    date: Optional[str] = None
    checks: Dict[str, dict] = field(default_factory=dict)
    dictionaries: Dict[str, List[Path]] = field(default_factory=dict)
    per_file_ignores: Dict[str, List[str]] = field(default_factory=dict)
    exclude: List[str] = field(default_factory=list)
    raw: dict = field(default_factory=dict)

    @property
    def root(self) -> Optional[Path]:
        return self.source.parent if self.source else None


def _str_list(value, key, path) -> List[str]:
    if isinstance(value, str):
        value = [v for v in value.replace(",", " ").split() if v]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(path, f"配置项 {key} 应为字符串列表", f"config key {key} must be a list of strings")
    return value


def parse_config(data: dict, path: Path) -> Config:
    unknown = set(data) - _TOP_KEYS
    if unknown:
        k = sorted(unknown)[0]
        raise ConfigError(path, f"未知的配置项：{k}", f"unknown config key: {k}")
    cfg = Config(source=path, raw=data)
    if "select" in data:
        cfg.select = _str_list(data["select"], "select", path)
    if "extend-select" in data:
        cfg.select = (cfg.select or ["ALL"]) + _str_list(data["extend-select"], "extend-select", path)
    cfg.ignore = _str_list(data.get("ignore", []), "ignore", path)
    cfg.exclude = _str_list(data.get("exclude", []), "exclude", path)
    lang = data.get("lang")
    if lang is not None and lang not in ("zh", "en"):
        raise ConfigError(path, "lang 只能是 zh 或 en", "lang must be zh or en")
    cfg.lang = lang
    fail_on = data.get("fail-on")
    if fail_on is not None and fail_on not in SEVERITIES:
        raise ConfigError(path, "fail-on 只能是 info、warning 或 error",
                          "fail-on must be info, warning or error")
    cfg.fail_on = fail_on
    if "date" in data:
        import datetime
        value = data["date"]
        if isinstance(value, datetime.date):  # TOML date literal: date = 2026-09-08
            value = value.isoformat()
        try:
            datetime.date.fromisoformat(str(value))
        except ValueError:
            raise ConfigError(path, f"date 应为 YYYY-MM-DD 格式的日期：{value}",
                              f"date must be a YYYY-MM-DD date: {value}")
        cfg.date = str(value)
    checks = data.get("checks", {})
    if not isinstance(checks, dict) or not all(isinstance(v, dict) for v in checks.values()):
        raise ConfigError(path, "[checks] 下每项应为表，如 [checks.DL101]",
                          "[checks] entries must be tables such as [checks.DL101]")
    cfg.checks = checks
    dicts = data.get("dictionaries", {})
    if not isinstance(dicts, dict):
        raise ConfigError(path, "[dictionaries] 应为表", "[dictionaries] must be a table")
    for name, files in dicts.items():
        cfg.dictionaries[name.replace("-", "_")] = [
            (path.parent / f) for f in _str_list(files, f"dictionaries.{name}", path)]
    pfi = data.get("per-file-ignores", {})
    if not isinstance(pfi, dict):
        raise ConfigError(path, "[per-file-ignores] 应为表", "[per-file-ignores] must be a table")
    cfg.per_file_ignores = {g: _str_list(v, f"per-file-ignores.{g}", path) for g, v in pfi.items()}
    return cfg


def load_config(path: Path) -> Config:
    from doclint.files.reader import read_small_file
    path = Path(path)
    if not path.exists() and not path.is_symlink():
        raise ConfigError(path, "配置文件不存在", "config file not found")
    raw = read_small_file(path, MAX_CONFIG_BYTES, "配置文件", "config file")
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ConfigError(path, "配置文件不是 UTF-8 编码", "config file is not UTF-8")
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, f"TOML 格式错误：{exc}", f"malformed TOML: {exc}")
    except RecursionError:
        raise ConfigError(path, "TOML 嵌套过深", "TOML nested too deeply")
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("doclint", {})
    return parse_config(data, path)


_FOUND: Dict[Path, Optional[Path]] = {}
# Configs passed over by discovery, with the reason (zh, en), in the order met; the session warns once each.
SKIPPED: Dict[Path, Tuple[str, str]] = {}


def _trusted_uids() -> Optional[set]:
    """Owners whose configs may be used (None: the platform has no owners, trust everything)."""
    if not hasattr(os, "geteuid"):
        return None
    uids = {os.geteuid(), 0}
    sudo = os.environ.get("SUDO_UID", "")
    if os.geteuid() == 0 and sudo.isdigit():
        uids.add(int(sudo))
    return uids


def distrust(path: Path) -> Optional[Tuple[str, str]]:
    """Why the discovered config `path` must not be used, as (zh, en); None if it may be."""
    uids = _trusted_uids()
    if uids is None:
        return None
    try:
        st, link, folder = os.stat(path), os.lstat(path), os.stat(path.parent)
    except OSError:
        return None   # load_config reports what is wrong with it
    for s in (st, link):
        if s.st_uid not in uids:
            return (f"配置文件属于用户 {s.st_uid}（不是当前用户），已忽略；确需使用请用 --config 指定",
                    f"config file belongs to user {s.st_uid}, not to you; ignored (pass it with --config to use it)")
    if folder.st_uid not in uids:   # its owner may replace the file at will
        return (f"配置文件所在目录属于用户 {folder.st_uid}（不是当前用户），已忽略；确需使用请用 --config 指定",
                f"config file's folder belongs to user {folder.st_uid}, not to you; ignored "
                "(pass it with --config to use it)")
    if st.st_mode & stat.S_IWOTH:
        return ("配置文件任何人都可写入，已忽略；确需使用请用 --config 指定",
                "config file is writable by everyone; ignored (pass it with --config to use it)")
    if folder.st_mode & stat.S_IWOTH and not folder.st_mode & stat.S_ISVTX:
        return ("配置文件所在目录任何人都可写入，已忽略；确需使用请用 --config 指定",
                "config file's folder is writable by everyone; ignored (pass it with --config to use it)")
    return None


def find_config_file(start: Path) -> Optional[Path]:
    """The nearest config file at or above `start` (a file or folder) that may be used
    (see `distrust`; the ones passed over are recorded in SKIPPED)."""
    try:
        start = Path(start).resolve()
    except (OSError, RuntimeError):
        start = Path(os.path.abspath(start))
    folder = start if start.is_dir() else start.parent
    seen = []
    result = None
    for d in [folder, *folder.parents]:
        if d in _FOUND:
            result = _FOUND[d]
            break
        seen.append(d)
        hit = None
        for name in CONFIG_NAMES:
            cand = d / name
            try:
                is_file = cand.is_file()
            except (OSError, RuntimeError):  # symlink loops and the like: not a config
                is_file = False
            if is_file:
                if name == "pyproject.toml" and not _has_tool_doclint(cand):
                    continue
                why = distrust(cand)
                if why is not None:
                    SKIPPED.setdefault(cand, why)
                    continue
                hit = cand
                break
        if hit:
            result = hit
            break
    for d in seen:
        _FOUND[d] = result
    return result


def _has_tool_doclint(path: Path) -> bool:
    """Whether a pyproject.toml has a doclint section (read bounded: a huge or odd file is not a config)."""
    from doclint.errors import DoclintError
    from doclint.files.reader import read_small_file
    try:
        data = read_small_file(path, MAX_CONFIG_BYTES, "配置文件", "config file")
    except DoclintError:
        return False
    return b"[tool.doclint" in data
