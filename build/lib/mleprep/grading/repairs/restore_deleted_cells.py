"""Put deleted test and locked cells back before autograding: a deleted check scores, it does not
sit in "needs manual grading" forever, and a deleted setup cell does not break every later check.

nbgrader's OverwriteCells can re-add missing grade cells (`add_missing_cells`), but it places a cell
after its predecessor in the source notebook and fails with KeyError when that predecessor is
also gone or is a locked text cell, and it never restores locked cells without points. This
subclass restores both, each after the nearest earlier source cell still present. Deleted answer
cells stay deleted: their code may live in another cell.
"""

from __future__ import annotations

from typing import Any

import nbformat
from nbgrader import utils
from nbgrader.preprocessors import OverwriteCells
from traitlets import Bool

from mleprep.core.notebook_cells import grade_id


class RestoreDeletedCells(OverwriteCells):
    """OverwriteCells that re-adds deleted grade cells (from the gradebook) in their source order."""

    add_missing_cells = Bool(True, help="Re-add grade cells missing from a submission.").tag(config=True)

    def add_missing_grade_cells(self, nb: Any, resources: Any) -> tuple[Any, Any]:
        source_nb = self.gradebook.find_notebook(self.notebook_id, self.assignment_id)
        order = [cell.name for cell in source_nb.source_cells]
        solution_ids = {cell.name for cell in source_nb.solution_cells}
        max_scores = {cell.name: cell.max_score for cell in source_nb.grade_cells}
        for source_cell in source_nb.source_cells:
            name = source_cell.name
            present = [_assignment_cell_id(cell) for cell in nb.cells]
            if name in present or not (name in max_scores or source_cell.locked):
                continue
            self.log.warning("Missing cell %s encountered, adding to notebook", name)
            # nbgrader builds the cell from plain dicts: make it a NotebookNode all the way down.
            restored = nbformat.from_dict(
                self.missing_cell_transform(
                    source_cell, max_scores.get(name, 0), is_solution=name in solution_ids
                )
            )
            if name not in max_scores:  # a locked cell without points (setup code, instructions)
                restored.metadata.nbgrader["grade"] = False
                restored.metadata.nbgrader.pop("points", None)
            position = 0
            for earlier in reversed(order[: order.index(name)]):
                if earlier in present:
                    position = present.index(earlier) + 1
                    break
            nb.cells.insert(position, restored)
        return nb, resources

    def add_missing_task_cells(self, nb: Any, resources: Any) -> tuple[Any, Any]:
        # nbgrader's version reads grade_id from every cell with nbgrader metadata and fails on the
        # empty metadata DeduplicateIds leaves on a duplicated cell.
        source_nb = self.gradebook.find_notebook(self.notebook_id, self.assignment_id)
        by_name = {cell.name: cell for cell in source_nb.source_cells}
        present = {grade_id(cell) for cell in nb.cells}
        for task_cell in source_nb.task_cells:
            if task_cell.name not in present:
                restored = self.missing_cell_transform(
                    by_name[task_cell.name], task_cell.max_score, is_task=True
                )
                nb.cells.append(nbformat.from_dict(restored))
        return nb, resources


def _assignment_cell_id(cell: Any) -> str | None:
    """The grade_id of a cell nbgrader treats as part of the assignment (graded, answer or locked)."""
    if utils.is_grade(cell) or utils.is_solution(cell) or utils.is_locked(cell):
        return grade_id(cell)
    return None
