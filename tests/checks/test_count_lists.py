"""DL601's paragraph pre-filter (_COUNT_END) skips only paragraphs where _COUNT cannot match."""
from __future__ import annotations

import doclint.checks.consistency as consistency
from doclint.model.document import Document
from doclint.text import rx

# Written for this test: one count per kind of ending _COUNT_END must let through.
OWN = "\n".join([
    "今年要抓好四项工作：一是稳投资；二是促消费；三是保就业。",
    "抓好三件事:一是稳投资；二是促消费；三是保就业。",
    "下面，我讲三点体会。一是学习要深入；二是落实要有力。",
    "我就这项工作讲两点意见，一是提高认识；二是狠抓落实；三是强化督查。",
    "重点解决好“三个问题”。一要摸清底数；二要建立台账。",
    "突出抓好五个方面。一是产业；二是项目；三是招商；四是消费；五是开放。",
    "提出几点要求，请大家认真落实。",
])


def test_count_end_prefilter_skips_no_count(real_texts, monkeypatch):
    """Every count (matching or not) found with the pre-filter is found without it, and no other."""
    texts = real_texts + [OWN]
    docs = [Document(t) for t in texts]
    fast = [list(consistency.count_lists(d, matching=True)) for d in docs]
    scanned = sum(1 for d in docs for p in d.paragraphs
                  if consistency._COUNT_END.search(d.text, p.start, p.end))
    monkeypatch.setattr(consistency, "_COUNT_END", rx.compile(r"(?s).?"))   # every paragraph scanned
    slow = [list(consistency.count_lists(Document(t), matching=True)) for t in texts]
    assert fast == slow
    assert sum(map(len, slow)) >= 5                                 # real lists were compared
    assert scanned < sum(len(d.paragraphs) for d in docs) // 2     # and most paragraphs skipped


def test_every_count_match_contains_a_count_end(real_texts):
    """The reason the pre-filter is exact: each _COUNT match's own text contains a _COUNT_END match."""
    n = 0
    for text in real_texts + [OWN]:
        doc = Document(text)
        for p in doc.paragraphs:
            for m in consistency._COUNT.finditer(text, p.start, p.end):
                n += 1
                assert consistency._COUNT_END.search(m.group(0)), m.group(0)
    assert n >= 10
