"""The document model: exact text, positions, lines, paragraphs, sentences, tokens.

Everything a check needs to look at a document lives here. A Document holds
what was read (the text and what is needed to write it back unchanged) and,
in one place, the views derived from it (lines, paragraphs, sentences,
tokens, the heading tree, spans protected from punctuation rules, time
expressions ...). A view is computed the first time a check asks for it and
kept in `doc.views`; `drop_views()` forgets them all, and a Document that
crosses to another process (pickled) carries none, so workers never ship
their caches back.

Offsets are character offsets into `text`; lines and columns are 1-based,
columns count characters, end positions are exclusive.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Callable, Dict, List, Optional, Tuple

from doclint.text import rx

# Sentence ends: 。！？； (full and half width) plus line breaks. Closing quotes
# and brackets that follow the mark belong to the sentence.
_SENTENCE_END = rx.compile(r"[。！？；!?;]+[”’」』）)】]*|…{2,}[”’」』）)】]*")
_LINE_BREAK = rx.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Token:
    word: str
    start: int
    end: int


class view:
    """A derived view of a Document: computed on first use, kept in `doc.views`."""

    def __init__(self, build: Callable):
        self.build = build
        self.name = build.__name__
        self.__doc__ = build.__doc__

    def __get__(self, doc, owner=None):
        if doc is None:
            return self
        views = doc.views
        try:
            return views[self.name]
        except KeyError:
            value = views[self.name] = self.build(doc)
            return value


class Document:
    """A text document with the metadata needed to write it back unchanged.

    `user_words` (jieba user dictionary entries, (word, freq) pairs) decide
    how `tokens` segments; they are fixed at construction (see `with_user_words`).
    """

    def __init__(self, text: str, path: str = "<string>", encoding: str = "utf-8",
                 bom: bool = False, newline: Optional[str] = None, kind: str = "text",
                 line_label: Optional[str] = None, user_words: Tuple = ()):
        self.text = text
        self.path = path
        self.encoding = encoding
        self.bom = bom
        m = _LINE_BREAK.search(text)
        self.newline = newline or (m.group(0) if m else "\n")
        self.kind = kind  # "text", "markdown" or "docx"
        # For .docx input a "line" is a paragraph; reporters say so.
        self.line_label = line_label
        self.user_words = tuple(user_words)
        self.views: Dict[str, object] = {}

    # ---- copies and pickling ----------------------------------------------
    def like(self, text: str) -> "Document":
        """A document with the same file metadata and another text (a fixed version)."""
        return Document(text, path=self.path, encoding=self.encoding, bom=self.bom, newline=self.newline,
                        kind=self.kind, line_label=self.line_label, user_words=self.user_words)

    def with_user_words(self, user_words) -> "Document":
        """This document segmented with `user_words`: itself if they are already its own."""
        user_words = tuple(user_words)
        if user_words == self.user_words:
            return self
        doc = self.like(self.text)
        doc.user_words = user_words
        return doc

    def drop_views(self) -> None:
        """Forget every derived view (they are rebuilt on demand)."""
        self.views.clear()

    def derived(self, name: str, build: Callable):
        """A view not declared on the class (a check's own), computed once per document."""
        views = self.views
        try:
            return views[name]
        except KeyError:
            value = views[name] = build(self)
            return value

    def __getstate__(self):
        state = dict(self.__dict__)
        state["views"] = {}
        return state

    # ---- positions -------------------------------------------------------
    @view
    def line_starts(self) -> List[int]:
        starts = [0]
        for m in _LINE_BREAK.finditer(self.text):
            starts.append(m.end())
        return starts

    def position(self, offset: int):
        """(line, column), both 1-based, for a character offset."""
        offset = max(0, min(offset, len(self.text)))
        starts = self.line_starts
        i = bisect.bisect_right(starts, offset) - 1
        return i + 1, offset - starts[i] + 1

    def line_span(self, lineno: int) -> Span:
        """The 1-based line `lineno` without its line break."""
        starts = self.line_starts
        start = starts[lineno - 1]
        end = starts[lineno] if lineno < len(starts) else len(self.text)
        text = self.text[start:end].rstrip("\r\n")
        return Span(start, start + len(text), text)

    @view
    def lines(self) -> List[Span]:
        return [self.line_span(i + 1) for i in range(len(self.line_starts))]

    # ---- structure -------------------------------------------------------
    @view
    def paragraphs(self) -> List[Span]:
        """Non-blank lines, stripped of surrounding whitespace.

        In Chinese official documents one line is one paragraph (there is no
        hard wrapping convention); checks that care about hard wraps (DL101)
        handle them explicitly.
        """
        out = []
        for ln in self.lines:
            stripped = ln.text.strip()
            if stripped:
                lead = len(ln.text) - len(ln.text.lstrip())
                s = ln.start + lead
                out.append(Span(s, s + len(stripped), stripped))
        return out

    @view
    def sentences(self) -> List[Span]:
        """Sentences split at 。！？； and at line breaks, whitespace-trimmed."""
        out = []
        for para in self.paragraphs:
            pos = 0
            t = para.text
            for m in _SENTENCE_END.finditer(t):
                _add_sentence(out, para.start, t, pos, m.end())
                pos = m.end()
            _add_sentence(out, para.start, t, pos, len(t))
        return out

    @view
    def sentence_starts(self) -> List[int]:
        return [s.start for s in self.sentences]

    def sentence_at(self, offset: int) -> Optional[Span]:
        i = bisect.bisect_right(self.sentence_starts, offset) - 1
        sents = self.sentences
        if i >= 0 and sents[i].start <= offset < sents[i].end:
            return sents[i]
        return None

    # ---- lazy, heavier views ---------------------------------------------
    @view
    def tokens(self) -> List[Token]:
        """Word tokens with offsets (jieba's dictionary; see doclint.text.lexicon)."""
        lex = self.lexicon()
        return [Token(w, s, e) for w, s, e in lex.tokenize(self.text)]

    def tokens_in(self, start: int, end: int) -> List[Token]:
        """Tokens of text[start:end] segmented on their own (cheap: no full-text pass)."""
        lex = self.lexicon()
        return [Token(w, s + start, e + start) for w, s, e in lex.tokenize(self.text[start:end])]

    def lexicon(self):
        """The segmentation lexicon for this document's user words (shared, loaded once)."""
        from doclint.text.lexicon import get_lexicon
        return get_lexicon(self.user_words)

    @view
    def headings(self):
        """The heading tree (see doclint.model.outline), built on first use."""
        from doclint.model.outline import build_outline
        return build_outline(self)

    @view
    def time_expressions(self):
        """Every time expression of the text (see doclint.text.dates), as a tuple."""
        from doclint.text.dates import extract
        return tuple(extract(self.text))

    @view
    def protected(self):
        """Spans where Chinese prose rules do not apply: URLs, code ... (doclint.text.protected)."""
        from doclint.text.protected import protected_spans
        return protected_spans(self.text, self.kind)

    @view
    def year(self):
        """The year the document mentions most: its own period (None if it names no year)."""
        from doclint.text.dates import document_year
        return document_year(self.text)

    def __repr__(self):
        return f"Document({self.path!r}, {len(self.text)} chars, {self.encoding})"


def _add_sentence(out, base, t, a, b):
    seg = t[a:b]
    stripped = seg.strip()
    if stripped:
        lead = len(seg) - len(seg.lstrip())
        s = base + a + lead
        out.append(Span(s, s + len(stripped), stripped))
