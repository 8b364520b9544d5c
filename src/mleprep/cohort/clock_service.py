"""The cohort's clock: a JupyterHub managed service that owns every attempt of every candidate.

JupyterHub starts it (`python -m mleprep.cohort.clock_service --course DIR`) with its own API
token and URL in the environment. A candidate's server asks it with the user's hub token and gets
only that user's attempts; nothing a candidate can send moves a start, a deadline or a stamp.
Every few seconds it sweeps the exchange and the candidates' homes (mleprep.cohort.clock_sweep).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
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


class ClockState:
    """What the handlers share: the course, its store, the exchange, and a sweep on demand."""

    def __init__(self, course: Course, exchange: ExchangeCourse) -> None:
        self.course = course
        self.exchange = exchange
        self.store = AttemptStore(course.db_url())
        self.notebooks = {a.id: a.notebook for a in course.assignments()}
        self.last_sweep = 0.0
        self.known_problems: set[str] = set()

    def sweep(self) -> None:
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
        # Everything that could stop the hand-out is checked before the clock starts.
        home = home_of(candidate)
        if home is None or not home.is_dir():
            raise CohortError(f"{candidate} has no home folder on this machine: ask your mentor")
        # From the course, never the exchange: the exchange's folders are within candidates' reach.
        source = self.course.release_dir / assignment
        if not (source / self.notebooks.get(assignment, "")).is_file():
            raise CohortError(f"{assignment} is not in the course's released assignments: ask your mentor")
        attempt = self.store.start(candidate=candidate, assignment=assignment, now=now)
        hand_out(source=source, dest=home / assignment, candidate=candidate)
        return attempt

    def attempts_of(self, candidate: str, now: datetime) -> list[dict[str, Any]]:
        states = []
        for release in self.store.releases():
            state = self.store.attempt(candidate=candidate, assignment=release.assignment).state(now)
            notebook = self.notebooks.get(release.assignment, "")
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
                None, self.state.start, candidate, assignment, now
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
        await ioloop.IOLoop.current().run_in_executor(None, self.state.sweep)
        now = datetime.now(UTC)
        try:
            self.reply(self.state.store.attempt(candidate=candidate, assignment=assignment).state(now))
        except CohortError as exc:
            self.reply({"error": str(exc)}, status=404)


class HealthHandler(web.RequestHandler):
    def get(self) -> None:
        self.finish({"ok": True})


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
    url = urlparse(os.environ.get("JUPYTERHUB_SERVICE_URL", "http://127.0.0.1:10101"))
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", f"/services/{SERVICE_NAME}/")
    app = make_app(state, prefix)
    app.listen(url.port or 80, url.hostname or "127.0.0.1")
    log.info("serving %s on %s for course %s (exchange %s)", prefix, url.geturl(), course.root, args.exchange)
    loop = ioloop.IOLoop.current()

    async def sweep_aside() -> None:
        # Off the event loop: copying a large submission must not freeze every countdown.
        await loop.run_in_executor(None, state.sweep)

    loop.add_callback(sweep_aside)
    ioloop.PeriodicCallback(sweep_aside, args.every * 1000).start()
    loop.start()
    return 0


if __name__ == "__main__":
    sys.exit(main())
