"""`mleprep check`: run a candidate's notebook and report its visible checks, with the four outcomes.

The notebook runs top to bottom in a fresh kernel, on a scratch copy of the attempt folder, so a
check never changes the candidate's files. Hidden checks are not run: they are not in the released
notebook, and the holdout labels are not on the candidate's side at all.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from mleprep.core.defaults import ATTEMPT_FILE, NOT_WORK
from mleprep.core.notebook_cells import read_node
from mleprep.course.root import Course
from mleprep.grading.isolation import ipc_transport
from mleprep.grading.outcomes import classify, notebook_cells, released_answers, untouched
from mleprep.grading.results import CheckResult


@dataclass(frozen=True)
class CheckReport:
    assignment: str
    notebook: str
    checks: tuple[CheckResult, ...]
    seconds: float

    @property
    def all_passed(self) -> bool:
        return all(c.outcome == "passed" for c in self.checks)

    def to_json(self) -> dict[str, Any]:
        counts = {
            o: sum(c.outcome == o for c in self.checks)
            for o in ("passed", "failed", "not attempted", "error")
        }
        return {
            "assignment": self.assignment,
            "notebook": self.notebook,
            "checks": [asdict(c) for c in self.checks],
            "summary": counts,
            "seconds": self.seconds,
        }


# on_cell(executed, total): called after each cell has run, for a progress display.
CellProgress = Callable[[int, int], None]


def _execute(notebook: Path, *, timeout_s: int, on_cell: CellProgress | None = None) -> Any:
    from nbclient import NotebookClient
    from traitlets.config import Config

    from mleprep.course.nbgrader_steps import put_environment_on_path

    put_environment_on_path()
    nb = read_node(notebook)
    # IPC sockets beside the scratch copy: no TCP port, and no "running over TCP" warning from the
    # kernel on the candidate's terminal.
    sockets = notebook.parent.parent / "ipc"
    sockets.mkdir(mode=0o700, exist_ok=True)
    config = Config()
    config.KernelManager.update(ipc_transport(sockets))
    client = NotebookClient(
        nb,
        config=config,
        kernel_name="python3",
        timeout=timeout_s,
        allow_errors=True,
        resources={"metadata": {"path": str(notebook.parent)}},
    )
    if on_cell is not None:
        # nbclient reports only the cells it runs: not empty ones, not those tagged skip-execution.
        total = sum(
            c.cell_type == "code"
            and bool(c.source.strip())
            and "skip-execution" not in c.metadata.get("tags", [])
            for c in nb.cells
        )
        executed = iter(range(1, total + 1))
        client.on_cell_executed = lambda **_: on_cell(next(executed, total), total)
    client.execute()
    return nb


def run_visible_checks(
    *, course: Course, assignment_id: str, notebook: Path, on_cell: CellProgress | None = None
) -> CheckReport:
    """Execute `notebook` (in a scratch copy of its folder) and classify every visible check."""
    started = time.monotonic()
    assignment = course.assignment(assignment_id)
    if not notebook.is_file():
        raise FileNotFoundError(
            f"{notebook} does not exist: start the attempt with `mleprep start {assignment_id}`"
        )
    visible = [c for c in assignment.checks if c.kind == "visible"]
    stubs = released_answers(course.release_dir / assignment_id / assignment.notebook)
    with tempfile.TemporaryDirectory(prefix="mleprep-check-") as tmp:
        scratch = Path(tmp) / assignment_id
        shutil.copytree(
            notebook.parent,
            scratch,
            ignore=shutil.ignore_patterns(*NOT_WORK, ATTEMPT_FILE, "*-attempt-*"),
        )
        nb = _execute(scratch / notebook.name, timeout_s=assignment.timeout_s, on_cell=on_cell)
    cells, answer_cells, answers = notebook_cells(nb)
    results = tuple(
        classify(
            check,
            cell=cells.get(check.id),
            points=check.points,
            is_untouched=untouched(check, answers, stubs),
            answer_cells=answer_cells,
        )
        for check in visible
    )
    return CheckReport(assignment_id, str(notebook), results, round(time.monotonic() - started, 2))
