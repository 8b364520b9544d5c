"""Is assignments/ exactly what nbgrader makes of source/, and does a leaking release fail?"""

from __future__ import annotations

import json

import pytest

from mleprep.authoring.release import ReleaseLeakError, release, release_drift


def test_committed_release_is_in_sync_with_source(repo_course):
    assert release_drift(course=repo_course, assignment_id="churn") == []


def test_release_writes_the_candidate_version_without_solutions(scratch_course):
    result = release(course=scratch_course, assignment_id="churn")
    assert set(result.files) >= {
        "churn.ipynb",
        "data/train.csv",
        "data/holdout_features.csv",
        "assignment.toml",
    }
    text = (result.path / "churn.ipynb").read_text()
    assert "YOUR CODE HERE" in text and "LogisticRegression(max_iter" not in text


def test_a_release_that_would_leak_fails_and_is_removed(scratch_course):
    # A mentor drops the labels next to the public data by mistake: the release must not survive.
    labels = scratch_course.hidden_dir("churn") / "holdout_labels.csv"
    (scratch_course.source_dir / "churn" / "data" / "answers.csv").write_bytes(labels.read_bytes())
    with pytest.raises(ReleaseLeakError, match=r"copy of the hidden grading file holdout_labels\.csv"):
        release(course=scratch_course, assignment_id="churn")
    assert not (scratch_course.release_dir / "churn").exists()


def test_drift_is_reported_with_the_command_that_fixes_it(scratch_course):
    nb_path = scratch_course.release_dir / "churn" / "churn.ipynb"
    nb = json.loads(nb_path.read_text())
    nb["cells"][0]["source"] = "edited by hand"
    nb_path.write_text(json.dumps(nb))
    (scratch_course.release_dir / "churn" / "stray.txt").write_text("x")
    problems = release_drift(course=scratch_course, assignment_id="churn")
    assert any("churn.ipynb" in p and "differs" in p for p in problems)
    assert any("stray.txt" in p and "not part of the release" in p for p in problems)
    assert all(p.endswith("(run: mleprep release churn)") for p in problems)


def test_the_authors_notes_are_never_released(scratch_course, repo_course):
    # source/<id>/README.md says how the data was made and where the trap is: for a candidate, a spoiler.
    assert (scratch_course.source_dir / "churn" / "README.md").is_file()
    result = release(course=scratch_course, assignment_id="churn")
    assert not (result.path / "README.md").exists()
    assert not any((repo_course.release_dir / a / "README.md").exists() for a in repo_course.assignment_ids())


def test_a_release_nbgrader_refuses_over_graded_submissions_says_what_to_do(scratch_course, monkeypatch):
    import mleprep.authoring.release as release_module
    from mleprep.course.nbgrader_steps import NbgraderStepError

    def refuse(**_):
        raise NbgraderStepError(
            "RuntimeError: Cannot add or remove cells for notebook 'churn' because there are submissions "
            "associated with it",
            "log",
        )

    monkeypatch.setattr(release_module, "generate_assignment", refuse)
    with pytest.raises(NbgraderStepError, match="release the edited notebook under a new id"):
        release(course=scratch_course, assignment_id="churn")
