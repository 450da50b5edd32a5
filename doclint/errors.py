"""Errors that the CLI turns into one-line messages and exit code 2."""
from doclint.text.display import escaped as shown_path  # noqa: F401  (file names in messages)


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
