"""Side-by-side timing of this checkout against another revision, in one run.

    python bench/ab.py REV [--runs 15] [--corpus-runs 3]

Exports REV (e.g. HEAD~5 or a commit) into a temporary folder and times both
source trees with the same Python, interleaved (A B A B ...) so that machine
noise hits both alike:

- cold start: `python -m doclint check` of one speech-sized draft (the seed when
  ../shared is there, else the in-repo samples), caches warm;
- corpus: `python -m doclint check` of every national report (--jobs 1).

Prints min / median / max of each and the ratio this/REV of the medians.
Each tree gets its own cache folder, warmed first, so neither reads the
other's cache, and both are byte-compiled first (as `pip install` does), whatever
PYTHONDONTWRITEBYTECODE says.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("DOCLINT_SHARED", ROOT.parent / "shared"))


def export(rev: str, dest: Path) -> Path:
    tree = dest / "tree"
    tree.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", rev],
                             check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    return tree


# Run doclint from the tree on PYTHONPATH: an editable install's import hook would
# otherwise answer `import doclint` with this checkout for both trees.
_RUN = ("import sys, runpy; sys.meta_path[:] = [f for f in sys.meta_path "
        "if not type(f).__module__.startswith('__editable__')]; sys.argv[0] = 'doclint'; "
        "runpy.run_module('doclint', run_name='__main__')")


def _env(tree: Path, cache: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(tree), DOCLINT_CACHE_DIR=str(cache), DOCLINT_NO_PROGRESS="1")
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: modules load from .pyc files
    return env


def timed(tree: Path, cache: Path, args) -> float:
    env = _env(tree, cache)
    t = time.perf_counter()
    p = subprocess.run([sys.executable, "-c", _RUN, "check", "--exit-zero", *args], env=env,
                       capture_output=True, cwd=tree)
    dt = time.perf_counter() - t
    if p.returncode not in (0, 1):
        raise SystemExit(f"{tree}: exit {p.returncode}: {p.stderr.decode('utf-8', 'replace')[:300]}")
    return dt


def row(name, a, b):
    ma, mb = statistics.median(a), statistics.median(b)
    print(f"{name:<14} this   {min(a):7.3f} {ma:7.3f} {max(a):7.3f} s")
    print(f"{'':<14} other  {min(b):7.3f} {mb:7.3f} {max(b):7.3f} s   ratio this/other {ma / mb:.3f}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("rev")
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--corpus-runs", type=int, default=3)
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="doclint-ab-"))
    try:
        other = export(a.rev, tmp)
        trees = {"this": (ROOT, tmp / "cache-this"), "other": (other, tmp / "cache-other")}
        seed = SHARED / "seeds" / "000_ab06478cd3cfddd3.txt"
        draft = [str(seed)] if seed.exists() else [str(p) for p in sorted((ROOT / "tests/data/sample").glob("*.txt"))]
        corpus = SHARED / "corpus" / "gov-work-reports"
        for tree, cache in trees.values():       # byte-compile (as pip does) and warm each tree's caches
            subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "doclint"), str(tree / "checks")],
                           env=_env(tree, cache), check=True)
            timed(tree, cache, draft)
        cold = {k: [] for k in trees}
        for _ in range(a.runs):
            for k, (tree, cache) in trees.items():
                cold[k].append(timed(tree, cache, draft))
        print(f"{a.runs} cold starts each, interleaved; {Path(draft[0]).name}")
        row("cold start", cold["this"], cold["other"])
        if corpus.exists():
            runs = {k: [] for k in trees}
            for _ in range(a.corpus_runs):
                for k, (tree, cache) in trees.items():
                    runs[k].append(timed(tree, cache, [str(corpus), "-f", "json", "--jobs", "1"]))
            chars = sum(len(p.read_text("utf-8")) for p in corpus.glob("*.txt"))
            row("corpus", runs["this"], runs["other"])
            print(f"{'':<14} {chars:,} characters: this {chars / statistics.median(runs['this']):,.0f} chars/s, "
                  f"other {chars / statistics.median(runs['other']):,.0f} chars/s")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
