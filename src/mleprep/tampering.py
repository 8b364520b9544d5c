"""What a submission changed in the assignment's own cells, for the mentor and the candidate.

nbgrader repairs these changes during autograde (restores locked sources and cell types, drops
duplicate ids; mleprep's RestoreDeletedCells re-adds deleted cells). Its log says so in warnings
no one reads; this module compares the submission with the released notebook and words each
change as a note on the result.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import nbformat
from nbgrader.utils import compute_checksum


def _nbgrader_cells(nb: Any) -> list[tuple[str, Any]]:
    return [
        (cell.metadata.nbgrader["grade_id"], cell)
        for cell in nb.cells
        if "grade_id" in cell.metadata.get("nbgrader", {})
    ]


def _role(meta: dict[str, Any]) -> str:
    if meta.get("grade") and not meta.get("solution"):
        return "test cell"
    if meta.get("solution"):
        return "answer cell"
    return "locked cell"


def tampering_notes(*, submitted: Path, released: Path) -> list[str]:
    """Notes on deleted, duplicated, retyped and edited assignment cells of `submitted`."""
    if not released.is_file():
        return []
    original = _nbgrader_cells(nbformat.read(released, as_version=4))
    try:
        current = _nbgrader_cells(nbformat.read(submitted, as_version=4))
    except Exception:  # unreadable notebooks are reported by intake, not here
        return []
    counts = Counter(grade_id for grade_id, _ in current)
    by_id = {grade_id: cell for grade_id, cell in current}  # the last copy is the one nbgrader keeps
    notes = []
    for grade_id, cell in original:
        meta = cell.metadata.nbgrader
        role = _role(meta)
        mine = by_id.get(grade_id)
        if mine is None:
            fate = "stays missing" if role == "answer cell" else "was put back by the grader"
            notes.append(f"the {role} {grade_id!r} was deleted from the notebook; it {fate}.")
            continue
        if counts[grade_id] > 1:
            notes.append(
                f"the {role} {grade_id!r} appears {counts[grade_id]} times: the last copy counts, "
                "the others ran as ordinary cells."
            )
        if mine.cell_type != cell.cell_type:
            notes.append(
                f"the {role} {grade_id!r} was changed from {cell.cell_type} to {mine.cell_type}; "
                f"the grader changed it back to {cell.cell_type}."
            )
        elif meta.get("locked") and meta.get("checksum") and compute_checksum(mine) != meta["checksum"]:
            notes.append(
                f"the {role} {grade_id!r} was edited although it is locked; the grader used the original."
            )
    return notes
