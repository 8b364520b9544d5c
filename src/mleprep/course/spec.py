"""source/<id>/assignment.toml -> a frozen Assignment; every error names the file and the key."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from mleprep.core.defaults import MEMORY_BYTES, OUTPUT_BYTES, SPEC_FILE, SUBMISSION_TIMEOUT_S
from mleprep.core.sizes import format_size, parse_size
from mleprep.core.toml_data import TableReader, load_toml
from mleprep.course.business import Business, read_business
from mleprep.course.late_policy import NO_PENALTY, LatePolicy, read_late_policy
from mleprep.course.manual_parts import ManualPart, read_manual_part
from mleprep.course.spec_fields import (
    CHECK_KINDS,
    KINDS,
    MIN_MEMORY,
    STAGES,
    TAKE_HOME_KINDS,
    TAKE_HOME_LIMITS_S,
    TOP,
    keys,
)
from mleprep.metrics.registry import MetricKind, metric_kind


@dataclass(frozen=True)
class Dataset:
    name: str
    source: str
    licence: str
    files: tuple[str, ...]


@dataclass(frozen=True)
class Band:
    """Scores at or above `at_least` earn `credit` (a fraction of the check's points)."""

    at_least: float
    credit: float


@dataclass(frozen=True)
class Metric:
    """A metric of the registry (mleprep.metrics) by name: higher is always better, so thresholds
    compare one way; with the credit it earns."""

    scorer: str
    pass_threshold: float
    partial_credit: tuple[Band, ...] = ()

    @property
    def kind(self) -> MetricKind:
        return metric_kind(self.scorer)

    @property
    def is_error(self) -> bool:
        return self.kind.is_error

    def shown(self, value: float) -> str:
        """A value as people read it: an error without its minus sign."""
        return self.kind.shown(value)

    def credit(self, value: float) -> float:
        """Fraction of the points earned by a metric value."""
        if value >= self.pass_threshold:
            return 1.0
        for band in self.partial_credit:
            if value >= band.at_least:
                return band.credit
        return 0.0


@dataclass(frozen=True)
class Task:
    """Where the candidate's predictions come from and what they are compared with."""

    target: str
    id_column: str
    holdout_features: str


@dataclass(frozen=True)
class Check:
    """One autograded cell of the notebook, named by its nbgrader grade_id."""

    id: str
    title: str
    kind: str
    points: float
    # Answer cells (grade_ids) this check reads: untouched answers make the outcome "not attempted".
    answers: tuple[str, ...] = ()
    # For kind "estimate": the holdout check whose score the candidate's own estimate must match.
    of: str | None = None
    tolerance: float | None = None


@dataclass(frozen=True)
class Assignment:
    id: str
    folder: Path
    title: str
    kind: str
    stage: str
    summary: str
    time_limit_s: int
    notebook: str
    skills: tuple[str, ...]
    deliverables: tuple[str, ...]
    dataset: Dataset | None
    task: Task | None
    metric: Metric | None
    timeout_s: int
    checks: tuple[Check, ...]
    memory_bytes: int = MEMORY_BYTES
    output_bytes: int = OUTPUT_BYTES
    manual: tuple[ManualPart, ...] = field(default=())
    late_policy: LatePolicy = NO_PENALTY
    business: Business | None = None
    # [package] paths: the candidate's files besides the notebook (engineering take-homes).
    package_paths: tuple[str, ...] = ()

    @property
    def spec_path(self) -> Path:
        return self.folder / SPEC_FILE

    @property
    def auto_points(self) -> float:
        return sum(c.points for c in self.checks)

    @property
    def manual_points(self) -> float:
        return sum(m.points for m in self.manual)

    @property
    def is_take_home(self) -> bool:
        return self.kind in TAKE_HOME_KINDS

    def check(self, check_id: str) -> Check:
        for c in self.checks:
            if c.id == check_id:
                return c
        raise KeyError(check_id)


def _metric(r: TableReader) -> Metric:
    r.unknown(keys("metric"))
    scorer = r.text("scorer")
    try:
        metric_kind(scorer)
    except ValueError as exc:
        raise r.fail("scorer", str(exc)) from exc
    threshold = r.get("pass_threshold", float)
    bands = []
    for b in r.items("partial_credit"):
        b.unknown(keys("metric.partial_credit"))
        band = Band(b.get("at_least", float), b.get("credit", float))
        if not 0 < band.credit < 1:
            raise b.fail("credit", f"must be between 0 and 1 (exclusive), not {band.credit}")
        if band.at_least >= (bands[-1].at_least if bands else threshold):
            raise b.fail("at_least", "bands must be below pass_threshold and in descending order")
        bands.append(band)
    return Metric(scorer, threshold, tuple(bands))


def _check(r: TableReader) -> Check:
    r.unknown(keys("checks"))
    kind = r.choice("kind", CHECK_KINDS)
    points = r.get("points", float)
    if points <= 0:
        raise r.fail("points", "must be positive")
    check = Check(
        id=r.text("id"),
        title=r.text("title"),
        kind=kind,
        points=points,
        answers=r.texts("answers", []),
        of=r.text("of", None),
        tolerance=r.get("tolerance", float, None),
    )
    if kind == "estimate" and (check.of is None or check.tolerance is None):
        raise r.fail("of" if check.of is None else "tolerance", "is required for an 'estimate' check")
    return check


def _parse(folder: Path) -> Assignment:
    path = folder / SPEC_FILE
    r = load_toml(path)
    r.unknown(keys(TOP))
    if r.table.get("kind") == "take-home":  # the name before analysis and engineering take-homes existed
        r.table["kind"] = "modelling"
    kind = r.choice("kind", KINDS)
    time_limit_s = r.duration("time_limit")
    low, high = TAKE_HOME_LIMITS_S
    if kind in TAKE_HOME_KINDS and not low <= time_limit_s <= high:
        raise r.fail("time_limit", "a take-home gets between 3h and 8h, as real ones do")
    notebook = r.text("notebook")
    if not (folder / notebook).is_file():
        raise r.fail("notebook", f"{notebook!r} does not exist in {folder}")

    dataset = None
    if (d := r.sub("dataset", None)) is not None:
        d.unknown(keys("dataset"))
        dataset = Dataset(d.text("name"), d.text("source"), d.text("licence"), d.texts("files"))
        for i, f in enumerate(dataset.files):
            if not (folder / f).is_file():
                raise d.fail(f"files[{i}]", f"{f!r} does not exist in {folder}")
    task = None
    if (t := r.sub("task", None)) is not None:
        t.unknown(keys("task"))
        task = Task(t.text("target"), t.text("id_column"), t.text("holdout_features"))
    metric = _metric(m) if (m := r.sub("metric", None)) is not None else None
    g = r.sub("grading", {}) or TableReader(path, {}, "grading.")
    g.unknown(keys("grading"))
    timeout_s = g.duration("timeout", None)
    if timeout_s is None:
        timeout_s = SUBMISSION_TIMEOUT_S
    budgets = {}
    for key, default in (("memory", MEMORY_BYTES), ("output", OUTPUT_BYTES)):
        try:
            budgets[key] = parse_size(g.text(key, str(default)))
        except ValueError as exc:
            raise g.fail(key, str(exc)) from exc
    if budgets["memory"] < MIN_MEMORY:
        raise g.fail("memory", f"a kernel with scikit-learn needs at least {format_size(MIN_MEMORY)}")

    checks = tuple(_check(c) for c in r.items("checks"))
    manual = [read_manual_part(mr) for mr in r.items("manual")]
    ids = [c.id for c in checks] + [m.id for m in manual]
    if dupes := sorted({i for i in ids if ids.count(i) > 1}):
        raise r.fail("checks", f"cell id {dupes[0]!r} is used twice")
    for i, c in enumerate(checks):
        if c.kind in ("holdout", "estimate") and (metric is None or task is None):
            raise r.fail(f"checks[{i}].kind", f"a {c.kind!r} check needs [metric] and [task] tables")
        if c.of is not None and (c.of not in ids or checks[ids.index(c.of)].kind != "holdout"):
            raise r.fail(f"checks[{i}].of", f"{c.of!r} is not a holdout check of this assignment")

    package_paths: tuple[str, ...] = ()
    if (pk := r.sub("package", None)) is not None:
        pk.unknown(keys("package"))
        package_paths = pk.texts("paths")
        for i, rel in enumerate(package_paths):
            if Path(rel).is_absolute() or ".." in Path(rel).parts or not (folder / rel).exists():
                raise pk.fail(f"paths[{i}]", f"{rel!r} is not a file or folder inside {folder}")

    return Assignment(
        id=folder.name,
        folder=folder,
        title=r.text("title"),
        kind=kind,
        stage=r.choice("stage", STAGES),
        summary=r.text("summary"),
        time_limit_s=time_limit_s,
        notebook=notebook,
        skills=r.texts("skills"),
        deliverables=r.texts("deliverables"),
        dataset=dataset,
        task=task,
        metric=metric,
        timeout_s=timeout_s,
        checks=checks,
        memory_bytes=budgets["memory"],
        output_bytes=budgets["output"],
        manual=tuple(manual),
        late_policy=read_late_policy(r.sub("late_policy", None)),
        business=read_business(b, task is not None, metric is not None and metric.is_error)
        if (b := r.sub("business", None)) is not None
        else None,
        package_paths=package_paths,
    )


@lru_cache(maxsize=64)
def _parse_cached(folder: Path, mtime_ns: int) -> Assignment:
    return _parse(folder)


def load_assignment(folder: Path) -> Assignment:
    """Parse `folder/assignment.toml` once per version of the file."""
    folder = Path(folder).resolve()
    path = folder / SPEC_FILE
    mtime = path.stat().st_mtime_ns if path.exists() else 0
    return _parse_cached(folder, mtime)
