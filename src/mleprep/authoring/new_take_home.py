"""`mleprep new`: from a mentor's CSV to a complete take-home (notebook, data split, hidden labels,
assignment.toml, baseline, calibration ladder, README) that verifies green.

Everything is written in a staging folder first and moved into the course only when it all
worked, so a refusal or a crash leaves the course as it was.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from threadpoolctl import threadpool_limits

from mleprep.authoring import template_code as code
from mleprep.authoring.credit_bands import Proposal, bootstrap_values, propose
from mleprep.authoring.holdout_split import split_table, write_with_sums
from mleprep.authoring.notebook_template import take_home_notebook
from mleprep.authoring.table_intake import (
    TableError,
    check_request,
    leak_warnings,
    read_table,
    single_feature_scores,
)
from mleprep.authoring.take_home_files import assignment_toml, baseline_toml, ladder_toml, readme
from mleprep.authoring.take_home_plan import TakeHomePlan, bool_columns, choose_metric, choose_positive
from mleprep.core.defaults import (
    AUTOGRADERS_DIR,
    BASELINE_FILE,
    HOLDOUT_LABELS_FILE,
    RELEASE_DIR,
    RUNGS_FILE,
    SOURCE_DIR,
    SPEC_FILE,
)
from mleprep.core.durations import parse_duration
from mleprep.course.root import Course
from mleprep.course.spec import TAKE_HOME_LIMITS_S, Metric, Task, load_assignment
from mleprep.handin import model_responses

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,39}$")
# Column names the notebook's code quotes and its check messages format: no quotes, braces or breaks.
SAFE_NAME = re.compile(r"^[^\"'\\\n\r{}]+$")


@dataclass(frozen=True)
class NewTakeHome:
    id: str
    plan: TakeHomePlan
    proposal: Proposal
    files: tuple[str, ...]
    warnings: tuple[str, ...]
    seconds: float

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "task": self.plan.task,
            "metric": self.plan.metric,
            "train_rows": self.plan.train_rows,
            "holdout_rows": self.plan.holdout_rows,
            "split": self.plan.split_how,
            "pass_threshold": self.proposal.pass_threshold,
            "partial_credit": [{"at_least": b.at_least, "credit": b.credit} for b in self.proposal.bands],
            "tolerance": self.proposal.tolerance,
            "files": list(self.files),
            "warnings": list(self.warnings),
            "seconds": self.seconds,
        }


def _first_fit(plan: TakeHomePlan, data: Path, labels: Path) -> tuple[Proposal, list[str]]:
    """Starting bands from running the template's own reference, dummy and estimate in this process."""
    values: dict[str, float] = {}
    export: dict[str, Any] = {}
    gaps = []
    task, metric = Task(plan.target, plan.id_column, "holdout"), Metric(plan.metric, 0.0)
    for kind in ("reference", "dummy"):
        space: dict[str, Any] = {}
        # One thread: OpenMP's two threads can stall for minutes on a shared, busy 2-core machine,
        # and a few thousand rows gain nothing from more.
        program = "\n".join(
            [
                code.SETUP.replace('DATA = Path("data")', f"DATA = Path({str(data)!r})"),
                code.load_answer(plan, markers=False),
                code.model_code(plan, kind),
                code.evaluate_answer(plan),
                'holdout = clean(pd.read_csv(DATA / "holdout_features.csv"))',
            ]
        )
        with contextlib.redirect_stdout(io.StringIO()), threadpool_limits(1):
            exec(compile(program, f"<mleprep new: {kind}>", "exec"), space)
        holdout = space["holdout"]
        ids = holdout[plan.id_column].astype(str).tolist()
        export = model_responses(space["model"], holdout.drop(columns=[plan.id_column]), ids)
        values[kind], _ = metric.kind.score(export, labels, id_column=plan.id_column, target=plan.target)
        if kind == "reference":
            reference_export = export
            actual = -values[kind] if plan.is_error else values[kind]
            gaps.append(abs(space["cv_score"] - actual))
    spread = bootstrap_values(reference_export, labels, task=task, metric=metric)
    sd = float(spread.std())
    # A holdout check on quality needs a model to beat the dummy by more than the holdout's own
    # noise; otherwise bands would reward luck (next-day stock returns are the classic case).
    if values["reference"] - values["dummy"] <= 2 * sd:
        raise TableError(
            f"a gradient-boosted model does no better than a dummy on this table beyond sampling error "
            f"({metric.kind.label} {metric.shown(values['reference'])} against "
            f"{metric.shown(values['dummy'])}, standard deviation {sd:.4g}): is {plan.target!r} "
            "predictable from the other columns, and is the holdout large enough?"
        )
    proposal = propose(reference=[values["reference"]], dummy=[values["dummy"]], sd=sd, estimate_gaps=gaps)
    return proposal, list(proposal.warnings)


@contextlib.contextmanager
def _about(data: Path) -> Any:
    """Refusals from the split and the plan name the file they are about."""
    try:
        yield
    except TableError as exc:
        if str(data) in str(exc):
            raise
        raise TableError(f"{data}: {exc}") from exc


def _install(pairs: list[tuple[Path, Path]]) -> None:
    """Copy every staged folder beside its destination first, then swap them in: a failed copy
    (a full disk) leaves the course as it was, never a source/ without its autograders/."""
    ready = []
    for staged, final in pairs:
        final.parent.mkdir(parents=True, exist_ok=True)
        beside = final.with_name(f".{final.name}.mleprep-new")
        shutil.rmtree(beside, ignore_errors=True)
        shutil.copytree(staged, beside)
        ready.append((beside, final))
    for beside, final in ready:
        old = final.with_name(f".{final.name}.mleprep-old")
        if final.exists():
            os.replace(final, old)
        os.replace(beside, final)
        shutil.rmtree(old, ignore_errors=True)


