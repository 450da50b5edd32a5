"""The document model: exact text, positions, lines, paragraphs, sentences, tokens.

Everything a check needs to look at a document lives here. Expensive views
(tokens, headings) are computed lazily, only when a check asks for them, and
cached on the instance. Offsets are character offsets into `text`; lines and
columns are 1-based, columns count characters, end positions are exclusive.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cached_property
from typing import List, Optional

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


class Document:
    """A text document with the metadata needed to write it back unchanged."""

    def __init__(self, text: str, path: str = "<string>", encoding: str = "utf-8",
                 bom: bool = False, newline: Optional[str] = None, kind: str = "text",
                 line_label: Optional[str] = None, user_words=()):
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

    # ---- positions -------------------------------------------------------
    @cached_property
    def line_starts(self) -> List[int]:
        starts = [0]
        for m in _LINE_BREAK.finditer(self.text):
            starts.append(m.end())
        return starts

    def position(self, offset: int):
        """(line, column), both 1-based, for a character offset."""
        offset = max(0, min(offset, len(self.text)))
        i = bisect.bisect_right(self.line_starts, offset) - 1
        return i + 1, offset - self.line_starts[i] + 1

    def line_span(self, lineno: int) -> Span:
        """The 1-based line `lineno` without its line break."""
        start = self.line_starts[lineno - 1]
        end = self.line_starts[lineno] if lineno < len(self.line_starts) else len(self.text)
        text = self.text[start:end].rstrip("\r\n")
        return Span(start, start + len(text), text)

    @cached_property
    def lines(self) -> List[Span]:
        return [self.line_span(i + 1) for i in range(len(self.line_starts))]

    # ---- structure -------------------------------------------------------
    @cached_property
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

    @cached_property
    def sentences(self) -> List[Span]:
        """Sentences split at 。！？； and at line breaks, whitespace-trimmed."""
        out = []
        for para in self.paragraphs:
            pos = 0
            t = para.text
            for m in _SENTENCE_END.finditer(t):
                self._add_sentence(out, para.start, t, pos, m.end())
                pos = m.end()
            self._add_sentence(out, para.start, t, pos, len(t))
        return out

    @staticmethod
    def _add_sentence(out, base, t, a, b):
        seg = t[a:b]
        stripped = seg.strip()
        if stripped:
            lead = len(seg) - len(seg.lstrip())
            s = base + a + lead
            out.append(Span(s, s + len(stripped), stripped))

    def sentence_at(self, offset: int) -> Optional[Span]:
        sents = self.sentences
        cached = self.__dict__.get("_sentence_starts")
        if cached is None or cached[0] is not sents:  # built once per sentences list
            cached = (sents, [s.start for s in sents])
            self.__dict__["_sentence_starts"] = cached
        starts = cached[1]
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and self.sentences[i].start <= offset < self.sentences[i].end:
            return self.sentences[i]
        return None

    # ---- lazy, heavier views ---------------------------------------------
    @cached_property
    def tokens(self) -> List[Token]:
        """Word tokens with offsets (jieba's dictionary; see doclint.text.lexicon)."""
        from doclint.text.lexicon import get_lexicon
        lex = get_lexicon(self.user_words)
        return [Token(w, s, e) for w, s, e in lex.tokenize(self.text)]

    def tokens_in(self, start: int, end: int) -> List[Token]:
        """Tokens of text[start:end] segmented on their own (cheap: no full-text pass)."""
        from doclint.text.lexicon import get_lexicon
        lex = get_lexicon(self.user_words)
        return [Token(w, s + start, e + start) for w, s, e in lex.tokenize(self.text[start:end])]

    @cached_property
    def headings(self):
        """The heading tree (see doclint.model.outline), built on first use."""
        from doclint.model.outline import build_outline
        return build_outline(self)

    def __repr__(self):
        return f"Document({self.path!r}, {len(self.text)} chars, {self.encoding})"
