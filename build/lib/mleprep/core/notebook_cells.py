"""The one reader of nbgrader cells by grade_id, for every shape a notebook arrives in.

A notebook is read as plain JSON (a dict), as nbformat's NotebookNode, or as nbgrader leaves it
after a repair (a duplicated cell without nbgrader metadata); sources are a string or a list of
lines. Everything in mleprep that looks a graded cell up by its grade_id goes through here.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HIDDEN_TESTS_MARKER = "BEGIN HIDDEN TESTS"


def read_notebook(path: Path) -> dict[str, Any]:
    """A notebook file as plain JSON; OSError or ValueError (with the file's name) when unreadable."""
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path} is not a readable notebook: {exc}") from exc
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        raise ValueError(f"{path} is not a notebook (no list of cells)")
    return nb


def read_node(path: Path) -> Any:
    """A notebook file as nbformat's NotebookNode, without nbformat's warnings on stderr.

    nbformat warns (DuplicateCellId, missing ids) about what it repairs while reading; those are
    notes for no one here: duplicated cells are reported as tampering notes where they matter.
    """
    import warnings

    import nbformat

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return nbformat.read(path, as_version=4)


def nbgrader_meta(cell: Mapping[str, Any]) -> Mapping[str, Any]:
    """A cell's nbgrader metadata, empty when it has none (or nbgrader emptied it)."""
    return cell.get("metadata", {}).get("nbgrader") or {}


def grade_id(cell: Mapping[str, Any]) -> str | None:
    return nbgrader_meta(cell).get("grade_id")


def cell_source(cell: Mapping[str, Any]) -> str:
    source = cell.get("source", "")
    return source if isinstance(source, str) else "".join(source)


def graded_cells_in_order(nb: Mapping[str, Any]) -> list[tuple[str, Mapping[str, Any]]]:
    """(grade_id, cell) of every cell that has one, in notebook order, duplicates kept."""
    return [(gid, cell) for cell in nb.get("cells", []) if (gid := grade_id(cell)) is not None]


def cells_by_grade_id(nb: Mapping[str, Any]) -> dict[str, Any]:
    """Cells by grade_id; of duplicated ids the last copy counts, as in nbgrader."""
    return dict(graded_cells_in_order(nb))


def answer_cells(nb: Mapping[str, Any]) -> dict[str, Any]:
    """The answer (solution) cells by grade_id."""
    return {gid: c for gid, c in cells_by_grade_id(nb).items() if nbgrader_meta(c).get("solution")}


def answer_sources(nb: Mapping[str, Any]) -> dict[str, str]:
    """The text of every answer cell, by grade_id."""
    return {gid: cell_source(c) for gid, c in answer_cells(nb).items()}


@dataclass(frozen=True)
class CellRole:
    """What nbgrader makes of a cell: points, whether it is an answer, a test, locked, hidden."""

    grade_id: str
    points: float | None
    solution: bool
    grade: bool
    locked: bool
    hidden: bool

    @property
    def role(self) -> str:
        """'test cell', 'answer cell' or 'locked cell', as notes to candidates name them."""
        if self.grade and not self.solution:
            return "test cell"
        return "answer cell" if self.solution else "locked cell"


def cell_role(cell: Mapping[str, Any]) -> CellRole | None:
    meta = nbgrader_meta(cell)
    if "grade_id" not in meta:
        return None
    return CellRole(
        grade_id=meta["grade_id"],
        points=meta.get("points"),
        solution=bool(meta.get("solution")),
        grade=bool(meta.get("grade")),
        locked=bool(meta.get("locked")),
        hidden=HIDDEN_TESTS_MARKER in cell_source(cell),
    )


def cell_roles(nb: Mapping[str, Any]) -> dict[str, CellRole]:
    """The role of every cell with a grade_id (the last copy of a duplicated id counts)."""
    return {gid: role for gid, cell in cells_by_grade_id(nb).items() if (role := cell_role(cell))}
