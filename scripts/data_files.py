"""Shared by the make_*_data.py scripts: record the sha256 of the files they write, in the format
`mleprep verify` checks (mleprep.core.checksums), and write SQLite files that are the same bytes
on every run (their sums are committed)."""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

import pandas as pd

from mleprep.core.checksums import write_sums

__all__ = ["write_sqlite", "write_sums"]


def write_sqlite(path: Path, schema: str, tables: dict[str, pd.DataFrame]) -> None:
    """A fresh SQLite file at `path`: `schema`, then each table's rows in the order given, vacuumed.

    Built beside and copied in, so a run that fails leaves the old file whole.
    """
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp) / path.name
        con = sqlite3.connect(scratch)
        con.executescript(schema)
        for name, frame in tables.items():
            marks = ", ".join("?" * frame.shape[1])
            rows = [tuple(row) for row in frame.astype(object).itertuples(index=False)]
            con.executemany(f"INSERT INTO {name} ({', '.join(frame.columns)}) VALUES ({marks})", rows)
        con.commit()
        con.execute("VACUUM")
        con.close()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(scratch.read_bytes())
