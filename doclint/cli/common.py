"""Plumbing every command shares: language, one-line errors, code lists, streams, output files.

Errors the user can act on (bad file, bad config, unknown code) are printed as
one line naming the file and the problem, with exit code 2; no traceback
reaches the user.
"""
from __future__ import annotations

import datetime
import os
import sys
from typing import List, NoReturn, Optional

import click

from doclint.errors import DoclintError, UsageError


def resolve_lang(explicit: Optional[str] = None, config=None) -> str:
    """--lang, else $DOCLINT_LANG, else the config's `lang`, else Chinese."""
    if explicit:
        return explicit
    env = os.environ.get("DOCLINT_LANG")
    if env in ("zh", "en"):
        return env
    if config is not None and config.lang in ("zh", "en"):
        return config.lang
    return "zh"


def msg(lang: str, zh: str, en: str) -> str:
    return en if lang == "en" else zh


def fail(err: DoclintError, lang: str) -> NoReturn:
    click.echo(f"doclint: {err.render(lang)}", err=True)
    sys.exit(2)


def split_codes(values) -> List[str]:
    """Codes from repeated options that may each hold a comma-separated list (，too)."""
    out = []
    for v in values or ():
        out.extend(x.strip() for x in v.replace("，", ",").split(",") if x.strip())
    return out


def check_date(value: Optional[str], option: str = "--date") -> None:
    """A UsageError unless `value` is None or a YYYY-MM-DD date."""
    if value is None:
        return
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        raise UsageError(None, f"{option} 应为 YYYY-MM-DD 格式的日期：{value}",
                         f"{option} must be a date as YYYY-MM-DD: {value}")


def stream(name: str):
    """sys.stdout or sys.stderr, never failing on a character the terminal cannot encode."""
    s = getattr(sys, name)
    enc = (getattr(s, "encoding", None) or "").lower().replace("-", "")
    if enc not in ("utf8", "utf16", "utf32", "gb18030") and hasattr(s, "reconfigure"):
        try:
            s.reconfigure(errors="backslashreplace")
        except (ValueError, OSError):  # pragma: no cover - a stream that cannot be reconfigured
            pass
    return s


def use_color(option: Optional[bool], out) -> bool:
    """--color/--no-color; else FORCE_COLOR (set, not empty or 0) colours anywhere; else
    NO_COLOR (set, not empty) or TERM=dumb turns it off; else colour only on a terminal."""
    if option is not None:
        return option
    force = os.environ.get("FORCE_COLOR")
    if force is not None and force.strip().lower() not in ("", "0", "false", "no"):
        return True
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return bool(getattr(out, "isatty", lambda: False)())


class OutputFile:
    """A report file (-o) written whole or not at all.

    The report goes to a temporary file beside the target, renamed over it
    once complete: an interrupted run leaves the old file, never half a
    report. A target that exists but is not a regular file (/dev/stdout, a
    pipe) is written directly. New files get the usual permissions (umask).
    """

    def __init__(self, path: str, binary: bool, lang: str):
        self.path, self.binary, self.lang = path, binary, lang
        self.tmp = None
        self.stream = None

    def open(self):
        import stat
        import tempfile
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            st = None
        except OSError as exc:
            self._fail(exc)
        try:
            if st is not None and not stat.S_ISREG(st.st_mode):
                fh = open(self.path, "wb")
            else:
                fd, self.tmp = tempfile.mkstemp(prefix=".doclint-", suffix=".tmp",
                                                dir=os.path.dirname(os.path.abspath(self.path)))
                mask = os.umask(0)
                os.umask(mask)
                os.chmod(self.tmp, stat.S_IMODE(st.st_mode) if st is not None else 0o666 & ~mask)
                fh = os.fdopen(fd, "wb")
        except OSError as exc:
            self._fail(exc)
        import io
        self.stream = fh if self.binary else io.TextIOWrapper(fh, encoding="utf-8", newline="")
        return self.stream

    def commit(self) -> None:
        try:
            self.stream.close()
            if self.tmp is not None:
                os.replace(self.tmp, self.path)
                self.tmp = None
        except OSError as exc:
            self.discard()
            self._fail(exc)

    def discard(self) -> None:
        if self.tmp is not None:
            try:
                os.unlink(self.tmp)
            except OSError:
                pass
            self.tmp = None

    def _fail(self, exc: OSError) -> NoReturn:
        self.discard()
        fail(DoclintError(self.path, f"无法写入（{exc.strerror or type(exc).__name__}）",
                          f"cannot write ({exc.strerror or type(exc).__name__})"), self.lang)


def write_output(path: str, data: bytes, lang: str) -> None:
    """Write a report file; a one-line error (exit 2) if it cannot be written."""
    try:
        with open(path, "wb") as fh:
            fh.write(data)
    except OSError as exc:
        fail(DoclintError(path, f"无法写入（{exc.strerror or exc}）", f"cannot write ({exc.strerror or exc})"), lang)


def emit_table(text: str, fmt: str, output, lang: str, headers=()) -> None:
    """A table command's output (deadlines, facts): CSV as UTF-8 with a BOM (Excel and WPS read it
    right), to `output` or stdout as bytes whatever the terminal's encoding, with the `headers`
    lines (one per file) on stderr; other formats as text."""
    if fmt == "csv":
        data = ("\ufeff" + text).encode("utf-8")
        if output:
            write_output(output, data, lang)
            return
        for line in headers:
            click.echo(line, err=True)
        sys.stdout.flush()
        out = sys.stdout.buffer
        out.write(data)
        out.flush()
    elif output:
        write_output(output, text.encode("utf-8"), lang)
    else:
        click.echo(text, nl=False)
