"""Writes (doclint/files/writer.py): what a rename would lose is kept or the write is refused, and an
edit saved by another program while doclint writes is never lost.

--write-baseline never replaces a symlink, device node or FIFO; --fix keeps owner, group, mode and
extended attributes (ACLs too) and refuses a file with hard links; a change made between doclint's
read and its rename (in place, by a rename, or in the last instant before the swap) makes it refuse
and leaves the other program's version in place.
"""
from __future__ import annotations

import errno
import json
import os
import stat
import struct

import pytest
from click.testing import CliRunner

import doclint.files.writer as writer
from doclint.cli import main
from doclint.errors import InputError
from doclint.files.reader import read_path
from doclint.files.writer import write_document

DRAFT = "各地区要动员群众做好秋冬季农业农业生产。\n"
FIXED = "各地区要动员群众做好秋冬季农业生产。\n"
OTHER = "另一个程序保存的版本。\n"

root_only = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                               reason="needs root: only root can give a file to another user or make a device node")


def _cli(*args, cwd=None):
    old = os.getcwd()
    if cwd:
        os.chdir(cwd)
    try:
        r = CliRunner().invoke(main, list(args))
    finally:
        os.chdir(old)
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    return r


def _errors(r):
    out = getattr(r, "stderr", None) or r.output
    return [ln for ln in out.splitlines() if ln.startswith("doclint: ") and "未修改" in ln]


def _no_temp_files(folder):
    return not [p.name for p in folder.iterdir() if p.name.endswith((".doclint-tmp", ".tmp"))]


# ----------------------------------------------------------------- --write-baseline
def test_write_baseline_refuses_a_symlink_and_leaves_its_target_alone(tmp_path):
    (tmp_path / "d.txt").write_text(DRAFT, "utf-8")
    target = tmp_path / "notes.txt"
    target.write_text("用户自己的笔记\n", "utf-8")
    link = tmp_path / "doclint-baseline.json"
    link.symlink_to(target)
    r = _cli("check", "--write-baseline", str(link), str(tmp_path / "d.txt"))
    assert r.exit_code == 2
    [line] = _errors(r)
    assert str(link) in line and "符号链接" in line
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text("utf-8") == "用户自己的笔记\n"
    assert _no_temp_files(tmp_path)


def test_write_baseline_refuses_a_fifo_without_blocking(tmp_path):
    (tmp_path / "d.txt").write_text(DRAFT, "utf-8")
    fifo = tmp_path / "base.json"
    os.mkfifo(fifo)
    r = _cli("check", "--write-baseline", str(fifo), str(tmp_path / "d.txt"))
    assert r.exit_code == 2 and "管道" in _errors(r)[0]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@root_only
def test_write_baseline_refuses_a_device_node(tmp_path):
    (tmp_path / "d.txt").write_text(DRAFT, "utf-8")
    dev = tmp_path / "null"
    os.mknod(dev, stat.S_IFCHR | 0o666, os.makedev(1, 3))   # a /dev/null of our own
    r = _cli("check", "--write-baseline", str(dev), str(tmp_path / "d.txt"))
    assert r.exit_code == 2 and "设备" in _errors(r)[0]
    assert stat.S_ISCHR(os.lstat(dev).st_mode)
    assert _no_temp_files(tmp_path)


def test_write_baseline_creates_and_rewrites_a_regular_file(tmp_path):
    (tmp_path / "d.txt").write_text(DRAFT, "utf-8")
    base = tmp_path / "base.json"
    for _ in range(2):   # created, then replaced
        r = _cli("check", "--write-baseline", str(base), str(tmp_path / "d.txt"))
        assert r.exit_code == 0, r.output
        assert json.loads(base.read_text("utf-8"))["findings"][0]["code"] == "DL101"
    assert _no_temp_files(tmp_path)


@root_only
def test_write_baseline_keeps_owner_and_mode_of_an_existing_file(tmp_path):
    (tmp_path / "d.txt").write_text(DRAFT, "utf-8")
    base = tmp_path / "base.json"
    base.write_text("{}", "utf-8")
    os.chown(base, 1000, 1000)
    os.chmod(base, 0o640)
    assert _cli("check", "--write-baseline", str(base), str(tmp_path / "d.txt")).exit_code == 0
    st = base.stat()
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (1000, 1000, 0o640)


