"""What a check may use besides the document: its options, the run's dates, dictionaries, language."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Optional

from doclint.engine.dictionaries import Dictionaries


@dataclass(frozen=True)
class CheckContext:
    """Handed to every check with the document; a check needs nothing else.

    `date_option` is a reference date given for this run (`--date`): it wins
    over the document's own date line. `config_date` is `date` from the
    config: it counts only when the document has no date line.
    """
    check: object                      # the Check being run (doclint.engine.registry.Check)
    options: Mapping[str, object]
    dictionaries: Dictionaries
    lang: str = "zh"
    date_option: Optional[str] = None
    config_date: Optional[str] = None

    def lines(self, name: str):
        """Entries of dictionary `name` as lines (columns tab-separated), config extras included."""
        return self.dictionaries.lines(name)

    def words(self, name: str) -> frozenset:
        """The first column of every entry of dictionary `name`."""
        return self.dictionaries.words(name)

    def entries(self, name: str):
        """The parsed entries of dictionary `name` (see doclint.engine.dictionaries.Entry)."""
        return self.dictionaries.entries(name)

    def source(self, name: str) -> str:
        """Where dictionary `name` comes from, for error messages."""
        return self.dictionaries.source(name)
