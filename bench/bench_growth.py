"""Growth of in-process `check` time from 1x to 64x of distinct real text, and peak memory at 64x.

    python bench/bench_growth.py [--runs N] [--sizes 1,4,16,64] [--no-memory] [--no-per-check]

Input: the national reports of ../shared/corpus/gov-work-reports, newest first,
concatenated (each report's text as it is, joined by a newline) and cut at
k x 8,698 characters (the seed speech's size): distinct real text at every size,
never a copy of the same report (a repeated text would make DL602 report
everything).

Timed: all checks through the session (`doclint.engine.session.lint`, the path
the command line takes), Document construction included, in one process after a
warm-up on the 1x text; CPU time (time.process_time), the minimum of N runs —
the machine is shared, and CPU minimums are what stays put under load. Printed
per size: time and characters per second; per 4x step: the ratio and the
exponent (log ratio / log 4; 1.0 is linear). Target (issue #17): ≤ 4.4x per 4x
at every step (exponent ≤ 1.07).

Per check at the largest size: each check on a fresh Document in plan order,
after the shared work has been timed as rows of its own: "views" (lines,
paragraphs, sentences, headings, …; tokens are segmented on demand) and "page
chrome" (DL701's analysis, which DL511 and DL201 use too). Top 8 with their
growth from the previous size.

Peak memory: a 64x check in a fresh child process (python -c, the same
imports; its VmHWM, the whole process, start-up included).
Target: ≤ 100 MB.

For other commands (`diff`): `growth(label, run, inputs, runs)` times any
callable on prepared inputs and prints the same table; `peak_rss(code)` measures
a snippet in a fresh process (it prints its ru_maxrss in MB last). For example,
with bench_diff.make_pair's revision pairs (bench/ and tests/support on sys.path;
tried at 1x..16x: x1.7, x3.4):

    pairs = {k: make_pair(files, f"{k}x", target_chars=UNIT * k)[1:3] for k in SIZES}
    growth("diff", lambda pair: diff_documents(Document(pair[0]), Document(pair[1])),
           {k: (p, len(p[1])) for k, p in pairs.items()})
"""
from __future__ import annotations

import argparse
import math
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable, Dict, List, Sequence, Tuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CORPUS = ROOT.parent / "shared" / "corpus" / "gov-work-reports"
UNIT = 8_698          # characters of the seed speech
SIZES = (1, 4, 16, 64)
TARGET_RATIO = 4.4
TARGET_MB = 100.0


