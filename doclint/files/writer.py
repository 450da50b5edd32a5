"""Writing files: a fixed document back (--fix) and whole files (--write-baseline), atomically.

A fixed document keeps its encoding, BOM and line endings: the reader keeps
the decoded text exactly, so re-encoding the original text gives the
original bytes and a fixed text differs only inside the fixed spans. Before
writing, the file on disk is compared with those bytes; if it differs (the
file changed since it was read, or its bytes do not survive a decode/encode
round trip), nothing is written, because writing would touch bytes outside
the fixed spans.

The new content goes to a temporary file in the same folder, is flushed to
disk, and takes the original's place in one rename: a reader sees the old
file or the new one, never a half-written one. What a rename would lose is
kept or the write is refused, with the reason:

- permission bits, owner and group: copied (the owner only as root; a file
  owned by another user, or whose group cannot be kept, is refused);
- extended attributes (ACLs, SELinux labels, user.* attributes): copied;
  one that cannot be copied refuses the write;
- hard links: a rename would leave the other names on the old content, so a
  file with more than one link is refused;
- a symlink is followed (its target is written) for --fix; a baseline path
  that is a symlink is refused (see write_file);
- devices, FIFOs, sockets, folders are never replaced.

An edit saved by another program while doclint works is never lost: the file
is compared again right before the rename, and on Linux the rename is an
atomic exchange (renameat2 RENAME_EXCHANGE) after which the file that was
swapped out is compared once more; if it is not the one doclint read, the
exchange is undone and the write refused. Elsewhere the window between the
last comparison and the rename is a single system call.
"""
from __future__ import annotations

import codecs
import errno
import os
import stat
import sys
import tempfile
from typing import Optional

from doclint.errors import InputError
from doclint.text.display import escaped

_BOM_FOR = {
    "utf-8": codecs.BOM_UTF8,
    "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
    "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE,
}
_MAX_READ = 256 * 1024 * 1024


def encode(text: str, encoding: str, bom: bool) -> bytes:
    """Bytes of `text` in `encoding`, with the BOM in front when `bom`."""
    data = text.encode(encoding, errors="strict")
    if bom:
        data = _BOM_FOR.get(encoding.lower(), b"") + data
    return data


def _refuse(shown, zh, en) -> InputError:
    return InputError(shown, f"{zh}，未修改", f"{en}; not modified")


def write_document(doc, new_text: str, path=None) -> None:
    """Replace the file behind `doc` with `new_text`, keeping its encoding and BOM.

    Raises InputError (one line, the file named) if the file cannot be written
    safely; the original file is then left untouched.
    """
    shown = doc.path
    target = os.path.realpath(path or doc.path)
    try:
        expected = encode(doc.text, doc.encoding, doc.bom)
    except UnicodeEncodeError:
        raise _refuse(shown, f"原文无法按 {doc.encoding} 重新编码", f"text cannot be re-encoded as {doc.encoding}")
    try:
        data = encode(new_text, doc.encoding, doc.bom)
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start:exc.end]
        raise _refuse(shown, f"修复后的文字无法用 {doc.encoding} 编码（{bad!r}）",
                      f"fixed text cannot be encoded as {doc.encoding} ({bad!r})")
    st = _current(target, shown, expected)
    _replace(target, data, st, shown, expected)


def write_file(path, data: bytes) -> None:
    """Create or replace `path` with `data` (a baseline): a new file gets the usual mode; an existing
    one must be a regular file, keeps mode, owner and attributes (or is refused, see the module
    docstring). A symlink is refused rather than followed: the file is rewritten whole, and a link
    in a checked-out repository may point anywhere (give the link's target instead)."""
    shown = str(path)
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise _refuse(shown, f"无法读取（{exc.strerror or exc}）", f"cannot read ({exc.strerror or exc})")
    if st is not None:
        if stat.S_ISLNK(st.st_mode):
            raise _refuse(shown, "是符号链接，不会被替换（请直接给出它指向的文件）",
                          "is a symbolic link and is not replaced (give the file it points to)")
        _keepable(st, shown)
        _writable(str(path), st, shown)
    _replace(str(path), data, st, shown, None)


def atomic_write(target: str, data: bytes, st=None, shown=None) -> None:
    """Write `data` to `target` through a temporary file and a rename (kept for callers of the old name)."""
    _replace(target, data, st, shown or target, None)


def _kind(st) -> Optional[tuple]:
    """(zh, en) naming what a non-regular file is, None for a regular file."""
    m = st.st_mode
    if stat.S_ISREG(m):
        return None
    if stat.S_ISDIR(m):
        return "是目录", "is a directory"
    if stat.S_ISFIFO(m):
        return "是管道，不是普通文件", "is a pipe, not a regular file"
    if stat.S_ISCHR(m) or stat.S_ISBLK(m):
        return "是设备文件，不是普通文件", "is a device, not a regular file"
    return "不是普通文件", "is not a regular file"


def _keepable(st, shown) -> None:
    """Refuse a file whose replacement by a rename would lose something that cannot be kept."""
    kind = _kind(st)
    if kind:
        raise _refuse(shown, *kind)
    if st.st_nlink > 1:
        raise _refuse(shown, f"文件有 {st.st_nlink} 个硬链接，原子写回会让其他链接仍指向旧内容",
                      f"file has {st.st_nlink} hard links; an atomic rewrite would leave the others "
                      "with the old content")
    euid = os.geteuid() if hasattr(os, "geteuid") else None
    if euid not in (None, 0) and st.st_uid != euid:
        raise _refuse(shown, "文件属于其他用户，写回后属主会变为当前用户",
                      "file belongs to another user; rewriting it would make you its owner")


