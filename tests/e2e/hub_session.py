"""A real JupyterHub for the cohort tests: candidates as Unix accounts, the clock as a managed service.

The hub runs as root on 127.0.0.1 with the config `mleprep cohort hub --write` produces, plus a
test-only admin service whose token lets the test create users, start servers and mint tokens.
"""

from __future__ import annotations

import contextlib
import json
import os
import pwd
import secrets
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from mleprep.lab.launch import free_port
from tests.conftest import mleprep_json

REPO = Path(__file__).resolve().parents[2]
CANDIDATES = ("mleprep-cand-a", "mleprep-cand-b", "mleprep-cand-c")
COHORT_ASSIGNMENTS = ("churn", "spam", "digits")
PROXY_BIN = REPO / ".cache" / "npm" / "node_modules" / ".bin" / "configurable-http-proxy"


def free_privileged_port() -> int:
    """A free port below 1024 for the clock (only root may listen there; the tests run as root)."""
    import socket

    for port in range(1011, 900, -1):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise AssertionError("no free port below 1024 for the clock service")


def hub_requirements() -> None:
    """Skip (fail under CI) when this machine cannot run the hub test: root, useradd, the proxy."""
    problems = []
    if os.geteuid() != 0:
        problems.append("the hub test creates Unix users and must run as root")
    if not shutil.which("useradd"):
        problems.append("useradd is missing")
    if not PROXY_BIN.is_file():
        problems.append(f"{PROXY_BIN} is missing (scripts/test.sh installs it with npm)")
    if not shutil.which("jupyterhub", path=str(Path(sys.executable).parent)):
        problems.append("jupyterhub is not installed in this environment (pip install -e .[test])")
    if problems:
        message = "; ".join(problems)
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the hub tests: {message}")
        pytest.skip(message)


def make_candidate(name: str) -> pwd.struct_passwd:
    """A fresh Unix account with an empty private home (an old one from an earlier run is emptied)."""
    try:
        user = pwd.getpwnam(name)
    except KeyError:
        subprocess.run(["useradd", "--create-home", "--shell", "/bin/bash", name], check=True)
        user = pwd.getpwnam(name)
    home = Path(user.pw_dir)
    subprocess.run(["pkill", "-KILL", "-u", name], check=False)
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(mode=0o700)
    os.chown(home, user.pw_uid, user.pw_gid)
    home.chmod(0o700)
    return user


def private_course(dest: Path) -> Path:
    """A copy of the course (three of its take-homes) only its owner, the mentor, can enter."""
    dest.mkdir(mode=0o700)
    shutil.copy2(REPO / "nbgrader_config.py", dest / "nbgrader_config.py")
    skip = shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints")
    for top in ("source", "assignments", "autograders"):
        for assignment_id in COHORT_ASSIGNMENTS:
            shutil.copytree(REPO / top / assignment_id, dest / top / assignment_id, ignore=skip)
    dest.chmod(0o700)
    return dest


