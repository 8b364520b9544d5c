"""The lab's Check and Submit buttons on the server: start a job, follow it, serve the feedback it wrote.

POST /mleprep/attempts/<id>/check    -> 202 {job}   `mleprep check <id>` in a child process
POST /mleprep/attempts/<id>/submit   -> 202 {job}   `mleprep submit <id>` in a child process
GET  /mleprep/jobs/<job>                            {state, progress, elapsed_s, result, error}
GET  /mleprep/feedback/<id>/<file>                  the attempt's feedback page and its plots
"""

from __future__ import annotations

import json
import mimetypes
from pathlib import Path
from typing import Any

from jupyter_server.base.handlers import APIHandler, JupyterHandler
from tornado import web

from mleprep.core.defaults import FEEDBACK_DIR
from mleprep.course.attempt_record import AttemptError, read_attempt
from mleprep.lab.lab_jobs import JobRefused, LabJobs

ASSIGNMENT_ID = r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}"


class AttemptActionHandler(APIHandler):
    def initialize(self, jobs: LabJobs) -> None:
        self.jobs = jobs

    @web.authenticated
    async def post(self, assignment: str, action: str) -> None:
        folder = self.jobs.workspace / assignment
        if ".." in assignment or not folder.is_dir():
            raise web.HTTPError(404, f"no attempt of {assignment} in this workspace")
        if self.jobs.course is None:
            # A cohort's hub: the clock and the hand-in are the hub's, and the course is not here.
            if action == "check":
                raise web.HTTPError(409, "Check needs the course, which this server does not hold")
        else:
            self.refuse_other_attempts(folder, assignment)
        try:
            job = self.jobs.start(kind=action, assignment=assignment)
        except JobRefused as exc:
            raise web.HTTPError(409, str(exc)) from None
        self.set_status(202)
        self.finish(json.dumps(job.to_json()))

    @staticmethod
    def refuse_other_attempts(folder: Path, assignment: str) -> None:
        try:
            record = read_attempt(folder)
        except AttemptError as exc:
            raise web.HTTPError(409, str(exc)) from None
        if record is None:
            raise web.HTTPError(404, f"{assignment}/ holds no attempt: start one with mleprep start")
        if record.assignment != assignment:
            kept = f"{assignment}/ is an earlier attempt of {record.assignment}, kept as it was submitted"
            raise web.HTTPError(409, kept)


class JobHandler(APIHandler):
    def initialize(self, jobs: LabJobs) -> None:
        self.jobs = jobs

    @web.authenticated
    async def get(self, job_id: str) -> None:
        job = self.jobs.get(job_id)
        if job is None:
            raise web.HTTPError(404, f"no job {job_id} (the lab server may have restarted)")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps(job.to_json()))


def feedback_file(workspace: Path, assignment: str, name: str) -> Path | None:
    """The file `name` in the attempt's feedback folder, or None when it is not a file inside it."""
    folder = (workspace / assignment / FEEDBACK_DIR).resolve()
    path = (folder / (name or "index.html")).resolve()
    if not path.is_relative_to(folder) or not path.is_file():
        return None
    return path


class FeedbackHandler(JupyterHandler):
    """Serves the feedback folder as written by submit: the page, nbgrader's notebook page, the plots."""

    def initialize(self, workspace: Path) -> None:
        self.workspace = workspace

    @web.authenticated
    async def get(self, assignment: str, name: str) -> None:
        path = feedback_file(self.workspace, assignment, name)
        if path is None:
            # Shown in the feedback tab as is, so it says what to do rather than Jupyter's error page.
            self.set_status(404)
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.finish(f"No feedback file {name!r} for {assignment}: submit first.\n")
            return
        content_type, _ = mimetypes.guess_type(path.name)
        # Notebook output in the feedback is the candidate's own HTML: no scripts on the lab's origin.
        self.set_header("Content-Security-Policy", "sandbox allow-same-origin; script-src 'none'")
        self.set_header("Content-Type", content_type or "application/octet-stream")
        self.set_header("Cache-Control", "no-store")
        self.finish(path.read_bytes())


def attempt_routes(base: str, *, jobs: LabJobs) -> list[tuple[str, Any, dict[str, Any]]]:
    """Tornado routes under `base` (the server's base URL joined with "mleprep")."""
    return [
        (rf"{base}/attempts/({ASSIGNMENT_ID})/(check|submit)", AttemptActionHandler, {"jobs": jobs}),
        (rf"{base}/jobs/([0-9a-f]{{16}})", JobHandler, {"jobs": jobs}),
        (
            rf"{base}/feedback/({ASSIGNMENT_ID})/?([A-Za-z0-9_.-]*)",
            FeedbackHandler,
            {"workspace": jobs.workspace},
        ),
    ]
