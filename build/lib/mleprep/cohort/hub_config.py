"""A working jupyterhub_config.py for a cohort on one machine, and the candidates' nbgrader config.

The hub runs as root with the local process spawner: each candidate's server runs as their own
Unix account, in their home, with the exchange configured and the clock service's URL in the
environment; the course folder stays with the mentor (mode 0700) and never reaches them.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from mleprep.cohort.clock_client import SERVICE_NAME

# nbgrader on candidates' servers fetches through the clock service, which starts the attempt.
CANDIDATE_EXCHANGE = {
    "fetch_assignment": "mleprep.cohort.hub_exchange.ClockFetchAssignment",
    "submit": "mleprep.cohort.hub_exchange.ClockSubmit",
}


@dataclass(frozen=True)
class HubPlan:
    course: Path
    exchange: Path
    candidate_config: Path
    course_id: str = "mleprep"
    ip: str = "127.0.0.1"
    port: int = 8000
    service_port: int = 1011
    mentor: str = "mentor"
    authenticator: str = "pam"
    every_s: float = 5.0

    @property
    def service_url(self) -> str:
        return f"http://127.0.0.1:{self.service_port}"


def exposure_warnings(course_root: Path) -> list[str]:
    """What candidates' servers (plain processes of their accounts) could read of the hidden material."""
    warnings = []
    if course_root.stat().st_mode & 0o077:
        warnings.append(f"the course at {course_root} is open to other users: chmod 700 {course_root}")
    # An editable install runs from a checkout, whose autograders/ is readable by all by default.
    checkout = Path(__file__).resolve().parents[3]
    for hidden in ("autograders", "source"):
        folder = checkout / hidden
        if checkout != course_root and folder.is_dir() and folder.stat().st_mode & 0o005:
            warnings.append(
                f"mleprep runs from a checkout whose {folder} candidates can read: "
                f"install it with pip on the hub, or chmod 700 {folder}"
            )
    return warnings


def jupyterhub_config(plan: HubPlan) -> str:
    """The text of jupyterhub_config.py for `plan`."""
    bin_dir = Path(sys.executable).parent
    authenticator = {
        "pam": '"pam"  # the machine\'s own accounts; candidates log in with their Unix password',
        "dummy": '"dummy"  # any password: for trying the setup on one machine only, never a real cohort',
    }[plan.authenticator]
    access = f"access:services!service={SERVICE_NAME}"
    return f"""\
# jupyterhub_config.py for an mleprep cohort, written by `mleprep cohort hub --config`.
# Run as root: jupyterhub -f jupyterhub_config.py   (configurable-http-proxy from npm on PATH)
c = get_config()  # noqa: F821

c.JupyterHub.ip = {plan.ip!r}
c.JupyterHub.port = {plan.port}
c.JupyterHub.authenticator_class = {authenticator}
c.Authenticator.admin_users = {{{plan.mentor!r}}}
# Anyone with an account may log in; only the course roster (`mleprep cohort add`) is graded.
c.Authenticator.allow_all = True

# Each candidate's server runs as their own account, in their home; the course stays unreadable.
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [{str(bin_dir / "jupyterhub-singleuser")!r}]
c.Spawner.default_url = "/lab"
c.Spawner.notebook_dir = "~"
c.Spawner.environment = {{
    # mleprep's clock in the lab, nbgrader's exchange (`mleprep cohort hub --write` fills it).
    "JUPYTER_CONFIG_PATH": {str(plan.candidate_config)!r},
    # The JupyterLab countdown and `mleprep start`/`submit` ask the clock service here.
    "MLEPREP_CLOCK_URL": {plan.service_url + f"/services/{SERVICE_NAME}/"!r},
}}

# The clock: started and stopped by the hub, with its own API token.
c.JupyterHub.services = [
    {{
        "name": {SERVICE_NAME!r},
        "url": {plan.service_url!r},
        "command": [
            {sys.executable!r}, "-m", "mleprep.cohort.clock_service",
            "--course", {str(plan.course)!r},
            "--exchange", {str(plan.exchange)!r},
            "--every", {str(plan.every_s)!r},
        ],
    }},
]
# Candidates (and their servers' tokens) may ask the clock, which answers for the token's owner only.
c.JupyterHub.load_roles = [
    {{"name": "user", "scopes": ["self", {access!r}]}},
    {{"name": "server", "scopes": ["users:activity!user", "access:servers!server", {access!r}]}},
]
"""
