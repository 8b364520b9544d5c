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

from mleprep.cohort.attempt_store import AttemptStore, CohortError
from mleprep.cohort.clock_client import SERVICE_NAME
from mleprep.cohort.clock_sweep import STAMPED_DIR, sweep
from mleprep.cohort.exchange_files import ExchangeCourse
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

    def roster(self) -> list[str]:
        from nbgrader.api import Gradebook

        with Gradebook(self.course.db_url(), self.exchange.course_id) as gb:
            return sorted(s.id for s in gb.students)

    def sweep(self) -> None:
        # A candidate asking for a sweep after every keystroke must not keep the service sweeping.
        if time.monotonic() - self.last_sweep < 1.0:
            return
        self.last_sweep = time.monotonic()
        report = sweep(
            store=self.store,
            exchange=self.exchange,
            stamped_dir=self.course.root / STAMPED_DIR,
            roster=self.roster(),
            notebooks=self.notebooks,
            now=datetime.now(UTC),
        )
        for kind in ("started", "stamped", "submitted_by_service", "refused", "problems"):
            for item in getattr(report, kind):
                log.log(
                    logging.WARNING if kind in ("refused", "problems") else logging.INFO, "%s: %s", kind, item
                )

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
    def post(self, assignment: str) -> None:
        now = datetime.now(UTC)
        try:
            attempt = self.state.store.start(candidate=self.candidate(), assignment=assignment, now=now)
        except CohortError as exc:
            self.reply({"error": str(exc)}, status=409)
            return
        self.reply(attempt.state(now))


class SubmittedHandler(ClockHandler):
    @web.authenticated
    def post(self, assignment: str) -> None:
        """Stamp a submission the caller just made, without waiting for the next round."""
        self.state.sweep()
        now = datetime.now(UTC)
        try:
            self.reply(self.state.store.attempt(candidate=self.candidate(), assignment=assignment).state(now))
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
    course_id = str(course.nbgrader_config().CourseDirectory.get("course_id") or "mleprep")
    state = ClockState(course, ExchangeCourse(args.exchange, course_id))
    url = urlparse(os.environ.get("JUPYTERHUB_SERVICE_URL", "http://127.0.0.1:10101"))
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", f"/services/{SERVICE_NAME}/")
    app = make_app(state, prefix)
    app.listen(url.port or 80, url.hostname or "127.0.0.1")
    log.info("serving %s on %s for course %s (exchange %s)", prefix, url.geturl(), course.root, args.exchange)
    state.sweep()
    ioloop.PeriodicCallback(state.sweep, args.every * 1000).start()
    ioloop.IOLoop.current().start()
    return 0


if __name__ == "__main__":
    sys.exit(main())
