"""Scan a released assignment for anything a candidate must not receive."""

from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from mleprep.core.notebook_cells import cell_source, nbgrader_meta, read_notebook
from mleprep.course.spec import Assignment

MARKERS = ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")
HIDDEN_NAME_PARTS = ("label", "solution", "answer_key")
# A line this short ("model.fit(X, y)") may legitimately appear in instructions too.
MIN_SIGNIFICANT_CHARS = 24


@dataclass(frozen=True)
class Leak:
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _regions(source: str, begin: str, end: str) -> list[list[str]]:
    regions, current = [], None
    for line in source.splitlines():
        if begin in line:
            current = []
        elif end in line and current is not None:
            regions.append(current)
            current = None
        elif current is not None:
            current.append(line)
    return regions


def secret_regions(source_notebook: Path) -> list[tuple[str, list[str]]]:
    """(cell id, significant lines) of every solution and hidden-test region of a source notebook."""
    found = []
    for cell in read_notebook(source_notebook).get("cells", []):
        meta = nbgrader_meta(cell)
        source = cell_source(cell)
        regions = _regions(source, "BEGIN SOLUTION", "END SOLUTION")
        regions += _regions(source, "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")
        if meta.get("solution") and not regions:
            regions = [source.splitlines()]  # a solution cell without delimiters is all solution
        for region in regions:
            lines = [s for line in region if len(s := line.strip()) >= MIN_SIGNIFICANT_CHARS]
            if lines:
                found.append((meta.get("grade_id", "?"), lines))
    return found


def _holdout_labels(hidden_dir: Path, id_column: str, target: str) -> set[tuple[str, str]]:
    """(id, label) pairs of the hidden holdout labels."""
    pairs: set[tuple[str, str]] = set()
    for path in hidden_dir.glob("*label*.csv"):
        with path.open(newline="", encoding="utf-8") as f:
            pairs.update(
                (row[id_column], row[target])
                for row in csv.DictReader(f)
                if id_column in row and target in row
            )
    return pairs


def _label_leak(path: Path, assignment: Assignment, holdout_labels: set[tuple[str, str]]) -> str | None:
    """A released table that carries holdout (id, label) pairs is the answer key.

    Pairs, not ids: a recommendation task releases each holdout learner's earlier enrolments
    (same id and target column), which is history, not the held-out answers.
    """
    task = assignment.task
    if task is None or not holdout_labels:
        return None
    with path.open(newline="", encoding="utf-8", errors="replace") as f:
        reader = csv.DictReader(f)
        if not reader.fieldnames or not {task.id_column, task.target} <= set(reader.fieldnames):
            return None
        overlap = sum(
            1 for row in reader if (row.get(task.id_column), row.get(task.target)) in holdout_labels
        )
    if overlap:
        return f"has the target column {task.target!r} for {overlap} holdout rows"
    return None


def scan_release(release: Path, *, assignment: Assignment, hidden_dir: Path) -> list[Leak]:
    """Everything in `release` that reveals solutions, hidden tests, hidden files or holdout labels."""
    leaks: list[Leak] = []
    hidden_hashes = (
        {_sha256(p): p.name for p in hidden_dir.rglob("*") if p.is_file()} if hidden_dir.is_dir() else {}
    )
    task = assignment.task
    holdout_labels = _holdout_labels(hidden_dir, task.id_column, task.target) if task else set()
    secrets = secret_regions(assignment.folder / assignment.notebook)

    for path in sorted(p for p in release.rglob("*") if p.is_file()):
        rel = str(path.relative_to(release))
        if (name := hidden_hashes.get(_sha256(path))) is not None:
            leaks.append(Leak(rel, f"is a copy of the hidden grading file {name}"))
        if any(part in path.name.lower() for part in HIDDEN_NAME_PARTS):
            leaks.append(Leak(rel, "its name says it holds labels or solutions"))
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        leaks += [Leak(rel, f"contains the marker {m!r}") for m in MARKERS if m in text]
        if path.suffix == ".csv" and (reason := _label_leak(path, assignment, holdout_labels)):
            leaks.append(Leak(rel, reason))
        if path.suffix == ".ipynb":
            leaks += _notebook_leaks(rel, text, secrets)
    return leaks


def _notebook_leaks(rel: str, text: str, secrets: list[tuple[str, list[str]]]) -> list[Leak]:
    try:
        nb = json.loads(text)
    except json.JSONDecodeError:
        return [Leak(rel, "is not valid notebook JSON")]
    leaks = []
    sources = []
    for cell in nb.get("cells", []):
        sources.append(cell_source(cell))
        if cell.get("outputs"):
            leaks.append(
                Leak(rel, f"cell {cell.get('id', '?')} has outputs (they may show solution results)")
            )
    released = {line.strip() for s in sources for line in s.splitlines()}
    for cell_id, lines in secrets:
        shown = [line for line in lines if line in released]
        # Half of a region's significant lines verbatim is a solution, not a coincidence.
        if len(shown) * 2 >= len(lines) and shown:
            leaks.append(
                Leak(rel, f"reveals {len(shown)} line(s) of the solution or hidden test in {cell_id!r}")
            )
    return leaks
