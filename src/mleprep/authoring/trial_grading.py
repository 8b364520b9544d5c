"""Grade notebooks a mentor has not released yet, for real, in a scratch copy of the course.

`verify`, `calibrate` and `try` all do the same thing: copy one assignment (source, hidden material,
config) into a temporary course, release it through nbgrader, put chosen notebooks in as
submissions, and grade them with the sandboxed batch grader. The repository's gradebook, reports
and releases are never touched.
"""

from __future__ import annotations

import copy
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

from mleprep.core.defaults import (
    AUTOGRADERS_DIR,
    BASELINE_FILE,
    CONFIG_FILE,
    GUIDE_DIR,
    REFERENCE_DIR,
    RUNGS_FILE,
    SOURCE_DIR,
)
from mleprep.core.notebook_cells import answer_cells, grade_id, read_notebook
from mleprep.core.toml_data import TableReader, load_toml
from mleprep.course.root import Course
from mleprep.course.spec import Assignment
from mleprep.grading.results import SubmissionResult
from mleprep.handin import export_path


def scratch_course(course: Course, assignment_id: str, root: Path) -> Course:
    """A copy of the course with one assignment (config, source, hidden material) under `root`."""
    root.mkdir(parents=True)
    shutil.copy2(course.root / CONFIG_FILE, root / CONFIG_FILE)
    shutil.copytree(course.source_dir / assignment_id, root / SOURCE_DIR / assignment_id)
    if course.hidden_dir(assignment_id).is_dir():
        shutil.copytree(course.hidden_dir(assignment_id), root / AUTOGRADERS_DIR / assignment_id)
    if (course.root / GUIDE_DIR).is_dir():  # written answers get feedback from its question bank
        shutil.copytree(course.root / GUIDE_DIR, root / GUIDE_DIR)
    return Course(root)


def with_answers(nb: dict[str, Any], answers: TableReader) -> dict[str, Any]:
    """A copy of `nb` with answer cells replaced: keys are grade_ids, values the new source."""
    nb = copy.deepcopy(nb)
    cells = answer_cells(nb)
    for key in answers.table:
        if key not in cells:
            raise answers.fail(key, "is not an answer cell of the notebook")
        cells[key]["source"] = answers.text(key).strip()
    return nb


def with_seed(nb: dict[str, Any], seed: int) -> dict[str, Any]:
    """A copy of `nb` whose RANDOM_STATE is `seed`: a plain cell right after the setup cell."""
    nb = copy.deepcopy(nb)
    cell = {
        "cell_type": "code",
        "id": f"calibration-seed-{seed}",
        "metadata": {},
        "source": f"RANDOM_STATE = {seed}",
        "execution_count": None,
        "outputs": [],
    }
    at = next((n + 1 for n, c in enumerate(nb["cells"]) if grade_id(c) == "setup"), 0)
    nb["cells"].insert(at, cell)
    return nb


class Trial:
    """A scratch course for one assignment; use as a context manager, add notebooks, then grade."""

    def __init__(self, course: Course, assignment_id: str) -> None:
        self.course, self.assignment_id = course, assignment_id
        self._tmp = tempfile.TemporaryDirectory(prefix=f"mleprep-trial-{assignment_id}-")
        self.root = Path(self._tmp.name)
        self.subs = self.root / "submissions"
        self.scratch: Course | None = None
        self.released: Path | None = None

    def __enter__(self) -> Trial:
        from mleprep.authoring.release import release

        self.scratch = scratch_course(self.course, self.assignment_id, self.root / "course")
        self.released = (
            release(course=self.scratch, assignment_id=self.assignment_id).path / self.assignment.notebook
        )
        return self

    def __exit__(self, *exc: object) -> None:
        self._tmp.cleanup()

    @property
    def assignment(self) -> Assignment:
        return self.course.assignment(self.assignment_id)

    @property
    def reference(self) -> dict[str, Any]:
        return read_notebook(self.assignment.folder / self.assignment.notebook)

    @property
    def starter(self) -> dict[str, Any]:
        assert self.released is not None
        return read_notebook(self.released)

    @property
    def baseline_file(self) -> Path:
        return self.course.hidden_dir(self.assignment_id) / BASELINE_FILE

    @property
    def baseline(self) -> dict[str, Any] | None:
        """The starter with baseline.toml's answers; None when the assignment has no baseline."""
        if not self.baseline_file.is_file():
            return None
        answers = load_toml(self.baseline_file).sub("answers", {})
        assert answers is not None
        return with_answers(self.starter, answers)

    @property
    def rungs(self) -> list[tuple[str, bool, dict[str, Any]]]:
        """ladder.toml's rungs: (name, whether it may earn credit, the reference with its answers)."""
        rungs_file = self.course.hidden_dir(self.assignment_id) / RUNGS_FILE
        if not rungs_file.is_file():
            return []
        out = []
        for r in load_toml(rungs_file).items("rung"):
            r.unknown({"name", "answers", "credit"})
            answers = r.sub("answers")
            assert answers is not None
            out.append((r.text("name"), r.get("credit", bool, True), with_answers(self.reference, answers)))
        return out

    @property
    def starter_folder(self) -> Path:
        """The released starter's folder: its package stubs are what an untouched attempt holds."""
        assert self.released is not None
        return self.released.parent

    def add(self, name: str, nb: dict[str, Any] | Path, *, package_from: Path | None = None) -> None:
        """Submit `nb` (a notebook or a file) as candidate `name`, with the files of [package] taken
        from `package_from` (default: the reference's, autograders/<id>/reference/)."""
        folder = self.subs / name
        folder.mkdir(parents=True)
        target = folder / self.assignment.notebook
        if isinstance(nb, Path):
            shutil.copy2(nb, target)
        else:
            target.write_text(json.dumps(nb, indent=1))
        source = package_from or self.course.hidden_dir(self.assignment_id) / REFERENCE_DIR
        for rel in self.assignment.package_paths:
            if (source / rel).is_dir():
                shutil.copytree(source / rel, folder / rel, ignore=shutil.ignore_patterns("__pycache__"))
            elif (source / rel).is_file():
                shutil.copy2(source / rel, folder / rel)

    def grade(self, **kwargs: Any) -> dict[str, SubmissionResult]:
        from mleprep.grading.batch import grade

        assert self.scratch is not None
        shutil.rmtree(self.course.reports_dir / self.assignment_id / "trial", ignore_errors=True)
        report = grade(
            course=self.scratch,
            assignment_id=self.assignment_id,
            submissions=self.subs,
            # In the real course's reports/ (git-ignored), so the logs a failure points to outlive the trial.
            out_dir=self.course.reports_dir / self.assignment_id / "trial",
            **kwargs,
        )
        return {r.candidate: r for r in report.results}

    def export_file(self, name: str, check_id: str) -> Path:
        """Where candidate `name`'s kernel exported `check_id` (read it before the trial ends)."""
        assert self.scratch is not None
        return export_path(check_id, self.scratch.autograded_dir / name / self.assignment_id)
