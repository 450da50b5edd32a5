"""Snapshot of doclint's whole output on real text, to compare two versions.

    python bench/snapshot.py OUT_DIR            # write the snapshot
    python bench/snapshot.py --compare A B      # list what differs between two snapshots

Runs the installed `doclint` command (the CLI is the stable surface) over
every shared corpus, the seed and the examples: `check -f json` (all checks,
and with --unsafe-fixes --diff -f patch, the fixes as a unified diff), `outline -f json`, `deadlines -f json --all`,
and `diff -f json` over the revision pairs in tests/diff/pairs plus pairs of
consecutive corpus reports. A refactoring must leave the snapshot unchanged;
a precision change is reviewed through the listed differences.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("DOCLINT_SHARED", ROOT.parent / "shared"))


def _inputs():
    files = []
    for sub in ("corpus/gov-work-reports", "corpus/provincial-2026", "seeds"):
        files += sorted((SHARED / sub).glob("*.txt"))
    files += sorted((ROOT / "examples").glob("*.txt"))
    return files


def _run(args, cwd=ROOT):
    env = dict(os.environ, DOCLINT_NO_PROGRESS="1", DOCLINT_LANG="zh")
    p = subprocess.run([sys.executable, "-m", "doclint", *args], cwd=cwd, env=env,
                       capture_output=True, text=True, encoding="utf-8")
    return p.stdout, p.returncode


def _rel(path: Path) -> str:
    try:
        return str(path.relative_to(SHARED))
    except ValueError:
        return str(path.relative_to(ROOT))


def write(out: Path):
    out.mkdir(parents=True, exist_ok=True)
    files = _inputs()
    names = [str(f) for f in files]
    # check: one JSON array for everything; paths made relative for comparison
    stdout, rc = _run(["check", "-f", "json", "--exit-zero", "--date", "2026-11-29", *names])
    data = json.loads(stdout)
    for f in data:
        f["path"] = _rel(Path(f["path"]))
    (out / "check.json").write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")
    stdout, rc = _run(["check", "--diff", "-f", "patch", "--unsafe-fixes", *names])
    (out / "fix.diff").write_text(stdout.replace(str(SHARED), "SHARED").replace(str(ROOT), "ROOT"), "utf-8")
    for cmd, extra in (("outline", ["--items"]), ("deadlines", ["--all", "--date", "2026-11-29"])):
        parts = []
        for f in files:
            stdout, rc = _run([cmd, "-f", "json", *extra, str(f)])
            parts.append({"file": _rel(f), "rc": rc, "out": json.loads(stdout) if stdout.strip() else None})
        (out / f"{cmd}.json").write_text(json.dumps(parts, ensure_ascii=False, indent=1), "utf-8")
    pairs = []
    for old in sorted((ROOT / "tests" / "diff" / "pairs").glob("*.old.txt")):
        pairs.append((old, old.with_name(old.name.replace(".old.", ".new."))))
    corpus = sorted((SHARED / "corpus" / "gov-work-reports").glob("*.txt"))
    pairs += list(zip(corpus[-6:], corpus[-5:]))
    diffs = []
    for a, b in pairs:
        stdout, rc = _run(["diff", "-f", "json", "--lint", str(a), str(b)])
        d = json.loads(stdout)
        d.pop("old", None)
        d.pop("new", None)
        diffs.append({"old": _rel(a), "new": _rel(b), "rc": rc, "out": d})
    (out / "diff.json").write_text(json.dumps(diffs, ensure_ascii=False, indent=1), "utf-8")
    print(f"snapshot of {len(files)} files and {len(pairs)} pairs written to {out}")


def compare(a: Path, b: Path) -> int:
    bad = 0
    for name in ("check.json", "fix.diff", "outline.json", "deadlines.json", "diff.json"):
        x, y = (a / name).read_text("utf-8"), (b / name).read_text("utf-8")
        if x == y:
            print(f"{name}: identical")
            continue
        bad += 1
        if name == "check.json":
            def key(f):
                return (f["path"], f["line"], f["column"], f["code"], f["text"])
            xs = {key(f): f for f in json.loads(x)}
            ys = {key(f): f for f in json.loads(y)}
            gone = sorted(set(xs) - set(ys))
            new = sorted(set(ys) - set(xs))
            changed = [k for k in sorted(set(xs) & set(ys)) if xs[k] != ys[k]]
            print(f"{name}: {len(gone)} gone, {len(new)} new, {len(changed)} changed")
            for k in gone:
                print("  -", k, xs[k]["message"])
            for k in new:
                print("  +", k, ys[k]["message"])
            for k in changed[:50]:
                print("  ~", k, {f: (xs[k][f], ys[k][f]) for f in xs[k] if xs[k][f] != ys[k].get(f)})
        else:
            import difflib
            lines = list(difflib.unified_diff(x.splitlines(), y.splitlines(), lineterm="", n=1))
            print(f"{name}: differs ({len(lines)} diff lines)")
            print("\n".join(lines[:80]))
    return 1 if bad else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("paths", nargs="+", type=Path)
    ap.add_argument("--compare", action="store_true")
    a = ap.parse_args()
    if a.compare:
        sys.exit(compare(*a.paths[:2]))
    write(a.paths[0])


if __name__ == "__main__":
    main()
