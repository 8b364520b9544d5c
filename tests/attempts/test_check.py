"""Does `check` run the notebook and give each visible check one of the four outcomes?"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from mleprep.attempts.check import run_visible_checks
from mleprep.attempts.clock import start_attempt
from tests.conftest import fill_answers


def test_each_visible_check_gets_its_outcome_and_the_files_stay_untouched(
    repo_course, tmp_path: Path
) -> None:
    attempt = start_attempt(
        course=repo_course, assignment_id="churn", workspace=tmp_path, now=datetime.now(UTC)
    ).attempt
    fill_answers(attempt.notebook_path)
    nb = json.loads(attempt.notebook_path.read_text())
    for cell in nb["cells"]:
        grade_id = cell["metadata"].get("nbgrader", {}).get("grade_id")
        if grade_id == "build_model":
            # A regressor where a classifier was asked for: the check must say what it expected.
            cell["source"] = "from sklearn.dummy import DummyRegressor\nmodel = DummyRegressor().fit(X, y)\n"
        elif grade_id == "evaluate":
            cell["source"] = "cv_scores = [0.8] * 5\ncv_auc = 1 / 0\n"
        elif grade_id == "predict":
            cell["source"] = "# YOUR CODE HERE\nraise NotImplementedError()"
    attempt.notebook_path.write_text(json.dumps(nb))
    before = attempt.notebook_path.read_bytes()

    report = run_visible_checks(course=repo_course, assignment_id="churn", notebook=attempt.notebook_path)
    outcomes = {c.id: (c.outcome, c.message) for c in report.checks}
    assert outcomes["check_load"][0] == "passed"
    assert outcomes["check_model"][0] == "failed", outcomes["check_model"]
    assert "should be a scikit-learn classifier" in outcomes["check_model"][1]
    assert outcomes["check_evaluation"][0] == "error"
    assert (
        "ZeroDivisionError" in outcomes["check_evaluation"][1]
        and "evaluate" in outcomes["check_evaluation"][1]
    )
    assert outcomes["check_predictions"] == (
        "not attempted",
        "not attempted: the answer cell(s) predict still hold the starter code.",
    )
    assert [c.kind for c in report.checks] == ["visible"] * 4, "hidden checks are never run by check"
    assert attempt.notebook_path.read_bytes() == before
    assert not (attempt.folder / "predictions.csv").exists()
    assert report.to_json()["summary"] == {"passed": 1, "failed": 1, "not attempted": 1, "error": 1}