def corpus_texts(corpus: Path = CORPUS) -> List[str]:
    """The reports, newest first (file names start with the year)."""
    return [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"), reverse=True)]


def build(texts: Sequence[str], chars: int) -> str:
    """The reports concatenated (joined by newlines) and cut at `chars` characters of report text."""
    out, size = [], 0
    for t in texts:
        if size >= chars:
            break
        out.append(t[: chars - size])
        size += len(out[-1])
    if size < chars:
        raise SystemExit(f"bench_growth: the corpus has only {size:,} characters, {chars:,} needed")
    return "\n".join(out)


def cpu_min(run: Callable[[], object], runs: int) -> float:
    """Minimum CPU seconds of `runs` calls."""
    best = math.inf
    for _ in range(runs):
        t0 = time.process_time()
        run()
        best = min(best, time.process_time() - t0)
    return best


def runs_for(k: int, runs: int) -> int:
    """Fewer runs above 4x (they take longer), never fewer than 5: a busy machine slows the
    big sizes most (their data does not stay in the CPU caches), and the minimum needs runs."""
    return runs if k <= 4 else max(5, runs // 2)


def growth(label: str, run: Callable[[object], object], inputs: Dict[int, Tuple[object, int]],
           runs: int = 9) -> Dict[int, float]:
    """Time `run(input)` at each size k of `inputs` ({k: (input, characters)}) and print the table.

    A warm-up call on the smallest input comes first. Returns {k: CPU seconds}."""
    ks = sorted(inputs)
    run(inputs[ks[0]][0])  # warm-up: imports, lexicon, regex programs
    times: Dict[int, float] = {}
    print(f"{label}: CPU time, min of runs (after a warm-up)")
    print(f"  {'size':>5} {'chars':>10} {'runs':>5} {'ms':>9} {'Mchar/s':>8} {'ratio':>7} {'exponent':>9}")
    prev = None
    worst = 0.0
    for k in ks:
        data, chars = inputs[k]
        n = runs_for(k, runs)
        t = times[k] = cpu_min(lambda: run(data), n)
        ratio = exp = ""
        if prev is not None:
            r = t / times[prev] if times[prev] else math.inf
            step = k / prev
            worst = max(worst, math.log(r) / math.log(step))
            ratio, exp = f"x{r:.2f}", f"{math.log(r) / math.log(step):.3f}"
        print(f"  {k:>4}x {chars:>10,} {n:>5} {t * 1000:>9.1f} {chars / t / 1e6 if t else 0:>8.2f} {ratio:>7} {exp:>9}")
        prev = k
    limit = math.log(TARGET_RATIO) / math.log(4)
    verdict = "met" if worst <= limit else "NOT met"
    print(f"  worst exponent {worst:.3f} (target ≤ {limit:.3f}, i.e. ≤ x{TARGET_RATIO} per 4x): {verdict}")
    return times


def peak_rss(code: str) -> float:
    """Peak RSS in MB of a fresh `python -c code`; the snippet prints its own ru_maxrss in MB last."""
    proc = subprocess.run([sys.executable, "-c", code], cwd=str(ROOT), capture_output=True, text=True)
    if proc.returncode:
        raise SystemExit(f"bench_growth: memory child failed:\n{proc.stderr}")
    return float(proc.stdout.strip().splitlines()[-1])


_MEMORY_CHILD = """
import resource, sys
sys.path.insert(0, {root!r})
sys.path.insert(0, {bench!r})
from bench_growth import build, corpus_texts, UNIT, CORPUS
from pathlib import Path
text = build(corpus_texts(Path({corpus!r})), UNIT * {k})
from doclint.api import _session
from doclint.engine.config import Config
from doclint.engine.session import lint
from doclint.model.document import Document
plan = _session(None, (), None, "zh", None).plan(Config())
lint(Document(text, path="x.txt"), plan)
# VmHWM: this process image's own peak. ru_maxrss can keep the peak of the parent that forked
# it (Linux carries it over an exec), which made a 64 MB check read 159 MB under bench/run.py.
try:
    hwm = [ln for ln in open("/proc/self/status") if ln.startswith("VmHWM:")][0]
    print(int(hwm.split()[1]) / 1024)
except (OSError, IndexError):
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def check_plan():
    from doclint.api import _session
    from doclint.engine.config import Config
    return _session(None, (), None, "zh", None).plan(Config())


_VIEWS = ("lines", "paragraphs", "sentences", "sentence_starts", "headings",
          "time_expressions", "protected", "year")


def per_check(plan, text: str, runs: int) -> Dict[str, float]:
    """CPU seconds per check (min of runs) on a fresh Document, in plan order.

    Shared work first, as rows of its own: "views" (the Document's views) and
    "page chrome" (DL701's analysis of web-page residue, cached per document and
    used by DL701, DL511 and DL201: whichever needs it first would be charged
    with it, at one size and not the other)."""
    from doclint.model.document import Document
    best: Dict[str, float] = {}

    def timed(name, work):
        t0 = time.process_time()
        work()
        best[name] = min(best.get(name, math.inf), time.process_time() - t0)

    for _ in range(runs):
        doc = Document(text, path="x.txt").with_user_words(plan.user_words)
        timed("views", lambda: [getattr(doc, name, None) for name in _VIEWS])
        if "DL701" in plan.contexts:
            from doclint.checks._chrome import page_chrome
            timed("page chrome", lambda: page_chrome(doc, plan.contexts["DL701"]))
        for check in plan.checks:
            timed(check.code, lambda: list(check(doc, plan.contexts[check.code]) or ()))
    return best


def print_per_check(small: Dict[str, float], big: Dict[str, float], k_small: int, k_big: int, top: int = 8):
    print(f"per check at {k_big}x (CPU ms, min of runs; growth from {k_small}x):")
    for code in sorted(big, key=lambda c: -big[c])[:top]:
        g = big[code] / small[code] if small.get(code) else math.inf
        print(f"  {code:<12} {big[code] * 1000:>8.1f} ms   x{g:.1f}")


def measure_all(quick: bool = False, runs: int = 9) -> Dict[str, object]:
    """For bench/run.py: check growth (1x..64x of UNIT; 1x..16x when quick), diff growth on the
    differ's growth pairs (bench_diff_scaling.pair_growth: reports with planted edits) with the
    same unit, so that 64x (557,000 characters) is still distinct real text (with the differ's own
    25,000-character unit 64x is 1.6 M characters and repeats the corpus: bench_diff_scaling.py
    --growth measures that), and the peak of the largest check. The tables this module prints
    go to stderr; the figures come back as {"check": [{label, chars, cpu_s}], "diff": [...],
    "peak_64x_mb": MB}."""
    import contextlib
    sizes = [1, 4, 16] if quick else list(SIZES)
    texts = corpus_texts()
    from doclint.engine.session import lint
    from doclint.model.document import Document
    plan = check_plan()
    out: Dict[str, object] = {}
    with contextlib.redirect_stdout(sys.stderr):
        inputs = {k: (build(texts, UNIT * k), 0) for k in sizes}
        inputs = {k: (t, len(t)) for k, (t, _) in inputs.items()}
        times = growth("check", lambda text: lint(Document(text, path="x.txt").with_user_words(plan.user_words),
                                                  plan), inputs, runs)
        out["check"] = [{"label": f"{k}x", "chars": inputs[k][1], "cpu_s": times[k]} for k in sizes]
        sys.path.insert(0, str(ROOT / "tests" / "support"))
        from bench_diff_scaling import pair_growth
        from doclint.diff.align import diff_documents
        pairs = {k: pair_growth(k, base=UNIT) for k in sizes}
        times = growth("diff", lambda pair: diff_documents(Document(pair[0], "old"), Document(pair[1], "new")),
                       {k: (p, len(p[1])) for k, p in pairs.items()}, max(5, runs // 2))
        out["diff"] = [{"label": f"{k}x", "chars": len(pairs[k][1]), "cpu_s": times[k]} for k in sizes]
        k = sizes[-1]
        out["peak_64x_mb"] = peak_rss(_MEMORY_CHILD.format(root=str(ROOT), bench=str(ROOT / "bench"),
                                                           corpus=str(CORPUS), k=k)) if k == 64 else None
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=9, help="runs at 1x and 4x (fewer above)")
    ap.add_argument("--sizes", default=",".join(map(str, SIZES)), help="multiples of 8,698 characters")
    ap.add_argument("--no-memory", action="store_true")
    ap.add_argument("--no-per-check", action="store_true")
    args = ap.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"bench_growth: skipped: {CORPUS} is absent (the shared corpus lives beside the repo, ../shared)")
        return 0
    sizes = sorted(int(x) for x in args.sizes.split(","))
    texts = corpus_texts()
    inputs = {k: (build(texts, UNIT * k), 0) for k in sizes}
    inputs = {k: (t, len(t)) for k, (t, _) in inputs.items()}

    from doclint.engine.session import lint
    from doclint.model.document import Document
    plan = check_plan()
    print(f"bench_growth — Python {sys.version.split()[0]}, {len(texts)} reports, unit {UNIT:,} characters")
    growth("check (all checks, in-process)",
           lambda text: lint(Document(text, path="x.txt").with_user_words(plan.user_words), plan),
           inputs, args.runs)
    if not args.no_per_check and len(sizes) >= 2:
        k_small, k_big = sizes[-2], sizes[-1]
        small = per_check(plan, inputs[k_small][0], 3)
        big = per_check(plan, inputs[k_big][0], 2)
        print_per_check(small, big, k_small, k_big)
    if not args.no_memory:
        k = sizes[-1]
        code = _MEMORY_CHILD.format(root=str(ROOT), bench=str(ROOT / "bench"), corpus=str(CORPUS), k=k)
        mb = peak_rss(code)
        verdict = "met" if mb <= TARGET_MB else "NOT met"
        print(f"peak RSS of a {k}x check in a fresh process: {mb:.1f} MB (target ≤ {TARGET_MB:.0f} MB): {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
