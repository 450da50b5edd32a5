"""A small programmatic API: lint a string without the CLI.

    from doclint.api import lint_text
    findings = lint_text("动员群众做好秋冬季农业农业生产", select=["DL101"])
"""
from __future__ import annotations

from typing import List, Optional, Sequence

from doclint.engine.config import Config
from doclint.model.document import Document
from doclint.model.finding import Finding
from doclint.engine.runner import lint, select_checks


def lint_text(text: str, select: Optional[Sequence[str]] = None, ignore: Sequence[str] = (),
              config: Optional[Config] = None, lang: str = "zh", path: str = "<string>") -> List[Finding]:
    config = config or Config()
    doc = Document(text, path=path)
    return lint(doc, select_checks(config, select, ignore), config, lang)


def fix_text(text: str, select=None, unsafe: bool = False, config: Optional[Config] = None) -> str:
    from doclint.engine.fixes import apply_until_stable
    new, _ = apply_until_stable(text, lambda t: lint_text(t, select, config=config), unsafe)
    return new
