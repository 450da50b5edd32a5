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


def entry_problem(exc: BaseException, what_zh: str = "正则表达式或选项有误",
                  what_en: str = "bad pattern or option", position: bool = True) -> tuple:
    """(zh, en) for a dictionary entry that does not compile: the regex error's own short reason
    and position ("missing ) at position 4"), never the text of the pattern or of an option value.
    A dictionary may sit beside secrets, and these lines go to CI logs; the file and line number
    that prefix the message are enough to find it. `position` is off where the compiled pattern is
    built from several columns, so a position would point nowhere the user wrote."""
    import regex
    if isinstance(exc, regex.error):
        pos = f"，第 {exc.pos + 1} 个字符" if position and exc.pos is not None else ""
        pos_en = f" at character {exc.pos + 1}" if position and exc.pos is not None else ""
        reason = exc.msg if exc.msg.isascii() else "syntax"
        return f"{what_zh}（{reason}{pos}）", f"{what_en} ({reason}{pos_en})"
    if "invalid literal" in str(exc):
        return f"{what_zh}（某个选项的值不是数字）", f"{what_en} (an option value is not a number)"
    return f"{what_zh}（条目格式或选项取值不对，见词典文件开头的说明）", \
        f"{what_en} (wrong entry format or option value; see the notes at the top of the dictionary file)"
