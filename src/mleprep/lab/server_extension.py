"""The Jupyter server extension behind mleprep's lab front-end: the clock, Check and Submit, mock interviews.
A solo attempt's lab also keeps a warm grader for Submit (grader_standby.py).

The course is a setting of the server (`MleprepLab.course`, written by `mleprep start --lab` into the
workspace's Jupyter config), not an environment variable, which every kernel would inherit. A lab
without one (a cohort's hub, where candidates never hold the course) serves the clock and hands in
through the hub.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jupyter_server.utils import url_path_join

from mleprep.course.root import Course, CourseError, find_course
from mleprep.lab.attempt_handlers import attempt_routes
from mleprep.lab.clock_extension import ROUTE as CLOCK_ROUTE
from mleprep.lab.clock_extension import ClockHandler
from mleprep.lab.grader_standby import StandbyProcess
from mleprep.lab.lab_jobs import LabJobs
from mleprep.lab.launch import COURSE_SETTING
from mleprep.lab.mock_handlers import MockBank, mock_routes


def _course(serverapp: Any) -> Course | None:
    section, key = COURSE_SETTING
    root = serverapp.config.get(section, {}).get(key)
    if not root:
        return None
    try:
        return find_course(Path(root))
    except CourseError as exc:
        serverapp.log.warning("mleprep: %s; Check and mock interviews are off", exc)
        return None


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "mleprep.lab.server_extension"}]


def _load_jupyter_server_extension(serverapp: Any) -> None:
    workspace = Path(serverapp.root_dir).resolve()
    course = _course(serverapp)
    base_url = serverapp.web_app.settings["base_url"]
    base = url_path_join(base_url, "mleprep")
    # A solo attempt's lab keeps a warm grader, so that Submit does not wait for its imports.
    standby = StandbyProcess() if course else None
    serverapp.web_app.settings["mleprep_standby"] = standby
    env = standby.env if standby else None
    jobs = LabJobs(workspace=workspace, course=course.root if course else None, env=env)
    guide = course.guide_dir if course else None
    routes = [
        (url_path_join(base_url, CLOCK_ROUTE), ClockHandler, {"workspace": workspace}),
        *attempt_routes(base, jobs=jobs),
        *mock_routes(base, bank=MockBank(guide_dir=guide, workspace=workspace)),
    ]
    serverapp.web_app.add_handlers(".*$", routes)
    serverapp.web_app.settings["mleprep_jobs"] = jobs
    serverapp.log.info("mleprep: clock, check, submit and mock interviews at %s for %s", base, workspace)


async def _unload_jupyter_server_extension(serverapp: Any) -> None:
    # A check or submit still running is stopped with the server, never left behind it.
    jobs = serverapp.web_app.settings.get("mleprep_jobs")
    if jobs is not None:
        jobs.stop_all()
        await jobs.drain()
    standby = serverapp.web_app.settings.get("mleprep_standby")
    if standby is not None:
        standby.stop()