def new_take_home(
    *,
    course: Course,
    assignment_id: str,
    data: Path,
    target: str,
    task: str,
    metric: str | None = None,
    id_column: str | None = None,
    time_column: str | None = None,
    group_column: str | None = None,
    holdout: float = 0.2,
    time_limit: str = "4h",
    seed: int = 0,
    title: str | None = None,
    source: str | None = None,
    licence: str | None = None,
    positive: str | None = None,
    force: bool = False,
    made_with: str | None = None,
) -> NewTakeHome:
    """Write source/<id>/ and autograders/<id>/ from `data`; TableError (nothing written) if it cannot.

    `made_with`, the command as typed, goes into the README so the split can be made again."""
    started = time.monotonic()
    if not ID_PATTERN.match(assignment_id):
        raise TableError(f"{assignment_id!r} is not a usable id: lower-case letters, digits and _ (2-40)")
    targets = [course.source_dir / assignment_id, course.hidden_dir(assignment_id)]
    if not force and (existing := [p for p in targets if p.exists()]):
        raise TableError(f"{existing[0]} already exists: choose another id, or pass --force to replace it")
    try:
        limit_s = parse_duration(time_limit)
    except ValueError as exc:
        raise TableError(f"--time-limit: {exc}") from exc
    if not TAKE_HOME_LIMITS_S[0] <= limit_s <= TAKE_HOME_LIMITS_S[1]:
        raise TableError("--time-limit: a take-home gets between 3h and 8h, as real ones do")
    for flag, name in (
        ("--target", target),
        ("--id-column", id_column),
        ("--time-column", time_column),
        ("--group-column", group_column),
    ):
        if name is not None and not SAFE_NAME.match(name):
            raise TableError(
                f"{flag} {name!r}: rename the column without quotes, braces, backslashes or line breaks"
            )
    data = data.expanduser().resolve()
    table = read_table(data)
    columns = check_request(
        table,
        data,
        task=task,
        target=target,
        id_column=id_column,
        time_column=time_column,
        group_column=group_column,
    )
    scores = single_feature_scores(table, columns, task=task, seed=seed)
    warnings = leak_warnings(table, columns, scores, share=holdout)
    with _about(data):
        split = split_table(table, columns, task=task, share=holdout, seed=seed)
    values: tuple[object, ...] = ()
    if task in ("classification", "ranking"):
        values = tuple(sorted(v.item() if hasattr(v, "item") else v for v in split.train[target].unique()))
    with _about(data):
        chosen_positive = choose_positive(values, split.train[target], positive)
        chosen_metric = choose_metric(metric, task, (0, 1) if len(values) == 2 else values)
    classes = (0, 1) if len(values) == 2 else values
    if chosen_positive is not None:  # the labels the grader compares with are the notebook's 0/1 `y`
        labels = split.holdout_labels
        labels[target] = (labels[target] == chosen_positive).astype(int)
    when = pd.to_datetime(table[time_column], format="mixed") if time_column else None
    plan = TakeHomePlan(
        id=assignment_id,
        title=title or f"predict {target} ({data.stem})",
        task=task,
        target=target,
        id_column=split.id_column,
        time_column=time_column,
        group_column=group_column,
        metric=chosen_metric,
        classes=classes,
        train_rows=len(split.train),
        train_columns=split.train.shape[1],
        holdout_rows=len(split.holdout_features),
        time_limit=time_limit,
        best_feature=next(iter(scores), None),
        split_how=split.how,
        positive=chosen_positive,
        bool_columns=bool_columns(table, columns.features),
        hourly=bool(when is not None and when.dt.hour.nunique() > 1),
    )
    data_name = f"{data.name} ({len(table):,} rows, {table.shape[1]} columns)"
    source = source or f"provided by the course's mentor as {data.name}"
    if licence is None:
        licence = "not recorded"
        warnings.append("record where the data comes from and its licence: --source and --licence")
    with tempfile.TemporaryDirectory(prefix="mleprep-new-") as tmp:
        stage = Path(tmp)
        src, hidden = stage / SOURCE_DIR / assignment_id, stage / AUTOGRADERS_DIR / assignment_id
        write_with_sums(
            src / "data", {"train.csv": split.train, "holdout_features.csv": split.holdout_features}
        )
        write_with_sums(hidden, {HOLDOUT_LABELS_FILE: split.holdout_labels})
        with _about(data):
            proposal, fit_warnings = _first_fit(plan, src / "data", hidden / HOLDOUT_LABELS_FILE)
        warnings += fit_warnings
        (src / SPEC_FILE).write_text(
            assignment_toml(plan, proposal=proposal, data_name=data_name, source=source, licence=licence)
        )
        (hidden / BASELINE_FILE).write_text(baseline_toml(plan))
        (hidden / RUNGS_FILE).write_text(ladder_toml(plan))
        (src / "README.md").write_text(
            readme(plan, data_name=data_name, source=source, licence=licence, seed=seed, made_with=made_with)
        )
        (src / f"{assignment_id}.ipynb").write_text("{}")  # the spec names it; filled from the spec next
        nb = take_home_notebook(plan, load_assignment(src))
        (src / f"{assignment_id}.ipynb").write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n")
        files = sorted(str(p.relative_to(stage)) for p in stage.rglob("*") if p.is_file())
        _install([(src, targets[0]), (hidden, targets[1])])
    shutil.rmtree(course.root / RELEASE_DIR / assignment_id, ignore_errors=True)  # stale after --force
    return NewTakeHome(
        assignment_id, plan, proposal, tuple(files), tuple(warnings), round(time.monotonic() - started, 2)
    )
