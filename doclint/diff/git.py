"""Reading one side of a diff: a file, stdin, or a git revision `REV:path`.

`REV:path` is read with `git show`. The path is taken relative to the current
folder first (as `git show REV:./path`), then relative to the repository root,
so `doclint diff HEAD~1:speech.txt speech.txt` works from any folder of the
drafting repository. An argument that names an existing file is always a file
(so `C:\\draft.txt` or a file whose name holds a colon still works).

A revision never reaches git as an option: one that starts with `-` or holds a
control character is refused before git runs (`--output=…:x` would otherwise
make `git show` write a file), and git is called with `--end-of-options`
before the revision.
"""
from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from doclint.errors import InputError


def split_rev(arg: str):
    """(rev, path) when `arg` looks like REV:path and is not an existing file, else None."""
    if arg == "-" or ":" not in arg or os.path.exists(arg):
        return None
    rev, path = arg.split(":", 1)
    if not rev or len(rev) == 1 and rev.isalpha() and path.startswith(("\\", "/")):
        return None  # ":path" (index) is not supported; "C:\\x" is a Windows path
    return rev, path


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def check_rev(rev: str, label: str) -> None:
    """Refuse a revision git could read as an option (leading -) or that holds control characters."""
    if rev.startswith("-") or _CONTROL.search(rev):
        raise InputError(label, "不是有效的版本号（不能以 - 开头或含控制字符）",
                         "is not a valid revision (it cannot start with - or hold control characters)")


def git_show(rev: str, path: str, label: str) -> bytes:
    check_rev(rev, label)

    def run(spec):
        return subprocess.run(["git", "show", "--end-of-options", spec], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    try:
        specs = [f"{rev}:{path}"] if path.startswith(("./", "../", "/")) else \
                [f"{rev}:./{path}", f"{rev}:{path}"]
        if path.startswith("/"):  # absolute: make it relative to the repository root
            top = subprocess.run(["git", "rev-parse", "--show-toplevel"], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
            if top.returncode == 0:
                root = Path(top.stdout.decode().strip())
                try:
                    specs = [f"{rev}:{Path(path).resolve().relative_to(root.resolve()).as_posix()}"]
                except ValueError:
                    raise InputError(label, f"不在 git 仓库 {root} 内", f"is outside the git repository {root}")
        proc = None
        for spec in specs:
            proc = run(spec)
            if proc.returncode == 0:
                return proc.stdout
    except FileNotFoundError:
        raise InputError(label, "需要 git 读取该版本，但未找到 git 命令",
                         "reading a revision needs git, which was not found")
    msg = proc.stderr.decode("utf-8", "replace").strip().splitlines()
    first = msg[0] if msg else "git show failed"
    first = first.replace("fatal: ", "")
    if "not a git repository" in first:
        raise InputError(label, "当前目录不在 git 仓库中，无法读取该版本",
                         "the current folder is not in a git repository; cannot read the revision")
    if "does not exist" in first or "exists on disk, but not in" in first:
        raise InputError(label, f"该版本中没有这个文件（git: {first}）",
                         f"no such file in that revision (git: {first})")
    if "invalid object name" in first or "unknown revision" in first or "bad revision" in first:
        raise InputError(label, f"找不到版本 {rev}（git: {first}）", f"unknown revision {rev} (git: {first})")
    raise InputError(label, f"git 无法读取（{first}）", f"git cannot read it ({first})")


def read_side(arg: str):
    """A Document for one side of the diff; InputError (naming `arg`) on failure."""
    from doclint.files.reader import read_bytes, read_path
    rp = split_rev(arg)
    if rp is None:
        return read_path(arg)
    rev, path = rp
    data = git_show(rev, path, arg)
    if path.lower().endswith(".docx"):
        import tempfile
        with tempfile.TemporaryDirectory() as tmp:
            p = Path(tmp) / Path(path).name
            p.write_bytes(data)
            doc = read_path(p, display=arg)
            doc.path = arg
            return doc
    return read_bytes(data, arg)
