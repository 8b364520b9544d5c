"""The cohort's clock: a JupyterHub managed service that owns every attempt of every candidate.

JupyterHub starts it (`python -m mleprep.cohort.clock_service --course DIR`) with its own API
token and URL in the environment. A candidate's server asks it with the user's hub token and gets
only that user's attempts; nothing a candidate can send moves a start, a deadline or a stamp.
Every few seconds it sweeps the exchange and the candidates' homes (mleprep.cohort.clock_sweep).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import os
import sys
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from jupyterhub.services.auth import HubAuthenticated
from tornado import ioloop, web

from mleprep.cohort.as_candidate import hand_out
from mleprep.cohort.attempt_store import AttemptStore, CohortAttempt, CohortError
from mleprep.cohort.clock_client import SERVICE_NAME
from mleprep.cohort.clock_sweep import STAMPED_DIR, home_of, sweep
from mleprep.cohort.delivery import exchange_of
from mleprep.cohort.exchange_files import ExchangeCourse
from mleprep.core.errors import MleprepError
from mleprep.course.root import Course, find_course

log = logging.getLogger("mleprep.cohort")
# A candidate may hand out a take-home once in this many seconds (each is an archive and a process).
HAND_OUT_EVERY_S = 5.0
PORT_SYSCTL = Path("/proc/sys/net/ipv4/ip_unprivileged_port_start")
# How long `submitted` waits for the sweep that stamps the caller's submission.
SUBMITTED_WAIT_S = 10.0


class ClockState:
    """What the handlers share: the course, its store, the exchange, and sweeps on their own thread."""

    def __init__(self, course: Course, exchange: ExchangeCourse) -> None:
        self.course = course
        self.exchange = exchange
        self.store = AttemptStore(course.db_url())
        self.known_problems: set[str] = set()
        # Sweeps on one thread and starts on a few others: a candidate who stalls one of their own
        # copies (SIGSTOP) holds up their request, never the cohort's countdowns or fetches.
        self.sweeper = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mleprep-sweep")
        self.starters = ThreadPoolExecutor(max_workers=4, thread_name_prefix="mleprep-start")
        self._lock = threading.Lock()
        self._pending: Future[None] | None = None
        self._last_hand_out: dict[str, float] = {}
        self.last_sweep = 0.0

    @property
    def notebooks(self) -> dict[str, str]:
        # Read each time (parsed once per file version): an assignment added later is known at once.
        return {a.id: a.notebook for a in self.course.assignments()}

    def request_sweep(self) -> Future[None]:
        """A sweep soon: the one already waiting to run if there is one, so requests never pile up."""
        with self._lock:
            if self._pending is None or self._pending.running() or self._pending.done():
                self._pending = self.sweeper.submit(self.sweep)
            return self._pending

    def sweep(self) -> None:
        with self._lock:
            # A candidate asking for a sweep after every keystroke must not keep the service sweeping.
            if time.monotonic() - self.last_sweep < 1.0:
                return
            self.last_sweep = time.monotonic()
        report = sweep(
            store=self.store,
            exchange=self.exchange,
            stamped_dir=self.course.root / STAMPED_DIR,
            notebooks=self.notebooks,
            now=datetime.now(UTC),
        )
        # A problem that persists would otherwise be logged every few seconds: log what is new.
        problems = set(report.refused + report.problems)
        for item in sorted(problems - self.known_problems):
            log.warning("%s", item)
        self.known_problems = problems
        for item in report.stamped + report.submitted_by_service:
            log.info("stamped %s", item)

    def start(self, candidate: str, assignment: str, now: datetime) -> CohortAttempt:
        """Start the candidate's clock (once) and hand the assignment out into their home."""
        home = home_of(candidate)
        if home is None or not home.is_dir():
            raise CohortError(f"{candidate} has no home folder on this machine: ask your mentor")
        # From the course, never the exchange: the exchange's folders are within candidates' reach.
        source = self.course.release_dir / assignment
        if not (source / self.notebooks.get(assignment, "")).is_file():
            raise CohortError(f"{assignment} is not in the course's released assignments: ask your mentor")
        fresh = self.store.may_start(candidate=candidate, assignment=assignment, now=now)
        dest = home / assignment
        if fresh or not os.path.lexists(dest):  # a resumed attempt whose folder was deleted: again
            with self._lock:
                if time.monotonic() - self._last_hand_out.get(candidate, -60.0) < HAND_OUT_EVERY_S:
                    raise CohortError("a start is already under way: try again in a few seconds")
                self._last_hand_out[candidate] = time.monotonic()
            hand_out(source=source, dest=dest, candidate=candidate)
        # Recorded once the take-home is in the home: a failed hand-out leaves no clock running.
        return self.store.start(candidate=candidate, assignment=assignment, now=now)

    def attempts_of(self, candidate: str, now: datetime) -> list[dict[str, Any]]:
        states, notebooks = [], self.notebooks
        for release in self.store.releases():
            state = self.store.attempt(candidate=candidate, assignment=release.assignment).state(now)
            notebook = notebooks.get(release.assignment, "")
            state["notebook"] = notebook
            state["lab_path"] = f"{release.assignment}/{notebook}"
            states.append(state)
        return states


