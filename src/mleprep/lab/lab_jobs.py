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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Kept for the page that asked, and for a reload while the job runs; finished jobs beyond this are dropped.
KEEP_FINISHED = 20
STDERR_TAIL = 4000


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
    ended: float | None = None

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
        }


def cli_command(*, kind: str, assignment: str, workspace: Path, course: Path | None) -> list[str]:
    """The mleprep command a terminal user would type for this job, with machine-readable output."""
    command = [sys.executable, "-m", "mleprep.cli"]
    if course is not None:
        command += ["--course", str(course)]
    return [*command, kind, assignment, "--json", "--progress", "--workspace", str(workspace)]


class LabJobs:
    """The jobs of one lab server; at most one of each kind per assignment runs at a time."""

    def __init__(self, *, workspace: Path, course: Path | None) -> None:
        self.workspace = workspace
        self.course = course
        self.jobs: dict[str, LabJob] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    def get(self, job_id: str) -> LabJob | None:
        return self.jobs.get(job_id)

    def start(self, *, kind: str, assignment: str) -> LabJob:
        for job in self.jobs.values():
            if job.state == "running" and (job.kind, job.assignment) == (kind, assignment):
                # A second click while the first runs follows the first: one grading, one snapshot.
                return job
        job = LabJob(secrets.token_hex(8), kind, assignment)
        self.jobs[job.id] = job
        self._forget_old()
        command = cli_command(kind=kind, assignment=assignment, workspace=self.workspace, course=self.course)
        task = asyncio.get_running_loop().create_task(self._run(job, command))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return job

    def _forget_old(self) -> None:
        finished = [j for j in self.jobs.values() if j.state != "running"]
        for job in finished[: max(0, len(finished) - KEEP_FINISHED)]:
            del self.jobs[job.id]

    async def _run(self, job: LabJob, command: list[str]) -> None:
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        try:
            proc = await asyncio.create_subprocess_exec(
                *command,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
                cwd=self.workspace,
                env=env,
            )
        except OSError as exc:
            self._finish(job, error=f"could not start {command[0]}: {exc}")
            return
        stderr_lines: list[str] = []

        async def follow_stderr() -> None:
            assert proc.stderr is not None
            async for raw in proc.stderr:
                line = raw.decode("utf-8", "replace").strip()
                if line:
                    stderr_lines.append(line)
                    job.progress = line.removeprefix("progress: ")

        stdout, _ = await asyncio.gather(proc.stdout.read(), follow_stderr())  # type: ignore[union-attr]
        await proc.wait()
        try:
            result = json.loads(stdout)
        except ValueError:
            tail = "\n".join(stderr_lines)[-STDERR_TAIL:]
            self._finish(job, error=tail or f"mleprep {job.kind} ended with exit code {proc.returncode}")
            return
        self._finish(job, result=result)

    @staticmethod
    def _finish(job: LabJob, *, result: dict[str, Any] | None = None, error: str | None = None) -> None:
        job.result, job.error = result, error
        job.state = "done" if result is not None else "failed"
        job.progress = "finished" if result is not None else "failed"
        job.ended = time.monotonic()
