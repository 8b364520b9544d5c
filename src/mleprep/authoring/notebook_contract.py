"""The source notebook and assignment.toml must describe the same graded cells with the same points."""

from __future__ import annotations

from pathlib import Path

from mleprep.core.notebook_cells import CellRole, cell_roles, read_notebook
from mleprep.core.toml_data import SpecError
from mleprep.course.spec import Assignment


def graded_cells(notebook: Path) -> dict[str, CellRole]:
    """nbgrader cells of a notebook by grade_id; SpecError naming the notebook when unreadable."""
    try:
        return cell_roles(read_notebook(notebook))
    except (OSError, ValueError) as exc:
        raise SpecError(f"{notebook}: cannot read the notebook: {exc}") from exc


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
        if check.kind in ("holdout", "estimate", "hidden", "answers", "probe") and not cell.hidden:
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
