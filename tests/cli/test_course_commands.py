"""Do the mentor's commands (list, release, verify, grade) answer as text and as JSON?"""

from __future__ import annotations

import json

from mleprep.cli.main import main
from tests.conftest import write_submission


def test_list_json_describes_each_assignment(capsys, repo_course):
    assert main(["--course", str(repo_course.root), "list", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    churn = next(a for a in data["assignments"] if a["id"] == "churn")
    assert churn["kind"] == "modelling" and churn["time_limit_s"] == 14400 and churn["skills"]


def test_an_unknown_assignment_is_a_clear_error(capsys, repo_course):
    assert main(["--course", str(repo_course.root), "release", "nope"]) == 2
    assert "no assignment 'nope'" in capsys.readouterr().err


def test_grade_json_has_a_result_per_candidate(tmp_path, scratch_course, capsys):
    write_submission(tmp_path / "subs", "empty", "")
    code = main(
        [
            "--course",
            str(scratch_course.root),
            "grade",
            "churn",
            "--submissions",
            str(tmp_path / "subs"),
            "--json",
        ]
    )
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert out["assignment"] == "churn"
    [result] = out["results"]
    assert result["candidate"] == "empty" and result["status"] == "error" and "empty file" in result["error"]
    assert set(result) >= {"candidate", "status", "score", "max_score", "checks", "error", "feedback"}


def test_grading_a_notebook_with_duplicated_cells_prints_no_library_warning(tmp_path, scratch_course) -> None:
    import subprocess
    import sys

    from tests import hostile_notebooks as h

    write_submission(tmp_path / "subs", "dup", h.duplicated())
    command = [sys.executable, "-m", "mleprep.cli", "--course", str(scratch_course.root), "grade", "churn"]
    result = subprocess.run(
        [*command, "--submissions", str(tmp_path / "subs")], capture_output=True, text=True, check=True
    )
    assert "dup: graded" in result.stdout
    assert "Warning" not in result.stderr and "DuplicateCellId" not in result.stderr, result.stderr
