"""Is the behavioural notebook in sync with the question bank, verified, and graded with answer feedback?"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from mleprep.authoring.verify import verify_assignment
from mleprep.core.durations import format_duration
from mleprep.course.question_bank import find_question, load_bank
from mleprep.grading.batch import grade
from tests.conftest import REPO, copy_course

SOURCE = REPO / "source" / "behavioural" / "behavioural.ipynb"


def test_the_notebook_asks_the_banks_questions_with_their_time_budgets(repo_course) -> None:
    # The notebook is its own source (a mentor edits it in JupyterLab); the bank is the other truth.
    assignment = repo_course.assignment("behavioural")
    bank = load_bank(REPO / "interview_guide")
    text = SOURCE.read_text()
    for part in assignment.manual:
        assert part.question, f"{part.id}: every behavioural answer names its question in assignment.toml"
        question = find_question(bank, part.question)
        assert json.dumps(question.prompt)[1:-1] in text, (
            f"{part.id}: the notebook should ask {question.prompt!r} as the bank words it "
            "(edit source/behavioural/behavioural.ipynb, then mleprep release behavioural)"
        )
        assert format_duration(question.time_budget_s) in text, f"{part.id}: state its time budget"


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
