"""The document model: positions, lines, paragraphs, sentences, tokens, decoding."""
from __future__ import annotations

import pytest

from doclint.model.document import Document
from doclint.errors import InputError
from doclint.text.lexicon import get_lexicon
from doclint.files.reader import decode


def test_positions_count_characters_and_handle_crlf():
    doc = Document("第一行\r\n第二行有农业\r\n\r\n末行")
    assert doc.newline == "\r\n"
    assert doc.position(0) == (1, 1)
    assert doc.position(doc.text.index("农业")) == (2, 5)
    assert doc.position(doc.text.index("末")) == (4, 1)
    assert doc.position(len(doc.text)) == (4, 3)
    assert [ln.text for ln in doc.lines] == ["第一行", "第二行有农业", "", "末行"]


def test_paragraphs_and_sentences_keep_offsets():
    text = "  同志们：\n今年以来，经济平稳。但也要看到问题！怎么办？\n“要抓落实。”他说；"
    doc = Document(text)
    assert [p.text for p in doc.paragraphs] == ["同志们：", "今年以来，经济平稳。但也要看到问题！怎么办？",
                                                "“要抓落实。”他说；"]
    sents = [s.text for s in doc.sentences]
    assert sents == ["同志们：", "今年以来，经济平稳。", "但也要看到问题！", "怎么办？", "“要抓落实。”", "他说；"]
    for s in doc.sentences:
        assert doc.text[s.start:s.end] == s.text


def test_tokens_are_lazy_and_offset_exact():
    doc = Document("动员群众做好秋冬季农业农业生产")
    assert "tokens" not in doc.__dict__
    toks = doc.tokens
    assert [t.word for t in toks][-4:] == ["秋冬季", "农业", "农业", "生产"]
    assert "".join(t.word for t in toks) == doc.text
    assert all(doc.text[t.start:t.end] == t.word for t in toks)


@pytest.mark.parametrize("name", ["1979.txt", "2006.txt", "2025.txt"])
def test_segmentation_equals_jieba_without_hmm(corpus_dir, name):
    """Our cheap-start segmentation is jieba's own (same dictionary, same route)."""
    jieba = pytest.importorskip("jieba")
    jieba.setLogLevel(60)
    text = (corpus_dir / name).read_text(encoding="utf-8")[:6000]
    ours = list(get_lexicon().tokenize(text))
    theirs = list(jieba.tokenize(text, HMM=False))
    assert ours == theirs


def test_decode_encodings():
    s = "公文，测试\r\n"
    assert decode(s.encode("utf-8"), "f") == (s, "utf-8", False)
    assert decode(b"\xef\xbb\xbf" + s.encode("utf-8"), "f") == (s, "utf-8", True)
    assert decode(s.encode("gbk"), "f") == (s, "gb18030", False)
    assert decode(s.encode("utf-16-le").join([b"\xff\xfe", b""]), "f") == (s, "utf-16-le", True)
    with pytest.raises(InputError):
        decode(b"\x00\x01\x02binary", "f")
    with pytest.raises(InputError):
        decode(b"\x80\x81\xff" * 10, "f")
