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
version, checksummed and shape-checked before any of it reaches the C
matcher (doclint.files.cache); anything unreadable or unexpected falls back
to `regex.compile`. It relies on an internal of `regex` (the `_regex.compile`
call of the module that defines `regex.compile`), so pyproject.toml pins
regex to the range this is tested on, and tests/text/test_rx.py checks on
every run that a cached program matches exactly like `regex.compile`'s.
Patterns with named lists, LOCALE/DEBUG flags or bytes are never cached.
Only the command line writes the cache (doclint.files.cache.allow_writes);
set DOCLINT_REGEX_CACHE=0 to turn it off.

The file is read whole on every run, so it must hold what runs use, not every
pattern ever compiled: patterns built from a config's dictionaries (different
per project, per edit of a word list) and from tests would otherwise pile up
(8.5 MB and 80 ms a run were seen). Each saved program carries the number of
the save that last saw it used; a save keeps the programs used by this run
and those used within the last KEEP_SAVES saves, and drops the rest. A run
that compiles nothing new does not write at all.
"""
from __future__ import annotations

import atexit
import contextlib
import contextvars
import marshal
import os
import sys
import time

import regex

from doclint.files import cache

# The module that defines regex.compile (regex._main; regex.regex in older
# releases) calls its C module `_regex` to build patterns. Anything else: no cache.
_rmain = sys.modules.get(getattr(regex.compile, "__module__", ""), None)
_REAL = getattr(_rmain, "_regex", None)
_FORMAT = 3
_MAX_ENTRIES = 4000
KEEP_SAVES = 8
_NO_CACHE = regex.LOCALE | regex.DEBUG

_store = None       # {(pattern, flags, default_version): args for _regex.compile}
_seen = {}          # key -> number of the save that last saw it used (from the file)
_generation = 0     # number of the last save
_used = set()       # keys used by this run
_dirty = False
_enabled = (os.environ.get("DOCLINT_REGEX_CACHE", "1") != "0" and _REAL is not None
            and callable(getattr(_REAL, "compile", None)))


def _cache_name() -> str:
    magic = getattr(_REAL, "MAGIC", 0)
    py = f"{sys.version_info[0]}{sys.version_info[1]}"
    return f"regex-{regex.__version__}-{magic}-py{py}.marshal"


def _valid(data) -> bool:
    """Whether unmarshalled cache data has the shape this module writes (checked before C code sees
    it; the file's checksum has already ruled out damage inside a program)."""
    if not isinstance(data, dict):
        return False
    for key, args in data.items():
        if not (isinstance(key, tuple) and len(key) == 3 and isinstance(key[0], str)
                and isinstance(args, tuple) and len(args) >= 3 and args[0] == key[0]
                and type(args[1]) is int and type(args[2]) is list):
            return False
    return True


def _load():
    global _store, _seen, _generation
    if _store is None:
        _store = {}
        payload = cache.read(_cache_name(), _FORMAT)
        if payload is not None:
            try:
                data = marshal.loads(payload)
            except (EOFError, ValueError, TypeError):
                data = None
            if (isinstance(data, tuple) and len(data) == 3 and type(data[0]) is int
                    and isinstance(data[2], dict) and _valid(data[1])):
                _generation, _store, seen = data
                _seen = {k: g for k, g in seen.items() if k in _store and type(g) is int}
        atexit.register(_save)
    return _store


def _kept(store, seen, used, generation):
    """The programs a save at `generation` keeps: this run's, and those used within KEEP_SAVES saves."""
    keep = {k: v for k, v in store.items() if k in used or seen.get(k, 0) > generation - KEEP_SAVES}
    return keep, {k: (generation if k in used else seen.get(k, generation)) for k in keep}


def _save():
    if _dirty and _store:
        generation = _generation + 1
        store, seen = _kept(_store, _seen, _used, generation)
        cache.write(_cache_name(), marshal.dumps((generation, store, seen)), _FORMAT)


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
            compiled = _REAL.compile(*args)
            _used.add(key)
            return compiled
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
            for k in [k for k in store if k not in _used]:
                del store[k]
        store[key] = plain
        _used.add(key)
        _dirty = True
    return compiled


# ---------------------------------------------------------------- patterns from user dictionaries
# A regular expression written in a config's dictionary can backtrack for minutes or longer on a
# line as short as forty characters ((农|农农)+$). Such patterns run through `guarded`: every call
# gets a timeout (the `regex` module's `timeout=`), and a timeout becomes RegexTimeout naming the
# dictionary file and line, which the session turns into a one-line error. The bounds, in seconds:
# one call at most CALL_SECONDS + CALL_PER_CHAR x the length of the string it searches; all guarded
# calls of one check on one document at most CHECK_SECONDS + CHECK_PER_CHAR x the document's length
# (set by `budget`). doclint's own dictionary patterns take at most 0.15 us a character on the
# national corpus (the formulaic phrases joined), several times under these bounds.
CALL_SECONDS = 0.5
CALL_PER_CHAR = 1e-6
CHECK_SECONDS = 2.0
CHECK_PER_CHAR = 2e-6

_deadline = contextvars.ContextVar("doclint_regex_deadline", default=None)


class RegexTimeout(Exception):
    """A guarded pattern ran out of time: `where` is "file:line" (or the files), `part` the
    alternative of a joined pattern that was found to be the slow one (its text, never shown)."""

    def __init__(self, where, part=None):
        super().__init__(where)
        self.where = where
        self.part = part


@contextlib.contextmanager
def budget(length: int):
    """Bound the total time of guarded calls inside the block (one check on a document of `length`)."""
    token = _deadline.set(time.monotonic() + CHECK_SECONDS + CHECK_PER_CHAR * length)
    try:
        yield
    finally:
        _deadline.reset(token)


def _timeout(length: int) -> float:
    limit = CALL_SECONDS + CALL_PER_CHAR * length
    deadline = _deadline.get()
    if deadline is not None:
        limit = min(limit, max(deadline - time.monotonic(), 0.001))
    return limit


class Guarded:
    """A compiled pattern whose searches time out (see above); otherwise used like the pattern."""

    __slots__ = ("compiled", "where", "parts")

    def __init__(self, compiled, where, parts=()):
        self.compiled = compiled
        self.where = where
        self.parts = tuple(parts)

    def __getattr__(self, name):          # .pattern, .flags, .groupindex ...
        return getattr(self.compiled, name)

    def _blame(self, string: str) -> RegexTimeout:
        """The timeout, pinned on the slow alternative when the pattern joins several."""
        for part in self.parts:
            try:
                for _ in regex.finditer(part, string, self.compiled.flags, timeout=_timeout(len(string))):
                    pass
            except TimeoutError:
                return RegexTimeout(self.where, part)
            except regex.error:
                continue
        return RegexTimeout(self.where)

    def _call(self, method, string, *args, **kw):
        try:
            return method(string, *args, timeout=_timeout(len(string)), **kw)
        except TimeoutError:
            raise self._blame(string) from None

    def search(self, string, *args, **kw):
        return self._call(self.compiled.search, string, *args, **kw)

    def match(self, string, *args, **kw):
        return self._call(self.compiled.match, string, *args, **kw)

    def fullmatch(self, string, *args, **kw):
        return self._call(self.compiled.fullmatch, string, *args, **kw)

    def findall(self, string, *args, **kw):
        return self._call(self.compiled.findall, string, *args, **kw)

    def split(self, string, *args, **kw):
        return self._call(self.compiled.split, string, *args, **kw)

    def sub(self, repl, string, *args, **kw):
        return self._call(lambda s, *a, **k: self.compiled.sub(repl, s, *a, **k), string, *args, **kw)

    def subn(self, repl, string, *args, **kw):
        return self._call(lambda s, *a, **k: self.compiled.subn(repl, s, *a, **k), string, *args, **kw)

    def finditer(self, string, *args, **kw):
        matches = self.compiled.finditer(string, *args, timeout=_timeout(len(string)), **kw)
        try:
            yield from matches
        except TimeoutError:
            raise self._blame(string) from None


def guarded(compiled, where, parts=()):
    """`compiled` as is when `where` is None (a built-in pattern); else a Guarded pattern whose
    timeouts name `where` ("file:line"). `parts`: the alternatives of a joined pattern, tried one
    by one after a timeout to find the slow one."""
    if where is None:
        return compiled
    return Guarded(compiled, where, parts)
