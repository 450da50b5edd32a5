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


def exception_origin(exc: BaseException) -> str:
    """The exception's type and where it was raised ("ValueError @ tasks.py:120"), for one-line
    reports of bugs. Never its message: it may quote the document, a dictionary or any file a
    config names (a secret), and such lines go to CI logs."""
    import os
    import traceback
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" @ {os.path.basename(frames[-1].filename)}:{frames[-1].lineno}" if frames else ""
    return f"{type(exc).__name__}{where}"
