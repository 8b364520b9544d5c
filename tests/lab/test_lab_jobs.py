"""Jobs started from the lab: whatever the child does (a 100 KB line, no JSON, a hang, death), the job
ends with a message, and one attempt never runs a check and a submit at once."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest

from mleprep.lab.lab_jobs import JobRefused, LabJobs, cli_command, error_line


def _jobs(tmp_path: Path, script: str) -> LabJobs:
    def command(**_: object) -> list[str]:
        return [sys.executable, "-c", script]

    return LabJobs(workspace=tmp_path, course=None, command=command)


async def _until_finished(jobs: LabJobs, job_id: str, timeout_s: float = 30) -> dict:
    for _ in range(int(timeout_s / 0.05)):
        job = jobs.get(job_id)
        if job.state != "running":
            return job.to_json()
        await asyncio.sleep(0.05)
    raise AssertionError(f"the job never finished: {jobs.get(job_id)}")


def _run(jobs: LabJobs, kind: str = "check") -> dict:
    async def go() -> dict:
        finished = await _until_finished(jobs, jobs.start(kind=kind, assignment="churn").id)
        await jobs.drain()
        return finished

    return asyncio.run(go())


def test_the_result_is_the_childs_json_and_its_progress_lines_are_followed(tmp_path: Path) -> None:
    script = (
        "import sys, json; print('progress: ran cell 1 of 1', file=sys.stderr); print(json.dumps({'ok': 1}))"
    )
    job = _run(_jobs(tmp_path, script))
    assert job["state"] == "done" and job["result"] == {"ok": 1} and "ran cell 1 of 1" in job["log"]


def test_a_line_beyond_asyncios_64_kib_limit_still_ends_the_job(tmp_path: Path) -> None:
    script = "import sys; sys.stderr.write('x' * 100_000 + '\\n'); print('{}')"
    assert _run(_jobs(tmp_path, script))["state"] == "done"


def test_a_child_that_prints_no_json_fails_with_its_last_message_not_its_progress(tmp_path: Path) -> None:
    script = (
        "import sys; print('progress: ran cell 3 of 9', file=sys.stderr); "
        "print('mleprep check: no course found at /x', file=sys.stderr); sys.exit(2)"
    )
    job = _run(_jobs(tmp_path, script))
    assert job["state"] == "failed" and job["error"] == "mleprep check: no course found at /x", job


def test_a_child_that_dies_fails_with_its_exit_code(tmp_path: Path) -> None:
    job = _run(_jobs(tmp_path, "import os; os._exit(9)"))
    assert job["state"] == "failed" and "exit code 9" in job["error"]


def test_submit_stops_a_running_check_and_a_check_waits_for_a_submit(tmp_path: Path) -> None:
    jobs = _jobs(tmp_path, "import time; time.sleep(30)")

    async def go() -> tuple[dict, dict]:
        check = jobs.start(kind="check", assignment="churn")
        assert jobs.start(kind="check", assignment="churn") is check, "a second click follows the first"
        await asyncio.sleep(0.5)
        submit = jobs.start(kind="submit", assignment="churn")
        with pytest.raises(JobRefused, match="being submitted"):
            jobs.start(kind="check", assignment="churn")
        stopped = await _until_finished(jobs, check.id)
        await asyncio.sleep(0.5)
        jobs.stop_all()
        await jobs.drain()
        return stopped, await _until_finished(jobs, submit.id)

    stopped, submit = asyncio.run(go())
    assert stopped["state"] == "failed" and "you submitted" in stopped["error"]
    assert submit["state"] == "failed" and "shut down" in submit["error"]


def test_the_child_is_the_clis_own_command_with_json_and_progress(tmp_path: Path) -> None:
    command = cli_command(kind="submit", assignment="churn", workspace=tmp_path, course=Path("/c"))
    flags = ["--json", "--progress", "--workspace", str(tmp_path)]
    assert command[1:] == ["-m", "mleprep.cli", "--course", "/c", "submit", "churn", *flags]
    assert error_line(["progress: running x ...", "progress: ran cell 1 of 2"]) is None
    assert error_line(["progress: running x ...", "running out of memory"]) == "running out of memory"


def test_every_child_gets_the_jobs_environment_on_top_of_the_servers(tmp_path: Path) -> None:
    script = "import os, json; print(json.dumps({'standby': os.environ.get('MLEPREP_GRADER_STANDBY')}))"

    def command(**_: object) -> list[str]:
        return [sys.executable, "-c", script]

    jobs = LabJobs(workspace=tmp_path, course=None, command=command, env={"MLEPREP_GRADER_STANDBY": "/s"})
    assert _run(jobs)["result"] == {"standby": "/s"}
