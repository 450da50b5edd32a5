"""The on-disk cache (doclint/files/cache.py): validated before use, written atomically, only by the CLI."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from samples import sample_texts

from doclint.files import cache

DRAFT = "各地区要动员群众做好秋冬季农业农业生产，确保9月31日前完成。\n"


def _check(tmp_path, cache_dir, extra_env=None):
    env = dict(os.environ, DOCLINT_CACHE_DIR=str(cache_dir), **(extra_env or {}))
    (tmp_path / "d.txt").write_text(DRAFT, "utf-8")
    p = subprocess.run([sys.executable, "-m", "doclint", "check", "-f", "json", "--exit-zero", "d.txt"],
                       cwd=tmp_path, env=env, capture_output=True, timeout=300)
    assert p.returncode == 0, p.stderr.decode("utf-8", "replace")
    assert p.stderr == b""
    return [(f["code"], f["text"]) for f in json.loads(p.stdout)]


def test_frame_round_trip_and_every_damage_is_refused():
    payload = b"payload" * 100
    data = cache.frame(payload, 7)
    assert cache.unframe(data, 7) == payload
    assert cache.unframe(data, 8) is None                    # other format version
    assert cache.unframe(data[:-1], 7) is None               # truncated
    for i in (0, 9, 14, 30, len(data) - 1):                  # any byte changed
        bad = bytearray(data)
        bad[i] ^= 0x01
        assert cache.unframe(bytes(bad), 7) is None, i


@pytest.mark.parametrize("prefix", ["regex-", "lexicon-"])
def test_a_damaged_cache_file_is_rebuilt_not_trusted(tmp_path, prefix):
    cdir = tmp_path / "cache"
    first = _check(tmp_path, cdir)
    assert ("DL101", "农业农业") in first and ("DL402", "9月31日") in first
    [f] = [f for f in cdir.iterdir() if f.name.startswith(prefix)]
    data = bytearray(f.read_bytes())
    # One integer of the payload changed: before checksums, a changed regex program made
    # every later run segfault and a damaged lexicon gave an internal error.
    data[len(data) // 2] ^= 0x04
    f.write_bytes(bytes(data))
    assert _check(tmp_path, cdir) == first
    from doclint.text.lexicon import _CACHE_FORMAT
    assert cache.unframe(f.read_bytes(), _CACHE_FORMAT if prefix == "lexicon-" else 2) is not None  # rewritten
    assert not [x for x in cdir.iterdir() if x.name.endswith(".tmp")]


def test_a_fifo_in_the_cache_folder_is_not_read(tmp_path):
    cdir = tmp_path / "cache"
    first = _check(tmp_path, cdir)
    [f] = [f for f in cdir.iterdir() if f.name.startswith("lexicon-")]
    f.unlink()
    os.mkfifo(f)
    assert _check(tmp_path, cdir) == first   # would block forever if the FIFO were opened for reading


def test_failed_writes_leave_no_temporary_files(tmp_path, monkeypatch):
    monkeypatch.setenv("DOCLINT_CACHE_DIR", str(tmp_path))
    cache.allow_writes()
    try:
        def boom(*a, **k):
            raise OSError(28, "No space left on device")
        monkeypatch.setattr(os, "replace", boom)
        assert cache.write("x", b"data", 1) is False
        assert list(tmp_path.iterdir()) == []
    finally:
        cache.allow_writes(False)


def test_library_use_never_writes_the_cache(tmp_path):
    cdir = tmp_path / "cache"
    code = "from doclint.api import lint_text; print(len(lint_text('农业农业生产')))"
    p = subprocess.run([sys.executable, "-c", code], env=dict(os.environ, DOCLINT_CACHE_DIR=str(cdir)),
                       capture_output=True, timeout=300)
    assert p.returncode == 0 and p.stdout.strip() == b"1", p.stderr
    assert not cdir.exists()


def _check_json(path, env_extra, cwd):
    env = dict(os.environ, **env_extra)
    p = subprocess.run([sys.executable, "-m", "doclint", "check", str(path), "-f", "json", "--exit-zero"],
                       capture_output=True, env=env, cwd=cwd, timeout=300)
    assert p.returncode == 0, p.stderr.decode("utf-8", "replace")
    return p.stdout


def test_findings_same_with_warm_damaged_and_disabled_regex_cache(tmp_path):
    seed_path = tmp_path / "draft.txt"
    seed_path.write_text("\n".join(sample_texts()) + "\n要动员群众做好农业农业生产，×月×日前完成。\n", "utf-8")
    cache = tmp_path / "cache"
    env = {"DOCLINT_CACHE_DIR": str(cache)}
    cold = _check_json(seed_path, env, tmp_path)            # writes the cache
    files = list(cache.glob("regex-*.marshal"))
    assert len(files) == 1 and files[0].stat().st_size > 10_000
    warm = _check_json(seed_path, env, tmp_path)            # reads it
    off = _check_json(seed_path, dict(env, DOCLINT_REGEX_CACHE="0"), tmp_path)
    files[0].write_bytes(b"\x00garbage" * 100)
    damaged = _check_json(seed_path, env, tmp_path)
    assert cold == warm == off == damaged
    assert b"DL101" in cold and b"DL201" in cold            # the planted defects are found
