"""Errors that the CLI turns into one-line messages and exit code 2."""
import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def shown_path(path) -> str:
    """A file name safe to print: control characters (newline, ESC, bidi
    overrides, lone surrogates from undecodable names) shown escaped, so an
    odd name can neither split a one-line message nor drive the terminal."""
    return _CONTROL.sub(lambda m: ascii(m.group(0))[1:-1], str(path))


class DoclintError(Exception):
    """A user-facing error: bad input, bad config, bad usage. Never a traceback."""

    def __init__(self, path, zh: str, en: str = ""):
        super().__init__(en or zh)
        self.path = str(path) if path is not None else None
        self.zh = zh
        self.en = en or zh

    def render(self, lang: str = "zh") -> str:
        msg = self.en if lang == "en" else self.zh
        return f"{shown_path(self.path)}: {msg}" if self.path else msg


class InputError(DoclintError):
    """A file that cannot be read or decoded."""


class ConfigError(DoclintError):
    """A malformed or invalid configuration file or option."""


class UsageError(DoclintError):
    """A bad command-line argument (unknown code, unknown format...)."""
