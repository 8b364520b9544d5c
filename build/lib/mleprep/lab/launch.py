"""Open JupyterLab on a candidate's workspace: the countdown, and nbgrader's Validate and Assignment List.

The lab runs with a private Jupyter config folder (`<workspace>/.mleprep/jupyter`, first on
JUPYTER_CONFIG_PATH) that enables mleprep's clock (server extension and prebuilt lab extension) and
gives nbgrader's candidate tools what they need: an exchange folder that exists (nbgrader's default,
/srv/nbgrader/exchange, does not) holding the released assignments, and the course's budgets.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path
from typing import IO

from mleprep.core.defaults import CELL_TIMEOUT_S
from mleprep.course.attempt_record import Attempt
from mleprep.course.root import Course

LABEXTENSIONS = Path(__file__).parent / "labextension"
COURSE_ID = "mleprep"
# Where the lab's server config names the course: section and key of jupyter_server_config.json.
COURSE_SETTING = ("MleprepLab", "course")
# A candidate's lab: nbgrader's instructor tools (create assignment, formgrader, course list) would
# only confuse, and the news announcement asks to reach a network a candidate may not have.
DISABLED_IN_LAB = (
    "@jupyter/nbgrader:create-assignment",
    "@jupyter/nbgrader:formgrader",
    "@jupyter/nbgrader:course-list",
    "@jupyterlab/apputils-extension:announcements",
)


def config_dir(workspace: Path) -> Path:
    return workspace / ".mleprep" / "jupyter"


def exchange_dir(workspace: Path) -> Path:
    return workspace / ".mleprep" / "exchange"


def write_candidate_config(
    folder: Path,
    *,
    exchange: Path,
    timeout_s: int,
    assignment_dir: Path | None = None,
    course_id: str = COURSE_ID,
    exchange_classes: dict[str, str] | None = None,
    course_root: Path | None = None,
) -> Path:
    """A Jupyter config folder (for JUPYTER_CONFIG_PATH) with mleprep's clock, the candidate's lab
    settings and nbgrader's exchange: a solo workspace's, or every candidate's on a cohort's hub."""
    folder.mkdir(parents=True, exist_ok=True)
    server = {
        "ServerApp": {"jpserver_extensions": {"mleprep.lab.server_extension": True}},
        "LabServerApp": {"extra_labextensions_path": [str(LABEXTENSIONS)]},
    }
    if course_root is not None:
        # Read by server_extension.py; a setting of the server, never in the kernels' environment.
        server[COURSE_SETTING[0]] = {COURSE_SETTING[1]: str(course_root)}
    (folder / "jupyter_server_config.json").write_text(json.dumps(server, indent=2) + "\n", encoding="utf-8")
    (folder / "labconfig").mkdir(exist_ok=True)
    page = {"disabledExtensions": dict.fromkeys(DISABLED_IN_LAB, True)}
    (folder / "labconfig" / "page_config.json").write_text(
        json.dumps(page, indent=2) + "\n", encoding="utf-8"
    )
    # Read by nbgrader's Validate button and Assignment List (they look in every Jupyter config folder).
    lines = [
        "# Written by mleprep (mleprep start --lab, or mleprep cohort hub --write); regenerated there.",
        "c = get_config()  # noqa: F821",
        f"c.CourseDirectory.course_id = {course_id!r}",
        f"c.Exchange.root = {str(exchange)!r}",
        *([f"c.Exchange.assignment_dir = {str(assignment_dir)!r}"] if assignment_dir else []),
        *[f"c.ExchangeFactory.{step} = {cls!r}" for step, cls in (exchange_classes or {}).items()],
        f"c.Execute.timeout = {timeout_s}",
        "c.Execute.startup_timeout = 120",
    ]
    (folder / "nbgrader_config.py").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def prepare_workspace(*, course: Course, workspace: Path) -> Path:
    """Write the lab's config folder and fill the exchange with the released assignments."""
    timeout = max((a.timeout_s for a in course.assignments()), default=CELL_TIMEOUT_S)
    folder = write_candidate_config(
        config_dir(workspace),
        exchange=exchange_dir(workspace),
        timeout_s=timeout,
        assignment_dir=workspace,
        course_root=course.root,
    )
    outbound = exchange_dir(workspace) / COURSE_ID / "outbound"
    for assignment_id in course.assignment_ids():
        released = course.release_dir / assignment_id
        if released.is_dir():
            dest = outbound / assignment_id
            if dest.exists():
                shutil.rmtree(dest)
            shutil.copytree(released, dest)
    (exchange_dir(workspace) / COURSE_ID / "inbound").mkdir(parents=True, exist_ok=True)
    return folder


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def lab_command(*, workspace: Path, port: int, token: str | None, open_browser: bool, path: str) -> list[str]:
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        f"--ServerApp.root_dir={workspace}",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--ServerApp.open_browser={open_browser}",
        f"--LabApp.default_url=/lab/tree/{path}",
        # The lab's layout (open tabs, panels) belongs to this workspace, not to every lab on the machine.
        f"--LabApp.workspaces_dir={workspace / '.mleprep' / 'lab-workspaces'}",
    ]
    if os.geteuid() == 0:
        # Containers and CI run as root; JupyterLab refuses that unless told.
        command.append("--ServerApp.allow_root=True")
    if token is not None:
        command.append(f"--IdentityProvider.token={token}")
    return command


def lab_environment(workspace: Path) -> dict[str, str]:
    env = dict(os.environ)
    paths = [str(config_dir(workspace)), *filter(None, env.get("JUPYTER_CONFIG_PATH", "").split(os.pathsep))]
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(paths)
    # Kernels, nbgrader's alembic and `jupyter` itself come from this interpreter's environment.
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    return env


def start_lab(
    *,
    course: Course,
    attempt: Attempt,
    port: int | None = None,
    token: str | None = None,
    open_browser: bool = True,
    output: IO[bytes] | None = None,
) -> subprocess.Popen:
    """Start JupyterLab on the attempt's workspace, opened on its notebook; returns the process.

    `output` receives the server's log (default: this process's stdout and stderr).
    """
    workspace = attempt.folder.parent
    prepare_workspace(course=course, workspace=workspace)
    command = lab_command(
        workspace=workspace,
        port=port or free_port(),
        token=token,
        open_browser=open_browser,
        path=attempt.notebook_path.relative_to(workspace).as_posix(),
    )
    return subprocess.Popen(
        command,
        cwd=workspace,
        env=lab_environment(workspace),
        stdout=output,
        stderr=output,
        stdin=subprocess.DEVNULL,
    )
