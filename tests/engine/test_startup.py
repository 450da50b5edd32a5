"""Start-up stays cheap: `doclint check` on a plain draft imports nothing it does not use.

Every run of the pre-commit hook and every editor save pays for each module imported. The
modules below are each a few milliseconds or more to import and are only needed by other
commands, other formats or rare paths (similarity of two deadline tasks, JSON output, writing
files, .docx, worker processes, plugin metadata). The draft has one deadline, so no two tasks
are compared (that is when rapidfuzz is needed). The test runs the real CLI in a
fresh interpreter and lists what was imported, so it fails when someone adds a top-level import
of one of them on the check path. Timing is measured in bench/, never asserted here.
"""
from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ["rapidfuzz", "jieba", "json", "tempfile", "shutil", "zipfile", "importlib.resources",
         "importlib.metadata", "difflib", "multiprocessing", "concurrent.futures", "email",
         "xml.etree.ElementTree", "html", "http", "docx", "lxml", "pkgutil", "sqlite3", "csv"]

PROBE = r'''
import sys, runpy
sys.argv = ["doclint", *sys.argv[1:]]
try:
    runpy.run_module("doclint", run_name="__main__", alter_sys=True)
except SystemExit:
    pass
sys.stderr.write("\nMODULES " + " ".join(sorted(sys.modules)) + "\n")
'''


def imported(tmp_path, *args):
    p = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True,
                       encoding="utf-8", cwd=tmp_path, timeout=300)
    assert "MODULES " in p.stderr, p.stderr
    return set(p.stderr.split("MODULES ")[1].split())


@pytest.fixture
def draft(tmp_path):
    f = tmp_path / "稿.txt"
    f.write_text("各位代表：\n现在，我代表市人民政府向大会报告工作，请予审议。\n一、过去一年的工作\n"
                 "全市经济运行稳中有进，农业农业生产保持稳定，×月底前完成。\n"
                 "二、今年的主要任务\n市发改委牵头，抓好项目建设。\n", "utf-8")
    return f


def test_check_imports_nothing_heavy(tmp_path, draft):
    mods = imported(tmp_path, "check", str(draft))
    assert "doclint.checks.duplicated_word" in mods          # the probe really ran the checks
    assert sorted(h for h in HEAVY if h in mods) == []


def test_a_selection_imports_only_its_check_modules(tmp_path, draft):
    mods = imported(tmp_path, "check", "--select", "DL101", str(draft))
    assert "doclint.checks.duplicated_word" in mods
    loaded = sorted(m for m in mods if m.startswith("doclint.checks.") and not m.split(".")[-1].startswith("_"))
    assert loaded == ["doclint.checks.duplicated_word"]


def test_json_output_still_works_lazily(tmp_path, draft):
    mods = imported(tmp_path, "check", "-f", "json", str(draft))
    assert "json" in mods
