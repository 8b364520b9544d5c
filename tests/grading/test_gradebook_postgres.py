"""The gradebook on a real PostgreSQL server (Debian's), through `mleprep grade --db`."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests import hostile_notebooks as h
from tests.conftest import copy_course, write_submission
from tests.postgres_server import postgres_url_or_skip


@pytest.fixture(scope="module")
def postgres_url():
    yield from postgres_url_or_skip("the gradebook")


def test_grading_into_a_postgresql_gradebook(postgres_url, tmp_path):
    from nbgrader.api import Gradebook

    course = copy_course(tmp_path / "course")
    subs = tmp_path / "subs"
    write_submission(subs, "alice", h.reference())
    write_submission(subs, "bob", h.with_answers({"build_model": h.WEAK_MODEL}))
    cmd = [sys.executable, "-m", "mleprep.cli", "--course", str(course.root), "grade", "churn"]
    cmd += ["--submissions", str(subs), "--db", postgres_url, "--jobs", "2", "--json"]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    scores = {r["candidate"]: r["score"] for r in json.loads(done.stdout)["results"]}
    assert scores["alice"] == 12.0 and 0 < scores["bob"] < 12
    with Gradebook(postgres_url, "mleprep") as gb:
        assert gb.find_submission("churn", "alice").score == pytest.approx(12.0)
        assert gb.find_submission("churn", "bob").score == pytest.approx(scores["bob"])
        assert {c.name for c in gb.find_notebook("churn", "churn").grade_cells} >= {"holdout_quality"}
    assert not (course.root / "gradebook.db").exists()  # the SQLite default was never touched
