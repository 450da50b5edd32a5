"""Dictionaries: the data files in `dictionaries/` and the files a config adds to them.

One format for every dictionary:

- UTF-8 text (a BOM is allowed), one entry per line, blank lines ignored;
- a line whose first non-blank character is ``#`` is a comment. There are no
  comments after an entry, so ``#`` may appear anywhere inside one (in a
  regular expression, say); an entry that starts with ``#`` is written ``\\#``;
- columns are separated by tabs; trailing ``key=value`` columns are options.

Each dictionary has a kind (`SPECS`), like the check types of proselint and
Vale, which says what its entries are and how many columns they need:

- ``words``: a word or phrase per line (allow, function_chars, abab_verbs ...);
- ``existence``: ``REGEX  label-zh  label-en  [options]``: text to report where
  it occurs (leftover_web, leftover_notes); or just ``REGEX`` (formulaic_phrases);
- ``substitution``: ``wrong  right  ...``: a wrong form and what replaces it
  (misused_words with rationales and options; t2s_chars one character to one);
- ``consistency``: the variants of one name on a line (org_aliases);
- ``frequencies``: ``word [freq]`` separated by spaces (user_words, jieba's format).

Every built-in dictionary can be extended from the config,
``[dictionaries] NAME = ["file.txt", ...]``; a name that is not a dictionary is a
config error. Entries are checked when a dictionary is first used: a bad
entry is a one-line error naming the file and line (never its content, which
could be anything: a dictionary path may point at a file of secrets).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, Mapping, NamedTuple, Optional, Sequence, Tuple

from doclint.errors import ConfigError


class Spec(NamedTuple):
    kind: str
    min_columns: int = 1
    regex_columns: Tuple[int, ...] = ()   # columns that hold regular expressions


SPECS: Dict[str, Spec] = {
    "allow": Spec("words"),
    "abab_verbs": Spec("words"),
    "function_chars": Spec("words"),
    "reduplication_allow": Spec("words"),
    "leftover_weak": Spec("words"),
    "numeral_measure_words": Spec("words"),
    "numeral_ordinal_after": Spec("words"),
    "owners_units": Spec("words"),
    "owners_groups": Spec("words"),
    "deadline_stopwords": Spec("words"),
    "deadline_holidays": Spec("words"),
    "deadline_synonyms": Spec("consistency", 1),
    "leftover_web": Spec("existence", 3, (0,)),
    "leftover_notes": Spec("existence", 3, (0,)),
    "formulaic_phrases": Spec("existence", 1, (0,)),
    "misused_words": Spec("substitution", 4),
    "t2s_chars": Spec("substitution", 2),
    "org_aliases": Spec("consistency", 1),
    "indicators": Spec("consistency", 1),
    "user_words": Spec("frequencies"),
}


@dataclass(frozen=True)
class Entry:
    """One dictionary entry: its columns, its key=value options, and where it was written."""
    columns: Tuple[str, ...]
    options: Tuple[Tuple[str, str], ...]
    source: str
    line: int
    builtin: bool = False

    @property
    def first(self) -> str:
        return self.columns[0]

    @property
    def where(self) -> Optional[str]:
        """"file:line" of an entry from a config's file; None for a built-in one (whose patterns are
        trusted; a user's patterns run with a timeout, see doclint.text.rx.guarded)."""
        return None if self.builtin else f"{self.source}:{self.line}"

    def option(self, key: str, default: Optional[str] = None) -> Optional[str]:
        for k, v in self.options:
            if k == key:
                return v
        return default


def register(name: str, kind: str = "words", min_columns: int = 1, regex_columns: Tuple[int, ...] = ()) -> None:
    """Declare a dictionary a plugin check uses, so configs may extend it."""
    SPECS.setdefault(name, Spec(kind, min_columns, regex_columns))


def _split(raw: str, spec: Spec, source: str, lineno: int, builtin: bool = False) -> Entry:
    if spec.kind == "frequencies":
        return Entry(tuple(raw.split()), (), source, lineno, builtin)
    parts = raw.split("\t")
    strip = spec.kind != "words"
    first = max(spec.min_columns, 1)
    cols = [p.strip() for p in parts[:first]] if strip else parts[:first]
    opts = []
    for p in parts[first:]:
        k, sep, v = p.partition("=")
        if sep and k.strip().isidentifier():
            opts.append((k.strip(), v))
        elif opts and p.strip():
            raise ConfigError(f"{source}:{lineno}", "选项之后不能再有普通列（选项须写成 键=值）",
                              "a plain column after options (options are key=value)")
        elif not opts:
            cols.append(p.strip() if strip else p)
    while cols and not cols[-1]:
        cols.pop()
    if len(cols) < spec.min_columns:
        raise ConfigError(f"{source}:{lineno}", f"这一条至少要有 {spec.min_columns} 列（以制表符分隔）",
                          f"this entry needs at least {spec.min_columns} tab-separated column(s)")
    return Entry(tuple(cols), tuple(opts), source, lineno, builtin)


def raw_lines(text: str) -> Tuple[Tuple[int, str], ...]:
    """(line number, entry) for every entry line of a dictionary file's text: comments and blank
    lines dropped, trailing white space removed, a leading \\# unescaped. Cheap: entries are
    split into columns only when a check asks for them (`parse`)."""
    out = []
    for lineno, line in enumerate(text.splitlines(), 1):
        raw = line.lstrip("\ufeff").rstrip()
        head = raw.lstrip()
        if not head or head.startswith("#"):
            continue
        if head.startswith("\\#"):
            raw = raw.replace("\\#", "#", 1)
        out.append((lineno, raw))
    return tuple(out)


