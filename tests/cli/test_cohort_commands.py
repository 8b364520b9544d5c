"""Are the cohort commands documented, scriptable as JSON, and clear when the cohort is not set up?"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from mleprep.cli.cohort_commands import COHORT_COMMANDS
from mleprep.cli.main import main


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mleprep.cli", *args], capture_output=True, text=True, env=env, timeout=120
    )


@pytest.mark.parametrize("sub", sorted(COHORT_COMMANDS))
def test_every_cohort_subcommand_has_help_with_an_example(sub):
    result = run("cohort", sub, "--help")
    assert result.returncode == 0
    assert f"example:\n  mleprep cohort {sub}" in result.stdout


def test_release_opens_the_clock_and_extend_and_status_report_it_as_json(scratch_course, tmp_path, capsys):
    args = ["--course", str(scratch_course.root), "cohort"]
    exchange = ["--exchange", str(tmp_path / "exchange")]
    assert main([*args, "release", "churn", "--closes", "2099-01-01T00:00", *exchange, "--json"]) == 0
    released = json.loads(capsys.readouterr().out)
    assert released["time_limit_s"] == 4 * 3600 and released["closes"].startswith("2099-01-01T00:00")
    assert (tmp_path / "exchange" / "mleprep" / "outbound" / "churn" / "churn.ipynb").is_file()
    assert not list((tmp_path / "exchange").rglob("holdout_labels*"))

    assert main([*args, "extend", "alice", "churn", "30m", "--json"]) == 0
    extended = json.loads(capsys.readouterr().out)
    assert extended["extension_s"] == 1800 and extended["deadline"] is None  # set when she starts

    assert main([*args, "add", "bob", "--json"]) == 0
    capsys.readouterr()
    assert main([*args, "status", "churn", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    # alice has an extension, bob is only on the roster: both are listed, neither has started.
    assert [(a["candidate"], a["started"]) for a in status["attempts"]] == [("alice", False), ("bob", False)]
    assert main([*args, "status", "churn"]) == 0
    assert "bob" in capsys.readouterr().out


def test_extending_an_assignment_not_released_to_the_cohort_says_how_to_release_it(scratch_course, capsys):
    assert main(["--course", str(scratch_course.root), "cohort", "extend", "alice", "churn", "30m"]) == 2
    assert "mleprep cohort release churn" in capsys.readouterr().err


def test_a_window_that_closes_before_it_opens_is_refused(scratch_course, tmp_path, capsys):
    code = main(
        ["--course", str(scratch_course.root), "cohort", "release", "churn", "--exchange", str(tmp_path),
         "--opens", "2030-01-02T00:00", "--closes", "2030-01-01T00:00"]
    )  # fmt: skip
    assert code == 2 and "before it opens" in capsys.readouterr().err


def test_hub_config_prints_a_config_that_runs_the_clock_service(scratch_course, tmp_path):
    result = run(
        "--course", str(scratch_course.root), "cohort", "hub", "--config", "--exchange", str(tmp_path)
    )
    assert result.returncode == 0, result.stderr
    assert "mleprep.cohort.clock_service" in result.stdout and str(scratch_course.root) in result.stdout
    compile(result.stdout, "jupyterhub_config.py", "exec")


def test_start_on_a_hub_whose_clock_does_not_answer_says_so_and_fetches_nothing(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "MLEPREP_CLOCK_URL": "http://127.0.0.1:9/services/mleprep-clock/",
        "JUPYTERHUB_API_TOKEN": "not-a-token",
    }
    result = run("start", "churn", env=env)
    assert result.returncode == 2
    assert "the cohort clock at http://127.0.0.1:9/services/mleprep-clock does not answer" in result.stderr
    assert not (tmp_path / "churn").exists()
