"""Is the behavioural notebook in sync with the question bank, verified, and graded with answer feedback?"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from mleprep.authoring.verify import verify_assignment
from mleprep.grading.batch import grade
from tests.conftest import REPO, copy_course

SOURCE = REPO / "source" / "behavioural" / "behavioural.ipynb"


def test_the_notebook_is_generated_from_the_bank(tmp_path: Path) -> None:
    before = SOURCE.read_bytes()
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "make_behavioural_notebook.py")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert SOURCE.read_bytes() == before, "run scripts/make_behavioural_notebook.py and commit the notebook"
    text = before.decode()
    bank = (REPO / "interview_guide" / "questions_hiring_manager.toml").read_text()
    assert "Tell me about a project that failed. What was your part in it?" in text and "hm-failure" in bank


def test_behavioural_verifies_and_its_answers_get_automatic_feedback(tmp_path: Path) -> None:
    outcome = verify_assignment(
        course=copy_course(tmp_path / "verify", "behavioural"), assignment_id="behavioural"
    )
    assert outcome.ok, outcome.problems

    course = copy_course(tmp_path / "course", "behavioural")
    subs = tmp_path / "subs"
    for name, notebook in (
        ("ref", SOURCE),
        ("starter", REPO / "assignments" / "behavioural" / "behavioural.ipynb"),
    ):
        (subs / name).mkdir(parents=True)
        shutil.copy2(notebook, subs / name / "behavioural.ipynb")
    nb = json.loads(SOURCE.read_text())
    for cell in nb["cells"]:
        if cell["metadata"].get("nbgrader", {}).get("grade_id") == "answer_failure":
            cell["source"] = "I always try hard and I usually learn from my mistakes."
    (subs / "generic").mkdir()
    (subs / "generic" / "behavioural.ipynb").write_text(json.dumps(nb))
    results = {
        r.candidate: r for r in grade(course=course, assignment_id="behavioural", submissions=subs).results
    }
    assert all(r.status == "graded" and r.manual_max_score == 25 for r in results.values())
    ref_notes = "\n".join(results["ref"].notes)
    assert (
        "answer_failure (automatic feedback): STAR parts found: situation, task, action, result" in ref_notes
    )
    # A recruiter-screen answer is not a story: its note gives length against the budget, no STAR parts.
    salary = next(n for n in results["ref"].notes if n.startswith("answer_salary"))
    assert re.match(r"answer_salary \(automatic feedback\): \d+ words, about \d+ s of \d+ s\.", salary)
    assert "STAR" not in salary
    assert "answer_failure: not answered." in results["starter"].notes
    generic = next(n for n in results["generic"].notes if n.startswith("answer_failure"))
    assert "STAR parts found: none" in generic and "one specific time" in generic
