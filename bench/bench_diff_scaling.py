"""Scaling of `doclint diff`: time and peak memory at growing sizes, per class of input.

    python bench/bench_diff_scaling.py [--classes a,b] [--growth] [--timeout S] [--json PATH]

Every figure is the differ's work after start-up (`diff_documents` on two
Documents, the Document model included) in a fresh child process: the pair
is written to a temporary file, the child loads doclint and runs a tiny
warm-up pair, then records its peak RSS (ru_maxrss), runs the diff and
reports its CPU time (process time: the machine these figures come from is
shared, and wall time swings with its load; wall time is shown beside it; the
system part of it is shown too: mostly page faults, see the faults column, for
memory the process had not used before) and
the growth of the peak RSS (rapidfuzz allocates in C++, which tracemalloc
would not see). Each size runs --repeat times (least CPU time, largest
memory). A run that hits the time limit is shown as "> N s" and counts as a
failure.

Pathological classes (issue 18), at 1x / 4x / 16x:
- `repeated`: N copies of one sentence per line, every 50th changed in the new
  draft (16,000 identical lines took 51 s: difflib's anchor search is
  quadratic on repeated keys);
- `identical`: N copies of one line on both sides, nothing changed;
- `long-sentence`: one sentence of 6,250 / 25,000 / 100,000 characters (real
  report text with its sentence ends turned into commas, no line breaks), a
  word replaced every ~400 characters (100,000 characters took 1.2 GB);
- `rewrite`: two unrelated real reports of the same size (nothing in common:
  every sentence is fuzzy-compared within the budget);
- `shuffled`: the new draft is the old one's paragraphs in a random order;
- `template`: numbered sentences from one template, each edited (every pair
  is a near match).
Growth (issue 17, `--growth`): light revision pairs (planted edits, one sentence
in twenty, bench_diff.make_pair) of distinct real text at 1x, 4x, 16x, 64x of
25,000 characters (25k … 1.6M), reported as the time ratio per 4x of input
(linear = 4.0; target <= 4.4) and the exponent log(ratio)/log(4). The corpus
has 1.1 M characters, so the 64x pair repeats the first reports; reports from
the 1990s on have shorter sentences (31-36 characters against 45-46), so the
sentences (the differ's unit) grow faster than the characters at the last
step: each row also shows the sentence count and the growth of the time per
sentence.

Each class is run at 1x, 4x, 16x (and 64x for growth) and reported with the
ratio per 4x; the target for the pathological classes is <= 4.5x per 4x.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests" / "support"))

CORPUS = ROOT.parent / "shared" / "corpus" / "gov-work-reports"
PROVINCIAL = ROOT.parent / "shared" / "corpus" / "provincial-2026"
BASE = 25_000          # 1x of the real-text classes, in characters
TARGET_PATHOLOGICAL = 4.5
TARGET_GROWTH = 4.4

_CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[2])
from doclint.diff.align import diff_documents
from doclint.model.document import Document
diff_documents(Document("预热一句话，加强建设。\n"), Document("预热一句话，加强构建。\n"))
pair = json.load(open(sys.argv[1], encoding="utf-8"))
old, new = pair["old"], pair["new"]
r0 = resource.getrusage(resource.RUSAGE_SELF)
base = r0.ru_maxrss
t, c = time.perf_counter(), time.process_time()
res = diff_documents(Document(old, "old"), Document(new, "new"))
dt, dc = time.perf_counter() - t, time.process_time() - c
r1 = resource.getrusage(resource.RUSAGE_SELF)
peak = r1.ru_maxrss
st = res.stats()
print(json.dumps({"s": dc, "wall": dt, "peak_mb": peak / 1024, "extra_mb": (peak - base) / 1024,
                  "sys": r1.ru_stime - r0.ru_stime, "faults": r1.ru_minflt - r0.ru_minflt,
                  "sentences": st["old_sentences"] + st["new_sentences"],
                  "budget_exhausted": st["budget_exhausted"], "comparisons": st["comparisons"],
                  "changes": sum(1 for c in res.changes if c.op != "equal")}))
"""


def _real_paragraphs(seed=0):
    files = sorted(CORPUS.glob("*.txt"))
    rng = random.Random(seed)
    rng.shuffle(files)
    for f in files:
        for line in f.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if len(line) >= 20:
                yield line


def _text(chars, seed=0):
    out, n = [], 0
    for p in _real_paragraphs(seed):
        out.append(p)
        n += len(p) + 1
        if n >= chars:
            break
    return "\n".join(out) + "\n"


def pair_repeated(k):
    n = 1000 * k
    old = ["要进一步加强安全生产监督管理工作，坚决遏制重特大事故发生。"] * n
    new = list(old)
    for i in range(0, n, 50):
        new[i] = "要进一步加强安全生产监督检查工作，坚决遏制重特大事故发生。"
    return "\n".join(old) + "\n", "\n".join(new) + "\n"


def pair_identical(k):
    text = "要进一步加强安全生产监督管理工作，坚决遏制重特大事故发生。\n" * (1000 * k)
    return text, text


def pair_long_sentence(k):
    chars = 6250 * k
    body = _text(chars + 2000).replace("\n", "")
    for mark in "。！？；":
        body = body.replace(mark, "，")
    body = body[:chars] + "。"
    rng = random.Random(k)
    new = list(body)
    for pos in range(200, chars - 10, 400):
        p = pos + rng.randrange(50)
        new[p:p + 2] = list("推进")
    return body + "\n", "".join(new) + "\n"


def pair_rewrite(k):
    return _text(BASE * k, seed=1), _text(BASE * k, seed=2)


def pair_shuffled(k):
    old = _text(BASE * k, seed=3)
    paras = old.splitlines()
    random.Random(k).shuffle(paras)
    return old, "\n".join(paras) + "\n"


