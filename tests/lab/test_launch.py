"""Does the launcher give the lab its own config, the clock, an exchange, and a root-safe command?"""

from __future__ import annotations

import json
import os
import socket
import sys
from pathlib import Path

from mleprep.lab.launch import (
    DISABLED_IN_LAB,
    LABEXTENSIONS,
    config_dir,
    free_port,
    lab_command,
    lab_environment,
    prepare_workspace,
)


def test_workspace_config_enables_the_clock_and_nbgraders_exchange(repo_course, tmp_path: Path) -> None:
    folder = prepare_workspace(course=repo_course, workspace=tmp_path)
    server = json.loads((folder / "jupyter_server_config.json").read_text())
    assert server["ServerApp"]["jpserver_extensions"] == {"mleprep.lab.server_extension": True}
    assert server["LabServerApp"]["extra_labextensions_path"] == [str(LABEXTENSIONS)]
    package = json.loads((LABEXTENSIONS / "mleprep-lab" / "package.json").read_text())
    assert (LABEXTENSIONS / "mleprep-lab" / package["jupyterlab"]["_build"]["load"]).is_file()
    nbgrader = (folder / "nbgrader_config.py").read_text()
    assert f"c.Exchange.root = {str(tmp_path / '.mleprep' / 'exchange')!r}" in nbgrader
    released = tmp_path / ".mleprep" / "exchange" / "mleprep" / "outbound" / "churn" / "churn.ipynb"
    assert released.read_bytes() == (repo_course.release_dir / "churn" / "churn.ipynb").read_bytes()
    assert not any((tmp_path / ".mleprep" / "exchange").rglob("holdout_labels*"))
    # The course is the server's setting: an environment variable would reach every kernel.
    assert server["MleprepLab"]["course"] == str(repo_course.root)
    assert "MLEPREP_COURSE" not in set(lab_environment(tmp_path)) - set(os.environ)
    page = json.loads((folder / "labconfig" / "page_config.json").read_text())
    assert set(page["disabledExtensions"]) == set(DISABLED_IN_LAB)


def test_the_lab_listens_on_loopback_only_and_opens_the_notebook(tmp_path: Path) -> None:
    command = lab_command(
        workspace=tmp_path, port=8899, token="tok", open_browser=False, path="churn/churn.ipynb"
    )
    assert command[:3] == [sys.executable, "-m", "jupyterlab"]
    assert "--ServerApp.ip=127.0.0.1" in command and "--ServerApp.port=8899" in command
    assert "--ServerApp.port_retries=0" in command  # a taken port fails loudly, never drifts
    assert "--LabApp.default_url=/lab/tree/churn/churn.ipynb" in command
    assert "--IdentityProvider.token=tok" in command
    assert ("--ServerApp.allow_root=True" in command) == (os.geteuid() == 0)


def test_the_lab_environment_puts_the_workspace_config_first(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("JUPYTER_CONFIG_PATH", "/elsewhere")
    env = lab_environment(tmp_path)
    assert env["JUPYTER_CONFIG_PATH"].split(os.pathsep) == [str(config_dir(tmp_path)), "/elsewhere"]
    assert env["PATH"].split(os.pathsep)[0] == str(Path(sys.executable).parent)


def test_a_free_port_can_be_bound_on_loopback() -> None:
    port = free_port()
    with socket.socket() as s:
        s.bind(("127.0.0.1", port))
