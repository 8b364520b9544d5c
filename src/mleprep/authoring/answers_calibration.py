"""`mleprep calibrate` for analysis take-homes: the expected answers, taken from the reference.

An analysis take-home has no metric and no bands: its answers checks compare what the candidate's
functions return on the hidden variant with what the reference's return. So calibrating means
grading the reference for real (nbgrader, a sandboxed kernel, the variant staged beside it) twice,
keeping its exports as the expected answers when both runs agree, and then scoring every notebook of
the ladder (the hard-coded baseline of autograders/<id>/baseline.toml, the rungs of ladder.toml, the
starter) against them, so the table shows what each earns.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mleprep.authoring.calibration import CalibrationError
from mleprep.authoring.trial_grading import Trial
from mleprep.core.checksums import SUMS_FILE, write_sums
from mleprep.core.defaults import EXPECTED_ANSWERS_FILE
from mleprep.course.root import Course
from mleprep.course.spec import Assignment, Check
from mleprep.grading.answers_checks import DEFAULT_TOLERANCE, score_answers
from mleprep.grading.results import SubmissionResult
from mleprep.grading.scoring import ScoringError, read_export

REFERENCE_RUNS = ("reference", "reference-again")


@dataclass
class AnswersRung:
    name: str
    role: str  # "reference", "baseline", "starter" or "rung"
    points: dict[str, float] = field(default_factory=dict)  # answers check id -> points earned
    visible_failed: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def total(self) -> float:
        return round(sum(self.points.values()), 4)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "role": self.role,
            "points": self.points,
            "total": self.total,
            "visible_failed": self.visible_failed,
            "problems": self.problems,
        }


@dataclass
class AnswersCalibration:
    id: str
    checks: tuple[Check, ...]
    expected: dict[str, dict[str, Any]]
    rungs: list[AnswersRung]
    notes: list[str]
    seconds: float = 0.0

    @property
    def warnings(self) -> list[str]:
        out = list(self.notes)
        for rung in self.rungs:
            out += [f"{rung.name}: {p}" for p in rung.problems]
            if rung.role == "baseline" and rung.total > 0:
                out.append(
                    f"the hard-coded baseline earns {rung.total:g}: its answers carry over to the variant"
                )
            if rung.role == "reference" and rung.visible_failed:
                out.append(f"the reference fails visible checks: {', '.join(rung.visible_failed)}")
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": "analysis",
            "checks": [c.id for c in self.checks],
            "rungs": [r.to_json() for r in self.rungs],
            "expected_keys": {check: sorted(keys) for check, keys in self.expected.items()},
            "warnings": self.warnings,
            "seconds": self.seconds,
        }


def answers_checks(assignment: Assignment) -> tuple[Check, ...]:
    checks = tuple(c for c in assignment.checks if c.kind == "answers")
    if not checks:
        raise CalibrationError(
            f"{assignment.spec_path}: an analysis take-home needs at least one answers check"
        )
    return checks


def _expected_from(trial: Trial, checks: tuple[Check, ...], notes: list[str]) -> dict[str, dict[str, Any]]:
    """The reference's exports, per check and key, with each key's tolerance; both runs must agree."""
    expected: dict[str, dict[str, Any]] = {}
    for check in checks:
        runs = []
        for name in REFERENCE_RUNS:
            try:
                runs.append(read_export(trial.export_file(name, check.id)).get("answers") or {})
            except ScoringError as exc:
                raise CalibrationError(f"the reference exported no answers for {check.id!r}: {exc}") from exc
        first, again = runs
        if errors := [k for k, v in first.items() if v.get("type") == "error"]:
            raise CalibrationError(
                f"the reference's {', '.join(errors)} raised on the variant: {first[errors[0]]}"
            )
        if first != again:
            notes.append(f"{check.id}: the reference gave different answers on two runs; the first is kept")
        tolerance = check.tolerance if check.tolerance is not None else DEFAULT_TOLERANCE
        expected[check.id] = {
            key: {"answer": answer, "tolerance": tolerance} for key, answer in first.items()
        }
    return expected


def _visible_failed(result: SubmissionResult) -> list[str]:
    return [c.id for c in result.checks if c.kind == "visible" and c.outcome in ("failed", "error")]


def calibrate_answers(
    *,
    course: Course,
    assignment_id: str,
    jobs: int | None = None,
    progress: Callable[[SubmissionResult], None] | None = None,
    on_start: Callable[[int], None] | None = None,
) -> AnswersCalibration:
    """Grade the reference and the ladder in a scratch course; nothing in the course changes."""
    started = time.monotonic()
    assignment = course.assignment(assignment_id)
    checks = answers_checks(assignment)
    notes: list[str] = []
    with Trial(course, assignment_id) as trial:
        typed_in = trial.baseline
        if typed_in is None:
            raise CalibrationError(
                f"{trial.baseline_file} is missing: it hard-codes the public answers, and must score 0"
            )
        rungs = {
            REFERENCE_RUNS[0]: AnswersRung("reference", "reference"),
            "baseline": AnswersRung("public answers typed in (the verify baseline)", "baseline"),
            "starter": AnswersRung("untouched starter", "starter"),
        }
        trial.add(REFERENCE_RUNS[0], trial.reference)
        trial.add(REFERENCE_RUNS[1], trial.reference)
        trial.add("baseline", typed_in)
        trial.add("starter", trial.starter, package_from=trial.starter_folder)
        for n, (name, _, nb) in enumerate(trial.rungs):
            trial.add(f"rung-{n}", nb)
            rungs[f"rung-{n}"] = AnswersRung(name, "rung")
        results = trial.grade(jobs=jobs, progress=progress, on_start=on_start)
        for name in REFERENCE_RUNS:
            if results[name].status != "graded":
                raise CalibrationError(f"the reference could not be graded: {results[name].error}")
        expected = _expected_from(trial, checks, notes)
        assert trial.scratch is not None
        scratch_hidden = trial.scratch.hidden_dir(assignment_id)
        (scratch_hidden / EXPECTED_ANSWERS_FILE).write_text(json.dumps(expected))
        for name, rung in rungs.items():
            result = results[name]
            if result.status != "graded":
                rung.problems.append(str(result.error))
                continue
            rung.visible_failed = _visible_failed(result)
            workdir = trial.scratch.autograded_dir / name / assignment_id
            for check in checks:
                try:
                    _, points, _ = score_answers(check, hidden_dir=scratch_hidden, workdir=workdir)
                except ScoringError:
                    points = 0.0  # nothing exported: the starter, or a cell that failed
                rung.points[check.id] = points
    return AnswersCalibration(
        assignment_id, checks, expected, list(rungs.values()), notes, round(time.monotonic() - started, 1)
    )


def answers_markdown(cal: AnswersCalibration) -> str:
    from mleprep.authoring.calibration_report import MARKER

    header = " | ".join(f"{c.id} (of {c.points:g})" for c in cal.checks)
    total = sum(c.points for c in cal.checks)
    lines = [
        "## Calibration",
        MARKER,
        "",
        f"`mleprep calibrate {cal.id}` graded each notebook through the real grader (nbgrader, sandboxed "
        "kernels), with the hidden variant of the data beside it, and compared what its functions returned "
        "there with the reference's answers (autograders/"
        f"{cal.id}/{EXPECTED_ANSWERS_FILE}; the reference ran twice and must agree with itself).",
        "",
        f"| notebook | {header} | answers points (of {total:g}) | visible checks failed |",
        "|---|" + "---|" * (len(cal.checks) + 2),
    ]
    for rung in cal.rungs:
        name = f"**{rung.name}**" if rung.role == "reference" else rung.name
        cells = " | ".join(f"{rung.points[c.id]:g}" if c.id in rung.points else "-" for c in cal.checks)
        failed = ", ".join(rung.visible_failed) or "none"
        lines.append(f"| {name} | {cells} | {rung.total:g} | {failed} |")
    keys = sum(len(v) for v in cal.expected.values())
    lines += ["", f"- **Expected answers**: {keys} keys over {len(cal.expected)} checks."]
    lines += [f"- **Warning**: {w}" for w in cal.warnings]
    return "\n".join(lines) + "\n"


def record_answers(
    cal: AnswersCalibration, *, assignment: Assignment, course: Course, write: bool
) -> list[Path]:
    """The README section; with `write`, expected_answers.json (and the hidden folder's sums) and the
    notebook's grading table. Returns the files written."""
    from mleprep.authoring.calibration_report import write_readme_section
    from mleprep.authoring.notebook_template import rewrite_grading_table

    readme = assignment.folder / "README.md"
    write_readme_section(readme, answers_markdown(cal))
    written = [readme]
    if write:
        hidden = course.hidden_dir(assignment.id)
        expected_file = hidden / EXPECTED_ANSWERS_FILE
        expected_file.write_text(json.dumps(cal.expected, indent=1, sort_keys=True) + "\n")
        names = sorted(p.name for p in hidden.iterdir() if p.is_file() and p.name != SUMS_FILE)
        write_sums(hidden, names)
        written += [expected_file, hidden / SUMS_FILE]
        written += [p for p in [rewrite_grading_table(assignment)] if p is not None]
    return written
