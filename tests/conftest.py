"""Shared fixtures: real text (tests/data/sample always; ../shared's corpus and seed with clear skips)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

# Test-only helpers (paths to real text, the revision-pair generator) live in tests/support.
sys.path.insert(0, str(Path(__file__).resolve().parent / "support"))
from samples import CORPUS, EXAMPLES, PROVINCIAL, ROOT, SAMPLE, SEED, SHARED, sample_texts  # noqa: E402,F401


def _need(path: Path):
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared real-data folder (../shared) is not beside this checkout")
    return path


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return _need(SEED)


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return _need(CORPUS)


@pytest.fixture(scope="session")
def corpus_files(corpus_dir):
    files = sorted(corpus_dir.glob("*.txt"))
    assert len(files) == 52, f"expected 52 reports in {corpus_dir}, found {len(files)}"
    return files


@pytest.fixture(scope="session")
def real_texts():
    """Real-style text that is always there (the samples and examples), plus the seed and
    every 4th national report when ../shared is present. Equivalence and property tests
    use it, so they never skip."""
    texts = sample_texts() + [p.read_text("utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    if SEED.exists():
        texts.append(SEED.read_text("utf-8"))
    if CORPUS.exists():
        texts += [p.read_text("utf-8") for p in sorted(CORPUS.glob("*.txt"))[::4]]
    return texts


@pytest.fixture(scope="session")
def provincial_files():
    files = sorted(_need(PROVINCIAL).glob("*.txt"))
    assert len(files) == 10, f"expected 10 provincial reports in {PROVINCIAL}, found {len(files)}"
    return files
