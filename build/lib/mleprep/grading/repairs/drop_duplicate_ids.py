"""Drop nbgrader metadata from copies of a duplicated cell, so one copy-pasted cell cannot fail
a whole submission.

nbgrader 0.9's DeduplicateIds leaves `nbgrader: {}` on the copies, which its own CheckCellMetadata
then rejects as "an old version" (and OverwriteCells' task-cell pass fails on with KeyError).
"""

from __future__ import annotations

from typing import Any

from nbgrader.preprocessors import DeduplicateIds


class DropDuplicateIds(DeduplicateIds):
    """DeduplicateIds that removes a duplicate's nbgrader metadata instead of emptying it."""

    def preprocess_cell(self, cell: Any, resources: Any, cell_index: int) -> tuple[Any, Any]:
        cell, resources = super().preprocess_cell(cell, resources, cell_index)
        if cell.metadata.get("nbgrader") == {}:
            del cell.metadata["nbgrader"]
        return cell, resources
