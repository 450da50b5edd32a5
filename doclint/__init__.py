"""doclint: a linter and draft differ for Chinese official documents (公文)."""
import os as _os

__version__ = "0.2.0"  # releases: CHANGELOG.md; each is tagged v<version>

# The repo keeps checks/ and dictionaries/ at top level; `pip install` puts
# them inside this package as doclint.checks / doclint.dictionaries (see
# pyproject.toml's package-dir). When doclint is imported straight from a
# source checkout (e.g. `python -m doclint` in the repo root), let the same
# names resolve to the top-level folders.
_here = _os.path.dirname(_os.path.abspath(__file__))
_root = _os.path.dirname(_here)
if (not _os.path.isdir(_os.path.join(_here, "checks"))
        and _os.path.isfile(_os.path.join(_root, "checks", "__init__.py"))
        and _os.path.isfile(_os.path.join(_root, "dictionaries", "__init__.py"))):
    __path__.append(_root)  # noqa: F821 (package __path__)
