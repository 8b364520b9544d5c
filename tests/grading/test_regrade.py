"""A cohort from an LMS zip, then one candidate re-graded without touching anyone else."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from mleprep.course.nbgrader_steps import open_gradebook
from mleprep.grading.batch import grade
from tests import hostile_notebooks as h
from tests.conftest import copy_course, tree_digest, write_submission


def _zip(folder: Path, dest: Path) -> Path:
    with zipfile.ZipFile(dest, "w") as zf:
        for path in sorted(folder.rglob("*")):
            zf.write(path, Path("cohort-3") / path.relative_to(folder))  # LMS zips wrap one folder
        zf.writestr("__MACOSX/._alice", "junk")
    return dest


@pytest.fixture(scope="module")
def cohort(tmp_path_factory):
    root = tmp_path_factory.mktemp("regrade")
    course = copy_course(root / "course")
    subs = root / "subs"
    write_submission(subs, "alice", h.reference())
    write_submission(subs, "bob", h.RELEASED.read_text())
    archive = _zip(subs, root / "cohort-3.zip")
    zip_digest = tree_digest(root)["cohort-3.zip"]
    first = grade(course=course, assignment_id="churn", submissions=archive, jobs=2)
    return {"course": course, "subs": subs, "root": root, "zip_digest": zip_digest, "first": first}


def test_a_zip_of_candidate_folders_is_graded_and_left_as_it_was(cohort):
    by = {r.candidate: r for r in cohort["first"].results}
    assert sorted(by) == ["alice", "bob"]
    assert (by["alice"].score, by["bob"].score) == (12.0, 0.0)
    assert tree_digest(cohort["root"])["cohort-3.zip"] == cohort["zip_digest"]


def test_regrading_one_candidate_leaves_the_others_untouched(cohort):
    course = cohort["course"]
    reports = Path(cohort["first"].results_json).parent
    alice_before = json.loads((reports / "results.json").read_text())["results"][0]
    alice_feedback = tree_digest(course.feedback_dir / "alice")
    write_submission(cohort["subs"], "bob", h.with_answers({"build_model": h.WEAK_MODEL}))

    again = grade(course=course, assignment_id="churn", submissions=cohort["subs"], candidate="bob")

    assert [r.candidate for r in again.results] == ["bob"]
    bob = again.results[0]
    assert 0 < bob.score < 12
    data = json.loads((reports / "results.json").read_text())["results"]
    assert [r["candidate"] for r in data] == ["alice", "bob"]
    assert data[0] == alice_before and data[1]["score"] == bob.score
    assert tree_digest(course.feedback_dir / "alice") == alice_feedback
    with open_gradebook(course) as gb:
        assert gb.find_submission("churn", "bob").score == pytest.approx(bob.score)
        assert gb.find_submission("churn", "alice").score == pytest.approx(12.0)


def test_regrading_a_candidate_who_is_not_there_says_so(cohort):
    from mleprep.grading.submissions import SubmissionError

    with pytest.raises(SubmissionError, match="no folder named 'carol'"):
        grade(course=cohort["course"], assignment_id="churn", submissions=cohort["subs"], candidate="carol")
