"""The Python API: lint or fix a string without the CLI, through the same session as `doclint check`.

    from doclint.api import lint_text, fix_text
    findings = lint_text("动员群众做好秋冬季农业农业生产", select=["DL101"])
    fixed = fix_text("动员群众做好秋冬季农业农业生产")

`config` is a doclint.engine.config.Config (e.g. from `load_config(path)`);
without one the built-in defaults apply. Nothing is read from or written to
disk except the dictionaries a config names.
"""
from __future__ import annotations

from typing import List, Optional, Sequence

from doclint.engine.config import Config
from doclint.engine.session import Session, Settings
from doclint.model.document import Document
from doclint.model.finding import Finding


def _session(select, ignore, config, lang, date) -> Session:
    settings = Settings(select=tuple(select or ()), ignore=tuple(ignore or ()), lang=lang, date=date)
    return Session(settings, config=config or Config())


def lint_text(text: str, select: Optional[Sequence[str]] = None, ignore: Sequence[str] = (),
              config: Optional[Config] = None, lang: str = "zh", path: str = "<string>",
              date: Optional[str] = None) -> List[Finding]:
    """Findings for `text`, sorted by position then code."""
    return _session(select, ignore, config, lang, date).lint(Document(text, path=path))


def fix_text(text: str, select: Optional[Sequence[str]] = None, unsafe: bool = False,
             config: Optional[Config] = None, date: Optional[str] = None) -> str:
    """`text` with the safe fixes (and with `unsafe`, the unsafe ones too) applied until stable."""
    from doclint.engine.fixes import apply_until_stable
    session = _session(select, (), config, "zh", date)
    new, _ = apply_until_stable(text, lambda t: session.lint(Document(t)), unsafe)
    return new
