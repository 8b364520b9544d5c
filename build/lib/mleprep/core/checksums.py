"""SHA256SUMS files: written beside generated data, checked by `mleprep verify`. The format is the
one `sha256sum -c` reads: `<hex digest>  <file name>` per line."""

from __future__ import annotations

import hashlib
from pathlib import Path

SUMS_FILE = "SHA256SUMS"


def write_sums(folder: Path, names: list[str]) -> None:
    """Record the sha256 of `names` (files in `folder`) in `folder`/SHA256SUMS."""
    lines = [f"{hashlib.sha256((folder / n).read_bytes()).hexdigest()}  {n}" for n in names]
    (folder / SUMS_FILE).write_text("\n".join(lines) + "\n")


def checksum_problems(folder: Path) -> list[str]:
    """Files listed in `folder`/SHA256SUMS whose content no longer matches."""
    sums = folder / SUMS_FILE
    if not sums.is_file():
        return []
    problems = []
    for line in sums.read_text().splitlines():
        digest, _, name = line.partition("  ")
        path = folder / name
        if not path.is_file():
            problems.append(f"{path} is listed in {sums} but missing")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            problems.append(f"{path} does not match its sha256 in {sums}: regenerate it with its script")
    return problems
