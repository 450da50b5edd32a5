"""Hostile configurations for fuzz/run.py: what a config, dictionary or baseline can throw at doclint.

`scenario(rnd, folder)` writes one into `folder` (a draft included) and returns
(args, env, kind): the arguments of `doclint check`, extra environment, and a
short name for the report. Kinds:

- nesting: TOML nested up to 200,000 deep (arrays, inline tables, dotted tables), found
  upward or given with --config; JSON baselines as deep;
- huge: configs over 1 MB, dictionaries over 16 MB, baselines of many entries;
- fifo: a named pipe as config, dictionary, baseline or input (nobody writes to it);
- devices: /dev/zero, a folder, a binary file, a missing file, /proc/self/environ as a
  dictionary (the secret in the environment must never be printed);
- types: every known key with values of random types (numbers, booleans, dates, arrays,
  tables, mixed arrays), and unknown keys;
- regex: dictionary patterns that backtrack catastrophically, or do not compile, on drafts
  that trigger them;
- baseline: JSON of the wrong shapes (lists, wrong types, negative and huge counts);
- trust: a config anyone may write, in a parent folder (ignored with a warning).
"""
from __future__ import annotations

import json
import os
import random
from pathlib import Path
from typing import Dict, List, Tuple

SECRET = "doclint-fuzz-secret-7d41c9"
DRAFT = "关于做好秋冬季农业生产的通知\n各地区要动员群众做好秋冬季农业农业生产，确保9月31日前完成。\n"
KEYS = ["select", "ignore", "extend-select", "lang", "fail-on", "date", "exclude", "checks", "dictionaries",
        "per-file-ignores", "nonsense"]
CATASTROPHIC = ["(农|农农)+$", "(a|aa)+$", "(?:农+)+业$", "(.*,)*x$", "(\\w+\\s?)*$"]
BROKEN = ["(", "[", "(?P<x", "\\", "a{2,1}", "(?<=a+)b", "\\p{Nope}"]
DICTIONARIES = ["leftover_notes", "leftover_web", "formulaic_phrases", "misused_words", "allow", "user_words",
                "org_aliases", "t2s_chars", "owners_units"]


def _value(rnd: random.Random, depth: int = 0):
    kind = rnd.choice(["int", "float", "bool", "str", "date", "list", "table", "mixed", "empty"] if depth < 3
                      else ["int", "str", "bool"])
    if kind == "int":
        return str(rnd.choice([0, -1, 1, 2**63 - 1, 99999999999]))
    if kind == "float":
        return rnd.choice(["1.5", "inf", "nan", "-0.0", "1e308"])
    if kind == "bool":
        return rnd.choice(["true", "false"])
    if kind == "str":
        return json.dumps(rnd.choice(["DL1", "ALL", "", "zh", "en", "info", "2026-02-30", "\x1b[2J", "DL999",
                                      "../../etc/passwd", "a" * 5000]), ensure_ascii=False)
    if kind == "date":
        return rnd.choice(["1979-05-27", "1979-05-27T07:32:00Z", "07:32:00", "2026-12-31"])
    if kind == "list":
        return "[" + ", ".join(_value(rnd, depth + 1) for _ in range(rnd.randint(0, 4))) + "]"
    if kind == "table":
        return "{" + ", ".join(f"k{i} = {_value(rnd, depth + 1)}" for i in range(rnd.randint(0, 3))) + "}"
    if kind == "mixed":
        return f"[{_value(rnd, depth + 1)}, {_value(rnd, depth + 1)}]"
    return "[]"


def _typed_config(rnd: random.Random) -> str:
    lines = []
    for key in rnd.sample(KEYS, rnd.randint(1, 5)):
        if key == "checks":
            code = rnd.choice(["DL101", "DL602", "duplicated-word", "DL9", "ALL"])
            opt = rnd.choice(["severity", "min_chars", "min-ratio", "line_wraps", "fragment_max", "bogus"])
            lines.append(f"[checks.{json.dumps(code)}]\n{opt} = {_value(rnd)}")
        elif key == "dictionaries":
            lines.append(f"[dictionaries]\n{rnd.choice(DICTIONARIES)} = {_value(rnd)}")
        elif key == "per-file-ignores":
            lines.append(f'[per-file-ignores]\n"*.txt" = {_value(rnd)}')
        else:
            lines.insert(0, f"{key} = {_value(rnd)}")
    return "\n".join(lines) + "\n"


def _nested_toml(rnd: random.Random, depth: int) -> str:
    form = rnd.choice(["array", "table", "dotted", "header"])
    if form == "array":
        return "select = " + "[" * depth + "]" * depth + "\n"
    if form == "table":
        return "x = " + "{a = " * depth + "1" + "}" * depth + "\n"
    if form == "dotted":
        return "a" + ".b" * depth + " = 1\n"
    return "[" + ".".join(["t"] * depth) + "]\nk = 1\n"


