"""Write an nbgrader source notebook cell by cell, with metadata nbgrader's Create Assignment toolbar
would give each kind of cell, so a generated notebook opens and edits like a hand-made one.
"""

from __future__ import annotations

import json
from pathlib import Path
from textwrap import dedent
from typing import Any

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def _meta(grade_id: str, *, grade: bool, solution: bool, locked: bool, points: float | None) -> dict:
    meta: dict[str, Any] = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3}
    meta.update({"solution": solution, "task": False})
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


class SourceNotebook:
    """Cells in order; `save` writes nbformat 4.5 JSON."""

    def __init__(self) -> None:
        self.cells: list[dict[str, Any]] = []

    def _add(self, kind: str, grade_id: str, source: str, **meta: Any) -> None:
        cell: dict[str, Any] = {
            "cell_type": kind,
            "id": grade_id.replace("_", "-"),
            "metadata": _meta(grade_id, **meta),
            "source": dedent(source).strip(),
        }
        if kind == "code":
            cell.update(execution_count=None, outputs=[])
        self.cells.append(cell)

    def markdown(self, grade_id: str, text: str) -> None:
        """Instructions: locked, not graded."""
        self._add("markdown", grade_id, text, grade=False, solution=False, locked=True, points=None)

    def setup(self, code: str) -> None:
        """The locked setup cell (imports, paths, the random seed)."""
        self._add("code", "setup", code, grade=False, solution=False, locked=True, points=None)

    def answer(self, grade_id: str, code: str) -> None:
        """Candidate code; the reference goes between ### BEGIN/END SOLUTION."""
        self._add("code", grade_id, code, grade=False, solution=True, locked=False, points=None)

    def check(self, grade_id: str, points: float, code: str) -> None:
        """A visible test cell: assertions whose messages teach."""
        self._add("code", grade_id, code, grade=True, solution=False, locked=True, points=points)

    def hidden(self, grade_id: str, points: float, comment: str, code: str) -> None:
        """A hidden check: the candidate sees only `comment`; `code` exports what the grader scores."""
        body = f"# {comment}\n### BEGIN HIDDEN TESTS\n{dedent(code).strip()}\n### END HIDDEN TESTS"
        self._add("code", grade_id, body, grade=True, solution=False, locked=True, points=points)

    def written(self, grade_id: str, points: float, reference: str) -> None:
        """A written answer a mentor grades on the rubric in the markdown above it."""
        self._add("markdown", grade_id, reference, grade=True, solution=True, locked=False, points=points)

    def to_dict(self) -> dict[str, Any]:
        return {
            "cells": self.cells,
            "metadata": {"kernelspec": KERNELSPEC, "language_info": {"name": "python"}},
            "nbformat": 4,
            "nbformat_minor": 5,
        }

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.to_dict(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
