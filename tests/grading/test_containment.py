"""Can a graded notebook find hidden files anywhere on the machine, or reach the network? It must not."""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
from pathlib import Path

import pytest

from mleprep.grading.batch import grade
from mleprep.grading.containment import containment_problem, python_paths
from tests.conftest import REPO, copy_course, notebook_with, write_submission

PROBE = """
import json, os, socket
found = []
for root, dirs, files in os.walk("/", onerror=lambda error: None):
    if root in ("/proc", "/sys", "/dev"):
        dirs[:] = []
        continue
    found += [os.path.join(root, f) for f in files if f in ("holdout_labels.csv", "baseline.toml")]
try:
    socket.create_connection(("127.0.0.1", PORT), timeout=3).close()
    network = "connected"
except OSError as error:
    network = f"no connection: {error}"
json.dump({"found": found, "network": network}, open("probe.json", "w"))
"""

needs_containment = pytest.mark.skipif(
    containment_problem() is not None and os.environ.get("CI") != "true",
    reason=f"kernels cannot be contained here: {containment_problem()}",
)


@pytest.fixture
def second_course(tmp_path_factory) -> Path:
    """Another copy of the course, readable by every user on the machine (as careless graders leave it)."""
    root = Path(f"/tmp/mleprep-another-course-{os.getpid()}")
    shutil.copytree(REPO / "autograders", root / "autograders")
    for path in [root, *root.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    yield root
    shutil.rmtree(root, ignore_errors=True)


@needs_containment
def test_a_submission_finds_no_hidden_file_and_no_network(tmp_path: Path, second_course: Path) -> None:
    assert containment_problem() is None, containment_problem()
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(60)
    accepted: list[object] = []
    threading.Thread(target=lambda: accepted.append(_accept(listener)), daemon=True).start()
    port = listener.getsockname()[1]
    course = copy_course(tmp_path / "course")
    write_submission(
        tmp_path / "subs", "prober", notebook_with({"load_data": PROBE.replace("PORT", str(port))})
    )
    (result,) = grade(course=course, assignment_id="churn", submissions=tmp_path / "subs").results
    assert result.status == "graded", result.error
    probe = json.loads((course.autograded_dir / "prober" / "churn" / "probe.json").read_text())
    assert probe["found"] == [], "a kernel could see hidden grading files"
    assert probe["network"].startswith("no connection"), probe["network"]
    listener.close()
    assert accepted in ([], [None])
    # The probe did look: the copy it could not see is there, readable by anyone.
    assert (second_course / "autograders" / "churn" / "holdout_labels.csv").stat().st_mode & 0o004


def test_the_same_probe_uncontained_finds_the_careless_copy(
    tmp_path: Path, second_course: Path, monkeypatch
) -> None:
    """Proves the probe can see: without containment the world-readable copy is found."""
    from mleprep.grading import containment

    monkeypatch.setenv("MLEPREP_CONTAIN", "0")
    containment.containment_problem.cache_clear()
    try:
        course = copy_course(tmp_path / "course")
        write_submission(
            tmp_path / "subs", "prober", notebook_with({"load_data": PROBE.replace("PORT", "9")})
        )
        grade(course=course, assignment_id="churn", submissions=tmp_path / "subs")
    finally:
        containment.containment_problem.cache_clear()
    probe = json.loads((course.autograded_dir / "prober" / "churn" / "probe.json").read_text())
    assert str(second_course / "autograders" / "churn" / "holdout_labels.csv") in probe["found"]


def _accept(listener: socket.socket) -> object:
    try:
        connection, _ = listener.accept()
    except OSError:
        return None
    connection.close()
    return "accepted"


def test_a_course_root_on_the_path_is_never_shown_to_a_kernel(tmp_path: Path, monkeypatch) -> None:
    workdir = tmp_path / "course" / "autograded" / "alice" / "churn"
    workdir.mkdir(parents=True)
    monkeypatch.syspath_prepend(str(tmp_path / "course"))
    shown = python_paths(private=workdir)
    assert (tmp_path / "course").resolve() not in shown
    assert not any(p == workdir or p in workdir.parents for p in shown)
    stdlib = Path(os.__file__).resolve()
    assert any(p in stdlib.parents for p in shown), "the kernel needs the standard library"


def test_without_containment_grading_says_so(tmp_path: Path, monkeypatch, capsys) -> None:
    from mleprep.cli.main import main
    from mleprep.grading import containment

    monkeypatch.setenv("MLEPREP_CONTAIN", "0")
    containment.containment_problem.cache_clear()
    try:
        course = copy_course(tmp_path / "course")
        write_submission(tmp_path / "subs", "empty", "")
        args = ["--course", str(course.root), "grade", "churn", "--submissions", str(tmp_path / "subs")]
        assert main(args) == 0
        assert "warning: kernels were not contained (MLEPREP_CONTAIN=0)" in capsys.readouterr().out
        assert main([*args, "--json"]) == 0
        out = json.loads(capsys.readouterr().out)
        assert out["kernels_contained"] is False and out["uncontained_because"] == "MLEPREP_CONTAIN=0"
    finally:
        containment.containment_problem.cache_clear()
