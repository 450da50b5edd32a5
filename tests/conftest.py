"""Shared fixtures: paths to ../shared (real corpus and seed) with clear skips."""
from __future__ import annotations

import os
from pathlib import Path

import sys

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("DOCLINT_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus" / "gov-work-reports"
SEED = SHARED / "seeds" / "000_ab06478cd3cfddd3.txt"
EXAMPLES = ROOT / "examples"
# Test-only helpers (revision-pair generator) live in tests/support.
sys.path.insert(0, str(Path(__file__).resolve().parent / "support"))


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