def _writable(target: str, st, shown) -> None:
    """Refuse a file the user made read-only: a rename needs only a writable folder (and root may
    write anything), so the file's own permission bits are checked."""
    if not os.access(target, os.W_OK) or not st.st_mode & 0o222:
        raise _refuse(shown, "文件是只读的", "file is read-only")


def _current(target: str, shown, expected: bytes):
    """The stat of `target` after checking that it can be replaced and still holds `expected`."""
    try:
        fd = os.open(target, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise _refuse(shown, f"无法读取（{exc.strerror or exc}）", f"cannot read ({exc.strerror or exc})")
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fd)
        _keepable(st, shown)
        _writable(target, st, shown)
        try:
            current = fh.read(_MAX_READ)
        except OSError as exc:
            raise _refuse(shown, f"无法读取（{exc.strerror or exc}）", f"cannot read ({exc.strerror or exc})")
    if current != expected:
        raise _refuse(shown, "文件在检查后被改动，或其字节无法按原编码原样写回",
                      "file changed since it was read, or its bytes do not round-trip through its encoding")
    return st


def _same(path: str, st, expected: bytes) -> bool:
    """Whether `path` is still the file `st` describes (same inode, size, mtime) holding `expected`."""
    try:
        now = os.stat(path)
        if (now.st_dev, now.st_ino, now.st_size, now.st_mtime_ns) != (st.st_dev, st.st_ino, st.st_size,
                                                                       st.st_mtime_ns):
            return False
        with open(path, "rb") as fh:
            return fh.read(_MAX_READ) == expected
    except OSError:
        return False


def _keep_owner_and_mode(tmp: str, st, shown) -> None:
    """Give the temporary file the original's owner, group and permission bits (owner first:
    chown clears set-user-ID bits)."""
    if hasattr(os, "chown"):
        tst = os.stat(tmp)
        uid = st.st_uid if tst.st_uid != st.st_uid else -1
        gid = st.st_gid if tst.st_gid != st.st_gid else -1
        if uid != -1 or gid != -1:
            try:
                os.chown(tmp, uid, gid)
            except OSError:
                raise _refuse(shown, "无法保留文件的属主或属组（写回会改变它们）",
                              "cannot keep the file's owner or group (rewriting would change them)")
    os.chmod(tmp, stat.S_IMODE(st.st_mode))


def _keep_xattrs(source: str, tmp: str, shown) -> None:
    """Copy every extended attribute of `source` (ACLs and SELinux labels are attributes too)."""
    if not hasattr(os, "listxattr"):
        return
    try:
        names = os.listxattr(source)
    except OSError as exc:
        if exc.errno in (errno.ENOTSUP, getattr(errno, "EOPNOTSUPP", errno.ENOTSUP)):
            return
        raise
    for name in names:
        try:
            value = os.getxattr(source, name)
            if name in os.listxattr(tmp) and os.getxattr(tmp, name) == value:
                continue
            os.setxattr(tmp, name, value)
        except OSError as exc:
            raise _refuse(shown, f"无法保留扩展属性 {escaped(name)}（{exc.strerror or exc}）",
                          f"cannot keep extended attribute {escaped(name)} ({exc.strerror or exc})")


_RENAME_EXCHANGE = 2
_renameat2 = None


def _exchange(a: str, b: str) -> bool:
    """Atomically swap the files at `a` and `b` (Linux renameat2); False where that is unsupported."""
    global _renameat2
    if not sys.platform.startswith("linux"):
        return False
    if _renameat2 is None:
        try:
            import ctypes
            libc = ctypes.CDLL(None, use_errno=True)
            _renameat2 = libc.renameat2
            _renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
        except (OSError, AttributeError):
            _renameat2 = False
    if not _renameat2:
        return False
    import ctypes
    at_cwd = -100
    if _renameat2(at_cwd, os.fsencode(a), at_cwd, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, getattr(errno, "EOPNOTSUPP", errno.ENOTSUP)):
        return False    # this file system (or kernel) cannot exchange: plain rename
    raise OSError(err, os.strerror(err))


def _swap_in(tmp: str, target: str, st, expected: Optional[bytes], shown) -> None:
    """Put `tmp` in `target`'s place; with `expected`, only if `target` still holds it."""
    if expected is None:
        os.replace(tmp, target)
        return
    if not _same(target, st, expected):
        raise _refuse(shown, "文件在写回前被其他程序改动", "file was changed by another program while being fixed")
    if not _exchange(tmp, target):
        os.replace(tmp, target)
        return
    # `tmp` now holds what was at `target` an instant ago: it must be the file we compared.
    if not _same(tmp, st, expected):
        _exchange(tmp, target)   # put the other program's version back
        raise _refuse(shown, "文件在写回时被其他程序改动", "file was changed by another program while being fixed")
    try:
        os.unlink(tmp)           # the original, swapped out
    except OSError:
        pass


def _replace(target: str, data: bytes, st, shown, expected: Optional[bytes]) -> None:
    """Write `data` to a temporary file beside `target`, keep what `st` says must be kept, and swap
    it in (see the module docstring). Nothing is left behind on failure."""
    folder = os.path.dirname(target) or "."
    fd, tmp = None, None
    try:
        fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(target) + ".", suffix=".doclint-tmp",
                                   dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fd = None
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if st is None:  # a new file: the usual mode, as open() would give it
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        else:
            _keep_owner_and_mode(tmp, st, shown)
            _keep_xattrs(target, tmp, shown)
        _swap_in(tmp, target, st, expected, shown)
        tmp = None
    except OSError as exc:
        raise _refuse(shown, f"无法写入（{exc.strerror or exc}）", f"cannot write ({exc.strerror or exc})")
    finally:
        if fd is not None:
            os.close(fd)
        if tmp is not None and os.path.lexists(tmp):
            try:
                os.unlink(tmp)
            except OSError:
                pass
