"""Facts about an installed package that cost seconds to compute and change only with its version
(scikit-learn's scorer names, nbgrader's gradebook schema revision), computed once per version and
kept in the user's cache folder, so a command that only needs the fact does not import the package.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

CACHE_ENV = "MLEPREP_CACHE"


def cache_dir() -> Path:
    """$MLEPREP_CACHE, else $XDG_CACHE_HOME/mleprep, else ~/.cache/mleprep."""
    if explicit := os.environ.get(CACHE_ENV):
        return Path(explicit)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "mleprep"


def cached_by_version(name: str, package: str, compute: Callable[[], Any]) -> Any:
    """`compute()` for the installed version of `package`, from the cache when it has it.

    A missing, unreadable or unwritable cache only costs the computation: it is never an error.
    """
    try:
        key = version(package)
    except PackageNotFoundError:
        return compute()
    path = cache_dir() / f"{name}-{package}-{key}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))["value"]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    value = compute()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"value": value}), encoding="utf-8")
        os.replace(tmp, path)  # concurrent writers agree: whole files only
    except OSError:
        pass
    return value
