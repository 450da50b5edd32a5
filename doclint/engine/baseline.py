"""Baseline files: adopt doclint in a repo without fixing its history first.

`doclint check --write-baseline doclint-baseline.json drafts/` records every
current finding; `doclint check --baseline doclint-baseline.json drafts/` then
reports only findings that are not in it.

A finding is identified by its file (path relative to the baseline file's
folder, with / separators), its code, the flagged text and a little context
(up to CONTEXT characters on each side, within the same line). Line and column
numbers are not used, so adding or removing lines elsewhere in the file does
not revive old findings; editing the flagged words or the words right next to
them does, which is what a reviewer wants. Identical entries are counted: a
baseline with one 农业农业 does not hide a second one added later.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Dict, Iterable, List, Tuple

from doclint.errors import ConfigError
from doclint.model.finding import FINGERPRINT_CONTEXT, fingerprint

VERSION = 1
MAX_BASELINE_BYTES = 256 * 1024 * 1024
CONTEXT = FINGERPRINT_CONTEXT

Key = Tuple[str, str, str, str, str]


def _rel(path: str, root: Path) -> str:
    if path in ("<stdin>", "-"):
        return "<stdin>"
    p = Path(path)
    try:
        return p.resolve().relative_to(root).as_posix()
    except (ValueError, OSError):
        return p.resolve().as_posix() if p.exists() else p.as_posix()


def key(doc, f, root: Path) -> Key:
    return (_rel(doc.path, root),) + fingerprint(doc, f, CONTEXT)


class Baseline:
    def __init__(self, root: Path, counts: Counter):
        self.root = root
        self.counts = counts

    @classmethod
    def load(cls, path) -> "Baseline":
        from doclint.files.reader import read_small_file
        path = Path(path)
        if not path.exists() and not path.is_symlink():
            raise ConfigError(path, "基线文件不存在（用 --write-baseline 生成）",
                              "baseline file not found (create it with --write-baseline)")
        raw = read_small_file(path, MAX_BASELINE_BYTES, "基线文件", "baseline file")
        try:
            data = json.loads(raw.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ConfigError(path, f"基线文件无法读取（{exc}）", f"cannot read baseline file ({exc})")
        except RecursionError:
            raise ConfigError(path, "基线文件嵌套过深，不是 doclint 基线文件", "baseline file nested too deeply; "
                              "not a doclint baseline file")
        if not isinstance(data, dict) or data.get("tool") != "doclint" or not isinstance(
                data.get("findings"), list):
            raise ConfigError(path, "不是 doclint 基线文件", "not a doclint baseline file")
        if data.get("version") != VERSION:
            raise ConfigError(path, f"基线文件版本 {data.get('version')} 不受支持",
                              f"unsupported baseline version {data.get('version')}")
        counts = Counter()
        try:
            for e in data["findings"]:
                k = (e["path"], e["code"], e["text"], e.get("before", ""), e.get("after", ""))
                counts[k] += int(e.get("count", 1))
        except (KeyError, TypeError, ValueError):
            raise ConfigError(path, "基线文件格式错误", "malformed baseline file")
        return cls(path.resolve().parent, counts)

    def filter(self, doc, findings: List) -> List:
        """Findings not covered by the baseline (each entry covers `count` findings)."""
        if not self.counts:
            return findings
        left = Counter()
        out = []
        for f in findings:
            k = key(doc, f, self.root)
            if left[k] < self.counts.get(k, 0):
                left[k] += 1
                continue
            out.append(f)
        return out


def write(path, results: Iterable) -> int:
    """Write a baseline of every finding in `results` (FileResults); returns the count."""
    path = Path(path)
    root = path.resolve().parent
    counts: Dict[Key, int] = Counter()
    for r in results:
        if r.doc is None:
            continue
        for f in r.findings:
            counts[key(r.doc, f, root)] += 1
    entries = [{"path": k[0], "code": k[1], "text": k[2], "before": k[3], "after": k[4], "count": n}
               for k, n in sorted(counts.items())]
    data = {"tool": "doclint", "version": VERSION,
            "comment": "doclint baseline: findings listed here are not reported with --baseline. "
                       "Regenerate with doclint check --write-baseline FILE.",
            "findings": entries}
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    from doclint.files.writer import write_file
    write_file(path, text.encode("utf-8"))  # a symlink, device or FIFO is refused, not replaced
    return sum(counts.values())
