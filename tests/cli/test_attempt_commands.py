"""Do the candidate's commands report the clock as the library keeps it, and say what to do next?"""

from __future__ import annotations

import json

from mleprep.cli.main import main


def test_start_and_status_report_the_same_clock_as_json(capsys, repo_course, tmp_path):
    args = ["--course", str(repo_course.root)]
    assert main([*args, "start", "churn", "--workspace", str(tmp_path), "--time-limit", "90m", "--json"]) == 0
    started = json.loads(capsys.readouterr().out)
    assert set(started) >= {"assignment", "workspace", "notebook", "started_at", "deadline", "time_limit_s"}
    assert started["time_limit_s"] == 5400 and not started["resumed"]
    assert main([*args, "start", "churn", "--workspace", str(tmp_path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["started_at"] == started["started_at"]
    assert main([*args, "status", "--workspace", str(tmp_path), "--json"]) == 0
    (attempt,) = json.loads(capsys.readouterr().out)["attempts"]
    assert attempt["deadline"] == started["deadline"] and 5300 < attempt["remaining_s"] <= 5400
    assert not attempt["submitted"]


def test_submit_without_an_attempt_says_how_to_start(capsys, repo_course, tmp_path):
    assert main(["--course", str(repo_course.root), "submit", "churn", "--workspace", str(tmp_path)]) == 2
    assert "mleprep start churn" in capsys.readouterr().err


def test_check_prints_nothing_that_is_not_the_candidates_own(repo_course, tmp_path) -> None:
    import subprocess
    import sys

    from tests.conftest import fill_answers

    base = [sys.executable, "-m", "mleprep.cli", "--course", str(repo_course.root)]
    subprocess.run([*base, "start", "churn", "--workspace", str(tmp_path)], check=True, capture_output=True)
    fill_answers(tmp_path / "churn" / "churn.ipynb")
    result = subprocess.run(
        [*base, "check", "churn", "--workspace", str(tmp_path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # Only the progress line: no kernel log ("running over TCP without encryption"), no warnings.
    assert result.stderr.strip().splitlines() == [f"running {tmp_path / 'churn' / 'churn.ipynb'} ..."]
    assert "passed" in result.stdout


def test_with_progress_every_line_on_stderr_is_marked_as_progress(repo_course, tmp_path) -> None:
    import subprocess
    import sys

    base = [sys.executable, "-m", "mleprep.cli", "--course", str(repo_course.root)]
    subprocess.run([*base, "start", "churn", "--workspace", str(tmp_path)], check=True, capture_output=True)
    result = subprocess.run(
        [*base, "check", "churn", "--workspace", str(tmp_path), "--json", "--progress"],
        capture_output=True,
        text=True,
    )
    lines = result.stderr.strip().splitlines()
    assert lines and all(line.startswith("progress: ") for line in lines), lines
    assert lines[0] == f"progress: running {tmp_path / 'churn' / 'churn.ipynb'} ..."


def test_submit_starts_the_fork_server_before_importing_the_grader(repo_course, tmp_path) -> None:
    # The server's imports take seconds: every import the command makes before starting it adds
    # to the candidate's wait.
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "import mleprep.grading.fork_server as fork_server\n"
        "from mleprep.cli.main import main\n"
        "def started(**_):\n"
        "    grader = ('mleprep.attempts.submit', 'mleprep.grading.batch')\n"
        "    print(sorted(m for m in sys.modules if m.startswith(grader)))\n"
        "    raise SystemExit(0)\n"
        "fork_server.ready_workers = started\n"
        "main(sys.argv[1:])\n"
    )
    command = [sys.executable, "-c", probe, "--course", str(repo_course.root)]
    done = subprocess.run(
        [*command, "submit", "churn", "--workspace", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0 and done.stdout.strip() == "[]", done.stdout + done.stderr