@dataclass
class Hub:
    url: str
    admin_token: str
    course: Path
    exchange: Path
    log: Path
    clock_url: str
    candidate_config: Path

    def api(self, path: str, method: str = "GET", body: Any = None, token: str | None = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            f"{self.url}/hub/api/{path}",
            method=method,
            data=data if data is not None else (b"" if method == "POST" else None),
            headers={"Authorization": f"token {token or self.admin_token}"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.loads(response.read() or b"null")

    def start_server(self, name: str) -> str:
        """Start `name`'s server and return a token of theirs (what their browser session holds)."""
        with contextlib.suppress(urllib.error.HTTPError):  # already running
            self.api(f"users/{name}/server", "POST")
        deadline = time.monotonic() + 120
        while not self.api(f"users/{name}").get("servers", {}).get("", {}).get("ready"):
            if time.monotonic() > deadline:
                raise AssertionError(f"{name}'s server did not start; hub log: {self.log}")
            time.sleep(0.5)
        return self.api(f"users/{name}/tokens", "POST", {"note": "e2e", "expires_in": 3600})["token"]

    def user_request(
        self,
        name: str,
        token: str,
        path: str,
        method: str = "GET",
        form: dict | None = None,
        body: Any = None,
    ) -> Any:
        """A request to `name`'s own server, as their browser would make it (form or JSON body)."""
        if body is not None:
            data = json.dumps(body).encode()
        elif form is not None:
            data = urllib.parse.urlencode(form).encode()
        else:
            data = b"" if method == "POST" else None
        request = urllib.request.Request(
            f"{self.url}/user/{name}/{path}",
            method=method,
            data=data,
            headers={"Authorization": f"token {token}"},
        )
        with urllib.request.urlopen(request, timeout=120) as response:
            return json.loads(response.read() or b"null")


def mleprep(course: Path, *args: str) -> dict[str, Any]:
    """The mentor's command, from the shell, with --json."""
    return mleprep_json(course, *args)


@contextlib.contextmanager
def running_hub(workdir: Path, *, every_s: float = 1.0) -> Iterator[Hub]:
    """JupyterHub with the cohort's config on a free loopback port; stopped with every server."""
    course = private_course(workdir / "course")
    exchange = workdir / "exchange"
    exchange.mkdir(mode=0o755)
    candidate_config = workdir / "candidate-config"
    state = workdir / "hub-state"
    state.mkdir()
    port, service_port = free_port(), free_privileged_port()
    config = state / "jupyterhub_config.py"
    subprocess.run(
        [sys.executable, "-m", "mleprep.cli", "--course", str(course), "cohort", "hub",
         "--write", str(config), "--exchange", str(exchange), "--candidate-config", str(candidate_config),
         "--port", str(port), "--service-port", str(service_port), "--every", str(every_s),
         "--authenticator", "dummy", "--mentor", "mleprep-mentor"],
        check=True, capture_output=True,
    )  # fmt: skip
    token = secrets.token_hex(32)
    with config.open("a", encoding="utf-8") as f:
        f.write(
            "\n# Test only: an admin service the test drives the hub with.\n"
            f"c.JupyterHub.services.append({{'name': 'e2e', 'api_token': {token!r}}})\n"
            "c.JupyterHub.load_roles.append({'name': 'e2e', 'services': ['e2e'], 'scopes': "
            "['admin:users', 'admin:servers', 'tokens', 'access:servers', 'access:services']})\n"
            "c.JupyterHub.cleanup_servers = True\n"
            # Free ports for the hub's own API and the proxy's, so a busy 8081 or 8001 cannot stop it.
            f"c.JupyterHub.hub_port = {free_port()}\n"
            f"c.ConfigurableHTTPProxy.api_url = 'http://127.0.0.1:{free_port()}'\n"
        )
    for public in (workdir, candidate_config):
        public.chmod(0o755)
    log = state / "hub.log"
    env = {
        **os.environ,
        "PATH": os.pathsep.join(
            [str(PROXY_BIN.parent), str(Path(sys.executable).parent), os.environ["PATH"]]
        ),
    }
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [str(Path(sys.executable).parent / "jupyterhub"), "-f", str(config)],
            cwd=state, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True,
        )  # fmt: skip
    clock_url = f"http://127.0.0.1:{service_port}/services/mleprep-clock/"
    hub = Hub(f"http://127.0.0.1:{port}", token, course, exchange, log, clock_url, candidate_config)
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                hub.api("")
                break
            except (urllib.error.URLError, ConnectionError):
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"the hub did not start:\n{log.read_text()[-4000:]}") from None
                time.sleep(0.5)
        yield hub
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, 15)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
        for name in CANDIDATES:
            subprocess.run(["pkill", "-KILL", "-u", name], check=False)


def run_in_kernel(hub: Hub, name: str, token: str, code: str, timeout: float = 120) -> str:
    """Run `code` in a new kernel of `name`'s server (over its websocket, as the lab does); its output."""
    import asyncio
    import uuid

    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    kernel = hub.user_request(name, token, "api/kernels", "POST", None)
    ws_url = hub.url.replace("http", "ws", 1) + f"/user/{name}/api/kernels/{kernel['id']}/channels"
    msg_id = uuid.uuid4().hex

    async def talk() -> str:
        request = HTTPRequest(ws_url, headers={"Authorization": f"token {token}"})
        conn = await websocket_connect(request)
        header = {"msg_id": msg_id, "username": name, "session": uuid.uuid4().hex,
                  "msg_type": "execute_request", "version": "5.3", "date": ""}  # fmt: skip
        content = {"code": code, "silent": False, "store_history": False, "user_expressions": {},
                   "allow_stdin": False, "stop_on_error": True}  # fmt: skip
        message = {
            "header": header,
            "parent_header": {},
            "metadata": {},
            "content": content,
            "channel": "shell",
        }
        await conn.write_message(json.dumps(message))
        out: list[str] = []
        while True:
            raw = await asyncio.wait_for(conn.read_message(), timeout)
            if raw is None:
                raise AssertionError("the kernel's websocket closed")
            reply = json.loads(raw)
            if reply.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = reply["msg_type"]
            if kind == "stream":
                out.append(reply["content"]["text"])
            elif kind == "error":
                out.append("\n".join(reply["content"]["traceback"]))
            elif kind == "status" and reply["content"]["execution_state"] == "idle":
                conn.close()
                return "".join(out)

    try:
        return asyncio.run(talk())
    finally:
        with contextlib.suppress(urllib.error.HTTPError):
            hub.user_request(name, token, f"api/kernels/{kernel['id']}", "DELETE")
