"""All of doclint's benchmarks in one command: one table, one JSON file.

    python bench/run.py [--runs 21] [--quick] [--timeout 60] [--json PATH] [--only PARTS]

Every figure is reported beside references measured in the same run, in the
same process tree, interleaved round by round (so load from other processes
hits all alike), and targets are judged on the ratio, not on milliseconds:

- `python -c pass` (the interpreter), the import floor
  `python -c "import click, regex"` (what any run of the CLI must import),
  and `import jieba; jieba.initialize()` (the usual way to segment Chinese);
- a ratio is taken per round (check_i / floor_i) and given as median and
  min–max over the rounds; a target is "met" when the 75th percentile of the
  ratios meets it, "NOT MET" when the 25th percentile misses it, otherwise
  "borderline" (the runs do not decide: run again with more --runs).

1. Cold start: `doclint check` on the seed speech (../shared/seeds, 8,698
   characters) and on a 25,000-character speech (bench/speech.py), each a fresh
   process; bytecode cached as for an installed package (PYTHONPYCACHEPREFIX in
   a temporary folder), doclint's cache folder warm. Wall time, CPU time
   (user+sys) and peak memory (max RSS).
2. First run: the same check of the seed with an empty cache folder
   (DOCLINT_CACHE_DIR new each run): what a new machine pays once.
3. Throughput: every check on the 52 national reports in one warm process,
   CPU time (time.process_time, least of runs), characters per second per
   core; and the CLI on the whole folder with --jobs 1, --jobs 2 and the
   default, wall and CPU time.
4. Growth: `check` and `diff` in one warm process on 1x/4x/16x/64x of
   distinct real text (bench/bench_growth.py): ratio per 4x and exponent,
   peak memory of a 64x check in a fresh process.
5. `doclint diff` on revision pairs (real reports concatenated, planted edits;
   bench/bench_diff.py) of 50,000 characters and 1 MB beside difflib and
   diff-match-patch, each baseline in a child process with a time limit.

Results go to bench/results/ (git-ignored) as all.json; bench/README.md holds
the latest figures by hand.
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
                        _dmp_chars, make_pair, timed_child)
from speech import build_speech  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "gov-work-reports"
SEED = ROOT.parent / "shared" / "seeds" / "000_ab06478cd3cfddd3.txt"
FLOOR = "import click, regex"
TARGETS = {
    "cold_check_vs_floor": 1.6,       # cold check of the seed / import floor
    "first_run_s": 0.5,               # empty cache, this machine
    "throughput_chars_per_s": 1_000_000,
    "growth_per_4x": 4.4,             # every step 1x..64x, check and diff
    "peak_64x_mb": 100,
    "diff_50k_work_s": 0.3,
    "diff_50k_vs_dmp": 10.0,
}


def quantile(xs, q):
    xs = sorted(xs)
    if not xs:
        return float("nan")
    pos = (len(xs) - 1) * q
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def verdict(values, target, lower_is_better=True):
    """met / NOT MET / borderline: the 75th percentile meets the target, the 25th misses it, or neither."""
    hi, lo = quantile(values, 0.75), quantile(values, 0.25)
    if not lower_is_better:
        hi, lo = -lo, -hi
        target = -target
    if hi <= target:
        return "met"
    if lo > target:
        return "NOT MET"
    return "borderline"


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


# ---- 1. cold start, 2. first run ---------------------------------------------

def _spread(values):
    return {"median": statistics.median(values), "min": min(values), "max": max(values),
            "q25": quantile(values, 0.25), "q75": quantile(values, 0.75)}


def bench_cold(tmp, runs, env):
    speech = Path(tmp) / "speech25k.txt"
    speech.write_text(build_speech(), encoding="utf-8")
    py = sys.executable
    rows = [
        ("python -c pass", [py, "-c", "pass"]),
        ("import floor", [py, "-c", FLOOR]),
        ("jieba.initialize()", [py, "-c", "import jieba, logging; jieba.setLogLevel(60); jieba.initialize()"]),
        ("doclint --version", [py, "-m", "doclint", "--version"]),
        ("doclint check seed", [py, "-m", "doclint", "check", str(SEED)]),
        ("doclint check speech 25k", [py, "-m", "doclint", "check", str(speech)]),
    ]
    for _, cmd in rows:  # warm-up: bytecode and doclint's caches
        run_process(cmd, env, tmp)
    got = {name: [] for name, _ in rows}
    for _ in range(runs):
        for name, cmd in rows:
            got[name].append(run_process(cmd, env, tmp))
    out = {}
    floor = got["import floor"]
    for name, g in got.items():
        out[name] = {"wall": _spread([x["wall"] for x in g]), "cpu": _spread([x["cpu"] for x in g]),
                     "peak_mb": max(x["mb"] for x in g), "runs": runs,
                     "vs_floor_wall": _spread([x["wall"] / f["wall"] for x, f in zip(g, floor)]),
                     "vs_floor_cpu": _spread([x["cpu"] / f["cpu"] for x, f in zip(g, floor)])}
    out["ratios_wall"] = {name: [x["wall"] / f["wall"] for x, f in zip(g, floor)] for name, g in got.items()}
    out["speech_chars"] = len(speech.read_text(encoding="utf-8"))
    return out


def bench_first_run(tmp, runs, env):
    """The check of the seed with an empty cache folder each run, beside the import floor."""
    py = sys.executable
    got, floor = [], []
    for k in range(runs):
        e = dict(env, DOCLINT_CACHE_DIR=str(Path(tmp) / f"empty-cache-{k}"))
        floor.append(run_process([py, "-c", FLOOR], env, tmp))
        got.append(run_process([py, "-m", "doclint", "check", str(SEED)], e, tmp))
    return {"wall": _spread([x["wall"] for x in got]), "cpu": _spread([x["cpu"] for x in got]),
            "peak_mb": max(x["mb"] for x in got), "walls": [x["wall"] for x in got],
            "vs_floor_wall": _spread([x["wall"] / f["wall"] for x, f in zip(got, floor)])}


# ---- 3. throughput -------------------------------------------------------------

_THROUGHPUT_CHILD = r"""
import json, sys, time
from pathlib import Path
from doclint.api import lint_text
texts = [p.read_text("utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
lint_text(texts[0])                                   # warm-up: imports, lexicon, patterns
best = []
for _ in range(int(sys.argv[2])):
    t = time.process_time()
    for text in texts:
        lint_text(text)
    best.append(time.process_time() - t)
chars = sum(len(t) for t in texts)
print(json.dumps({"chars": chars, "cpu_s": best}))
"""


def bench_throughput(runs, env):
    if not CORPUS.exists():
        return None
    r = subprocess.run([sys.executable, "-c", _THROUGHPUT_CHILD, str(CORPUS), str(runs)],
                       capture_output=True, text=True, env=env)
    if r.returncode != 0:
        raise RuntimeError(r.stderr)
    d = json.loads(r.stdout)
    rates = [d["chars"] / s for s in d["cpu_s"]]
    return {"chars": d["chars"], "cpu_s": d["cpu_s"], "chars_per_s": _spread(rates), "rates": rates}


def bench_corpus(runs, env):
    if not CORPUS.exists():
        return None
    size_mb = sum(f.stat().st_size for f in CORPUS.glob("*.txt")) / 1e6
    base = [sys.executable, "-m", "doclint", "check", str(CORPUS), "--exit-zero", "--format", "json"]
    out = {"size_mb": size_mb, "files": len(list(CORPUS.glob("*.txt")))}
    variants = {"jobs 1": ["--jobs", "1"], "jobs 2": ["--jobs", "2"], "default": []}
    got = {k: [] for k in variants}
    for _ in range(runs):               # interleaved
        for k, extra in variants.items():
            got[k].append(run_process(base + extra, env))
    for k, g in got.items():
        out[k] = {"wall": _spread([x["wall"] for x in g]), "cpu": _spread([x["cpu"] for x in g]),
                  "peak_mb": max(x["mb"] for x in g),
                  "vs_jobs1_wall": _spread([x["wall"] / y["wall"] for x, y in zip(g, got["jobs 1"])])}
    return out


# ---- 5. diff -----------------------------------------------------------------

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


# ---- 4. growth (bench/bench_growth.py) ------------------------------------------

def bench_growth(quick):
    """check and diff at 1x..64x in warm child processes, and a 64x check's peak memory."""
    import bench_growth
    return bench_growth.measure_all(quick=quick)


# ---- report ------------------------------------------------------------------

def fmt_s(x):
    if x is None:
        return "timeout"
    if isinstance(x, str):
        return x
    return f"{x * 1000:.0f} ms" if x < 10 else f"{x:.1f} s"


def _ratio_fig(sp):
    return f"{sp['median']:.2f}x ({sp['min']:.2f}–{sp['max']:.2f})"


def _cold_rows(c):
    rows = []
    for name in ("python -c pass", "import floor", "jieba.initialize()", "doclint --version",
                 "doclint check seed", "doclint check speech 25k"):
        r = c[name]
        fig = (f"{fmt_s(r['wall']['median'])} ({fmt_s(r['wall']['min'])}–{fmt_s(r['wall']['max'])}), "
               f"cpu {fmt_s(r['cpu']['median'])}, {r['peak_mb']:.0f} MB; floor x {_ratio_fig(r['vs_floor_wall'])}")
        tgt, met = "", ""
        if name == "doclint check seed":
            tgt = f"≤ {TARGETS['cold_check_vs_floor']}x floor"
            met = verdict(c["ratios_wall"][name], TARGETS["cold_check_vs_floor"])
        rows.append(("cold", name, fig, tgt, met))
    return rows


def _growth_rows(g):
    rows = []
    for kind in ("check", "diff"):
        steps = g.get(kind)
        if not steps:
            continue
        parts = [f"{row['label']} {fmt_s(row['cpu_s'])}" for row in steps]
        ratios = [b["cpu_s"] / a["cpu_s"] * (4 * a["chars"] / b["chars"]) for a, b in zip(steps, steps[1:])]
        fig = " | ".join(parts) + "; per 4x: " + ", ".join(f"{r:.2f}" for r in ratios)
        worst = max(ratios) if ratios else float("nan")
        rows.append(("growth", f"{kind} 1x…{steps[-1]['label']}", fig, f"each step ≤ {TARGETS['growth_per_4x']}x",
                     "met" if worst <= TARGETS["growth_per_4x"] else "NOT MET"))
    if g.get("peak_64x_mb") is not None:
        rows.append(("growth", "check 64x peak memory", f"{g['peak_64x_mb']:.0f} MB",
                     f"≤ {TARGETS['peak_64x_mb']} MB", "met" if g["peak_64x_mb"] <= TARGETS["peak_64x_mb"] else "NOT MET"))
    return rows


def report(res):
    m = res["machine"]
    lines = [f"doclint benchmark — {m['nproc']} CPUs ({m['cpu']}), Python {m['python']}, "
             f"load {m['load_1min_at_start']:.2f} at start" if m["load_1min_at_start"] is not None else ""]
    rows = []  # (section, item, figure, target, verdict)
    if res.get("cold"):
        rows += _cold_rows(res["cold"])
    if res.get("first_run"):
        f = res["first_run"]
        rows.append(("first", "check seed, empty cache",
                     f"{fmt_s(f['wall']['median'])} ({fmt_s(f['wall']['min'])}–{fmt_s(f['wall']['max'])}), "
                     f"{f['peak_mb']:.0f} MB; floor x {_ratio_fig(f['vs_floor_wall'])}",
                     f"≤ {TARGETS['first_run_s']} s", verdict(f["walls"], TARGETS["first_run_s"])))
    if res.get("throughput"):
        t = res["throughput"]
        sp = t["chars_per_s"]
        rows.append(("speed", f"all checks, warm, {t['chars']:,} chars",
                     f"{sp['median'] / 1e6:.2f} M chars/s per core ({sp['min'] / 1e6:.2f}–{sp['max'] / 1e6:.2f})",
                     "≥ 1.00 M chars/s", verdict(t["rates"], TARGETS["throughput_chars_per_s"], lower_is_better=False)))
    if res.get("corpus"):
        co = res["corpus"]
        for k in ("jobs 1", "jobs 2", "default"):
            r = co[k]
            rows.append(("corpus", f"CLI, {co['files']} reports, {co['size_mb']:.1f} MB, {k}",
                         f"{fmt_s(r['wall']['median'])} ({fmt_s(r['wall']['min'])}–{fmt_s(r['wall']['max'])}), "
                         f"cpu {fmt_s(r['cpu']['median'])}, {r['peak_mb']:.0f} MB; / jobs 1: "
                         f"{_ratio_fig(r['vs_jobs1_wall'])}", "", ""))
    if res.get("growth"):
        rows += _growth_rows(res["growth"])
    for label, r in res.get("diff", {}).items():
        dmp = r["dmp_char_s"]
        ratio = dmp / r["doclint_s"] if isinstance(dmp, float) else None
        fig = (f"doclint {fmt_s(r['doclint_s'])} | difflib sent {fmt_s(r['difflib_sentence_s'])} | "
               f"difflib char {fmt_s(r['difflib_char_s'])} | dmp char {fmt_s(dmp)}"
               + (f" ({ratio:.0f}x doclint)" if ratio else f" (> {r['timeout_s'] / r['doclint_s']:.0f}x)"))
        tgt = met = ""
        if label.startswith("50k"):
            tgt = "≤ 300 ms, ≥ 10x dmp"
            ok = r["doclint_s"] <= TARGETS["diff_50k_work_s"] and (dmp is None or ratio >= TARGETS["diff_50k_vs_dmp"])
            met = "met" if ok else "NOT MET"
        rows.append(("diff", f"{label} ({r['chars']:,} chars, {r['bytes'] / 1e6:.2f} MB)", fig, tgt, met))
    w1 = max(len(r[1]) for r in rows)
    w2 = max(len(r[2]) for r in rows)
    lines.append("")
    lines.append(f"{'':<7} {'':<{w1}}  {'figure':<{w2}}  target")
    for sec, item, fig, tgt, met in rows:
        lines.append(f"{sec:<7} {item:<{w1}}  {fig:<{w2}}  {tgt}{'  ' + met if met else ''}")
    return "\n".join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=21, help="cold-start rounds (each runs every command once)")
    ap.add_argument("--first-runs", type=int, default=5, help="runs with an empty cache")
    ap.add_argument("--corpus-runs", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=60.0, help="limit per baseline diff run (s)")
    ap.add_argument("--quick", action="store_true", help="fewer runs, no 1 MB diff, growth to 16x")
    ap.add_argument("--only", default="cold,first,throughput,corpus,growth,diff",
                    help="comma-separated parts: cold, first, throughput, corpus, growth, diff")
    ap.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "all.json")
    args = ap.parse_args(argv)
    if args.quick:
        args.runs, args.first_runs, args.corpus_runs = min(args.runs, 7), 3, 1
    files = sorted(CORPUS.glob("*.txt"))
    if not files or not SEED.exists():
        sys.exit(f"bench/run.py: ../shared not found (corpus {CORPUS}, seed {SEED})")
    res = {"machine": machine(), "started": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())}
    with tempfile.TemporaryDirectory() as tmp:
        env = child_env(str(Path(tmp) / "pycache"))
        only = {p.strip() for p in args.only.split(",")}
        parts = [("cold", lambda: bench_cold(tmp, args.runs, env)),
                 ("first", lambda: bench_first_run(tmp, args.first_runs, env)),
                 ("throughput", lambda: bench_throughput(args.corpus_runs + 2, env)),
                 ("corpus", lambda: bench_corpus(args.corpus_runs, env)),
                 ("growth", lambda: bench_growth(args.quick)),
                 ("diff", lambda: bench_diff(files, args.timeout, args.quick))]
        for name, fn in parts:
            if name in only:
                print(f"{name} ...", file=sys.stderr)
                res["first_run" if name == "first" else name] = fn()
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
