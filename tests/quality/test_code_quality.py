"""The code's own standards, checked with the tests: ruff is clean, and no function is above
radon's complexity grade C (cyclomatic complexity over 20) without a written reason.

A reason is a comment `# complexity: <why>` on the `def` line or on a line of
its own just above it (decorators included). Without one, split the function.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [ROOT / "doclint", ROOT / "checks"]
GRADE_C_MAX = 20


def test_ruff_is_clean():
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    if not Path(ruff).exists():
        pytest.fail("ruff is not installed: pip install '.[test]'")
    p = subprocess.run([ruff, "check", "--output-format", "concise", "."], cwd=ROOT, capture_output=True, text=True)
    assert p.returncode == 0, p.stdout + p.stderr


def _has_reason(lines, block) -> bool:
    i = block.lineno - 1
    if "complexity:" in lines[i]:
        return True
    j = i - 1
    while j >= 0 and (lines[j].lstrip().startswith("@") or lines[j].lstrip().startswith("#")):
        if "# complexity:" in lines[j]:
            return True
        j -= 1
    return False


def test_no_function_above_grade_c_without_a_reason():
    from radon.complexity import cc_visit
    over = []
    for folder in SOURCES:
        for path in sorted(folder.rglob("*.py")):
            src = path.read_text("utf-8")
            lines = src.splitlines()
            for b in cc_visit(src):   # functions and methods (classes are scored apart)
                if type(b).__name__ != "Class" and b.complexity > GRADE_C_MAX and not _has_reason(lines, b):
                    over.append(f"{path.relative_to(ROOT)}:{b.lineno} {b.name} ({b.complexity})")
    assert not over, "functions above grade C without a `# complexity:` reason:\n" + "\n".join(over)
