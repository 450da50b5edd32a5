"""Writing a fixed document back: atomic, same encoding, BOM and line endings.

The reader keeps the decoded text exactly (line endings included), so writing
back `doc.text` re-encoded gives the original bytes; a fixed text differs from
the original only inside the fixed spans. Before writing, the file on disk is
read again and compared with what re-encoding the original text gives: if it
differs (the file changed since it was read, or its bytes do not survive a
decode/encode round trip), nothing is written and the caller gets an error,
because writing would touch bytes outside the fixed spans.

The new content goes to a temporary file in the same folder, is flushed to
disk, gets the original file's permission bits, and replaces the original with
`os.replace` (atomic on POSIX and Windows): a reader sees the old file or the
new one, never a half-written one. A symlink is followed: its target is written.
"""
from __future__ import annotations

import codecs
import os
import stat
import tempfile

from doclint.errors import InputError

_BOM_FOR = {
    "utf-8": codecs.BOM_UTF8,
    "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
    "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE,
}


def encode(text: str, encoding: str, bom: bool) -> bytes:
    """Bytes of `text` in `encoding`, with the BOM in front when `bom`."""
    data = text.encode(encoding, errors="strict")
    if bom:
        data = _BOM_FOR.get(encoding.lower(), b"") + data
    return data


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
        raise InputError(shown, f"原文无法按 {doc.encoding} 重新编码，未修改",
                         f"text cannot be re-encoded as {doc.encoding}; not modified")
    try:
        with open(target, "rb") as fh:
            current = fh.read()
        st = os.stat(target)
    except OSError as exc:
        raise InputError(shown, f"无法读取（{exc.strerror or exc}），未修改",
                         f"cannot read ({exc.strerror or exc}); not modified")
    if not os.access(target, os.W_OK) or not st.st_mode & 0o222:
        # os.replace needs only a writable folder; respect a file the user made read-only
        # (also as root, for whom access() always says yes).
        raise InputError(shown, "文件是只读的，未修改", "file is read-only; not modified")
    if current != expected:
        raise InputError(shown, "文件在检查后被改动，或其字节无法按原编码原样写回，未修改",
                         "file changed since it was read, or its bytes do not round-trip "
                         f"through {doc.encoding}; not modified")
    try:
        data = encode(new_text, doc.encoding, doc.bom)
    except UnicodeEncodeError as exc:
        raise InputError(shown, f"修复后的文字无法用 {doc.encoding} 编码（{exc.object[exc.start:exc.end]!r}），未修改",
                         f"fixed text cannot be encoded as {doc.encoding} "
                         f"({exc.object[exc.start:exc.end]!r}); not modified")
    atomic_write(target, data, st, shown)


def atomic_write(target: str, data: bytes, st=None, shown=None) -> None:
    """Write `data` to `target` through a temporary file and os.replace."""
    shown = shown or target
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
            os.chmod(tmp, stat.S_IMODE(st.st_mode))
            if hasattr(os, "chown") and hasattr(os, "geteuid") and os.geteuid() == 0:
                try:
                    os.chown(tmp, st.st_uid, st.st_gid)
                except OSError:
                    pass
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        raise InputError(shown, f"无法写入（{exc.strerror or exc}），未修改",
                         f"cannot write ({exc.strerror or exc}); not modified")
    finally:
        if fd is not None:
            os.close(fd)
        if tmp is not None and os.path.exists(tmp):
            try:
                os.unlink(tmp)
            except OSError:
                pass