class ClockHandler(HubAuthenticated, web.RequestHandler):
    def initialize(self, state: ClockState) -> None:
        self.state = state

    def reply(self, body: dict[str, Any], status: int = 200) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps(body))

    def candidate(self) -> str:
        user = self.get_current_user()
        if not user:
            raise web.HTTPError(403, "a hub user's token is needed")
        return str(user["name"])


class AttemptsHandler(ClockHandler):
    @web.authenticated
    def get(self) -> None:
        now = datetime.now(UTC)
        self.reply(
            {
                "now": now.isoformat(timespec="seconds"),
                "attempts": self.state.attempts_of(self.candidate(), now),
            }
        )


class StartHandler(ClockHandler):
    @web.authenticated
    async def post(self, assignment: str) -> None:
        now = datetime.now(UTC)
        candidate = self.candidate()
        try:
            attempt = await ioloop.IOLoop.current().run_in_executor(
                self.state.starters, self.state.start, candidate, assignment, now
            )
        except (MleprepError, OSError) as exc:
            self.reply({"error": str(exc)}, status=409)
            return
        self.reply(attempt.state(now))


class SubmittedHandler(ClockHandler):
    @web.authenticated
    async def post(self, assignment: str) -> None:
        """Stamp a submission the caller just made, without waiting for the next round."""
        candidate = self.candidate()
        with contextlib.suppress(TimeoutError):  # answered all the same: the next round stamps it
            await asyncio.wait_for(asyncio.wrap_future(self.state.request_sweep()), SUBMITTED_WAIT_S)
        now = datetime.now(UTC)
        try:
            self.reply(self.state.store.attempt(candidate=candidate, assignment=assignment).state(now))
        except CohortError as exc:
            self.reply({"error": str(exc)}, status=404)


class HealthHandler(web.RequestHandler):
    def get(self) -> None:
        self.finish({"ok": True})


def unprivileged_port_problem(port: int, sysctl: Path = PORT_SYSCTL) -> str | None:
    """Why `port` would let any user stand in for the clock and collect the hub tokens sent to it."""
    try:
        first_unprivileged = int(sysctl.read_text())
    except (OSError, ValueError):
        first_unprivileged = 1024
    if port < first_unprivileged:
        return None
    return (
        f"port {port} is open to any user on this machine ({sysctl} is {first_unprivileged}): a candidate "
        f"could listen there while the clock restarts and collect hub tokens; use a port below "
        f"{first_unprivileged} (`mleprep cohort hub --service-port`)"
    )


def make_app(state: ClockState, prefix: str) -> web.Application:
    prefix = prefix.rstrip("/")
    name = r"([A-Za-z0-9][A-Za-z0-9_.-]*)"
    return web.Application(
        [
            (f"{prefix}/api/health", HealthHandler),
            (f"{prefix}/api/attempts", AttemptsHandler, {"state": state}),
            (f"{prefix}/api/attempts/{name}/start", StartHandler, {"state": state}),
            (f"{prefix}/api/attempts/{name}/submitted", SubmittedHandler, {"state": state}),
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m mleprep.cohort.clock_service",
        description="The cohort clock, run by JupyterHub as a managed service.",
        epilog="example (what `mleprep cohort hub --config` writes into jupyterhub_config.py):\n"
        "  python -m mleprep.cohort.clock_service --course /srv/mleprep-course \\\n"
        "      --exchange /srv/nbgrader/exchange",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--course", type=Path, required=True, help="the course root (kept from candidates)")
    parser.add_argument("--exchange", type=Path, required=True, help="nbgrader's exchange root")
    parser.add_argument("--every", type=float, default=5.0, help="seconds between sweeps (default 5)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="[mleprep-clock %(asctime)s] %(message)s")
    course = find_course(args.course)
    state = ClockState(course, exchange_of(course, args.exchange))
    url = urlparse(os.environ.get("JUPYTERHUB_SERVICE_URL", "http://127.0.0.1:1011"))
    if problem := unprivileged_port_problem(url.port or 80):
        log.error("%s", problem)
        return 2
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", f"/services/{SERVICE_NAME}/")
    app = make_app(state, prefix)
    app.listen(url.port or 80, url.hostname or "127.0.0.1")
    log.info("serving %s on %s for course %s (exchange %s)", prefix, url.geturl(), course.root, args.exchange)
    loop = ioloop.IOLoop.current()

    # Off the event loop: copying a large submission must not freeze every countdown.
    state.request_sweep()
    ioloop.PeriodicCallback(state.request_sweep, args.every * 1000).start()
    loop.start()
    return 0


if __name__ == "__main__":
    sys.exit(main())
