"""The source notebook and assignment.toml must describe the same graded cells with the same points."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from mleprep.spec import Assignment, SpecError


@dataclass(frozen=True)
class GradedCell:
    grade_id: str
    points: float | None
    solution: bool
    grade: bool
    hidden: bool


def graded_cells(notebook: Path) -> dict[str, GradedCell]:
    """nbgrader cells of a notebook by grade_id."""
    try:
        nb = json.loads(notebook.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise SpecError(f"{notebook}: cannot read the notebook: {exc}") from exc
    cells = {}
    for cell in nb.get("cells", []):
        meta = cell.get("metadata", {}).get("nbgrader")
        if not meta or "grade_id" not in meta:
            continue
        source = "".join(cell.get("source", ""))
        cells[meta["grade_id"]] = GradedCell(
            grade_id=meta["grade_id"],
            points=meta.get("points"),
            solution=bool(meta.get("solution")),
            grade=bool(meta.get("grade")),
            hidden="BEGIN HIDDEN TESTS" in source,
        )
    return cells


def check_contract(assignment: Assignment) -> None:
    """Raise SpecError, naming assignment.toml and the key, where the notebook disagrees with it."""
    notebook = assignment.folder / assignment.notebook
    cells = graded_cells(notebook)
    spec = assignment.spec_path

    def fail(key: str, problem: str) -> SpecError:
        return SpecError(f"{spec}: key '{key}': {problem} (in {notebook.name})")

    for i, check in enumerate(assignment.checks):
        cell = cells.get(check.id)
        if cell is None or not cell.grade or cell.solution:
            raise fail(f"checks[{i}].id", f"{check.id!r} is not an autograder test cell")
        if cell.points != check.points:
            raise fail(f"checks[{i}].points", f"{check.points} here, {cell.points} in the notebook")
        if check.kind in ("holdout", "estimate", "hidden") and not cell.hidden:
            raise fail(f"checks[{i}].kind", f"a {check.kind!r} check needs a hidden test region in its cell")
        if check.kind == "visible" and cell.hidden:
            raise fail(f"checks[{i}].kind", "the cell has hidden tests: its kind is 'hidden', not 'visible'")
        for j, answer in enumerate(check.answers):
            if answer not in cells or not cells[answer].solution:
                raise fail(f"checks[{i}].answers[{j}]", f"{answer!r} is not an answer cell")
    for i, part in enumerate(assignment.manual):
        cell = cells.get(part.id)
        if cell is None or not (cell.grade and cell.solution):
            raise fail(f"manual[{i}].id", f"{part.id!r} is not a manually graded answer cell")
        if cell.points != part.points:
            raise fail(f"manual[{i}].points", f"{part.points} here, {cell.points} in the notebook")
    declared = {c.id for c in assignment.checks} | {m.id for m in assignment.manual}
    for grade_id, cell in cells.items():
        if cell.grade and grade_id not in declared:
            raise fail("checks", f"the graded cell {grade_id!r} is not declared in [[checks]] or [[manual]]")
