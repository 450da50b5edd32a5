"""Cold-start benchmark of `doclint check` beside Python and jieba start-up.

Runs each command N times as a fresh process, side by side in one run, and
prints median / min / max wall time and peak memory (max RSS of the child),
plus ratios against `python -c pass` and jieba's own start-up. Figures are
machine-dependent; compare the ratios. Writes bench/results/check.json.

    python bench/bench_check.py [--runs 15] [--file PATH]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seeds" / "000_ab06478cd3cfddd3.txt"


def measure(cmd, runs):
    times, rss = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(p.pid, 0)
        times.append(time.perf_counter() - t0)
        rss.append(usage.ru_maxrss / 1024)  # KiB -> MiB on Linux
    return {"median_s": statistics.median(times), "min_s": min(times), "max_s": max(times),
            "peak_mb": max(rss), "median_mb": statistics.median(rss)}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--file", type=Path, default=SEED if SEED.exists() else ROOT / "examples" / "speech_draft.txt")
    args = ap.parse_args(argv)
    py = sys.executable
    target = str(args.file)
    # Warm the lexicon cache once (a real user pays this only on first use).
    subprocess.run([py, "-m", "doclint", "check", target], capture_output=True)
    rows = [
        ("python -c pass", [py, "-c", "pass"]),
        ("import jieba; jieba.initialize()", [py, "-c", "import jieba, logging; jieba.setLogLevel(60); jieba.initialize()"]),
        ("doclint check (all checks)", [py, "-m", "doclint", "check", target]),
        ("doclint check --select DL101,DL201", [py, "-m", "doclint", "check", target, "--select", "DL101,DL201"]),
        ("doclint rules", [py, "-m", "doclint", "rules"]),
    ]
    chars = len(args.file.read_text(encoding="utf-8", errors="replace"))
    print(f"file: {args.file} ({chars} characters), {args.runs} runs each, {os.cpu_count()} cores")
    print(f"{'command':<38} {'median s':>9} {'min':>7} {'max':>7} {'peak MB':>8}  vs jieba")
    results = {}
    for name, cmd in rows:
        results[name] = measure(cmd, args.runs)
    jb = results["import jieba; jieba.initialize()"]["median_s"]
    for name, r in results.items():
        print(f"{name:<38} {r['median_s']:>9.3f} {r['min_s']:>7.3f} {r['max_s']:>7.3f} {r['peak_mb']:>8.1f}"
              f"  {r['median_s'] / jb:>6.2f}x")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "check.json").write_text(json.dumps({"file": str(args.file), "chars": chars, "runs": args.runs,
                                                "results": results}, indent=2), encoding="utf-8")
    return results


if __name__ == "__main__":
    main()
