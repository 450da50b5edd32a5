"""`rx.compile`: regex.compile with the compiled programs kept on disk between runs.

The `regex` module compiles a pattern in Python (parse, optimise, emit the
program for its C matcher). doclint compiles a few hundred patterns, many of
them large alternations built from its dictionaries, and that used to be a
third of a cold `doclint check`. The C matcher is built by
`_regex.compile(pattern, flags, code, ...)` from plain data (lists and dicts
of ints and strings): that data is recorded the first time a pattern is
compiled and stored, with marshal, in the cache folder that also holds the
lexicon (~/.cache/doclint, or $DOCLINT_CACHE_DIR). Later runs pass the
stored data straight to `_regex.compile`, so the pattern object is the one
`regex.compile` would build from the same program.

The file is per regex version, regex program format (MAGIC) and Python
version; anything unreadable or unexpected falls back to `regex.compile`.
Patterns with named lists, LOCALE/DEBUG flags or bytes are never cached.
Set DOCLINT_REGEX_CACHE=0 to turn the cache off.
"""
from __future__ import annotations

import atexit
import marshal
import os
import sys
import tempfile
from pathlib import Path

import regex

# The module that defines regex.compile (regex._main; regex.regex in older
# releases) calls its C module `_regex` to build patterns. Anything else: no cache.
_rmain = sys.modules.get(getattr(regex.compile, "__module__", ""), None)
_REAL = getattr(_rmain, "_regex", None)
_FORMAT = 1
_MAX_ENTRIES = 4000
_NO_CACHE = regex.LOCALE | regex.DEBUG

_store = None       # {(pattern, flags, default_version): args for _regex.compile}
_dirty = False
_enabled = (os.environ.get("DOCLINT_REGEX_CACHE", "1") != "0" and _REAL is not None
            and callable(getattr(_REAL, "compile", None)))


def cache_dir() -> Path:
    """doclint's cache folder: $DOCLINT_CACHE_DIR, else $XDG_CACHE_HOME/doclint or ~/.cache/doclint."""
    env = os.environ.get("DOCLINT_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "doclint"


def _cache_file() -> Path:
    magic = getattr(_REAL, "MAGIC", 0)
    py = f"{sys.version_info[0]}{sys.version_info[1]}"
    return cache_dir() / f"regex-v{_FORMAT}-{regex.__version__}-{magic}-py{py}.marshal"


def _load():
    global _store
    if _store is None:
        _store = {}
        try:
            data = marshal.loads(_cache_file().read_bytes())
            if isinstance(data, dict):
                _store = data
        except Exception:  # missing, unreadable or from another format: start empty
            _store = {}
        atexit.register(_save)
    return _store


def _save():
    if not _dirty or not _store:
        return
    path = _cache_file()
    try:  # atomic write; a read-only home just means no cache
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".regex-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(marshal.dumps(_store))
        os.replace(tmp, path)
    except (OSError, ValueError):
        pass


class _Recorder:
    """Stands in for the C module during one compile and records the call."""

    def __init__(self):
        self.calls = []

    def __getattr__(self, name):
        return getattr(_REAL, name)

    def compile(self, *args):
        self.calls.append(args)
        return _REAL.compile(*args)


def _plain(args):
    """The recorded arguments as plain marshal-able values."""
    pattern, flags, *rest = args
    return (pattern, int(flags), *rest)


def compile(pattern, flags=0):
    """regex.compile(pattern, flags), from the on-disk program cache when possible."""
    global _dirty
    if not _enabled or type(pattern) is not str or (flags & _NO_CACHE):
        return regex.compile(pattern, flags)
    store = _load()
    key = (pattern, int(flags), int(getattr(regex, "DEFAULT_VERSION", 0)))
    args = store.get(key)
    if args is not None:
        try:
            return _REAL.compile(*args)
        except Exception:
            store.pop(key, None)
    rec = _Recorder()
    _rmain._regex = rec
    try:
        # cache_pattern=False: regex's in-memory cache would skip the C call we record
        compiled = regex.compile(pattern, flags, cache_pattern=False)
    finally:
        _rmain._regex = _REAL
    if len(rec.calls) == 1 and not rec.calls[0][5] and not (rec.calls[0][1] & _NO_CACHE):
        try:
            plain = _plain(rec.calls[0])
            marshal.dumps(plain)
        except (ValueError, TypeError):
            return compiled
        if len(store) >= _MAX_ENTRIES:
            store.clear()
        store[key] = plain
        _dirty = True
    return compiled
