"""Facts about an installed package that cost seconds to compute and change only with its version
(scikit-learn's scorer names, nbgrader's gradebook schema revision), computed once per version and
kept in the user's cache folder, so a command that only needs the fact does not import the package.
"""

from __future__ import annotations

import functools
import json
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

CACHE_ENV = "MLEPREP_CACHE"


def cache_dir() -> Path:
    """$MLEPREP_CACHE, else $XDG_CACHE_HOME/mleprep, else ~/.cache/mleprep."""
    if explicit := os.environ.get(CACHE_ENV):
        return Path(explicit)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "mleprep"


@functools.cache  # one listing of sys.path per package and process, not per spec parsed
def installed_version(package: str) -> str | None:
    """The installed version of distribution `package`, None when it is not installed.

    Read from the name of its `.dist-info` folder on sys.path, as pip installs it: importing
    importlib.metadata (with the email package it needs) would be a fifth of a read-only command's
    time. importlib.metadata answers for any other kind of installation.
    """
    prefix = re.sub(r"[-_.]+", "_", package).lower() + "-"
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith(".dist-info") and name.lower().startswith(prefix):
                return name[len(prefix) : -len(".dist-info")]
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return None


def cached_by_version(name: str, package: str, compute: Callable[[], Any]) -> Any:
    """`compute()` for the installed version of `package`, from the cache when it has it.

    A missing, unreadable or unwritable cache only costs the computation: it is never an error.
    """
    key = installed_version(package)
    if key is None:
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
