"""Does the generated jupyterhub_config.py run the clock as a hub service, let candidates and their
servers reach it, tell their servers where it is, and keep the dummy login to trials?"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from traitlets.config import Config

from mleprep.cohort.clock_service import SERVICE_NAME
from mleprep.cohort.hub_config import CANDIDATE_EXCHANGE, HubPlan, jupyterhub_config
from mleprep.lab.launch import write_candidate_config

ACCESS = f"access:services!service={SERVICE_NAME}"


def plan(**changes) -> HubPlan:
    return HubPlan(
        course=Path("/srv/mleprep course"),
        exchange=Path("/srv/nbgrader/exchange"),
        candidate_config=Path("/etc/mleprep/candidate"),
        **changes,
    )


def loaded(text: str) -> Config:
    config = Config()
    exec(compile(text, "jupyterhub_config.py", "exec"), {"get_config": lambda: config})
    return config


def test_the_hub_starts_the_clock_service_with_the_course_and_the_exchange():
    c = loaded(jupyterhub_config(plan(every_s=2.5, service_port=10202)))
    [service] = c.JupyterHub.services
    assert service["name"] == SERVICE_NAME == "mleprep-clock"
    assert service["url"] == "http://127.0.0.1:10202"
    assert service["command"] == [
        sys.executable,
        "-m",
        "mleprep.cohort.clock_service",
        "--course",
        "/srv/mleprep course",
        "--exchange",
        "/srv/nbgrader/exchange",
        "--every",
        "2.5",
    ]


def test_the_clock_services_command_is_one_its_own_parser_accepts():
    from mleprep.cohort import clock_service

    [service] = loaded(jupyterhub_config(plan())).JupyterHub.services
    assert service["command"][1:3] == ["-m", clock_service.__name__]
    assert Path(service["command"][0]) == Path(sys.executable)
    args = service["command"][3:]
    assert args[args.index("--every") + 1] == "5.0"
    assert float(args[args.index("--every") + 1]) == 5.0


def test_users_and_their_servers_may_access_the_clock_service():
    roles = {role["name"]: role["scopes"] for role in loaded(jupyterhub_config(plan())).JupyterHub.load_roles}
    assert set(roles) == {"user", "server"}
    assert ACCESS in roles["user"] and "self" in roles["user"]
    assert ACCESS in roles["server"]
    # A server keeps the hub's default scopes: reporting activity and being reached by its user.
    assert {"users:activity!user", "access:servers!server"} <= set(roles["server"])


def test_candidates_servers_are_told_the_clock_services_url():
    c = loaded(jupyterhub_config(plan(service_port=10303)))
    env = c.Spawner.environment
    assert env["MLEPREP_CLOCK_URL"] == f"http://127.0.0.1:10303/services/{SERVICE_NAME}/"
    assert env["JUPYTER_CONFIG_PATH"] == "/etc/mleprep/candidate"
    from mleprep.cohort.clock_client import CLOCK_URL_ENV

    assert CLOCK_URL_ENV in env


def test_candidates_servers_run_jupyterhub_singleuser_from_this_environment():
    c = loaded(jupyterhub_config(plan()))
    assert c.JupyterHub.spawner_class == "localprocess"
    assert c.Spawner.cmd == [str(Path(sys.executable).parent / "jupyterhub-singleuser")]
    assert c.Spawner.default_url == "/lab"


def test_the_hub_listens_where_the_plan_says_and_the_mentor_is_admin():
    c = loaded(jupyterhub_config(plan(ip="0.0.0.0", port=8443, mentor="ms-smith")))
    assert (c.JupyterHub.ip, c.JupyterHub.port) == ("0.0.0.0", 8443)
    assert c.Authenticator.admin_users == {"ms-smith"}


def test_the_default_login_is_the_machines_own_accounts():
    text = jupyterhub_config(plan())
    assert loaded(text).JupyterHub.authenticator_class == "pam"
    assert "dummy" not in text


def test_the_dummy_login_is_labelled_as_for_a_trial_only():
    text = jupyterhub_config(plan(authenticator="dummy"))
    assert loaded(text).JupyterHub.authenticator_class == "dummy"
    [line] = [line for line in text.splitlines() if "authenticator_class" in line]
    comment = line.split("#", 1)[1].lower()
    assert "any password" in comment
    assert "trying" in comment and "never a real cohort" in comment


def test_an_unknown_authenticator_is_refused():
    with pytest.raises(KeyError):
        jupyterhub_config(plan(authenticator="github"))


def test_the_clock_listens_below_1024_by_default_where_only_root_may():
    assert HubPlan(course=Path("/c"), exchange=Path("/e"), candidate_config=Path("/cc")).service_port == 1011
    [service] = loaded(jupyterhub_config(plan())).JupyterHub.services
    assert service["url"] == "http://127.0.0.1:1011"
    from mleprep.cli.cohort_commands import SERVICE_PORT

    assert SERVICE_PORT == 1011


def test_candidates_nbgrader_fetches_and_submits_through_the_clock(tmp_path):
    from nbgrader.exchange import ExchangeFactory

    from mleprep.cohort.hub_exchange import ClockFetchAssignment, ClockSubmit

    folder = write_candidate_config(
        tmp_path, exchange=Path("/srv/nbgrader/exchange"), timeout_s=60, exchange_classes=CANDIDATE_EXCHANGE
    )

    c = loaded((folder / "nbgrader_config.py").read_text())
    assert c.ExchangeFactory.fetch_assignment == "mleprep.cohort.hub_exchange.ClockFetchAssignment"
    assert c.ExchangeFactory.submit == "mleprep.cohort.hub_exchange.ClockSubmit"
    assert c.Exchange.root == "/srv/nbgrader/exchange"
    # nbgrader resolves the names to the clock's own classes; the rest stay its defaults.
    factory = ExchangeFactory(config=c)
    assert factory.fetch_assignment is ClockFetchAssignment
    assert factory.submit is ClockSubmit
    assert factory.fetch_feedback.__module__.startswith("nbgrader.")


def test_a_solo_workspaces_config_keeps_nbgraders_own_exchange(tmp_path):
    folder = write_candidate_config(tmp_path, exchange=tmp_path / "exchange", timeout_s=60)
    assert "ExchangeFactory" not in (folder / "nbgrader_config.py").read_text()


def test_a_course_open_to_other_users_is_warned_about(tmp_path):
    from mleprep.cohort.hub_config import exposure_warnings

    course = tmp_path / "course"
    course.mkdir(mode=0o755)
    course.chmod(0o755)
    assert f"the course at {course} is open to other users: chmod 700 {course}" in exposure_warnings(course)
    course.chmod(0o700)
    assert not any("open to other users" in w for w in exposure_warnings(course))
