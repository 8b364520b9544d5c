"""Does verify prove every assignment sound, and notice when one is broken?"""

from __future__ import annotations

import json

from mleprep.authoring.verify import checksum_problems, verify, verify_assignment


def test_every_assignment_in_the_repository_is_sound(repo_course):
    results = verify(course=repo_course)
    assert [r.id for r in results] == repo_course.assignment_ids()
    for r in results:
        assignment = repo_course.assignment(r.id)
        assert r.ok, r.problems
        assert r.reference["score"] == r.reference["max_score"] == assignment.auto_points
        assert r.starter["score"] == 0
        assert set(r.starter["outcomes"].values()) == ({"not attempted"} if assignment.checks else set())
        if any(c.kind in ("holdout", "answers") for c in assignment.checks):
            assert "failed" in r.baseline["outcomes"].values()
        else:  # written answers only: a mentor grades them
            assert assignment.manual and not r.baseline


def test_verify_fails_when_the_reference_solution_stops_earning_full_marks(scratch_course):
    nb_path = scratch_course.source_dir / "churn" / "churn.ipynb"
    nb = json.loads(nb_path.read_text())
    for cell in nb["cells"]:
        if cell["metadata"].get("nbgrader", {}).get("grade_id") == "build_model":
            cell["source"] = (
                "### BEGIN SOLUTION\nfrom sklearn.dummy import DummyClassifier\n"
                "model = DummyClassifier().fit(X, y)\n### END SOLUTION"
            )
    nb_path.write_text(json.dumps(nb))
    result = verify_assignment(course=scratch_course, assignment_id="churn")
    assert not result.ok
    assert any(
        "reference solution does not earn full marks" in p and "holdout_quality" in p for p in result.problems
    )


def test_verify_reports_data_that_no_longer_matches_its_sha256(scratch_course):
    data = scratch_course.source_dir / "churn" / "data"
    with (data / "train.csv").open("a") as f:
        f.write("CUST-99999,0\n")
    assert any("train.csv does not match its sha256" in p for p in checksum_problems(data))
