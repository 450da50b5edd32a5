"""Loading the data files in `dictionaries/` (installed as doclint.dictionaries).

Format: UTF-8 text, one entry per line, `#` starts a comment. Pair files use
tab-separated columns (wrong, right, rationale...). Config may add files to
any dictionary by name (see doclint.engine.config).
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import List, Sequence, Tuple

from doclint.errors import ConfigError


def _parse(text: str) -> List[str]:
    out = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].rstrip() if not line.lstrip().startswith("#") else ""
        if line.strip():
            out.append(line.strip("\ufeff"))
    return out


@lru_cache(maxsize=None)
def builtin_lines(name: str) -> Tuple[str, ...]:
    """Entries of dictionaries/<name>.txt (empty if there is no such file)."""
    try:
        text = resources.files("doclint.dictionaries").joinpath(f"{name}.txt").read_text("utf-8")
    except (FileNotFoundError, OSError):
        return ()
    return tuple(_parse(text))


@lru_cache(maxsize=None)
def _file_lines(path: Path) -> Tuple[str, ...]:
    try:
        return tuple(_parse(Path(path).read_text("utf-8-sig")))
    except OSError as exc:
        raise ConfigError(path, f"无法读取词典文件（{exc.strerror or exc}）",
                          f"cannot read dictionary file ({exc.strerror or exc})")
    except UnicodeDecodeError:
        raise ConfigError(path, "词典文件不是 UTF-8 编码", "dictionary file is not UTF-8")


def dictionary_lines(name: str, extra_files: Sequence[Path] = ()) -> Tuple[str, ...]:
    lines = list(builtin_lines(name))
    for f in extra_files:
        lines.extend(_file_lines(Path(f)))
    return tuple(lines)


def pairs(lines) -> List[Tuple[str, ...]]:
    """Split tab-separated lines into tuples of stripped fields."""
    return [tuple(f.strip() for f in line.split("\t")) for line in lines]
