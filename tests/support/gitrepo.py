"""This working tree as a git repository of its own, for tests that clone or pin it.

`pre-commit` clones a hook repository at a `rev`, and the README's quick start
begins with `git clone`: both need a repository holding exactly the tree under
test (uncommitted changes included). `snapshot_repo` copies the working tree,
without .git, virtualenvs and caches, into `dest`, commits it and returns the
commit id. `git_env` is an environment isolated from the user's git and
pre-commit settings.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
IGNORE = shutil.ignore_patterns(".git", ".venv", "venv", "__pycache__", "*.egg-info", "build", "dist",
                                ".pytest_cache", ".hypothesis", "results", "*.pyc", ".ruff_cache")


def sh(args, cwd, env, timeout=120, check=True):
    r = subprocess.run(args, cwd=cwd, env=env, capture_output=True, timeout=timeout)
    if check and r.returncode != 0:
        raise AssertionError(f"{args} failed ({r.returncode}):\n{r.stdout.decode(errors='replace')}\n"
                             f"{r.stderr.decode(errors='replace')}")
    return r


def git_env(home: Path, **extra) -> dict:
    """os.environ without the user's git/pre-commit/doclint settings, HOME in `home`, pip's cache kept."""
    (home / ".gitconfig").write_text("", "utf-8")
    e = {k: v for k, v in os.environ.items()
         if not k.startswith(("GIT_", "PRE_COMMIT", "DOCLINT_", "VIRTUAL_ENV", "PYTHONPATH"))}
    e.update({
        "HOME": str(home), "GIT_CONFIG_GLOBAL": str(home / ".gitconfig"), "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "起草人", "GIT_AUTHOR_EMAIL": "drafter@example.invalid",
        "GIT_COMMITTER_NAME": "起草人", "GIT_COMMITTER_EMAIL": "drafter@example.invalid",
        # keep pip's own cache (from the real HOME) so repeated runs do not download again
        "PIP_CACHE_DIR": os.environ.get("PIP_CACHE_DIR", str(Path.home() / ".cache" / "pip")),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    })
    e.update(extra)
    return e


def snapshot_repo(dest: Path, env) -> str:
    """This working tree committed as a new repository at `dest`; the commit id."""
    shutil.copytree(ROOT, dest, ignore=IGNORE, symlinks=True)
    sh(["git", "init", "-q", "-b", "main"], dest, env)
    sh(["git", "add", "-A"], dest, env)
    sh(["git", "commit", "-q", "-m", "snapshot of the working tree under test"], dest, env)
    return sh(["git", "rev-parse", "HEAD"], dest, env).stdout.decode().strip()