def parse(text: str, spec: Spec, source: str) -> Tuple[Entry, ...]:
    """The entries of a dictionary file's text (see the module docstring)."""
    return tuple(_split(raw, spec, source, lineno) for lineno, raw in raw_lines(text))


def _spec(name: str) -> Spec:
    return SPECS.get(name, Spec("words"))


class _Source(NamedTuple):
    """One file's entry lines, where they come from."""
    path: str
    lines: Tuple[Tuple[int, str], ...]


@lru_cache(maxsize=None)
def _builtin(name: str) -> _Source:
    return _Source(f"dictionaries/{name}.txt", raw_lines(_builtin_text(name)))


def _builtin_text(name: str) -> str:
    """The text of dictionaries/<name>.txt, read from the installed package folder (importlib.resources
    only when the package is not a folder, e.g. in a zip: it costs ~5 ms of imports a run)."""
    import doclint.dictionaries as pkg
    folder = getattr(pkg, "__file__", None)
    if folder:
        try:
            return (Path(folder).parent / f"{name}.txt").read_text("utf-8")
        except FileNotFoundError:
            return ""
        except OSError:
            pass
    from importlib import resources
    try:
        return resources.files("doclint.dictionaries").joinpath(f"{name}.txt").read_text("utf-8")
    except (FileNotFoundError, OSError):
        return ""


@lru_cache(maxsize=None)
def builtin_entries(name: str) -> Tuple[Entry, ...]:
    """Entries of the built-in dictionaries/<name>.txt (none if there is no such file)."""
    src = _builtin(name)
    return tuple(_split(raw, _spec(name), src.path, n, True) for n, raw in src.lines)


def builtin_lines(name: str) -> Tuple[str, ...]:
    """The built-in entry lines of `name`."""
    return tuple(raw for _, raw in _builtin(name).lines)


MAX_DICTIONARY_BYTES = 16 * 1024 * 1024


@lru_cache(maxsize=64)
def _file(path: Path) -> _Source:
    from doclint.files.reader import read_small_file
    data = read_small_file(path, MAX_DICTIONARY_BYTES, "词典文件", "dictionary file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigError(path, "词典文件不是 UTF-8 编码", "dictionary file is not UTF-8")
    return _Source(str(path), raw_lines(text))


class Dictionaries:
    """The dictionaries as one config sees them: the built-ins plus the files it adds.

    Results are kept per name for the life of the object (one per config in a
    run), so each file is read once; entries are split into columns only for
    the dictionaries a check reads as entries.
    """

    def __init__(self, extra_files: Mapping[str, Sequence[Path]] = None, source: Optional[Path] = None):
        self.extra_files = {k: tuple(Path(f) for f in v) for k, v in (extra_files or {}).items()}
        self.config_source = source
        self._entries: Dict[str, Tuple[Entry, ...]] = {}
        self._lines: Dict[str, Tuple[str, ...]] = {}
        self._words: Dict[str, frozenset] = {}

    def validate_names(self) -> None:
        """A config error for a [dictionaries] name that no built-in or plugin dictionary has."""
        for name in self.extra_files:
            if name not in SPECS:
                known = "、".join(sorted(SPECS))
                raise ConfigError(self.config_source, f"[dictionaries] 中的 {name} 不是已知的词典（已知：{known}）",
                                  f"[dictionaries] {name} is not a known dictionary "
                                  f"(known: {', '.join(sorted(SPECS))})")

    def _sources(self, name: str):
        return [_builtin(name)] + [_file(f) for f in self.extra_files.get(name, ())]

    def entries(self, name: str) -> Tuple[Entry, ...]:
        """The entries of `name`, split into columns and options (errors name file and line)."""
        got = self._entries.get(name)
        if got is None:
            spec = _spec(name)
            got = builtin_entries(name) + tuple(_split(raw, spec, src.path, n) for src in self._sources(name)[1:]
                                                for n, raw in src.lines)
            self._entries[name] = got
        return got

    def lines(self, name: str) -> Tuple[str, ...]:
        """Entry lines of `name` (columns tab-separated), built-ins first."""
        got = self._lines.get(name)
        if got is None:
            got = self._lines[name] = tuple(raw for src in self._sources(name) for _, raw in src.lines)
        return got

    def words(self, name: str) -> frozenset:
        """The first column of every entry of `name`."""
        got = self._words.get(name)
        if got is None:
            got = self._words[name] = frozenset(line.split("\t")[0].strip() for line in self.lines(name))
        return got

    def user_words(self) -> Tuple[Tuple[str, int], ...]:
        """jieba user words as sorted (word, freq) pairs (default freq 1000)."""
        out: Dict[str, int] = {}
        for line in self.lines("user_words"):
            cols = line.split()
            out[cols[0]] = int(cols[1]) if len(cols) > 1 and cols[1].isdigit() else 1000
        return tuple(sorted(out.items()))

    def locate(self, entry_text: str) -> Optional[str]:
        """"file:line" of the config-added entry line `entry_text` (stripped), for error messages."""
        for files in self.extra_files.values():
            for f in files:
                for n, raw in _file(f).lines:
                    if raw.strip() == entry_text.strip():
                        return f"{f}:{n}"
        return None

    def source(self, name: str) -> str:
        """The files a dictionary comes from, for error messages (config extras, else the built-in)."""
        extras = self.extra_files.get(name, ())
        return ", ".join(str(p) for p in extras) or f"dictionaries/{name}.txt"
