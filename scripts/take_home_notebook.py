"""Build an nbgrader source notebook from Python: the take-home scripts (scripts/make_*_notebook.py) use it.

A notebook written as a script is reviewable in a diff and cannot get its nbgrader metadata wrong;
`mleprep release` then makes the candidate version from it as from any source notebook.
"""

from __future__ import annotations

import json
from pathlib import Path
from textwrap import dedent

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def _meta(grade_id: str, *, grade: bool, solution: bool, locked: bool, points: float | None) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3}
    meta.update({"solution": solution, "task": False})
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


class Notebook:
    def __init__(self) -> None:
        self.cells: list[dict] = []

    def _add(self, kind: str, grade_id: str, source: str, **meta: object) -> None:
        cell = {
            "cell_type": kind,
            "id": grade_id.replace("_", "-"),
            "metadata": _meta(grade_id, **meta),  # type: ignore[arg-type]
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

    def code(self, cell_id: str, code: str) -> None:
        """A plain code cell for the candidate, neither graded nor locked."""
        self.cells.append(
            {
                "cell_type": "code",
                "id": cell_id,
                "metadata": {},
                "source": dedent(code).strip(),
                "execution_count": None,
                "outputs": [],
            }
        )

    def save(self, path: Path) -> None:
        nb = {
            "cells": self.cells,
            "metadata": {
                "kernelspec": {
                    "display_name": "Python 3 (ipykernel)",
                    "language": "python",
                    "name": "python3",
                },
                "language_info": {"name": "python"},
            },
            "nbformat": 4,
            "nbformat_minor": 5,
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {path}")
