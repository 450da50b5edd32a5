"""Where the tests' real text is: the drafts written for the tests (tests/data/sample, always
present), the examples, and ../shared (the corpus and the seed; absent on some machines)."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "data" / "sample"
EXAMPLES = ROOT / "examples"
SHARED = Path(os.environ.get("DOCLINT_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus" / "gov-work-reports"
PROVINCIAL = SHARED / "corpus" / "provincial-2026"
SEED = SHARED / "seeds" / "000_ab06478cd3cfddd3.txt"


def sample_texts():
    return [p.read_text("utf-8") for p in sorted(SAMPLE.glob("*.txt"))]
