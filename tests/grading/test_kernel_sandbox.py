"""Does a grading kernel start with the submission's budgets, its token, and (as root) its own uid?"""

from __future__ import annotations

import json
import os
import resource
from pathlib import Path

import pytest
from jupyter_client.manager import start_new_kernel

from mleprep.grading.isolation import running_as_root
from mleprep.grading.kernel_sandbox import SANDBOX_KERNEL, TOKEN_ENV, KernelLimits, install_kernelspec


def test_the_kernelspec_launches_the_sandbox_with_the_budget(tmp_path):
    spec = install_kernelspec(tmp_path, KernelLimits(memory_bytes=10**9, token="t", threads=2, uid=64201))
    argv = json.loads((spec / "kernel.json").read_text())["argv"]
    assert argv[1:3] == ["-m", "mleprep.grading.kernel_sandbox"]
    assert argv[argv.index("--memory") + 1] == str(10**9) and argv[argv.index("--uid") + 1] == "64201"
    assert argv[-2:] == ["-f", "{connection_file}"]


def _traversable(folder: Path) -> None:
    """Let the kernel's uid reach `folder`, as grading makes autograded/ reachable (0711)."""
    for part in [folder, *folder.parents]:
        if part == Path(part.anchor):
            break
        part.chmod(part.stat().st_mode | 0o111)


def _run(client, code: str) -> str:
    out: list[str] = []

    def keep(msg: dict) -> None:
        if msg["msg_type"] == "stream":
            out.append(msg["content"]["text"])

    reply = client.execute_interactive(code, output_hook=keep, timeout=60)
    assert reply["content"]["status"] == "ok", reply["content"]
    return "".join(out)


def test_a_kernel_runs_with_the_memory_limit_threads_and_token(tmp_path: Path, monkeypatch) -> None:
    uid = 64231 if running_as_root() else None
    home = tmp_path / "home"
    limits = KernelLimits(memory_bytes=3 * 10**9, token="tok-42", threads=3, uid=uid, home=home)
    install_kernelspec(tmp_path, limits)
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path))
    workdir = tmp_path / "work"
    workdir.mkdir()
    _traversable(tmp_path)
    code = (
        "import os, resource, json; "
        "print(json.dumps({'as': resource.getrlimit(resource.RLIMIT_AS)[0], 'uid': os.getuid(), "
        f"'token': os.environ.get({TOKEN_ENV!r}), 'threads': os.environ.get('OMP_NUM_THREADS'), "
        "'home': os.environ.get('HOME'), 'cwd': os.getcwd()}))"
    )
    km, client = start_new_kernel(kernel_name=SANDBOX_KERNEL, cwd=str(workdir), startup_timeout=120)
    try:
        seen = json.loads(_run(client, code))
    finally:
        client.stop_channels()
        km.shutdown_kernel(now=True)
    assert seen["as"] == 3 * 10**9 and seen["token"] == "tok-42" and seen["threads"] == "3"
    assert seen["cwd"] == str(workdir)
    if uid is None:
        assert seen["uid"] == os.getuid()
    else:
        assert seen["uid"] == uid and seen["home"] == str(home)
    # The grader's own process keeps its limits: only the kernel was confined.
    assert resource.getrlimit(resource.RLIMIT_AS)[0] != 3 * 10**9


@pytest.mark.skipif(not running_as_root(), reason="the uid drop only happens when grading as root")
def test_a_kernel_as_its_own_uid_owns_its_working_folder_only(tmp_path: Path, monkeypatch) -> None:
    install_kernelspec(tmp_path, KernelLimits(10**9, "t", 1, 64232, tmp_path / "home"))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path))
    workdir = tmp_path / "work"
    workdir.mkdir()
    _traversable(tmp_path)
    (workdir / "notebook.ipynb").write_text("{}")
    km, client = start_new_kernel(kernel_name=SANDBOX_KERNEL, cwd=str(workdir), startup_timeout=120)
    try:
        out = _run(
            client, "import os; print(os.stat('notebook.ipynb').st_uid, oct(os.stat('.').st_mode & 0o777))"
        )
    finally:
        client.stop_channels()
        km.shutdown_kernel(now=True)
    assert out.split() == ["64232", "0o700"]
