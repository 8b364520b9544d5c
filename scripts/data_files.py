"""Shared by the make_*_data.py scripts: record the sha256 of the files they write, in the format
`mleprep verify` checks (mleprep.core.checksums)."""

from __future__ import annotations

from mleprep.core.checksums import write_sums

__all__ = ["write_sums"]
