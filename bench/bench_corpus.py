"""Throughput and growth of `doclint check`.

1. The whole ../shared/corpus/gov-work-reports (52 reports, ~3.3 MB) with
   --jobs 1 and --jobs 2: wall time, MB/s and peak memory.
2. Growth: one report concatenated to 1x, 4x and 16x its size; time per size
   and the ratio of the 16x time to the 1x time (linear growth gives ~16).

    python bench/bench_corpus.py [--runs 3]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "gov-work-reports"


def run_once(cmd):
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    return time.perf_counter() - t0, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def measure(cmd, runs):
    got = [run_once(cmd) for _ in range(runs)]
    return {"median_s": statistics.median(g[0] for g in got), "min_s": min(g[0] for g in got),
            "peak_mb": max(g[1] for g in got), "exit": got[0][2]}


def supports_jobs(py):
    p = subprocess.run([py, "-m", "doclint", "check", "--help"], capture_output=True, text=True)
    return "--jobs" in p.stdout


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    py = sys.executable
    out = {}
    if not CORPUS.exists():
        print(f"corpus not found at {CORPUS}; skipping")
        return out
    size_mb = sum(f.stat().st_size for f in CORPUS.glob("*.txt")) / 1e6
    base = [py, "-m", "doclint", "check", str(CORPUS), "--exit-zero", "--format", "json"]
    print(f"corpus: {CORPUS} ({size_mb:.2f} MB), {args.runs} runs each, {os.cpu_count()} cores")
    print(f"{'run':<28} {'median s':>9} {'min s':>7} {'MB/s':>7} {'peak MB':>8}")
    variants = [("--jobs 1", ["--jobs", "1"]), ("--jobs 2", ["--jobs", "2"])] if supports_jobs(py) \
        else [("(no --jobs option)", [])]
    for name, extra in variants:
        r = measure(base + extra, args.runs)
        r["mb_per_s"] = size_mb / r["median_s"]
        out[f"corpus {name}"] = r
        print(f"{'corpus ' + name:<28} {r['median_s']:>9.3f} {r['min_s']:>7.3f} {r['mb_per_s']:>7.2f} {r['peak_mb']:>8.1f}")

    # Growth on one document made larger by concatenation.
    sample = (CORPUS / "2019.txt").read_text(encoding="utf-8")
    growth = {}
    with tempfile.TemporaryDirectory() as tmp:
        for k in (1, 4, 16):
            f = Path(tmp) / f"x{k}.txt"
            f.write_text("\n".join([sample] * k), encoding="utf-8")
            r = measure([py, "-m", "doclint", "check", str(f), "--exit-zero", "--format", "json"], args.runs)
            startup = measure([py, "-m", "doclint", "rules"], args.runs)["median_s"]
            r["work_s"] = max(r["median_s"] - startup, 1e-6)
            growth[k] = r
            mb = f.stat().st_size / 1e6
            print(f"{'check growth ' + str(k) + 'x':<28} {r['median_s']:>9.3f} {r['min_s']:>7.3f} "
                  f"{mb / r['median_s']:>7.2f} {r['peak_mb']:>8.1f}")
    ratio = growth[16]["work_s"] / growth[1]["work_s"]
    print(f"growth: 16x input takes {ratio:.1f}x the work time of 1x (start-up subtracted; linear = 16)")
    out["growth"] = {str(k): v for k, v in growth.items()}
    out["growth_ratio_16x"] = ratio
    res = ROOT / "bench" / "results"
    res.mkdir(parents=True, exist_ok=True)
    (res / "corpus.json").write_text(json.dumps(out, indent=2), encoding="utf-8")
    return out


if __name__ == "__main__":
    main()
