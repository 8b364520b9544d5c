"""Probe checks: hidden scripts run after the notebook, in the submission's sandbox, in a process of
their own, to test what the candidate ships besides the notebook (an engineering take-home's package:
its tests, its lint, its speed, what it does with bad input).

A check run inside the notebook's kernel can be faked from an answer cell (patch `subprocess.run`,
`time.perf_counter`); a probe starts from a fresh interpreter, takes its tools before it imports any
of the candidate's files, and reports a verdict line marked with a nonce the candidate's code never
saw in its environment. The script lives in autograders/<id>/probes/<check id>.py and reaches the
sandbox on standard input, so nothing of it lies in the candidate's folder.

A probe reports through `mleprep.handin.probe_verdict()`, which takes the nonce (and removes it from
the environment) and prints `MLEPREP-PROBE <nonce> passed: <message>` (or `failed:`) as its last word.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from mleprep.core.defaults import PROBE_NONCE_ENV, PROBE_VERDICT
from mleprep.course.spec import Assignment, Check
from mleprep.grading.kernel_sandbox import SANDBOX_KERNEL

PROBES_DIR = "probes"
PROBE_TIMEOUT_S = 300
MAX_MESSAGE = 3000


@dataclass(frozen=True)
class ProbeRun:
    passed: bool
    message: str


def probe_file(hidden_dir: Path, check: Check) -> Path:
    return hidden_dir / PROBES_DIR / f"{check.id}.py"


def sandbox_launcher() -> list[str]:
    """The launcher of the sandbox kernel installed for this submission, without its connection file
    (valid inside `isolation.submission_sandbox`)."""
    first = os.environ["JUPYTER_PATH"].split(os.pathsep)[0]
    spec = json.loads((Path(first) / "kernels" / SANDBOX_KERNEL / "kernel.json").read_text())
    argv = list(spec["argv"])
    return argv[: argv.index("-f")]


def verdict(output: str, nonce: str) -> ProbeRun | None:
    """The probe's last verdict line carrying `nonce`, or None."""
    mark = f"{PROBE_VERDICT} {nonce} "
    for line in reversed(output.splitlines()):
        if line.startswith(mark):
            outcome, _, message = line[len(mark) :].partition(": ")
            if outcome in ("passed", "failed"):
                return ProbeRun(outcome == "passed", message.strip()[:MAX_MESSAGE])
    return None


def run_probe(script: str, *, workdir: Path, timeout_s: float) -> ProbeRun:
    nonce = secrets.token_hex(12)
    command = [*sandbox_launcher(), "--exec", "--", sys.executable, "-"]
    try:
        done = subprocess.run(
            command,
            input=script,
            cwd=workdir,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=timeout_s,
            env={**os.environ, PROBE_NONCE_ENV: nonce, "PYTHONDONTWRITEBYTECODE": "1"},
        )
    except subprocess.TimeoutExpired:
        return ProbeRun(False, f"it ran for more than {timeout_s:g} s and was stopped")
    found = verdict(done.stdout, nonce)
    if found is not None:
        return found
    tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-8:])[-MAX_MESSAGE:]
    return ProbeRun(
        False,
        f"the check gave no verdict (exit status {done.returncode}): your code ended the process or "
        f"crashed it{f'; its last output: {tail}' if tail else ''}",
    )


def run_probes(
    *, assignment: Assignment, hidden_dir: Path, workdir: Path, timeout_s: float
) -> dict[str, ProbeRun]:
    """Run every probe check of `assignment` against the graded folder, one fresh process each."""
    results = {}
    for check in (c for c in assignment.checks if c.kind == "probe"):
        script = probe_file(hidden_dir, check).read_text(encoding="utf-8")
        results[check.id] = run_probe(script, workdir=workdir, timeout_s=min(timeout_s, PROBE_TIMEOUT_S))
    return results
