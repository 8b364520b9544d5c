"""`mleprep calibrate`: grade a ladder of models through the real grader and derive the credit bands
and the estimate tolerance from what they score.

The ladder is the dummy baseline (autograders/<id>/baseline.toml), the rungs of
autograders/<id>/ladder.toml (the reference notebook with some answers swapped) and the reference
itself. The reference and the baseline are graded with several seeds (RANDOM_STATE), because a
threshold an honest solution misses by luck is a flaky grade. Scores come from the same exports and
the same scoring code as a candidate's, so the table is what candidates will meet.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from mleprep.authoring.credit_bands import Proposal, bootstrap_values, propose, spread_warnings
from mleprep.authoring.trial_grading import Trial, with_seed
from mleprep.core.defaults import HOLDOUT_LABELS_FILE
from mleprep.core.errors import MleprepError
from mleprep.course.root import Course
from mleprep.course.spec import Assignment, Check, Metric
from mleprep.grading.results import SubmissionResult
from mleprep.grading.scoring import ScoringError, read_export, reported_value

SEEDS = (0, 1, 2)


class CalibrationError(MleprepError, ValueError):
    """The assignment cannot be calibrated as it is; the message says what is missing."""


@dataclass
class Rung:
    """One model of the ladder; `holdout` and `estimate` hold one value per seed graded."""

    name: str
    role: str  # "reference", "rung" or "baseline"
    holdout: list[float] = field(default_factory=list)
    estimate: list[float] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    # False for a rule candidates must beat to earn anything (today's rule, a naive forecast).
    earns_credit: bool = True

    def estimate_gaps(self, metric: Metric) -> list[float]:
        """How far each seed's own estimate is from its holdout score, as candidates report them."""
        shown = [-v if metric.is_error else v for v in self.holdout]
        return [abs(e - h) for e, h in zip(self.estimate, shown, strict=False) if math.isfinite(e)]

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "role": self.role,
            "earns_credit": self.earns_credit,
            "holdout": self.holdout,
            "estimate": self.estimate,
            "problems": self.problems,
        }


@dataclass
class Calibration:
    id: str
    metric: Metric
    holdout_check: Check
    estimate_check: Check | None
    rungs: list[Rung]
    sd: float
    proposal: Proposal
    # Findings that hold whatever the bands (the data, the rungs); see `warnings` for the rest.
    notes: list[str]
    seconds: float = 0.0
    seeds: tuple[int, ...] = SEEDS

    def _role(self, role: str) -> Rung:
        return next(r for r in self.rungs if r.role == role)

    @property
    def estimate_gaps(self) -> list[float]:
        """How far the reference's own estimates are from its holdout scores, as candidates report."""
        return self._role("reference").estimate_gaps(self.metric)

    @property
    def warnings(self) -> list[str]:
        """The notes, and what is flaky about the bands and tolerance this calibration applies."""
        ref = self._role("reference")
        out = list(self.notes)
        for floor in (r for r in self.rungs if r.holdout and (r.role == "baseline" or not r.earns_credit)):
            first = floor.role == "baseline"  # the reference's own check, once
            out += spread_warnings(
                self.metric, reference=ref.holdout if first else None, dummy=floor.holdout, name=floor.name
            )
        tolerance = self.estimate_check.tolerance if self.estimate_check else None
        if tolerance is not None and self.sd > 0 and tolerance < 2 * self.sd:
            # Two-sided normal tail: how often sampling error alone puts an honest estimate outside.
            miss = math.erfc(tolerance / self.sd / math.sqrt(2))
            out.append(
                f"the estimate tolerance {tolerance:g} is {tolerance / self.sd:.1f} standard deviations of "
                f"the holdout's sampling error: an honest estimate misses it about {miss:.0%} of the time"
            )
        if tolerance is not None and self.estimate_gaps and max(self.estimate_gaps) > tolerance:
            out.append(
                f"the reference's own estimate misses the holdout by {max(self.estimate_gaps):.4g}, more "
                f"than the tolerance {tolerance:g}: the estimate check would fail an honest solution"
            )
        return out

    def applied(self) -> Calibration:
        """This calibration with its proposal applied (what `--write` puts in assignment.toml)."""
        check = self.estimate_check
        if check is not None:
            check = replace(check, tolerance=self.proposal.tolerance)
        return replace(self, metric=self.proposal.metric(self.metric.scorer), estimate_check=check)

    def points(self, value: float, metric: Metric | None = None) -> float:
        return round(self.holdout_check.points * (metric or self.metric).credit(value), 4)

    def to_json(self) -> dict[str, Any]:
        p = self.proposal
        return {
            "id": self.id,
            "metric": self.metric.scorer,
            "rungs": [r.to_json() for r in self.rungs],
            "bootstrap_sd": self.sd,
            "proposal": {
                "pass_threshold": p.pass_threshold,
                "partial_credit": [{"at_least": b.at_least, "credit": b.credit} for b in p.bands],
                "tolerance": p.tolerance,
            },
            "warnings": self.warnings,
            "seconds": self.seconds,
        }


def _checks(assignment: Assignment) -> tuple[Metric, Check, Check | None]:
    holdouts = [c for c in assignment.checks if c.kind == "holdout"]
    if assignment.metric is None or assignment.task is None or not holdouts:
        raise CalibrationError(
            f"{assignment.spec_path}: calibration needs [metric], [task] and a holdout check"
        )
    holdout = max(holdouts, key=lambda c: c.points)
    estimate = next((c for c in assignment.checks if c.kind == "estimate" and c.of == holdout.id), None)
    return assignment.metric, holdout, estimate


