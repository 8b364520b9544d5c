"""Four outcomes for a check, read from an autograded notebook: passed, failed, not attempted, error."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mleprep.core.notebook_cells import (
    answer_cells,
    answer_sources,
    cell_source,
    cells_by_grade_id,
    grade_id,
    read_notebook,
)
from mleprep.core.sizes import format_size
from mleprep.course.spec import Check
from mleprep.grading.budget import Budget
from mleprep.grading.repairs.limit_output_bytes import CUT_KEY
from mleprep.grading.results import CheckResult

HINTS = {
    "NameError": "a variable it needs does not exist: did an earlier cell fail? Run top to bottom.",
    "NotImplementedError": "an answer cell still raises NotImplementedError: replace the stub.",
    "CellTimeoutError": "the cell did not finish within the time budget.",
    "KeyboardInterrupt": "the cell was stopped at the time budget: an endless loop, or training too slow?",
    "ModuleNotFoundError": "the grader has scikit-learn, pandas and numpy; other packages are not installed.",
    "MemoryError": "the kernel went over the submission's memory budget: use less data at once or a "
    "lighter model.",
    "SystemExit": "the notebook called exit() or sys.exit(); the grader ran the remaining cells anyway, "
    "but remove the call.",
}


def _normalize(source: str) -> str:
    return "\n".join(line.rstrip() for line in source.strip().splitlines())


def released_answers(release_notebook: Path) -> dict[str, str]:
    """The starter source of each answer cell, by grade_id, from the released notebook."""
    if not release_notebook.is_file():
        return {}
    return {gid: _normalize(text) for gid, text in answer_sources(read_notebook(release_notebook)).items()}


def notebook_cells(nb: Any) -> tuple[dict[str, Any], dict[str, Any], dict[str, str]]:
    """An executed notebook's nbgrader cells by grade_id: all of them, the answer cells, their sources."""
    answers = answer_cells(nb)
    return cells_by_grade_id(nb), answers, {gid: cell_source(c) for gid, c in answers.items()}


def untouched(check: Check, answers: dict[str, str], stubs: dict[str, str]) -> bool:
    """True when every answer cell the check reads is still the starter stub (or was deleted)."""
    if not check.answers or not stubs:
        return False
    return all(_normalize(answers.get(a, "")) in ("", stubs.get(a)) for a in check.answers)


def first_error(cell: dict[str, Any] | None) -> tuple[str, str] | None:
    """(name, message) of the first error output of a cell, if any."""
    for output in (cell or {}).get("outputs", []):
        if output.get("output_type") == "error":
            return output.get("ename", "Error"), str(output.get("evalue", ""))
    return None


def describe_error(ename: str, evalue: str, *, hidden: bool) -> str:
    """What went wrong, without ever quoting a hidden test's assertion."""
    if hidden and ename == "AssertionError":
        return "a hidden check did not pass."
    text = f"{ename}: {evalue}" if evalue else ename
    hint = HINTS.get(ename)
    return f"{text} — {hint}" if hint else text


def classify(
    check: Check,
    *,
    cell: dict[str, Any] | None,
    points: float,
    is_untouched: bool,
    answer_cells: dict[str, Any] | None = None,
) -> CheckResult:
    """The outcome of a check whose score nbgrader decided (visible and hidden test cells).

    `answer_cells` (by grade_id) lets an error be blamed on the answer cell that caused it.
    """

    def result(outcome: str, message: str, earned: float = 0.0) -> CheckResult:
        return CheckResult(check.id, check.title, check.kind, outcome, earned, check.points, message)

    hidden = check.kind != "visible"
    if cell is None:
        return result("error", "the check's cell is missing from the notebook.")
    error = first_error(cell)
    # A probe's cell is a placeholder that always runs: for it the starter's stubs, not an error, make
    # the check "not attempted". (Answers checks decide from what the functions did: answers_checks.)
    if error is None and not (is_untouched and check.kind == "probe"):
        return result("passed", "passed.", points)
    if is_untouched:
        answers = ", ".join(check.answers)
        if answer_cells is not None and not any(a in answer_cells for a in check.answers):
            return result("not attempted", f"not attempted: the answer cell(s) {answers} were deleted.")
        return result(
            "not attempted", f"not attempted: the answer cell(s) {answers} still hold the starter code."
        )
    ename, evalue = error
    for answer in check.answers:
        if upstream := first_error((answer_cells or {}).get(answer)):
            cause = describe_error(*upstream, hidden=False)
            return result("error", f"the answer cell {answer!r} raised {cause} (so this check could not run)")
    if ename == "AssertionError":
        return result(
            "failed",
            describe_error(ename, evalue, hidden=hidden) if evalue or hidden else "an assertion failed.",
        )
    return result("error", describe_error(ename, evalue, hidden=hidden))


def run_notes(nb: Any, budget: Budget) -> list[str]:
    """What the run hit, and in which cell: the memory, output and time budgets, and exit() calls."""
    notes = []
    for index, cell in enumerate(nb.cells):
        name = grade_id(cell) or f"cell {index + 1}"
        for output in cell.get("outputs", []):
            if cut := output.get("metadata", {}).get(CUT_KEY):
                notes.append(
                    f"output budget: {name} printed {format_size(cut)} more than the budget of "
                    f"{format_size(budget.output_bytes)}; it was cut from the graded notebook."
                )
            elif output.get("output_type") == "error" and output.get("ename") == "MemoryError":
                notes.append(
                    f"memory budget: {name} needed more than {format_size(budget.memory_bytes)} "
                    "and raised MemoryError."
                )
            elif output.get("output_type") == "error" and output.get("ename") == "KeyboardInterrupt":
                notes.append(f"time budget: {name} was stopped after {budget.timeout_s} s.")
            elif output.get("output_type") == "error" and output.get("ename") == "SystemExit":
                notes.append(f"{name} called exit(); the grader ignored it and ran the remaining cells.")
    return notes
