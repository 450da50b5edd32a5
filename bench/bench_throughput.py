"""Warm-process throughput of `doclint check` (all checks) on the national corpus.

One process, one Session (what `doclint check DIR` uses); a warm-up pass over
all 52 reports first (lexicon, tables and regexes built), then N timed passes.
Times are CPU seconds of this process (time.process_time), and the figure is
the minimum over the runs: the machine is shared, and CPU time and minimums
are the least disturbed by other processes. Then one pass under cProfile,
printed as the top functions by own time; and with --by-check, CPU time per
check (the plan's checks run one by one on every document).

    python bench/bench_throughput.py [--runs 5] [--top 15] [--by-check]
"""
from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = Path(os.environ.get("DOCLINT_SHARED", ROOT.parent / "shared")) / "corpus" / "gov-work-reports"


def load_docs():
    return [(str(p), p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.txt"))]


def lint_all(session, docs):
    from doclint.model.document import Document
    n = 0
    for path, text in docs:
        n += len(session.lint(Document(text, path=path)))
    return n


def timed(session, docs):
    t0 = time.process_time()
    lint_all(session, docs)
    return time.process_time() - t0


def top_functions(session, docs, top):
    prof = cProfile.Profile()
    prof.enable()
    lint_all(session, docs)
    prof.disable()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(top)
    lines = out.getvalue().splitlines()
    start = next(i for i, line in enumerate(lines) if line.lstrip().startswith("ncalls"))
    root = str(ROOT) + "/"
    return [line.replace(root, "") for line in lines[start:] if line.strip()]


def by_check(session, docs):
    """CPU seconds per check code over the corpus (each check alone, one warm pass)."""
    from doclint.engine.session import make_plan
    from doclint.model.document import Document
    plan = session.plan(session.config_for(docs[0][0]))
    times = {}
    for check in plan.checks:
        sub = make_plan(plan.config, [check.code], dictionaries=plan.dictionaries)
        from doclint.engine.session import lint
        t0 = time.process_time()
        for path, text in docs:
            lint(Document(text, path=path).with_user_words(sub.user_words), sub)
        times[check.code] = time.process_time() - t0
    return times


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--by-check", action="store_true", help="also CPU time per check")
    args = ap.parse_args(argv)
    if not CORPUS.exists():
        print(f"corpus not found at {CORPUS}; skipping")
        return {}
    from doclint.engine.session import Session, Settings
    docs = load_docs()
    chars = sum(len(t) for _, t in docs)
    session = Session(Settings())
    findings = lint_all(session, docs)          # warm-up
    runs = [timed(session, docs) for _ in range(args.runs)]
    best = min(runs)
    print(f"corpus: {len(docs)} reports, {chars:,} characters, {findings} findings")
    print(f"CPU s per pass: min {best:.3f}  max {max(runs):.3f}  ({args.runs} runs)")
    print(f"throughput: {chars / best:,.0f} characters/s (CPU, min)")
    if args.top > 0:
        print(f"\ntop {args.top} functions by own time (cProfile, one pass; profiling slows it down):")
        for line in top_functions(session, docs, args.top):
            print(line)
    out = {"chars": chars, "cpu_s_min": best, "chars_per_s": chars / best}
    if args.by_check:
        times = by_check(session, docs)
        print("\nCPU s per check (each alone, one pass):")
        for code, t in sorted(times.items(), key=lambda kv: -kv[1]):
            print(f"  {code:<7} {t:7.3f}")
        out["by_check"] = times
    return out


if __name__ == "__main__":
    main()
