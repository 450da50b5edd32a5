"""Reading files into Documents: encoding detection and clear input errors.

Supported: UTF-8 (with or without BOM), UTF-16 and UTF-32 with BOM, and
GB18030 (a superset of GBK and GB2312) for drafts from older Windows machines.
The decoded text is kept exactly (line endings included) so that `--fix` can
write the file back byte-for-byte outside the fixed spans.
"""
from __future__ import annotations

import codecs
import errno
import os
import stat
import sys
from pathlib import Path
from typing import Optional


from doclint.model.document import Document
from doclint.text import rx
from doclint.errors import InputError

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
# Refuse anything larger than this outright. Real drafts are well under 1 MB;
# a 50 MB file is checked with bounded memory (see tests/cli/test_bad_input.py),
# but memory grows with the text (several hundred MB for 50 MB of Chinese),
# so the limit stays at a size that any office machine can handle.
MAX_BYTES = 100 * 1024 * 1024
# .docx packages (see check_docx_limits): python-docx needs roughly 18 bytes of
# memory per byte of XML, so 64 MB of parts is already about a gigabyte.
DOCX_MAX_UNCOMPRESSED = 64 * 1024 * 1024
DOCX_MAX_PARTS = 2000
# A pipe given as input (`doclint check <(git show HEAD:draft.txt)`, a named FIFO) is read
# as long as data keeps coming; if nothing arrives for this many seconds (nobody is writing to
# it), it is one-line error instead of a wait forever. DOCLINT_PIPE_TIMEOUT overrides it.
PIPE_TIMEOUT = 60.0
# A UTF-8 file whose first bad byte comes after this many non-ASCII characters
# is UTF-8 with damage (a truncated paste, a stray byte), not GBK: report where.
_UTF8_EVIDENCE = 16

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Characters that do not belong in a text document (C0 controls except
# tab/newline/CR/form feed, DEL, C1 controls).
_CONTROL = rx.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
# After a GB18030 decode: characters that real text does not hold (controls
# other than whitespace, private use, unassigned). Real GBK drafts hold Han,
# punctuation, ×, ①, ℃, Greek, kana, box drawing... all fine.
_IMPLAUSIBLE = rx.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\p{Co}\p{Cn}]")


