"""A reviewer's report on a take-home's code: what a hiring team reads beyond the score.

Lint findings on the answer cells, randomness without a seed, absolute paths, cells that fail on
a clean run, cells run out of order before saving, run time, and whether a second clean run gives
the same holdout score. Suggestions only: none of it costs points.
"""

from __future__ import annotations

import itertools
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from mleprep.core.notebook_cells import HIDDEN_TESTS_MARKER, cell_source, grade_id, nbgrader_meta
from mleprep.review.code_habits import Finding, absolute_paths, unseeded_randomness
from mleprep.review.code_lint import LintUnavailable, lint_findings

# Lint findings shown per report: a notebook with 80 unused imports needs one message, not 80.
MAX_LINT = 12


@dataclass(frozen=True)
class Rerun:
    first: float
    second: float | None  # None when the second run produced no score
    metric: str

    @property
    def same(self) -> bool:
        return self.second is not None and abs(self.first - self.second) <= 1e-9


@dataclass(frozen=True)
class CodeReport:
    findings: tuple[Finding, ...]
    run_seconds: float | None
    slowest: tuple[str, float] | None
    rerun: Rerun | None = None
    unavailable: tuple[str, ...] = field(default=())
    ran: bool = False  # a graded run was read: failing cells were looked for

    def lines(self) -> list[str]:
        """The report as sentences, most important first."""
        out = []
        if self.run_seconds is not None:
            text = f"A clean run (top to bottom, fresh kernel) took {self.run_seconds:.0f} s"
            if self.slowest is not None:
                text += f"; the slowest cell, {self.slowest[0]}, took {self.slowest[1]:.0f} s"
            out.append(text + ".")
        if self.rerun is not None:
            r = self.rerun
            if r.same:
                out.append(f"A second clean run gave the same holdout score ({r.first:.4f} {r.metric}).")
            elif r.second is None:
                out.append("A second clean run produced no holdout score: the notebook is not reproducible.")
            else:
                out.append(
                    f"A second clean run gave {r.second:.4f} {r.metric} against {r.first:.4f}: the result "
                    "changes from run to run; seed every source of randomness."
                )
        out += [
            f"{f.cell}, line {f.line}: {f.message}" if f.line else f"{f.cell}: {f.message}"
            for f in self.findings
        ]
        out += [f"not checked: {u}" for u in self.unavailable]
        if not self.findings and not self.unavailable:
            looked_for = (
                "unseeded randomness, absolute paths or failing cells"
                if self.ran
                else ("unseeded randomness or absolute paths")
            )
            out.append(f"No lint findings, {looked_for}.")
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "findings": [asdict(f) for f in self.findings],
            "run_seconds": self.run_seconds,
            "slowest_cell": list(self.slowest) if self.slowest else None,
            "rerun": None if self.rerun is None else {**asdict(self.rerun), "same": self.rerun.same},
            "unavailable": list(self.unavailable),
            "lines": self.lines(),
        }


def _labelled(nb: Any) -> tuple[list[tuple[str, str]], set[str], dict[str, str]]:
    """(label, source) of every code cell, the labels of the candidate's own cells (answer cells,
    and cells the candidate added: no nbgrader metadata), and each cell id's label."""
    cells, answers, by_id = [], set(), {}
    for i, cell in enumerate(nb.get("cells", [])):
        if cell.get("cell_type") != "code":
            continue
        meta = nbgrader_meta(cell)
        label = grade_id(cell) or f"cell {i + 1}"
        cells.append((label, cell_source(cell)))
        if cell.get("id"):
            by_id[str(cell["id"])] = label
        if meta.get("solution") or not meta:
            answers.add(label)
    return cells, answers, by_id


def _label(cell: Any, index: int, by_id: dict[str, str]) -> str:
    """The grade_id, else the label its id had in the submitted notebook (nbgrader may have
    inserted cells before it since), else its position."""
    return grade_id(cell) or by_id.get(str(cell.get("id")), f"cell {index + 1}")


def _is_check(cell: Any) -> bool:
    """A test cell, or one holding hidden tests: the checks report these themselves."""
    meta = nbgrader_meta(cell)
    return bool(meta.get("grade") and not meta.get("solution")) or HIDDEN_TESTS_MARKER in cell_source(cell)


def _timing(cell: Any) -> float | None:
    execution = cell.get("metadata", {}).get("execution") or {}
    try:
        start = datetime.fromisoformat(execution["iopub.execute_input"].replace("Z", "+00:00"))
        end = datetime.fromisoformat(execution["shell.execute_reply"].replace("Z", "+00:00"))
        return max((end - start).total_seconds(), 0.0)
    except (KeyError, TypeError, ValueError, AttributeError):  # absent, or one naive and one aware
        return None


def _clean_run(
    graded: Any, answers: set[str], by_id: dict[str, str]
) -> tuple[list[Finding], float | None, tuple[str, float] | None]:
    """Errors in the candidate's cells, total run time and the slowest cell, from the graded run."""
    findings, total, slowest = [], None, None
    for i, cell in enumerate(graded.get("cells", [])):
        if cell.get("cell_type") != "code":
            continue
        label = _label(cell, i, by_id)
        if (seconds := _timing(cell)) is not None:
            total = (total or 0.0) + seconds
            if slowest is None or seconds > slowest[1]:
                slowest = (label, seconds)
        if label not in answers or _is_check(cell):
            continue  # the checks' own cells are reported by the checks
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                value = str(out.get("evalue", ""))[:160]
                findings.append(
                    Finding("error", label, None, f"raised {out.get('ename')} on a clean run: {value}")
                )
    return findings, (round(total, 1) if total is not None else None), slowest


def _run_order(nb: Any) -> list[Finding]:
    counts = [c.get("execution_count") for c in nb.get("cells", []) if c.get("cell_type") == "code"]
    counts = [n for n in counts if isinstance(n, int)]
    if all(a < b for a, b in itertools.pairwise(counts)):
        return []
    shown = ", ".join(str(n) for n in counts[:8]) + (", ..." if len(counts) > 8 else "")
    return [
        Finding(
            "order",
            "notebook",
            None,
            f"the saved notebook was run out of order (execution counts {shown}): restart the kernel "
            "and run all before handing in, as a reviewer will",
        )
    ]


def review_code(*, submitted: Any, graded: Any | None, rerun: Rerun | None = None) -> CodeReport:
    """The report on the candidate's notebook as submitted and, when it ran, as graded."""
    cells, answers, by_id = _labelled(submitted)
    findings: list[Finding] = []
    unavailable: list[str] = []
    run_seconds = slowest = None
    if graded is not None:
        errors, run_seconds, slowest = _clean_run(graded, answers, by_id)
        findings += errors
    findings += _run_order(submitted)
    findings += unseeded_randomness(cells, answers=answers)
    findings += absolute_paths(cells, answers=answers)
    try:
        lint = lint_findings(cells, answers=answers)
    except LintUnavailable as exc:
        unavailable.append(f"lint ({exc})")
        lint = []
    if len(lint) > MAX_LINT:
        more = len(lint) - MAX_LINT
        lint = [*lint[:MAX_LINT], Finding("lint", "notebook", None, f"{more} more lint findings not shown")]
    findings += lint
    return CodeReport(tuple(findings), run_seconds, slowest, rerun, tuple(unavailable), graded is not None)
