"""doclint's on-disk cache: one folder, validated reads, atomic writes, no writes unless allowed.

The cache holds data that is expensive to build and cheap to load: the sorted
jieba dictionary (doclint.text.lexicon) and compiled regex programs
(doclint.text.rx). Every file is framed as

    MAGIC (8 bytes) | format version (4) | payload length (8) | CRC-32 of payload (4) | payload

and `read` returns the payload only when all of it checks out; anything else
(a missing, truncated, damaged or foreign file) reads as None and the caller
rebuilds. The checksum (CRC-32: cheap on the 5 MB word list) catches damage,
not a deliberate forgery: whoever can write the cache folder can also write
the user's shell profile.

Writes are atomic (a temporary file in the same folder, then os.replace) and
never leave the temporary file behind. They happen only once the command line
has called `allow_writes()`: doclint used as a library reads an existing cache
but never writes into the user's home.
"""
from __future__ import annotations

import os
import zlib
from pathlib import Path
from typing import Optional

MAGIC = b"DOCLINT\x00"
_HEADER = len(MAGIC) + 4 + 8 + 4
_writes_allowed = False


def allow_writes(allowed: bool = True) -> None:
    """Let this process write cache files (the CLI does; library use does not)."""
    global _writes_allowed
    _writes_allowed = allowed and os.environ.get("DOCLINT_CACHE", "1") != "0"


def cache_dir() -> Path:
    """doclint's cache folder: $DOCLINT_CACHE_DIR, else $XDG_CACHE_HOME/doclint or ~/.cache/doclint."""
    env = os.environ.get("DOCLINT_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "doclint"


def _digest(payload: bytes) -> bytes:
    return zlib.crc32(payload).to_bytes(4, "little")


def frame(payload: bytes, version: int) -> bytes:
    return b"".join([MAGIC, version.to_bytes(4, "little"), len(payload).to_bytes(8, "little"),
                     _digest(payload), payload])


def unframe(data: bytes, version: int) -> Optional[bytes]:
    """The payload of framed `data`, or None unless magic, version, length and checksum all match."""
    if len(data) < _HEADER or not data.startswith(MAGIC):
        return None
    p = len(MAGIC)
    if int.from_bytes(data[p:p + 4], "little") != version:
        return None
    size = int.from_bytes(data[p + 4:p + 12], "little")
    digest = data[p + 12:p + 16]
    payload = data[_HEADER:]
    if len(payload) != size or _digest(payload) != digest:
        return None
    return payload


def read(name: str, version: int, max_bytes: int = 256 * 1024 * 1024) -> Optional[bytes]:
    """The validated payload of cache file `name`, or None (missing, damaged, other version)."""
    import stat
    path = cache_dir() / name
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > max_bytes:
            return None  # a FIFO or device planted in the cache folder is never read
        with os.fdopen(fd, "rb") as fh:
            fd = -1
            data = fh.read(max_bytes + 1)
    except OSError:
        return None
    finally:
        if fd >= 0:
            os.close(fd)
    return unframe(data, version)


def write(name: str, payload: bytes, version: int) -> bool:
    """Store `payload` as cache file `name` atomically; False (and nothing left behind) on any failure."""
    if not _writes_allowed:
        return False
    import tempfile         # only when writing: most runs read the cache and write nothing
    folder = cache_dir()
    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(frame(payload, version))
        os.replace(tmp, folder / name)
        tmp = None
        return True
    except (OSError, ValueError):
        return False
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
