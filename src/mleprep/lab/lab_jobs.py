"""Long work started from the lab (check, submit), run as the CLI in a child process and followed by polling.

The lab server never runs a candidate's notebook or the grader in its own process: a kernel that dies,
a grader that forks, or a notebook that eats memory stays in the child. The child is the same
`mleprep check|submit --json --progress` a terminal user runs; its stderr lines are the progress the
panel shows, its stdout the JSON result.
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mleprep.core.defaults import PROGRESS_PREFIX

# Kept for the page that asked, and for a reload while the job runs; finished jobs beyond this are dropped.
KEEP_FINISHED = 20
LOG_TAIL = 4000
# A progress or error line can be long (a traceback's last line); asyncio's default limit is 64 KiB.
LINE_LIMIT = 1 << 20
# No check or submit of a take-home runs this long: the grader's own budgets end far earlier.
JOB_LIMIT_S = 3 * 3600


class JobRefused(Exception):
    """A job that cannot start now; the message says why (shown to the candidate)."""


@dataclass
class LabJob:
    id: str
    kind: str
    assignment: str
    started: float = field(default_factory=time.monotonic)
    state: str = "running"  # running, done, failed
    progress: str = "starting"
    result: dict[str, Any] | None = None
    error: str | None = None
    log: str = ""
    ended: float | None = None
    process: asyncio.subprocess.Process | None = field(default=None, repr=False)

    def to_json(self) -> dict[str, Any]:
        end = self.ended if self.ended is not None else time.monotonic()
        return {
            "id": self.id,
            "kind": self.kind,
            "assignment": self.assignment,
            "state": self.state,
            "progress": self.progress,
            "elapsed_s": round(end - self.started, 1),
            "result": self.result,
            "error": self.error,
            "log": self.log,
        }


def cli_command(*, kind: str, assignment: str, workspace: Path, course: Path | None) -> list[str]:
    """The mleprep command a terminal user would type for this job, with machine-readable output."""
    command = [sys.executable, "-m", "mleprep.cli"]
    if course is not None:
        command += ["--course", str(course)]
    return [*command, kind, assignment, "--json", "--progress", "--workspace", str(workspace)]


def error_line(lines: list[str]) -> str | None:
    """The line that says what went wrong: the last one that is not progress."""
    said = [line for line in lines if not line.startswith(PROGRESS_PREFIX)]
    return said[-1] if said else None


class LabJobs:
    """The jobs of one lab server: one at a time per attempt (a check and a submit would run two
    kernels on the same work); a second click on the running action follows it."""

    def __init__(
        self,
        *,
        workspace: Path,
        course: Path | None,
        command: Callable[..., list[str]] = cli_command,
        env: dict[str, str] | None = None,
    ) -> None:
        self.workspace = workspace
        self.course = course
        self.command = command
        self.env = env or {}  # for every child on top of the server's own (the standby grader's socket)
        self.jobs: dict[str, LabJob] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    def get(self, job_id: str) -> LabJob | None:
        return self.jobs.get(job_id)

    def start(self, *, kind: str, assignment: str) -> LabJob:
        for job in self.jobs.values():
            if job.state != "running" or job.assignment != assignment:
                continue
            if job.kind == kind:
                return job
            if job.kind == "submit":
                raise JobRefused(f"{assignment} is being submitted: wait for its feedback")
            # Submitting wins over a check still running: the grader runs the notebook anyway.
            self._stop(job, "stopped: you submitted while the check ran")
        job = LabJob(secrets.token_hex(8), kind, assignment)
        self.jobs[job.id] = job
        self._forget_old()
        command = self.command(kind=kind, assignment=assignment, workspace=self.workspace, course=self.course)
        task = asyncio.get_running_loop().create_task(self._run(job, command))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return job

    def stop_all(self) -> None:
        """Stop every running child (the lab server is shutting down)."""
        for job in self.jobs.values():
            if job.state == "running":
                self._stop(job, "stopped: the lab server shut down")

    async def drain(self) -> None:
        """Wait until every job's child has been reaped."""
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    def _stop(self, job: LabJob, why: str) -> None:
        if job.process is not None and job.process.returncode is None:
            job.process.terminate()
        self._finish(job, error=why)

    def _forget_old(self) -> None:
        finished = [j for j in self.jobs.values() if j.state != "running"]
        for job in finished[: max(0, len(finished) - KEEP_FINISHED)]:
            del self.jobs[job.id]

    async def _run(self, job: LabJob, command: list[str]) -> None:
        lines: list[str] = []
        try:
            job.process = proc = await asyncio.create_subprocess_exec(
                *command,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
                cwd=self.workspace,
                env={**os.environ, "PYTHONUNBUFFERED": "1", **self.env},
                limit=LINE_LIMIT,
            )
            if job.state != "running":  # stopped while the child was being started
                proc.terminate()

            async def follow_stderr() -> None:
                assert proc.stderr is not None
                async for raw in proc.stderr:
                    if line := raw.decode("utf-8", "replace").strip():
                        lines.append(line)
                        if job.state == "running":
                            job.progress = line.removeprefix(PROGRESS_PREFIX)

            assert proc.stdout is not None
            stdout, _ = await asyncio.wait_for(
                asyncio.gather(proc.stdout.read(), follow_stderr()), timeout=JOB_LIMIT_S
            )
            await proc.wait()
        except TimeoutError:
            self._finish(
                job, error=f"mleprep {job.kind} ran over {JOB_LIMIT_S // 3600} hours and was stopped"
            )
            return
        except Exception as exc:  # the job must end, whatever broke: the page is polling it
            self._finish(job, error=f"mleprep {job.kind} could not run: {exc}")
            return
        finally:
            if job.process is not None and job.process.returncode is None:
                job.process.kill()
            job.log = "\n".join(lines)[-LOG_TAIL:]
        try:
            result = json.loads(stdout)
        except ValueError:
            said = error_line(lines) or f"mleprep {job.kind} ended with exit code {proc.returncode}"
            self._finish(job, error=said)
            return
        self._finish(job, result=result)

    @staticmethod
    def _finish(job: LabJob, *, result: dict[str, Any] | None = None, error: str | None = None) -> None:
        if job.state != "running":
            return  # stopped earlier: keep the reason it was stopped for
        job.result, job.error = result, error
        job.state = "done" if result is not None else "failed"
        job.progress = "finished" if result is not None else "failed"
        job.ended = time.monotonic()
