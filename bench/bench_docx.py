"""Benchmark of the Word outputs: the redline (`diff -f docx`) beside the JSON report of the same
pair, and the annotated draft (`check -f docx`) beside the JSON findings of the same text.

    python bench/bench_docx.py [--corpus DIR] [--quick]

Pairs: real government work reports from ../shared/corpus concatenated to a 50,000-character
report and to a 1 MB (UTF-8) report, with planted edits (deletions, insertions, word-level
modifications, moves, moved-and-edited sentences; bench_diff.make_pair). Each figure is measured
in a fresh child process after a warm-up (imports, the lexicon, lxml) on a tiny pair, so it is
the work after start-up: time (median of runs), the child's peak memory (max RSS) and its peak
after the warm-up alone (the growth is what the task needed beyond start-up). "diff" is the alignment (diff_documents, both Documents included); "json"
and "docx" add the report; "docx write" is the .docx alone (stream, XML, zip).
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "support"))
sys.path.insert(0, str(ROOT / "bench"))

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "gov-work-reports"


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _warm():
    from doclint.diff.align import diff_texts
    from doclint.diff.report_docx import render_docx
    from doclint.diff.report_json import render_json
    from doclint.model.document import Document
    old, new = "一、总体要求\n要加强建设。\n", "一、总体要求\n要加快建设。\n"
    res = diff_texts(old, new)
    render_json(res)
    render_docx(res, Document(old), Document(new))
    from doclint.api import lint_text
    from doclint.reporters.docx import annotate
    d = Document("动员群众做好农业农业生产,确保丰收。\n", path="w.txt")
    annotate(d, lint_text(d.text), fix=True)


def _task(kind, old, new, q):
    """In a child: warm up, then time one task; put (seconds, peak RSS MB, warm-up peak MB, output bytes)."""
    _warm()
    from doclint.diff.align import diff_documents
    from doclint.model.document import Document
    base = _rss_mb()
    t = time.perf_counter()
    size = 0
    if kind in ("diff", "json", "docx", "docx write"):
        od, nd = Document(old, path="old.txt"), Document(new, path="new.txt")
        res = diff_documents(od, nd)
        if kind == "docx write":
            t = time.perf_counter()
        if kind == "json":
            from doclint.diff.report_json import render_json
            size = len(render_json(res).encode("utf-8"))
        elif kind in ("docx", "docx write"):
            from doclint.diff.report_docx import render_docx
            size = len(render_docx(res, od, nd)[0])
    else:  # check-json / check-docx on the old text
        from doclint.engine.session import Session, Settings
        doc = Document(old, path="draft.txt")
        findings = Session(Settings()).lint(doc)
        if kind == "check-json":
            import json
            size = len(json.dumps([f.to_dict(doc) for f in findings], ensure_ascii=True).encode())
        else:
            from doclint.reporters.docx import annotate
            size = len(annotate(doc, findings, fix=True)[0])
    q.put((time.perf_counter() - t, _rss_mb(), base, size))


def measure(kind, old, new, runs):
    ctx = mp.get_context("spawn")
    out = []
    for _ in range(runs):
        q = ctx.Queue()
        p = ctx.Process(target=_task, args=(kind, old, new, q))
        p.start()
        out.append(q.get(timeout=1800))
        p.join()
    return statistics.median(x[0] for x in out), max(x[1] for x in out), max(x[2] for x in out), out[0][3]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    ap.add_argument("--quick", action="store_true", help="one run each, no 1 MB pair")
    args = ap.parse_args()
    from bench_diff import make_pair
    files = sorted(Path(args.corpus).glob("*.txt"))
    if not files:
        sys.exit(f"no corpus at {args.corpus}")
    pairs = [make_pair(files, "50k", target_chars=50_000)]
    if not args.quick:
        pairs.append(make_pair(files, "1MB", target_bytes=1_000_000))
    print(f"{'pair':<5} {'chars':>9} {'changes':>7}  {'task':<11} {'time':>8} {'peak MB':>8} {'warm MB':>8} "
          f"{'output':>10}")
    from doclint.diff.align import diff_texts
    for label, old, new, _ in pairs:
        res = diff_texts(old, new)
        changes = sum(1 for c in res.changes if c.op != "equal")
        runs = 1 if args.quick else (5 if len(old) < 100_000 else 2)
        rows = {}
        for kind in ("diff", "json", "docx", "docx write", "check-json", "check-docx"):
            rows[kind] = measure(kind, old, new, runs)
            secs, peak, warm, size = rows[kind]
            print(f"{label:<5} {len(old):>9,} {changes:>7}  {kind:<11} {secs:>7.3f}s {peak:>8.0f} {warm:>8.0f} "
                  f"{size / 1024:>8.0f} kB", flush=True)
        print(f"{label:<5} redline/json time ratio {rows['docx'][0] / rows['json'][0]:.2f}, "
              f"annotated/json check ratio {rows['check-docx'][0] / rows['check-json'][0]:.2f}")


if __name__ == "__main__":
    main()
