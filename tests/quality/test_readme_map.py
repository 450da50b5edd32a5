"""The README's map of the layers matches the tree: every package of doclint/ is in it, and
every folder or module it names exists."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _map_block() -> str:
    text = (ROOT / "README.md").read_text("utf-8")
    dev = text[text.index("## 开发 Development"):]
    return dev[dev.index("```") + 3:dev.index("```", dev.index("```") + 3)]


def test_every_layer_is_in_the_map_and_every_entry_exists():
    block = _map_block()
    named = set(re.findall(r"^\s{2}([a-z_]+(?:/|\.py))", block, re.M))
    named |= {m + "/" for m in re.findall(r"^([a-z_]+)/", block, re.M)}
    packages = {p.name + "/" for p in (ROOT / "doclint").iterdir() if (p / "__init__.py").exists()}
    modules = {p.name for p in (ROOT / "doclint").glob("*.py") if p.name not in ("__init__.py", "__main__.py", "errors.py")}
    missing = (packages | modules) - named
    assert not missing, f"layers missing from the README map: {sorted(missing)}"
    for entry in named:
        assert (ROOT / "doclint" / entry).exists() or (ROOT / entry).exists(), f"README map names {entry}, not in the tree"
