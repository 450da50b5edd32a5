"""All of doclint's benchmarks in one command: one table, one JSON file.

    python bench/run.py [--runs 15] [--quick] [--timeout 60] [--json PATH]

1. Cold start: `doclint check` on the 25,000-character speech (bench/speech.py:
   the seed speech with its nine sections repeated to 27), as a fresh process
   each run, beside `python -c pass` and `import jieba; jieba.initialize()`.
   Wall time (median, min, max), CPU time (user+sys, median) and peak memory
   (max RSS of the process). Bytecode is cached as for an installed package
   (PYTHONPYCACHEPREFIX points at a temporary folder, so nothing is written
   into the tree; one warm-up run first); the lexicon cache is warm.
2. The whole ../shared/corpus/gov-work-reports (52 reports) with --jobs 1 and
   --jobs 2: wall time, MB/s and peak memory (largest process).
3. `doclint diff` on revision pairs (real reports concatenated, planted edits;
   see bench/bench_diff.py) of 50,000 characters (light: 1 sentence in 20
   edited; heavy: 1 in 4) and of 1 MB, beside difflib (sentence and character
   level) and diff-match-patch (character level, no timeout), each baseline in
   a child process with a time limit. doclint's time is the work after
   start-up (imports and lexicon loaded by a warm-up pair): median of runs.
4. Growth at 1x, 4x, 16x input: `check` on concatenated corpus reports of
   25,000 / 100,000 / 400,000 characters (all checks, in one process after a
   warm-up) and `diff` on light pairs of 50,000 / 200,000 / 800,000
   characters; median of 9, 5 and 3 runs for the three sizes.

The machine has few cores and may be busy: every figure in one table comes
from the same run, so compare the ratios. Results go to bench/results/
(git-ignored) as all.json; bench/README.md holds the latest figures by hand.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests" / "support"))

from bench_diff import (DIFFLIB_CHAR_CAP, _difflib_chars, _difflib_sentences,  # noqa: E402
                        _dmp_chars, build_text, make_pair, timed_child)
from speech import build_speech  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "gov-work-reports"
TARGETS = {
    "cold_check_median_s": 0.25,
    "cold_check_peak_mb": 120,
    "corpus_jobs2_s": 3.0,
    "diff_50k_work_s": 0.3,
    "diff_50k_vs_dmp": 10.0,
    "growth_16x": 20.0,
}


def machine():
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor()
    try:
        load = os.getloadavg()[0]
    except OSError:
        load = None
    return {"nproc": os.cpu_count(), "cpu": cpu, "python": platform.python_version(),
            "platform": platform.platform(), "load_1min_at_start": load}


def child_env(pycache: str):
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = pycache
    return env


def run_process(cmd, env, cwd=None):
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=cwd)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    return {"wall": wall, "cpu": ru.ru_utime + ru.ru_stime, "mb": ru.ru_maxrss / 1024,
            "exit": os.waitstatus_to_exitcode(status)}


def measure(cmd, runs, env, cwd=None):
    got = [run_process(cmd, env, cwd) for _ in range(runs)]
    walls = [g["wall"] for g in got]
    return {"median_s": statistics.median(walls), "min_s": min(walls), "max_s": max(walls),
            "cpu_median_s": statistics.median(g["cpu"] for g in got),
            "peak_mb": max(g["mb"] for g in got), "exit": got[0]["exit"], "runs": runs}


# ---- 1. cold start -----------------------------------------------------------

def bench_cold(tmp, runs, env):
    speech = Path(tmp) / "speech25k.txt"
    speech.write_text(build_speech(), encoding="utf-8")
    py = sys.executable
    rows = [
        ("python -c pass", [py, "-c", "pass"]),
        ("jieba.initialize()", [py, "-c", "import jieba, logging; jieba.setLogLevel(60); jieba.initialize()"]),
        ("doclint check speech (25k chars)", [py, "-m", "doclint", "check", str(speech)]),
        ("doclint --version", [py, "-m", "doclint", "--version"]),
    ]
    for _, cmd in rows:  # warm-up: bytecode and lexicon caches
        run_process(cmd, env, tmp)
    # Interleave the commands so that load from other processes hits all alike.
    got = {name: [] for name, _ in rows}
    for _ in range(runs):
        for name, cmd in rows:
            got[name].append(run_process(cmd, env, tmp))
    out = {}
    for name, g in got.items():
        walls = [x["wall"] for x in g]
        out[name] = {"median_s": statistics.median(walls), "min_s": min(walls), "max_s": max(walls),
                     "cpu_median_s": statistics.median(x["cpu"] for x in g),
                     "peak_mb": max(x["mb"] for x in g), "runs": runs}
    out["speech_chars"] = len(speech.read_text(encoding="utf-8"))
    return out


# ---- 2. corpus ---------------------------------------------------------------

def bench_corpus(runs, env):
    if not CORPUS.exists():
        return None
    size_mb = sum(f.stat().st_size for f in CORPUS.glob("*.txt")) / 1e6
    base = [sys.executable, "-m", "doclint", "check", str(CORPUS), "--exit-zero", "--format", "json"]
    out = {"size_mb": size_mb, "files": len(list(CORPUS.glob("*.txt")))}
    for jobs in (1, 2):
        r = measure(base + ["--jobs", str(jobs)], runs, env)
        r["mb_per_s"] = size_mb / r["median_s"]
        out[f"jobs{jobs}"] = r
    return out


# ---- 3. diff -----------------------------------------------------------------

def time_diff(old, new, runs):
    from doclint.diff.align import diff_documents
    from doclint.model.document import Document
    times, res = [], None
    for _ in range(runs):
        t = time.perf_counter()
        res = diff_documents(Document(old, "old"), Document(new, "new"))
        times.append(time.perf_counter() - t)
    return statistics.median(times), min(times), res


def bench_diff(files, timeout, quick):
    from doclint.diff.align import diff_texts
    diff_texts("预热一句话，加强建设。\n", "预热一句话，加强构建。\n")  # imports, lexicon
    pairs = [make_pair(files, "50k light", target_chars=50_000),
             make_pair(files, "50k heavy", target_chars=50_000, heavy=True)]
    if not quick:
        pairs.append(make_pair(files, "1 MB", target_bytes=1_000_000, seed=3))
    out = {}
    for label, old, new, _truth in pairs:
        runs = 5 if len(new) < 300_000 else 3
        med, best, res = time_diff(old, new, runs)
        st = res.stats()
        r = {"chars": len(new), "bytes": len(new.encode("utf-8")), "doclint_s": med, "doclint_min_s": best,
             "changes": {k: st[k] for k in ("modify", "insert", "delete", "move")},
             "budget_exhausted": st["budget_exhausted"],
             "difflib_sentence_s": timed_child(_difflib_sentences, old, new, timeout),
             "difflib_char_s": (timed_child(_difflib_chars, old, new, timeout)
                                if len(new) <= DIFFLIB_CHAR_CAP else "not run (quadratic)"),
             "dmp_char_s": timed_child(_dmp_chars, old, new, timeout), "timeout_s": timeout}
        out[label] = r
    return out


def bench_diff_growth(files, quick):
    sizes = [50_000, 200_000] if quick else [50_000, 200_000, 800_000]
    rows = []
    for k, n in enumerate(sizes):
        _, old, new, _ = make_pair(files, f"{n}", target_chars=n, seed=10 + k)
        med, _, _ = time_diff(old, new, (9, 5, 3)[k])   # more runs where one run is short
        rows.append({"chars": len(new), "s": med})
    return rows


# ---- 4. check growth (child process: work time after a warm-up) -------------

_GROWTH_CHILD = r"""
import json, statistics, sys, time
from doclint.files.reader import read_path
from doclint.engine.batch import FileChecker
from doclint.engine.session import Settings
paths = sys.argv[1:]
fc = FileChecker(Settings())
fc(paths[0])                      # warm-up: imports, lexicon, lazy regexes
out = []
for k, p in enumerate(paths):
    ts = []
    for _ in range((9, 5, 3)[k]):  # more runs where one run is short
        t = time.perf_counter(); r = fc(p); ts.append(time.perf_counter() - t)
        assert r.error is None, r.error
    out.append({"path": p, "s": statistics.median(ts), "findings": len(r.findings)})