# ----------------------------------------------------------------- --fix: what a rename would lose
def test_fix_refuses_a_file_with_hard_links(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text(DRAFT, "utf-8")
    os.link(a, tmp_path / "b.txt")
    r = _cli("check", "--fix", str(a))
    assert r.exit_code == 2
    [line] = _errors(r)
    assert "硬链接" in line and str(a) in line
    assert a.read_text("utf-8") == DRAFT and (tmp_path / "b.txt").read_text("utf-8") == DRAFT
    assert os.stat(a).st_nlink == 2 and _no_temp_files(tmp_path)


@root_only
def test_fix_as_root_keeps_another_users_owner_group_and_mode(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text(DRAFT, "utf-8")
    os.chown(a, 1000, 1000)
    os.chmod(a, 0o6750)              # set-user-ID and set-group-ID survive too (chown before chmod)
    assert _cli("check", "--fix", str(a)).exit_code == 0
    st = a.stat()
    assert a.read_text("utf-8") == FIXED
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (1000, 1000, 0o6750)


def test_fix_by_another_user_is_refused_rather_than_taking_the_file_over(tmp_path, monkeypatch):
    """Someone else's file that we may write (group-writable): a rename would make us its owner."""
    a = tmp_path / "a.txt"
    a.write_text(DRAFT, "utf-8")
    owner = a.stat().st_uid
    monkeypatch.setattr(writer.os, "geteuid", lambda: owner + 1)
    doc = read_path(str(a))
    with pytest.raises(InputError) as exc:
        write_document(doc, FIXED)
    assert "其他用户" in exc.value.render("zh") and "another user" in exc.value.render("en")
    assert a.read_text("utf-8") == DRAFT and _no_temp_files(tmp_path)


# POSIX ACL as the kernel stores it: version 2, then (tag, permissions, id) entries.
_ACL_USER_1000_RW = struct.pack("<I", 2) + b"".join(
    struct.pack("<HHI", tag, perm, uid) for tag, perm, uid in
    [(0x01, 6, 0xFFFFFFFF), (0x02, 6, 1000), (0x04, 4, 0xFFFFFFFF), (0x10, 6, 0xFFFFFFFF), (0x20, 4, 0xFFFFFFFF)])


def _xattrs_supported(path) -> bool:
    try:
        os.setxattr(path, "user.doclint-probe", b"1")
        os.removexattr(path, "user.doclint-probe")
        return True
    except OSError:
        return False


def _draft_with_xattrs(tmp_path):
    """A draft that can carry extended attributes (skip, saying why, where it cannot)."""
    if not hasattr(os, "setxattr"):
        pytest.skip("this platform has no extended attributes (os.setxattr)")
    a = tmp_path / "a.txt"
    a.write_text(DRAFT, "utf-8")
    if not _xattrs_supported(a):
        pytest.skip(f"the file system of {tmp_path} does not take user.* extended attributes")
    return a


def test_fix_keeps_extended_attributes_and_acls(tmp_path):
    a = _draft_with_xattrs(tmp_path)
    os.setxattr(a, "user.origin", "办公厅".encode("utf-8"))
    os.setxattr(a, "user.empty", b"")
    try:   # an ACL granting uid 1000 read/write (what `setfacl -m u:1000:rw` stores)
        os.setxattr(a, "system.posix_acl_access", _ACL_USER_1000_RW)
    except OSError:
        pass   # a file system without POSIX ACLs: the user.* attributes still count
    before = {n: os.getxattr(a, n) for n in os.listxattr(a)}
    assert "user.origin" in before
    assert _cli("check", "--fix", str(a)).exit_code == 0
    assert a.read_text("utf-8") == FIXED
    assert {n: os.getxattr(a, n) for n in os.listxattr(a)} == before


def test_fix_refuses_when_an_attribute_cannot_be_kept(tmp_path, monkeypatch):
    a = _draft_with_xattrs(tmp_path)
    os.setxattr(a, "user.origin", b"x")

    def refuse(*args, **kw):
        raise OSError(errno.EPERM, os.strerror(errno.EPERM))

    monkeypatch.setattr(writer.os, "setxattr", refuse)
    with pytest.raises(InputError) as exc:
        write_document(read_path(str(a)), FIXED)
    assert "user.origin" in exc.value.render("en")
    assert a.read_text("utf-8") == DRAFT and os.getxattr(a, "user.origin") == b"x"
    assert _no_temp_files(tmp_path)


# ----------------------------------------------------------------- another program's edit
def _doc(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text(DRAFT, "utf-8")
    return a, read_path(str(a))


@pytest.mark.parametrize("how", ["in-place", "rename"])
def test_an_edit_saved_while_doclint_writes_its_temp_file_is_kept(tmp_path, monkeypatch, how):
    """The other program saves after doclint compared the file, while it writes the new content:
    the comparison right before the replace catches it."""
    a, doc = _doc(tmp_path)
    real_fsync = writer.os.fsync

    def save_meanwhile(fd):
        real_fsync(fd)
        if how == "in-place":
            a.write_text(OTHER, "utf-8")
        else:                                   # editors save to a new file and rename it
            other = tmp_path / "editor-save"
            other.write_text(OTHER, "utf-8")
            os.replace(other, a)

    monkeypatch.setattr(writer.os, "fsync", save_meanwhile)
    with pytest.raises(InputError) as exc:
        write_document(doc, FIXED)
    assert "其他程序" in exc.value.render("zh")
    assert a.read_text("utf-8") == OTHER and _no_temp_files(tmp_path)


def test_an_edit_saved_in_the_last_instant_before_the_swap_is_put_back(tmp_path, monkeypatch):
    """The other program saves after doclint's last comparison: the swapped-out file is compared
    once more and the exchange undone."""
    a, doc = _doc(tmp_path)
    probe = tmp_path / "probe"
    probe.write_text("1")
    (tmp_path / "probe2").write_text("2")
    if not writer._exchange(str(probe), str(tmp_path / "probe2")):
        pytest.skip("no atomic exchange here (renameat2 RENAME_EXCHANGE): the last comparison is the guard")
    probe.unlink()
    (tmp_path / "probe2").unlink()
    real_same = writer._same
    calls = []

    def same_then_save(path, st, expected):
        ok = real_same(path, st, expected)
        calls.append(path)
        if len(calls) == 1:
            a.write_text(OTHER, "utf-8")      # right after doclint looked
        return ok

    monkeypatch.setattr(writer, "_same", same_then_save)
    with pytest.raises(InputError) as exc:
        write_document(doc, FIXED)
    assert len(calls) == 2 and "其他程序" in exc.value.render("zh")
    assert a.read_text("utf-8") == OTHER and _no_temp_files(tmp_path)


def test_an_unchanged_file_is_written_and_nothing_is_left_behind(tmp_path):
    a, doc = _doc(tmp_path)
    ino = a.stat().st_ino
    write_document(doc, FIXED)
    assert a.read_text("utf-8") == FIXED and a.stat().st_ino != ino
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]