def pair_template(k):
    n = 250 * k
    old = [f"第{i}条要求是认真落实工作责任制度并按期报送有关材料。" for i in range(n)]
    new = [f"第{i}条要求是切实落实工作责任制度并按时报送有关材料。" for i in range(n)]
    return "\n".join(old) + "\n", "\n".join(new) + "\n"


def pair_growth(k, base=BASE):
    """Distinct national reports cut at base*k characters, 27 planted edits per 25,000 characters;
    inserted sentences come from the provincial reports (new prose). The corpus holds 1.1 M
    characters: from base*k beyond that the reports repeat (BASE x 64 = 1.6 M does)."""
    from bench_diff import build_text
    from planted import plant
    text = build_text(sorted(CORPUS.glob("*.txt")), target_chars=base * k)
    donor = "\n".join(f.read_text(encoding="utf-8") for f in sorted(PROVINCIAL.glob("*.txt")))
    def n(per_unit):   # the same density of edits whatever the unit: 27 per 25,000 characters
        return max(1, round(per_unit * k * base / BASE))
    p = plant(text, donor, seed=k, n_delete=n(4), n_insert=n(4), n_modify=n(15), n_move=n(2), n_move_edit=n(2))
    return p.old, p.new


CLASSES = {
    "repeated": pair_repeated,
    "identical": pair_identical,
    "long-sentence": pair_long_sentence,
    "rewrite": pair_rewrite,
    "shuffled": pair_shuffled,
    "template": pair_template,
}


def measure(old, new, timeout):
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "pair.json"
        f.write_text(json.dumps({"old": old, "new": new}, ensure_ascii=False), encoding="utf-8")
        try:
            p = subprocess.run([sys.executable, "-c", _CHILD, str(f), str(ROOT)], capture_output=True,
                               text=True, timeout=timeout, env=dict(os.environ, PYTHONHASHSEED="0"))
        except subprocess.TimeoutExpired:
            return None
        if p.returncode != 0:
            return {"error": (p.stderr.strip().splitlines() or ["?"])[-1]}
        return json.loads(p.stdout)


def run_class(name, build, sizes, timeout, repeat):
    rows = []
    for k in sizes:
        old, new = build(k)
        runs = [measure(old, new, timeout) for _ in range(repeat)]
        ok = [r for r in runs if r and "error" not in r]
        if len(ok) < len(runs):
            bad = next(r for r in runs if not (r and "error" not in r))
            rows.append({"k": k, "chars": len(new), "failed": bad or f"> {timeout:.0f} s"})
            break
        best = min(ok, key=lambda r: r["s"])
        best["peak_extra_mb"] = max(r["extra_mb"] for r in ok)
        rows.append({"k": k, "chars": len(new), **best})
    return rows


def report(name, rows, target):
    print(f"{name}:")
    prev = None
    worst = 0.0
    for r in rows:
        if "failed" in r:
            print(f"  {r['k']:>3}x {r['chars']:>10,} chars  FAILED: {r['failed']}")
            worst = math.inf
            continue
        ratio = ""
        if prev is not None:
            g = r["s"] / prev["s"] if prev["s"] > 0 else math.inf
            worst = max(worst, g)
            # The input's own growth in sentences (the differ's unit) beside the time's:
            # later reports have shorter sentences, so 4x the characters can be 4.6x the sentences.
            per_sentence = g / (r["sentences"] / prev["sentences"])
            ratio = (f"x{g:5.2f} per 4x (exponent {math.log(g, 4):.2f}; "
                     f"sentences x{r['sentences'] / prev['sentences']:.2f}, time per sentence x{per_sentence:.2f})"
                     if g > 0 else "")
        note = " budget hit" if r.get("budget_exhausted") else ""
        print(f"  {r['k']:>3}x {r['chars']:>10,} chars {r['sentences']:>7,} sent."
              f"  {r['s'] * 1000:9.1f} ms CPU (sys {r['sys'] * 1000:4.0f}; {r['wall'] * 1000:7.1f} wall)"
              f"  peak +{r['peak_extra_mb']:7.1f} MB {r['faults']:>7,} faults"
              f"  {r['comparisons']:>9,} comparisons  {ratio}{note}")
        prev = r
    verdict = "met" if worst <= target else "NOT met"
    print(f"  worst growth per 4x: {worst:.2f} (target <= {target}) -> {verdict}")
    return worst


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--classes", default=",".join(CLASSES), help="comma-separated; empty for none")
    ap.add_argument("--growth", action="store_true", help="also the 1x…64x growth on distinct real text")
    ap.add_argument("--only-growth", action="store_true")
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--repeat", type=int, default=3, help="runs per size (best time, largest memory)")
    ap.add_argument("--json", default=None)
    a = ap.parse_args()
    if not CORPUS.exists():
        sys.exit(f"bench_diff_scaling: no corpus at {CORPUS}")
    print(f"doclint diff scaling — {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, "
          f"{time.strftime('%Y-%m-%d %H:%M')}")
    out = {}
    names = [] if a.only_growth else [c for c in a.classes.split(",") if c]
    for name in names:
        rows = run_class(name, CLASSES[name], (1, 4, 16), a.timeout, a.repeat)
        out[name] = {"rows": rows, "worst_per_4x": report(name, rows, TARGET_PATHOLOGICAL)}
    if a.growth or a.only_growth:
        rows = run_class("growth", pair_growth, (1, 4, 16, 64), a.timeout, a.repeat)
        out["growth"] = {"rows": rows, "worst_per_4x": report("growth (distinct real text, light edits)",
                                                             rows, TARGET_GROWTH)}
    if a.json:
        Path(a.json).write_text(json.dumps(out, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
