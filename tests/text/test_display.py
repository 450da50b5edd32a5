"""doclint.text.display: showing document text safely."""
from __future__ import annotations


def test_text_excerpt_fast_path_equals_per_character_rule(real_texts):
    """printable(): the C-level isprintable() shortcut gives what the per-character rule gives."""
    import unicodedata
    from doclint.text.display import printable

    def rule(s):
        return "".join(c if c == "\t" or ((c.isprintable() or unicodedata.category(c) == "Zs")
                                          and not 0xD800 <= ord(c) <= 0xDFFF)
                       else "\ufffd" for c in s).replace("\t", " ")
    text = "".join(real_texts)[:60000]
    pieces = [text[i:i + 30] for i in range(0, len(text), 17)]
    pieces += ["\u3000\u3000一、", "a\tb", "\x1b[31m红\x1b[0m", "\ud800x", "\u202e反转", "\u00a0", "𠀀", ""]
    for p in pieces:
        assert printable(p) == rule(p), repr(p)
