"""Shared fixtures: the real repository course, scratch copies of it, and submissions made from it."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from mleprep.course.root import Course

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def repo_course() -> Course:
    return Course(REPO)


def copy_course(dest: Path, assignment_id: str = "churn") -> Course:
    """A scratch course with one assignment, so tests never touch the repository's gradebook."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO / "nbgrader_config.py", dest / "nbgrader_config.py")
    for top in ("source", "assignments", "autograders"):
        if (REPO / top / assignment_id).is_dir():
            shutil.copytree(REPO / top / assignment_id, dest / top / assignment_id)
    shutil.copytree(REPO / "interview_guide", dest / "interview_guide")
    return Course(dest)


@pytest.fixture
def scratch_course(tmp_path: Path) -> Course:
    return copy_course(tmp_path / "course")


def notebook_with(answers: dict[str, str], *, base: Path = REPO / "source" / "churn" / "churn.ipynb") -> dict:
    """The churn notebook (reference by default) with some answer cells rewritten, by grade_id."""
    nb = json.loads(base.read_text())
    for cell in nb["cells"]:
        grade_id = cell["metadata"].get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell["source"] = answers[grade_id]
    return nb


def write_submission(root: Path, candidate: str, nb: dict | str | bytes, name: str = "churn.ipynb") -> Path:
    folder = root / candidate
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(nb, dict):
        path.write_text(json.dumps(nb, indent=1))
    elif isinstance(nb, str):
        path.write_text(nb)
    else:
        path.write_bytes(nb)
    return path


def tree_digest(root: Path) -> dict[str, str]:
    """sha256 of every file below root (to prove originals are untouched)."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def fill_answers(notebook: Path, solution: Path = REPO / "source" / "churn" / "churn.ipynb") -> None:
    """Put the reference's answer cells into a released notebook, as a candidate would write them."""
    answers = {
        c["metadata"]["nbgrader"]["grade_id"]: c["source"]
        for c in json.loads(solution.read_text())["cells"]
        if c["metadata"].get("nbgrader", {}).get("solution")
    }
    nb = json.loads(notebook.read_text())
    for cell in nb["cells"]:
        grade_id = cell["metadata"].get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell["source"] = answers[grade_id]
    notebook.write_text(json.dumps(nb, indent=1))


def mleprep_json(course: Path, *args: str, timeout_s: int = 900) -> dict:
    """A mentor's command from the shell, with --json; fails the test with its stderr when it fails."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "mleprep.cli", "--course", str(course), *args, "--json"],
        capture_output=True,
        text=True,
        timeout=timeout_s,
    )
    assert done.returncode == 0, f"mleprep {' '.join(args)} failed:\n{done.stderr[-3000:]}"
    return json.loads(done.stdout)


def printed_by_fresh_python(code: str) -> str:
    """What `code` prints in a new interpreter: for what a command imports, which a test process
    that has imported everything cannot show."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    return done.stdout.strip()