def _ladder(trial: Trial, seeds: tuple[int, ...]) -> dict[str, Rung]:
    """Add every model of the ladder to the trial; by candidate name, the rung each fills in once
    graded (the seeds of the reference and of the baseline share theirs)."""
    baseline = trial.baseline
    if baseline is None:
        raise CalibrationError(
            f"{trial.baseline_file} is missing: calibration starts from the dummy baseline"
        )
    reference = trial.reference
    by_name: dict[str, Rung] = {}
    for role, nb in (("reference", reference), ("baseline", baseline)):
        rung = Rung("reference" if role == "reference" else "dummy baseline (the verify baseline)", role)
        for seed in seeds:
            trial.add(f"{role}-{seed}", with_seed(nb, seed))
            by_name[f"{role}-{seed}"] = rung
    for n, (name, earns_credit, nb) in enumerate(trial.rungs):
        trial.add(f"rung-{n}", nb)
        by_name[f"rung-{n}"] = Rung(name, "rung", earns_credit=earns_credit)
    return by_name


def _collect(
    trial: Trial,
    rung: Rung,
    name: str,
    result: SubmissionResult,
    assignment: Assignment,
    holdout: Check,
    estimate: Check | None,
) -> dict[str, Any] | None:
    """Record one graded notebook's holdout score and estimate; its export, for the bootstrap."""
    metric, task = assignment.metric, assignment.task
    assert metric is not None and task is not None
    if result.status != "graded":
        rung.problems.append(f"{name}: {result.error}")
        return None
    failed = [c.id for c in result.checks if c.kind == "visible" and c.outcome != "passed"]
    if failed and rung.role != "baseline":  # a dummy may fail a check that asks for a sensible model
        rung.problems.append(f"{name}: visible checks not passed: {', '.join(failed)}")
    labels = trial.course.hidden_dir(assignment.id) / HOLDOUT_LABELS_FILE
    export_file = trial.export_file(name, holdout.id)
    try:
        export = read_export(export_file)
        value, _ = metric.kind.score(export, labels, id_column=task.id_column, target=task.target)
    except ScoringError as exc:
        rung.problems.append(f"{name}: {exc}")
        return None
    rung.holdout.append(value)
    if estimate is not None:
        try:
            rung.estimate.append(reported_value(trial.export_file(name, estimate.id)))
        except ScoringError as exc:
            rung.estimate.append(math.nan)  # keeps each seed's estimate beside its holdout score
            rung.problems.append(f"{name}: estimate: {exc}")
    return export


def calibrate(
    *,
    course: Course,
    assignment_id: str,
    seeds: tuple[int, ...] = SEEDS,
    jobs: int | None = None,
    progress: Callable[[SubmissionResult], None] | None = None,
    on_start: Callable[[int], None] | None = None,
) -> Calibration:
    """Grade the ladder in a scratch course and propose bands; nothing in the course changes."""
    started = time.monotonic()
    assignment = course.assignment(assignment_id)
    metric, holdout, estimate = _checks(assignment)
    assert assignment.task is not None
    with Trial(course, assignment_id) as trial:
        by_name = _ladder(trial, seeds)
        rungs = list({id(r): r for r in by_name.values()}.values())  # seeds share their rung
        results = trial.grade(jobs=jobs, progress=progress, on_start=on_start)
        reference_export = None
        for name, result in sorted(results.items()):
            export = _collect(trial, by_name[name], name, result, assignment, holdout, estimate)
            if name == f"reference-{seeds[0]}":
                reference_export = export
        labels = course.hidden_dir(assignment_id) / HOLDOUT_LABELS_FILE
        ref, dummy = by_name[f"reference-{seeds[0]}"], by_name[f"baseline-{seeds[0]}"]
        if reference_export is None or not ref.holdout or not dummy.holdout:
            problems = "; ".join(ref.problems + dummy.problems) or "no scores"
            raise CalibrationError(f"the reference and the baseline must grade to calibrate: {problems}")
        spread = bootstrap_values(reference_export, labels, task=assignment.task, metric=metric)
    sd = float(np.std(spread))
    gaps = ref.estimate_gaps(metric)
    if max(ref.holdout) <= max(dummy.holdout):
        raise CalibrationError(
            f"the reference ({metric.shown(max(ref.holdout))}) does no better than the dummy baseline "
            f"({metric.shown(max(dummy.holdout))}) on the holdout: there are no bands to propose"
        )
    # Nothing below the best model that must earn nothing: the dummy, or a rule marked credit = false.
    floors = [r.holdout for r in rungs if r.holdout and (r.role == "baseline" or not r.earns_credit)]
    floor = max(floors, key=max)
    proposal = propose(reference=ref.holdout, dummy=floor, sd=sd, estimate_gaps=gaps if estimate else [])
    notes = list(proposal.warnings)
    notes += [
        f"{r.name!r} scores {metric.shown(max(r.holdout))} on the holdout, above the reference's "
        f"{metric.shown(max(ref.holdout))}: make the reference the best model you know"
        for r in rungs
        if r.role == "rung" and r.holdout and min(r.holdout) > max(ref.holdout) + sd
    ]
    notes += [p for r in rungs for p in r.problems]
    return Calibration(
        assignment_id,
        metric,
        holdout,
        estimate,
        rungs,
        sd,
        proposal,
        notes,
        round(time.monotonic() - started, 1),
        seeds,
    )
