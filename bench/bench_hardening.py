"""Scaling of the pathological inputs the hardening work bounds: time and peak memory at 1x/4x/16x.

Each case runs `doclint check` as a fresh process on generated input (nothing is
stored) and prints wall time and peak memory (max RSS of the child) per size, with
the growth from one size to the next; the target is at most 4.5x per 4x. Figures
depend on the machine: compare the ratios.

    python bench/bench_hardening.py                 # every class, about 6 minutes
    python bench/bench_hardening.py --quick         # smaller sizes, about a minute
    python bench/bench_hardening.py --only dense,regex

Classes:
- dense: a draft dense in findings (about 94,000 a MB: duplicated words, half-width
  punctuation, placeholders, editor notes, ranges, 3千), all checks but DL401,
  whose quadratic cost in deadline sentences is the deadlines work (printed apart
  with --dl401, 1x and 4x only). Findings are capped at 100,000 a file.
- markup: Markdown built to make the protected-span scanners rescan (unclosed
  fences, backtick runs, `<!--`, `[x](`, a letter run before `@`) and a
  suppression directive on every line.
- regex: a config dictionary entry that backtracks exponentially ((农|农农)+$), on
  drafts where every line triggers it: one timeout, one line, whatever the size.
- nesting: configs and baselines nested 1x/4x/16x deep (TOML arrays, JSON objects).
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LINE = "农业农业生产,要在×月×日前完成1-8月的的任务。。（请核实）TODO 截止到今年,3千人\n"


def run(args, cwd, env=None):
    """(seconds, peak MB, exit code, stderr) of one `doclint ARGS` in a fresh process."""
    t0 = time.perf_counter()
    p = subprocess.Popen([sys.executable, "-m", "doclint", *args], cwd=cwd, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, env=dict(os.environ, **(env or {})))
    err = p.stderr.read()
    _, status, usage = os.wait4(p.pid, 0)
    return time.perf_counter() - t0, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), err


def dense(folder: Path, scale: float):
    n = int(scale * 2**20 / len(LINE.encode()))
    (folder / "dense.txt").write_text(LINE * n, "utf-8")
    return ["check", "--ignore", "DL401", "--exit-zero", "dense.txt"], {}


def dl401(folder: Path, scale: float):
    n = int(scale * 2**20 / len(LINE.encode()))
    (folder / "dense.txt").write_text(LINE * n, "utf-8")
    return ["check", "--select", "DL401", "--exit-zero", "dense.txt"], {}


def markup(folder: Path, scale: float):
    unit = ("```a\n`` `x ``` ~~~b\n<!-- [a](b \"c <pre x=\"y [^1] \\( http://a.cn/x,y "
            + "a" * 40 + "@ b@c <!-- doclint: disable-next-line=DL101 -->\n农业农业,测试。\n")
    n = int(scale * 2**20 / len(unit.encode()))
    (folder / "markup.md").write_text(unit * n, "utf-8")
    return ["check", "--exit-zero", "--ignore", "DL401", "markup.md"], {}


def regex_case(folder: Path, scale: float):
    (folder / "notes.txt").write_text("(农|农农)+$\t批注\tnote\n", "utf-8")
    (folder / "doclint.toml").write_text('[dictionaries]\nleftover_notes = ["notes.txt"]\n', "utf-8")
    line = "农业" + "农" * 45 + "业。\n"
    n = int(scale * 2**20 / len(line.encode()))
    (folder / "slow.txt").write_text(line * n, "utf-8")
    return ["check", "--select", "DL702", "slow.txt"], {}


def nesting(folder: Path, scale: float):
    depth = int(scale * 20_000)
    (folder / "deep.toml").write_text("a = " + "[" * depth + "]" * depth + "\n", "utf-8")
    (folder / "deep.json").write_text('{"a":' * depth + "1" + "}" * depth, "utf-8")
    (folder / "d.txt").write_text("农业农业\n", "utf-8")
    return ["check", "--config", "deep.toml", "d.txt"], {}


def nesting_baseline(folder: Path, scale: float):
    nesting(folder, scale)
    return ["check", "--baseline", "deep.json", "d.txt"], {}


CASES = {
    "dense": [("dense findings (all checks but DL401)", dense)],
    "markup": [("markup scanners and directives", markup)],
    "regex": [("backtracking dictionary regex", regex_case)],
    "nesting": [("deep TOML config", nesting), ("deep JSON baseline", nesting_baseline)],
}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="1x = 0.05 MB instead of 0.5 MB")
    ap.add_argument("--only", default="", help="comma-separated classes: " + ", ".join(CASES))
    ap.add_argument("--dl401", action="store_true", help="also time DL401 alone at 1x and 4x")
    args = ap.parse_args(argv)
    base = 0.05 if args.quick else 0.5
    chosen = [c for c in (args.only.split(",") if args.only else CASES) if c]
    rows = [row for c in chosen for row in CASES[c]]
    if args.dl401:
        rows.append(("DL401 alone (deadlines work)", dl401))
    print(f"1x = {base} MB of text (nesting: {int(base * 2 * 20_000)} levels); {os.cpu_count()} cores; "
          f"Python {sys.version.split()[0]}")
    print(f"{'case':<40} {'size':>4} {'seconds':>8} {'peak MB':>8} {'time x':>7} {'mem x':>6}  exit")
    worst = 0.0
    for name, make in rows:
        prev = None
        scales = (1, 4) if make is dl401 else (1, 4, 16)
        for k in scales:
            with tempfile.TemporaryDirectory() as tmp:
                folder = Path(tmp)
                cmd, env = make(folder, base * k * (2 if make in (nesting, nesting_baseline) else 1))
                secs, mb, rc, err = run(cmd, folder, env)
            growth = (f"{secs / prev[0]:7.2f} {mb / prev[1]:6.2f}" if prev else f"{'':>7} {'':>6}")
            if prev and make is not dl401:
                worst = max(worst, secs / prev[0], mb / prev[1])
            note = err.decode("utf-8", "replace").strip().splitlines()
            print(f"{name:<40} {k:>3}x {secs:8.2f} {mb:8.0f} {growth}  {rc}"
                  + (f"  {note[-1][:70]}" if rc == 2 and note else ""))
            prev = (secs, mb)
    print(f"largest growth per 4x: {worst:.2f} (target <= 4.5)")


if __name__ == "__main__":
    main()
