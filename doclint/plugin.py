"""The public API for third-party checks: everything a plugin imports comes from here.

    from doclint.plugin import check, Issue, Fix

    @check(code="XY101", name="no-foo", severity="warning",
           summary={"zh": "…", "en": "…"}, description={"zh": "…", "en": "…"},
           wrong="错误示例", right="正确写法")
    def no_foo(doc, ctx):
        i = doc.text.find("foo")
        if i >= 0:
            yield Issue(i, i + 3, "中文消息", "English message", fix=Fix.delete(i, i + 3))

A check is a pure function of the document (`Document`: its text and
derived views such as paragraphs, sentences, tokens, headings) and its
context (`CheckContext`: options, dictionaries, language, reference dates).
It yields `Issue`s (character spans with bilingual messages and optional
`Fix`es); doclint derives line and column, applies selection, suppression
and baselines. Register checks in the entry-point group ``doclint.checks``
(a check, a list of checks or a module). `register_dictionary` declares a
dictionary of the plugin's own so that configs may extend it.
"""
from doclint.engine.context import CheckContext
from doclint.engine.dictionaries import Entry
from doclint.engine.dictionaries import register as register_dictionary
from doclint.engine.registry import Check, check
from doclint.model.document import Document, Span, Token
from doclint.model.finding import Edit, Fix, Issue

__all__ = ["check", "Check", "CheckContext", "Document", "Span", "Token", "Issue", "Fix", "Edit",
           "Entry", "register_dictionary"]
