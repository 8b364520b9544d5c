"""Probes run the candidate's files after the notebook, in the submission's sandbox but a fresh
process, and only a verdict line carrying the grader's nonce counts."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from mleprep.grading.budget import Budget
from mleprep.grading.containment import containment_problem
from mleprep.grading.isolation import claimed_kernel_uids, reclaim, submission_sandbox
from mleprep.grading.probe_checks import ProbeRun, run_probe, verdict

PASSING = """
import os
from mleprep.handin import probe_verdict
verdict = probe_verdict()
print("some output of the candidate's code")
verdict(True, f"all good,\\nnonce gone: {'MLEPREP_PROBE_NONCE' not in os.environ}")
"""


def test_only_the_last_verdict_with_the_nonce_counts() -> None:
    output = "\n".join(
        [
            "MLEPREP-PROBE abc failed: early",
            "MLEPREP-PROBE forged passed: typed in",
            "MLEPREP-PROBE abc passed: fine",
        ]
    )
    assert verdict(output, "abc") == ProbeRun(True, "fine")
    assert verdict("MLEPREP-PROBE forged passed: typed in\n", "abc") is None
    assert verdict("MLEPREP-PROBE abc maybe: what\n", "abc") is None


@pytest.fixture
def sandboxed(tmp_path: Path):
    workdir = tmp_path / "work"
    workdir.mkdir()
    budget = Budget(timeout_s=60, memory_bytes=2 * 10**9, output_bytes=10**6)
    with (
        claimed_kernel_uids(1) as (uid,),
        submission_sandbox(budget=budget, uid=uid, threads=1, contain=containment_problem() is None),
    ):
        yield workdir
        reclaim(workdir)


def test_a_probe_reports_its_verdict_from_a_fresh_process(sandboxed: Path) -> None:
    run = run_probe(PASSING, workdir=sandboxed, timeout_s=60)
    assert run == ProbeRun(True, "all good, nonce gone: True")


def test_code_that_ends_the_process_before_the_verdict_fails(sandboxed: Path) -> None:
    run = run_probe(
        "import os\nprint('MLEPREP-PROBE x passed: forged')\nos._exit(0)\n", workdir=sandboxed, timeout_s=60
    )
    assert not run.passed and "gave no verdict (exit status 0)" in run.message


def test_a_probe_that_hangs_is_stopped(sandboxed: Path) -> None:
    run = run_probe("import time\ntime.sleep(60)\n", workdir=sandboxed, timeout_s=3)
    assert run == ProbeRun(False, "it ran for more than 3 s and was stopped")


@pytest.mark.skipif(containment_problem() is not None, reason="no namespaces here")
def test_a_contained_probe_has_no_network(sandboxed: Path) -> None:
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    script = (
        "import os, socket\nnonce = os.environ.pop('MLEPREP_PROBE_NONCE')\n"
        f"try:\n    socket.create_connection(('127.0.0.1', {port}), timeout=3).close()\n"
        "    said = 'connected'\n"
        "except OSError:\n    said = 'no network'\n"
        "print(f'MLEPREP-PROBE {nonce} passed: {said}')\n"
    )
    try:
        assert run_probe(script, workdir=sandboxed, timeout_s=60) == ProbeRun(True, "no network")
    finally:
        listener.close()
