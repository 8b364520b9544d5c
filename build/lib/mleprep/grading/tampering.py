"""What a submission changed in the assignment's own cells, for the mentor and the candidate.

nbgrader repairs these changes during autograde (restores locked sources and cell types, drops
duplicate ids; mleprep's RestoreDeletedCells re-adds deleted cells). Its log says so in warnings
no one reads; this module compares the submission with the released notebook and words each
change as a note on the result.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from nbgrader.utils import compute_checksum

from mleprep.core.notebook_cells import cell_role, graded_cells_in_order, nbgrader_meta, read_node


def tampering_notes(*, submitted: Path, released: Path) -> list[str]:
    """Notes on deleted, duplicated, retyped and edited assignment cells of `submitted`."""
    if not released.is_file():
        return []
    original = graded_cells_in_order(read_node(released))
    try:
        current = graded_cells_in_order(read_node(submitted))
    except Exception:  # unreadable notebooks are reported by intake, not here
        return []
    counts = Counter(grade_id for grade_id, _ in current)
    by_id = {grade_id: cell for grade_id, cell in current}  # the last copy is the one nbgrader keeps
    notes = []
    for grade_id, cell in original:
        meta = nbgrader_meta(cell)
        info = cell_role(cell)
        assert info is not None  # graded_cells_in_order yields only cells with a grade_id
        role = info.role
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