def decode(data: bytes, path: str):
    """(text, encoding, bom) or InputError."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(enc), enc, True
            except UnicodeDecodeError as exc:
                raise InputError(path, f"带 {enc} BOM 但内容无法按该编码解码（第 {exc.start} 字节）",
                                 f"has a {enc} BOM but is not valid {enc} (byte {exc.start})")
    if b"\x00" in data[:65536]:
        raise InputError(path, "是二进制文件，不是文本", "is a binary file, not text")
    try:
        text = data.decode("utf-8")
        enc = "utf-8"
    except UnicodeDecodeError as utf8_exc:
        bad = utf8_exc.start
        prefix = data[:bad].decode("utf-8")
        if sum(1 for c in prefix if c > "\x7f") >= _UTF8_EVIDENCE:
            line = prefix.count("\n") + 1
            col = len(data[data.rfind(b"\n", 0, bad) + 1:bad].decode("utf-8")) + 1
            raise InputError(path, f"第 {line} 行第 {col} 列有无效的 UTF-8 字节（第 {bad} 字节：{data[bad:bad + 1].hex()}），"
                                   "文件可能已损坏",
                             f"invalid UTF-8 at line {line}, column {col} (byte {bad}: 0x{data[bad:bad + 1].hex()}); "
                             "the file may be damaged")
        try:
            text = data.decode("gb18030")
            enc = "gb18030"
        except UnicodeDecodeError as exc:
            raise InputError(path, f"无法识别编码：既不是 UTF-8，也不是 GB18030/GBK（第 {exc.start} 字节）",
                             f"cannot decode: neither UTF-8 nor GB18030/GBK (byte {exc.start})")
        # GB18030 decodes many byte soups; insist the result looks like text.
        sample = text[:20000]
        if sample and len(_IMPLAUSIBLE.findall(sample)) > 0.1 * len(sample):
            raise InputError(path, "无法识别编码：不像 UTF-8 或 GB18030/GBK 文本",
                             "cannot decode: does not look like UTF-8 or GB18030/GBK text")
    controls = len(_CONTROL.findall(text[:20000]))
    if controls > max(8, len(text[:20000]) // 50):
        raise InputError(path, "包含大量控制字符，像是二进制文件", "is full of control characters; looks binary")
    return text, enc, False


def read_bytes(data: bytes, path: str, user_words=()) -> Document:
    if len(data) > MAX_BYTES:  # e.g. a git blob (doclint diff REV:path)
        raise InputError(path, f"文件过大（{len(data) // 2**20} MB，上限 {MAX_BYTES // 2**20} MB）",
                         f"file too large ({len(data) // 2**20} MB, limit {MAX_BYTES // 2**20} MB)")
    text, enc, bom = decode(data, path)
    kind = "markdown" if str(path).lower().endswith((".md", ".markdown")) else "text"
    return Document(text, path=str(path), encoding=enc, bom=bom, kind=kind, user_words=user_words)


def _read_limited(fh, shown: str) -> bytes:
    data = fh.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InputError(shown, f"文件过大（超过 {MAX_BYTES // 2**20} MB 上限）",
                         f"file too large (over the {MAX_BYTES // 2**20} MB limit)")
    return data


def _pipe_timeout() -> float:
    try:
        return max(0.01, float(os.environ.get("DOCLINT_PIPE_TIMEOUT", PIPE_TIMEOUT)))
    except ValueError:
        return PIPE_TIMEOUT


def _read_pipe(fd: int, shown: str) -> bytes:
    """The bytes of a pipe, waiting at most PIPE_TIMEOUT seconds for each next piece.

    `fd` is the pipe opened without blocking (a blocking open of a FIFO waits
    for a writer forever); it is polled and closed here. Data is read as it
    comes, the end comes when the writer closes the pipe, and silence longer
    than the timeout (no writer, or a writer that stopped) is an error. Never
    more than MAX_BYTES are read.
    """
    import select
    timeout = _pipe_timeout()
    chunks, size = [], 0
    try:
        poller = select.poll()
        poller.register(fd, select.POLLIN | select.POLLHUP)
        while True:
            if not poller.poll(timeout * 1000):
                raise InputError(shown, f"是管道，但 {timeout:g} 秒内没有数据写入（没有程序在写？），未检查",
                                 f"is a pipe and nothing was written to it for {timeout:g} s "
                                 "(is anything writing to it?); not checked")
            try:
                chunk = os.read(fd, 1 << 20)
            except BlockingIOError:
                continue
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_BYTES:
                raise InputError(shown, f"文件过大（超过 {MAX_BYTES // 2**20} MB 上限）",
                                 f"file too large (over the {MAX_BYTES // 2**20} MB limit)")
    finally:
        os.close(fd)
    return b"".join(chunks)


def check_docx_limits(p: Path, shown: str) -> None:
    """Refuse a .docx that is too big, or a zip bomb, before python-docx inflates it.

    python-docx reads every part of the package into memory and parses the XML
    with lxml (about 18 bytes of memory per byte of XML), so the limits apply
    to the sizes the zip directory declares (zipfile enforces them while
    inflating, so a lying directory fails as a corrupt file): the file itself
    at most MAX_BYTES, all parts together at most DOCX_MAX_UNCOMPRESSED, and at
    most DOCX_MAX_PARTS parts. No compression-ratio rule: the total bounds the
    memory already, and generated documents with repetitive XML compress very
    well without being bombs. Anything that is not a readable zip is left to
    the .docx reader, which reports it.
    """
    import zipfile
    try:
        st = p.stat()
    except OSError:
        return  # the .docx reader reports missing or unreadable files
    if stat.S_ISDIR(st.st_mode):
        return
    if not stat.S_ISREG(st.st_mode):
        raise InputError(shown, "不是普通文件（.docx 须是普通文件，不能是管道、设备或套接字）",
                         "is not a regular file (a .docx must be one: not a pipe, device or socket)")
    if st.st_size > MAX_BYTES:
        raise InputError(shown, f"文件过大（{st.st_size // 2**20} MB，上限 {MAX_BYTES // 2**20} MB）",
                         f"file too large ({st.st_size // 2**20} MB, limit {MAX_BYTES // 2**20} MB)")
    try:
        with zipfile.ZipFile(p) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return
    if len(infos) > DOCX_MAX_PARTS:
        raise InputError(shown, f".docx 包含的部件过多（{len(infos)} 个，上限 {DOCX_MAX_PARTS}），疑为恶意压缩包，未读取",
                         f".docx has too many parts ({len(infos)}, limit {DOCX_MAX_PARTS}); "
                         "looks like a zip bomb, not read")
    total = sum(i.file_size for i in infos)
    if total > DOCX_MAX_UNCOMPRESSED:
        raise InputError(shown, f".docx 解压后过大（{total // 2**20} MB，上限 {DOCX_MAX_UNCOMPRESSED // 2**20} MB），"
                                "疑为恶意压缩包，未读取",
                         f".docx too large when uncompressed ({total // 2**20} MB, limit "
                         f"{DOCX_MAX_UNCOMPRESSED // 2**20} MB); looks like a zip bomb, not read")


def read_path(path, display: Optional[str] = None, user_words=()) -> Document:
    """Read a file (or '-' for stdin) into a Document; InputError on failure.

    Only regular files and pipes are read (a device such as /dev/zero would
    never end), and never more than MAX_BYTES, whatever the file system
    claims the size is.
    """
    shown = display or str(path)
    if str(path) == "-":
        return read_bytes(_read_limited(sys.stdin.buffer, "<stdin>"), "<stdin>", user_words)
    p = Path(path)
    if p.suffix.lower() == ".docx":
        check_docx_limits(p, shown)
        from doclint.files.docx import read_docx  # optional: .docx support
        return read_docx(p, shown, user_words)
    try:
        st = p.stat()
        if stat.S_ISDIR(st.st_mode):
            raise InputError(shown, "是目录，不是文件", "is a directory, not a file")
        if not (stat.S_ISREG(st.st_mode) or stat.S_ISFIFO(st.st_mode)):
            # Pipes are fine (`doclint check <(git show HEAD:draft.txt)`);
            # devices such as /dev/zero and sockets are not documents.
            raise InputError(shown, "不是普通文件（设备或套接字）",
                             "is not a regular file (a device or socket)")
        size = st.st_size
        if size > MAX_BYTES:
            raise InputError(shown, f"文件过大（{size // 2**20} MB，上限 {MAX_BYTES // 2**20} MB）",
                             f"file too large ({size // 2**20} MB, limit {MAX_BYTES // 2**20} MB)")
        # opened without blocking, and checked again on the descriptor: a FIFO (or a file
        # swapped for one since the stat) is read with a bounded wait, never an endless one
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        if stat.S_ISFIFO(os.fstat(fd).st_mode):
            data = _read_pipe(fd, shown)
        else:
            with os.fdopen(fd, "rb") as fh:
                data = _read_limited(fh, shown)
    except OSError as exc:
        raise os_error(shown, exc) from None
    return read_bytes(data, shown, user_words)


def read_small_file(path, limit: int, what_zh: str, what_en: str) -> bytes:
    """The bytes of a config, dictionary or baseline file: a regular file of at most `limit` bytes.

    A FIFO, a device (/dev/zero) or a directory would block or never end:
    they are refused with a one-line error, as is a file over the limit. The
    file is opened without blocking and checked on the open descriptor, so it
    cannot be swapped for a pipe between the check and the read.
    """
    shown = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise os_error(shown, exc) from None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)   # checked before os.fdopen, which raises its own IsADirectoryError on a folder
        if stat.S_ISDIR(st.st_mode):
            raise InputError(shown, "是目录，不是文件", "is a directory, not a file")
        raise InputError(shown, f"{what_zh}不是普通文件（管道、设备或套接字）",
                         f"{what_en} is not a regular file (a pipe, device or socket)")
    with os.fdopen(fd, "rb") as fh:
        try:
            data = fh.read(limit + 1)
        except OSError as exc:
            raise os_error(shown, exc) from None
    if len(data) > limit:
        raise InputError(shown, f"{what_zh}过大（上限 {limit // 2**20} MB）",
                         f"{what_en} too large (limit {limit // 2**20} MB)")
    return data


def os_error(shown: str, exc: OSError) -> InputError:
    """The one-line input error for an OSError met while opening or reading a file."""
    if isinstance(exc, FileNotFoundError):
        return InputError(shown, "文件不存在", "no such file")
    if isinstance(exc, PermissionError):
        return InputError(shown, "没有读取权限", "permission denied")
    if isinstance(exc, IsADirectoryError):
        return InputError(shown, "是目录，不是文件", "is a directory, not a file")
    return InputError(shown, f"无法读取（{exc.strerror or exc}）", f"cannot read ({exc.strerror or exc})")


def _broken_link(p: Path, shown: str) -> Optional[InputError]:
    """The error for a symlink that points nowhere or in a circle (None if it now resolves)."""
    try:
        os.stat(p)
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return InputError(shown, "符号链接循环，无法读取", "symbolic link loop; cannot read")
        return InputError(shown, "文件不存在（符号链接指向的文件不存在）",
                          "no such file (the symbolic link points nowhere)")


def _files_in(folder: Path, exclude) -> list:
    """Text files (.txt/.md/.docx) below `folder`, sorted, skipping hidden and excluded ones."""
    from fnmatch import fnmatch
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in ("node_modules", "__pycache__"))
        for f in sorted(files):
            if not f.lower().endswith(TEXT_SUFFIXES + (".docx",)) or f.startswith((".", "~$")):
                continue
            fp = Path(root) / f
            if not any(fnmatch(str(fp), pat) or fnmatch(fp.name, pat) for pat in exclude):
                found.append(fp)
    return found


def expand_paths(paths, exclude=()):
    """Files to check: files as given, folders searched recursively for text files.

    Yields (path, error) pairs; error is an InputError for a path that does not
    exist or a folder without any text file.
    """
    for raw in paths:
        p = Path(raw)
        if raw == "-":
            yield raw, None
        elif p.is_dir():
            found = _files_in(p, exclude)
            if not found:
                yield raw, InputError(raw, "目录中没有可检查的文本文件（.txt/.md/.docx）",
                                      "folder holds no text files to check (.txt/.md/.docx)")
            for fp in found:
                yield str(fp), (_broken_link(fp, str(fp)) if fp.is_symlink() and not fp.exists() else None)
        elif not p.exists() and not p.is_symlink():
            yield raw, InputError(raw, "文件不存在", "no such file")
        elif not p.exists():  # a symlink that leads nowhere, or in a circle
            yield raw, _broken_link(p, raw)
        else:
            yield raw, None
