"""Benchmark of `doclint diff` against difflib and diff-match-patch on the same pairs.

    python bench/bench_diff.py [--corpus DIR] [--timeout SECONDS] [--quick]

Pairs: real government work reports from ../shared/corpus concatenated to a
50,000-character report and to a 1 MB (UTF-8) report, plus 100k/200k
character sizes for the growth curve. Each pair's new side has planted edits
(planted: deletions, insertions, word-level modifications, moves,
moved-and-edited sentences), about one changed sentence in twenty.

Timed: doclint's alignment + word edits (`diff_documents`, Document model
included) after start-up (imports and the lexicon are loaded by a warm-up on
a tiny pair first; the cold start of the CLI is shown separately), best of
several runs. Baselines, each in a child process with a time limit (a run
that hits it is reported as "> N s", never silently shortened):
- difflib, sentence-level: SequenceMatcher on the two sentence lists;
- difflib, character-level: SequenceMatcher(None, old, new) on the texts;
- diff-match-patch, character-level: diff_main(old, new, checklines=False)
  with Diff_Timeout = 0 (its default 1 s timeout would return a worse diff
  instead of finishing);
- for reference, diff-match-patch's default line-mode speed-up
  (checklines=True: a diff of whole lines first, then characters inside the
  changed lines; one Chinese paragraph is one line).
Size caps: character-level difflib is not run above 200,000 characters
(quadratic; minutes already at 70 kB), and the time limit bounds the rest.
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "support"))

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "gov-work-reports"
DIFFLIB_CHAR_CAP = 200_000


def build_text(files, target_chars=None, target_bytes=None):
    """Concatenated reports, cut at a paragraph end at the target size."""
    paras, size = [], 0
    k = 0
    while True:
        for line in files[k % len(files)].read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if not line:
                continue
            paras.append(line)
            size += len(line) + 1 if target_chars else len((line + "\n").encode("utf-8"))
            if size >= (target_chars or target_bytes):
                return "\n".join(paras) + "\n"
        k += 1


def make_pair(files, label, target_chars=None, target_bytes=None, seed=0, heavy=False):
    """A revision pair: light = about 1 sentence in 20 touched, heavy = about 1 in 4."""
    from planted import plant
    text = build_text(files, target_chars, target_bytes)
    donors = "\n".join(f.read_text(encoding="utf-8") for f in files[-3:])
    n = max(1, len(text) // 50_000)
    k = 5 if heavy else 1
    p = plant(text, donors, seed=seed, n_delete=8 * n * k, n_insert=min(8 * n * k, 400),
              n_modify=30 * n * k, n_move=4 * n * k, n_move_edit=4 * n * k)
    return label, p.old, p.new, p.truth


def difflib_sentence_changes(old, new):
    """difflib on sentence lists, replaced runs paired by position (no moves)."""
    from difflib import SequenceMatcher
    from doclint.model.document import Document
    a = [s.text for s in Document(old).sentences]
    b = [s.text for s in Document(new).sentences]
    out = {"insert": set(), "delete": set(), "modify": set(), "move": set()}
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        k = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        out["modify"].update((i1 + t, j1 + t) for t in range(k))
        out["delete"].update((i, None) for i in range(i1 + k, i2))
        out["insert"].update((None, j) for j in range(j1 + k, j2))
    return out


def quality(pred, truth):
    """'op P/R' for each op, as fractions of the planted truth."""
    parts = []
    for op in ("modify", "insert", "delete", "move"):
        got, want = pred[op], truth[op]
        hit = len(got & want)
        parts.append(f"{op} {hit / len(got) if got else 1:.2f}/{hit / len(want) if want else 1:.2f}")
    return "  ".join(parts)


# ---- baselines, each run in a child process ----------------------------------

def _difflib_sentences(old, new):
    from difflib import SequenceMatcher
    from doclint.model.document import Document
    a = [s.text for s in Document(old).sentences]
    b = [s.text for s in Document(new).sentences]
    return len(SequenceMatcher(None, a, b, autojunk=False).get_opcodes())


def _difflib_chars(old, new):
    from difflib import SequenceMatcher
    return len(SequenceMatcher(None, old, new).get_opcodes())


def _dmp_chars(old, new):
    import diff_match_patch
    dmp = diff_match_patch.diff_match_patch()
    dmp.Diff_Timeout = 0
    return len(dmp.diff_main(old, new, False))


def _dmp_lines_first(old, new):
    import diff_match_patch
    dmp = diff_match_patch.diff_match_patch()
    dmp.Diff_Timeout = 0
    return len(dmp.diff_main(old, new, True))


def _child(fn, old, new, q):
    t = time.perf_counter()
    fn(old, new)
    q.put(time.perf_counter() - t)


def timed_child(fn, old, new, timeout):
    """Seconds for fn(old, new) in a child process, or None when it hit the time limit."""
    q = mp.Queue()
    p = mp.Process(target=_child, args=(fn, old, new, q))
    p.start()
    p.join(timeout)
    if p.is_alive():
        p.terminate()
        p.join()
        return None
    return q.get() if not q.empty() else None


def time_doclint(old, new, repeat):
    from doclint.diff.align import diff_documents
    from doclint.model.document import Document
    best, res = None, None
    for _ in range(repeat):
        t = time.perf_counter()
        res = diff_documents(Document(old, "old"), Document(new, "new"))
        dt = time.perf_counter() - t
        best = dt if best is None else min(best, dt)
    return best, res


def fmt_s(x, limit=None):
    if x is None:
        return f"> {limit:.0f} s" if limit else "skipped"
    return f"{x * 1000:.0f} ms" if x < 10 else f"{x:.1f} s"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    ap.add_argument("--timeout", type=float, default=60.0, help="limit per baseline run (s)")
    ap.add_argument("--quick", action="store_true", help="only the 50k pair")
    args = ap.parse_args()
    files = sorted(Path(args.corpus).glob("*.txt"))
    if not files:
        sys.exit(f"bench_diff: no corpus at {args.corpus} (pass --corpus DIR)")

    # Warm-up: imports, lexicon, regexes.
    from doclint.diff.align import diff_texts
    diff_texts("预热一句话，加强建设。\n", "预热一句话，加强构建。\n")

    pairs = [make_pair(files, "50k light", target_chars=50_000),
             make_pair(files, "50k heavy", target_chars=50_000, heavy=True)]
    if not args.quick:
        pairs += [make_pair(files, "100k", target_chars=100_000, seed=1),
                  make_pair(files, "200k", target_chars=200_000, seed=2),
                  make_pair(files, "1 MB", target_bytes=1_000_000, seed=3)]

    print(f"doclint diff benchmark — {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
    print(f"baselines run in child processes, limit {args.timeout:.0f} s each; "
          f"difflib char-level not run above {DIFFLIB_CHAR_CAP:,} chars (quadratic)")
    print()
    head = (f"{'pair':<11} {'chars':>9} {'sent.':>6} {'doclint':>9} {'difflib-sent':>13} "
            f"{'difflib-char':>13} {'dmp-char':>10} {'dmp/doclint':>12} {'dmp-lines':>10}  changes found")
    print(head)
    print("-" * len(head))
    growth, targets, quality_rows = [], [], []
    for label, old, new, truth in pairs:
        repeat = 5 if len(new) < 300_000 else 2
        t_dl, res = time_doclint(old, new, repeat)
        t_ds = timed_child(_difflib_sentences, old, new, args.timeout)
        t_dc = (timed_child(_difflib_chars, old, new, args.timeout)
                if len(new) <= DIFFLIB_CHAR_CAP else None)
        dc_limit = args.timeout if len(new) <= DIFFLIB_CHAR_CAP else None
        t_dmp = timed_child(_dmp_chars, old, new, args.timeout)
        t_dml = timed_child(_dmp_lines_first, old, new, args.timeout)
        ratio = (f"{t_dmp / t_dl:.0f}x" if t_dmp is not None else f"> {args.timeout / t_dl:.0f}x")
        st = res.stats()
        found = (f"mod {st['modify']} ins {st['insert']} del {st['delete']} move {st['move']}"
                 + (" BUDGET HIT" if st["budget_exhausted"] else ""))
        print(f"{label:<11} {len(new):>9,} {st['new_sentences']:>6} {fmt_s(t_dl):>9} "
              f"{fmt_s(t_ds, args.timeout):>13} {fmt_s(t_dc, dc_limit):>13} "
              f"{fmt_s(t_dmp, args.timeout):>10} {ratio:>12} {fmt_s(t_dml, args.timeout):>10}  {found}")
        growth.append((len(new), t_dl))
        from planted import predicted
        quality_rows.append((label, quality(predicted(res), truth),
                             quality(difflib_sentence_changes(old, new), truth)))
        if label.startswith("50k"):
            targets.append((label, t_dl, t_dmp))
    print()
    print("quality against the planted edits, precision/recall per op:")
    for label, q_dl, q_ds in quality_rows:
        print(f"  {label:<11} doclint       {q_dl}")
        print(f"  {'':<11} difflib-sent  {q_ds}  (replaced runs paired by position; no moves)")
    print()
    growth = [g for g, (label, _, _, _) in zip(growth, pairs) if "heavy" not in label]
    base_n, base_t = growth[0]
    print("growth of doclint's time with size (linear = time ratio equals size ratio):")
    for n, t in growth:
        print(f"  {n:>9,} chars  {t * 1000:8.0f} ms  {t / n * 1e6:6.2f} µs/char  "
              f"size x{n / base_n:5.1f}  time x{t / base_t:5.1f}")
    print()
    for label, t, tdmp in targets:
        ok = t < 0.3 and tdmp is not None and tdmp >= 10 * t
        print(f"target ({label}): under 0.3 s after start-up and >= 10x faster than character-level "
              f"diff-match-patch -> {t:.3f} s, "
              f"{(f'{tdmp / t:.0f}x' if tdmp else 'dmp timed out')} ({'met' if ok else 'NOT met'})")
    # Cold start of the whole command, for reference (not part of the target).
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        a, b = Path(tmp) / "old.txt", Path(tmp) / "new.txt"
        a.write_text(pairs[0][1], encoding="utf-8")
        b.write_text(pairs[0][2], encoding="utf-8")
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "doclint", "diff", str(a), str(b), "-f", "json"],
                       stdout=subprocess.DEVNULL, cwd=tmp)
        print(f"cold start, whole `doclint diff -f json` on the 50k pair: {time.perf_counter() - t:.2f} s")


if __name__ == "__main__":
    main()