print(json.dumps(out))
"""


def bench_check_growth(tmp, files, env, quick):
    sizes = [25_000, 100_000] if quick else [25_000, 100_000, 400_000]
    paths = []
    for n in sizes:
        p = Path(tmp) / f"growth{n}.txt"
        p.write_text(build_text(files, target_chars=n), encoding="utf-8")
        paths.append(str(p))
    r = subprocess.run([sys.executable, "-c", _GROWTH_CHILD] + paths, capture_output=True, text=True,
                       env=env, cwd=tmp)
    if r.returncode != 0:
        raise RuntimeError(r.stderr)
    rows = json.loads(r.stdout)
    for row, n in zip(rows, sizes):
        row["chars"] = len(Path(row.pop("path")).read_text(encoding="utf-8"))
    return rows


# ---- report ------------------------------------------------------------------

def fmt_s(x):
    if x is None:
        return "timeout"
    if isinstance(x, str):
        return x
    return f"{x * 1000:.0f} ms" if x < 10 else f"{x:.1f} s"


def report(res):
    m = res["machine"]
    lines = [f"doclint benchmark — {m['nproc']} CPUs ({m['cpu']}), Python {m['python']}, "
             f"load {m['load_1min_at_start']:.2f} at start" if m["load_1min_at_start"] is not None else ""]
    rows = []  # (section, item, figure, target, met)
    c = res.get("cold") or {}
    for name in [n for n in ("python -c pass", "jieba.initialize()", "doclint --version",
                             "doclint check speech (25k chars)") if n in c]:
        r = c[name]
        fig = (f"{fmt_s(r['median_s'])} median ({fmt_s(r['min_s'])}–{fmt_s(r['max_s'])}), "
               f"cpu {fmt_s(r['cpu_median_s'])}, {r['peak_mb']:.0f} MB")
        tgt = met = ""
        if name.startswith("doclint check"):
            tgt = "≤ 250 ms, ≤ 120 MB"
            met = (r["median_s"] <= TARGETS["cold_check_median_s"]
                   and r["peak_mb"] <= TARGETS["cold_check_peak_mb"])
        rows.append(("cold", name, fig, tgt, met))
    if c:
        jb = c["jieba.initialize()"]["median_s"]
        rows.append(("cold", "check / jieba init",
                     f"{c['doclint check speech (25k chars)']['median_s'] / jb:.2f}x", "", ""))
    if res.get("corpus"):
        co = res["corpus"]
        for jobs in (1, 2):
            r = co[f"jobs{jobs}"]
            tgt = "≤ 3 s" if jobs == 2 else ""
            met = r["median_s"] <= TARGETS["corpus_jobs2_s"] if jobs == 2 else ""
            rows.append(("corpus", f"{co['files']} reports, {co['size_mb']:.1f} MB, --jobs {jobs}",
                         f"{fmt_s(r['median_s'])} median, {r['mb_per_s']:.2f} MB/s, {r['peak_mb']:.0f} MB",
                         tgt, met))
    for label, r in res.get("diff", {}).items():
        dmp = r["dmp_char_s"]
        ratio = dmp / r["doclint_s"] if isinstance(dmp, float) else None
        fig = (f"doclint {fmt_s(r['doclint_s'])} | difflib sent {fmt_s(r['difflib_sentence_s'])} | "
               f"difflib char {fmt_s(r['difflib_char_s'])} | dmp char {fmt_s(dmp)}"
               + (f" ({ratio:.0f}x doclint)" if ratio else f" (> {r['timeout_s'] / r['doclint_s']:.0f}x)"))
        tgt = met = ""
        if label.startswith("50k"):
            tgt = "≤ 300 ms, ≥ 10x dmp"
            met = r["doclint_s"] <= TARGETS["diff_50k_work_s"] and (dmp is None or ratio >= TARGETS["diff_50k_vs_dmp"])
        rows.append(("diff", f"{label} ({r['chars']:,} chars, {r['bytes'] / 1e6:.2f} MB)", fig, tgt, met))
    for kind in ("check", "diff"):
        g = res.get(f"growth_{kind}")
        if not g:
            continue
        base = g[0]
        parts = [f"{row['chars'] // 1000}k {fmt_s(row['s'])}" for row in g]
        ratio = g[-1]["s"] / base["s"]
        size = g[-1]["chars"] / base["chars"]
        rows.append(("growth", f"{kind} at 1x/4x/16x", " | ".join(parts) + f"  → {size:.0f}x size: {ratio:.1f}x time",
                     "16x size ≤ 20x time", ratio <= TARGETS["growth_16x"] * size / 16))
    w1 = max(len(r[1]) for r in rows)
    w2 = max(len(r[2]) for r in rows)
    lines.append("")
    lines.append(f"{'':<7} {'':<{w1}}  {'figure':<{w2}}  target")
    for sec, item, fig, tgt, met in rows:
        flag = "" if met == "" else ("  met" if met else "  NOT MET")
        lines.append(f"{sec:<7} {item:<{w1}}  {fig:<{w2}}  {tgt}{flag}")
    return "\n".join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=15, help="cold-start runs per command")
    ap.add_argument("--corpus-runs", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=60.0, help="limit per baseline diff run (s)")
    ap.add_argument("--quick", action="store_true", help="fewer runs, no 1 MB diff, smaller growth")
    ap.add_argument("--only", default="cold,corpus,growth,diff",
                    help="comma-separated parts to run: cold, corpus, growth, diff")
    ap.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "all.json")
    args = ap.parse_args(argv)
    if args.quick:
        args.runs, args.corpus_runs = min(args.runs, 5), 1
    files = sorted(CORPUS.glob("*.txt"))
    if not files:
        sys.exit(f"bench/run.py: corpus not found at {CORPUS}")
    res = {"machine": machine(), "started": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())}
    with tempfile.TemporaryDirectory() as tmp:
        env = child_env(str(Path(tmp) / "pycache"))
        only = {p.strip() for p in args.only.split(",")}
        if "cold" in only:
            print("cold start ...", file=sys.stderr)
            res["cold"] = bench_cold(tmp, args.runs, env)
        if "corpus" in only:
            print("corpus ...", file=sys.stderr)
            res["corpus"] = bench_corpus(args.corpus_runs, env)
        if "growth" in only:
            print("check growth ...", file=sys.stderr)
            res["growth_check"] = bench_check_growth(tmp, files, env, args.quick)
        if "diff" in only:
            print("diff ...", file=sys.stderr)
            res["diff"] = bench_diff(files, args.timeout, args.quick)
            print("diff growth ...", file=sys.stderr)
            res["growth_diff"] = bench_diff_growth(files, args.quick)
    res["targets"] = TARGETS
    text = report(res)
    print(text)
    res["table"] = text
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(res, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"\nwritten: {args.json}")
    return res


if __name__ == "__main__":
    main()