def _baseline(rnd: random.Random) -> str:
    shape = rnd.choice(["list", "wrong", "counts", "deep", "many", "strings"])
    if shape == "list":
        return "[1, 2, 3]"
    if shape == "wrong":
        return json.dumps({"tool": "doclint", "version": rnd.choice([0, 1, 2, "1", None]),
                           "findings": rnd.choice([{}, "x", [1], [[]], None])})
    if shape == "counts":
        entry = {"path": "draft.txt", "code": "DL101", "text": "农业农业", "before": "做好秋冬季",
                 "after": "生产，确保9", "count": rnd.choice([-5, 0, 10**30, "3", 1.5, None, [1]])}
        return json.dumps({"tool": "doclint", "version": 1, "findings": [entry]}, ensure_ascii=False)
    if shape == "deep":
        depth = rnd.choice([100, 10_000, 200_000])
        return '{"tool": "doclint", "version": 1, "findings": ' + "[" * depth + "]" * depth + "}"
    if shape == "many":
        entries = [{"path": f"f{i}.txt", "code": "DL101", "text": "x" * (i % 50)} for i in range(200_000)]
        return json.dumps({"tool": "doclint", "version": 1, "findings": entries})
    return json.dumps({"tool": "doclint", "version": 1,
                       "findings": [{"path": 1, "code": None, "text": {"a": 1}}]})


def scenario(rnd: random.Random, folder: Path) -> Tuple[List[str], Dict[str, str], str]:
    """Write one hostile set-up into `folder`; (check arguments, extra env, kind)."""
    sub = folder / "drafts"
    sub.mkdir()
    draft = sub / "draft.txt"
    draft.write_text(DRAFT, "utf-8")
    env = {"DOCLINT_FUZZ_SECRET": SECRET, "DOCLINT_PIPE_TIMEOUT": "1"}
    kind = rnd.choice(["nesting", "huge", "fifo", "devices", "types", "types", "regex", "regex", "baseline",
                       "trust"])
    args = ["check", "-f", "json", str(draft)]
    cfg = folder / "doclint.toml"
    if kind == "nesting":
        depth = rnd.choice([100, 1000, 50_000, 200_000])
        if rnd.random() < 0.5:
            cfg.write_text(_nested_toml(rnd, depth), "utf-8")
        else:
            (folder / "deep.json").write_text('{"a":' * depth + "1" + "}" * depth, "utf-8")
            args[1:1] = ["--baseline", str(folder / "deep.json")]
    elif kind == "huge":
        what = rnd.choice(["config", "config", "dictionary", "baseline"])
        if what == "config":
            cfg.write_text("select = [" + ",".join(['"DL1"'] * rnd.choice([10, 300_000])) + "]\n", "utf-8")
        elif what == "dictionary":
            size = rnd.choice([2**20, 17 * 2**20])
            (folder / "big.txt").write_text(("词语\n" * (size // 7)), "utf-8")
            cfg.write_text('[dictionaries]\nallow = ["big.txt"]\n', "utf-8")
        else:
            (folder / "base.json").write_text(_baseline(random.Random(rnd.random())), "utf-8")
            args[1:1] = ["--baseline", str(folder / "base.json")]
    elif kind == "fifo":
        fifo = folder / "pipe"
        os.mkfifo(fifo)
        where = rnd.choice(["config", "dictionary", "baseline", "input"])
        if where == "config":
            args[1:1] = ["--config", str(fifo)]
        elif where == "dictionary":
            cfg.write_text(f'[dictionaries]\n{rnd.choice(DICTIONARIES)} = ["pipe"]\n', "utf-8")
        elif where == "baseline":
            args[1:1] = ["--baseline", str(fifo)]
        else:
            args.append(str(fifo))
    elif kind == "devices":
        (folder / "bin.dat").write_bytes(bytes(range(256)) * 64)
        (folder / "adir").mkdir()
        target = rnd.choice(["/dev/zero", "/dev/null", "adir", "bin.dat", "missing.txt", "/proc/self/environ"])
        if target.startswith("/") and not os.path.exists(target):
            target = "missing.txt"
        cfg.write_text(f'[dictionaries]\n{rnd.choice(DICTIONARIES)} = ["{target}"]\n', "utf-8")
    elif kind == "types":
        cfg.write_text(_typed_config(rnd), "utf-8")
    elif kind == "regex":
        name = rnd.choice(["leftover_notes", "leftover_web", "formulaic_phrases", "misused_words"])
        pattern = rnd.choice(CATASTROPHIC + BROKEN)
        entry = {"leftover_notes": f"{pattern}\t批注\tnote", "leftover_web": f"{pattern}\t残留\tresidue\tspan=match",
                 "formulaic_phrases": pattern,
                 "misused_words": f"农业\t-\t理由\treason\t{rnd.choice(['after', 'before', 'not_after', 'gap'])}={pattern}"}
        (folder / "words.txt").write_text("# 注释\n" + entry[name] + "\n", "utf-8")
        cfg.write_text(f'[dictionaries]\n{name} = ["words.txt"]\n', "utf-8")
        slow = "农业" + "农" * rnd.choice([20, 45]) + "业。" + "a" * 40 + "!\n"
        draft.write_text(DRAFT + slow * rnd.choice([1, 50]), "utf-8")
    elif kind == "baseline":
        (folder / "base.json").write_text(_baseline(rnd), "utf-8")
        args[1:1] = ["--baseline", str(folder / "base.json")]
    else:  # trust
        cfg.write_text('ignore = ["DL101"]\n', "utf-8")
        os.chmod(cfg, 0o666)
    return args, env, kind
