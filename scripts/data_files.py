"""Shared by the make_*_data.py scripts: record the sha256 of the files they write."""

from __future__ import annotations

import hashlib
from pathlib import Path


def write_sums(folder: Path, names: list[str]) -> None:
    """`folder`/SHA256SUMS for `names`, in the format `sha256sum -c` reads (verify checks it)."""
    lines = [f"{hashlib.sha256((folder / n).read_bytes()).hexdigest()}  {n}" for n in names]
    (folder / "SHA256SUMS").write_text("\n".join(lines) + "\n")
