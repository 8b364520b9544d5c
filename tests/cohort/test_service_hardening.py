"""Does the clock keep its secrets out of `ps`, refuse a port any user could take, and never let
requests for sweeps pile up?"""

from __future__ import annotations

import subprocess
import threading
import time
from pathlib import Path

import pytest

from mleprep.cohort import as_candidate, clock_service
from mleprep.cohort.clock_service import ClockState, unprivileged_port_problem
from mleprep.cohort.clock_sweep import SweepReport
from mleprep.cohort.exchange_files import ExchangeCourse
from tests.cohort.conftest import NOBODY
from tests.conftest import copy_course


def test_a_port_below_the_first_unprivileged_one_is_accepted_and_one_above_is_refused(tmp_path):
    sysctl = tmp_path / "ip_unprivileged_port_start"
    sysctl.write_text("1024\n")
    assert unprivileged_port_problem(1011, sysctl) is None
    sysctl.write_text("0\n")  # as inside many containers: every port is anyone's
    problem = unprivileged_port_problem(1011, sysctl)
    assert problem and "port 1011 is open to any user" in problem and "below 0" in problem


@pytest.mark.skipif(not Path("/proc/self").exists(), reason="needs Linux")
def test_the_job_and_its_secret_reach_the_candidates_process_on_stdin_never_in_argv(monkeypatch):
    seen: list[list[str]] = []
    real_run = subprocess.run

    def spy(args, **kwargs):
        seen.append(list(args))
        return real_run(["true"], **{k: v for k, v in kwargs.items() if k in ("input", "capture_output")})

    monkeypatch.setattr(as_candidate.subprocess, "run", spy)
    monkeypatch.setattr(as_candidate.os, "geteuid", lambda: 0)
    job = {"kind": "deliver", "inbound": "/x/alice+churn+ts+SECRETNAME", "cache": "/y", "secret": "s3cret"}
    as_candidate.run_as(NOBODY, job)
    (argv,) = seen
    assert not [a for a in argv if "SECRETNAME" in a or "s3cret" in a], argv
    assert argv[1:4] == ["-I", "-m", "mleprep.cohort.as_candidate"]


def test_requests_for_a_sweep_share_the_one_waiting_instead_of_piling_up(tmp_path, monkeypatch):
    course = copy_course(tmp_path / "course")
    state = ClockState(course, ExchangeCourse(tmp_path / "exchange", "mleprep"))
    running, release = threading.Event(), threading.Event()
    calls = []

    def slow_sweep(**kwargs):
        calls.append(time.monotonic())
        running.set()
        release.wait(10)
        return SweepReport()

    monkeypatch.setattr(clock_service, "sweep", slow_sweep)
    first = state.request_sweep()
    assert running.wait(10)
    # While one runs: many requests, one queued sweep.
    queued = {id(state.request_sweep()) for _ in range(50)}
    assert len(queued) == 1
    state.last_sweep = -10.0  # let the queued one run rather than be rate-limited away
    release.set()
    first.result(10)
    state.sweeper.shutdown(wait=True)
    assert len(calls) == 2  # the one running, and the one all 50 requests shared
