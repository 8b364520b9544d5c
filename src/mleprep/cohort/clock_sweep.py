"""The clock service's rounds: notice starts and submissions, and submit for those out of time.

Run every few seconds by the service (and once on demand after a submit, and by the mentor's
collect), so nothing depends on a candidate's server telling the truth: a start is seen as the
fetched folder appearing in the candidate's home, a submission as a new folder in the exchange's
inbound. A submission is copied, when first seen, into the course's `stamped/` folder, which only
the mentor and the service can read: what is graded is what was stamped, whatever happens later.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import pwd
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from mleprep.cohort.attempt_store import AttemptStore, CohortError
from mleprep.cohort.exchange_files import (
    ExchangeCourse,
    UnsafeSubmission,
    content_time,
    owner_name,
    snapshot,
    submit_saved_work,
)

log = logging.getLogger("mleprep.cohort")
NBGRADER_CACHE = Path(".local/share/jupyter/nbgrader_cache")
# In the course root: every stamped submission as it was when stamped, for the mentor only.
STAMPED_DIR = "stamped"
# Inside it, per assignment: submissions refused for good, so they are not retried every round.
REFUSED_DIR = ".refused"


def home_of(candidate: str) -> Path | None:
    try:
        return Path(pwd.getpwnam(candidate).pw_dir)
    except KeyError:
        return None


@dataclass
class SweepReport:
    started: list[str] = field(default_factory=list)
    stamped: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    submitted_by_service: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Round:
    store: AttemptStore
    exchange: ExchangeCourse
    stamped_dir: Path
    notebooks: dict[str, str]
    homes: Callable[[str], Path | None]
    now: datetime
    report: SweepReport


def _notice_starts(r: Round, roster: list[str]) -> None:
    for release in r.store.releases():
        notebook = r.notebooks.get(release.assignment)
        for candidate in roster:
            home = r.homes(candidate)
            if home is None or notebook is None:
                continue
            fetched = home / release.assignment
            if not (fetched / notebook).is_file():
                continue
            if r.store.attempt(candidate=candidate, assignment=release.assignment).started_at is not None:
                continue
            # Every inode change is at or after the fetch, and a candidate can only move them later:
            # the earliest in the folder is the closest to the fetch, even when noticed late.
            try:
                at = min(r.now, content_time(fetched, earliest=True))
                r.store.start(candidate=candidate, assignment=release.assignment, now=at)
                r.report.started.append(f"{candidate}/{release.assignment}")
            except CohortError as exc:
                r.report.problems.append(f"{candidate}/{release.assignment}: fetched but {exc}")
            except Exception as exc:  # one candidate's folder must not stop the others' starts
                log.exception("mleprep clock: noticing %s's start", candidate)
                r.report.problems.append(f"{candidate}/{release.assignment}: start not noticed ({exc})")


def _stamp(r: Round, candidate: str, assignment: str, name: str, *, at: datetime | None = None) -> None:
    """Copy the inbound folder `name` where its author cannot reach it, then record its time."""
    written = snapshot(r.exchange.inbound / name, r.stamped_dir / assignment / name)
    service_at = at is not None
    r.store.stamp(
        candidate=candidate,
        assignment=assignment,
        exchange_name=name,
        at=at or written,
        by_service=service_at,
    )
    (r.report.submitted_by_service if service_at else r.report.stamped).append(name)


def _stamp_submissions(r: Round) -> None:
    released = {rel.assignment for rel in r.store.releases()}
    stamped = r.store.stamped_names()
    for entry in r.exchange.inbound_entries():
        if entry.name in stamped or entry.assignment not in released:
            continue
        owner = owner_name(entry.path)
        if owner != entry.candidate:
            # Only its author may hand in under a name; anything else is refused, never graded.
            r.report.refused.append(f"{entry.name}: written by {owner}, not {entry.candidate}")
            continue
        refused = r.stamped_dir / entry.assignment / REFUSED_DIR / entry.name
        if refused.exists():
            continue
        try:
            _stamp(r, entry.candidate, entry.assignment, entry.name)
        except UnsafeSubmission as exc:
            # Refused once for all: a 500 MB folder must not be copied again every round.
            refused.parent.mkdir(parents=True, exist_ok=True)
            refused.write_text(str(exc), encoding="utf-8")
            r.report.problems.append(f"{entry.name}: not stamped ({exc})")
        except Exception as exc:
            log.exception("mleprep clock: stamping %s", entry.name)
            r.report.problems.append(f"{entry.name}: not stamped ({exc})")


def _submit_expired(r: Round) -> None:
    for release in r.store.releases():
        notebook = r.notebooks.get(release.assignment, "")
        for attempt in r.store.attempts(assignment=release.assignment):
            deadline = attempt.deadline
            if deadline is None or attempt.submissions or r.now < deadline:
                continue
            who = f"{attempt.candidate}/{release.assignment}"
            home = r.homes(attempt.candidate)
            folder = home / release.assignment if home else None
            if folder is None or not (folder / notebook).is_file():
                r.report.problems.append(f"{who}: out of time, nothing saved to submit")
                continue
            try:
                entry = submit_saved_work(
                    exchange=r.exchange,
                    candidate=attempt.candidate,
                    assignment=release.assignment,
                    folder=folder,
                    cache=home / NBGRADER_CACHE,
                    now=r.now,
                )
                # The work as saved: on time if nothing changed after the deadline, else as late as
                # its last change, read after the copy so that a change during it counts (a round
                # long after the deadline must not date later work back).
                at = max(deadline, content_time(folder))
                _stamp(r, attempt.candidate, release.assignment, entry.name, at=at)
                if entry.note:
                    r.report.problems.append(f"{who}: {entry.note}")
            except Exception as exc:  # one candidate's folder must not stop the others' submissions
                log.exception("mleprep clock: submitting for %s", who)
                r.report.problems.append(f"{who}: out of time, could not submit the saved work ({exc})")


@contextlib.contextmanager
def _one_round_at_a_time(stamped_dir: Path) -> Iterator[None]:
    # The service and a mentor's collect may sweep at once: one would submit an expired attempt twice.
    stamped_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    with (stamped_dir / ".sweep.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def sweep(
    *,
    store: AttemptStore,
    exchange: ExchangeCourse,
    stamped_dir: Path,
    roster: list[str],
    notebooks: dict[str, str],
    now: datetime,
    homes: Callable[[str], Path | None] = home_of,
) -> SweepReport:
    """One round; a failure in one step is reported and never stops the others."""
    r = Round(store, exchange, stamped_dir, notebooks, homes, now, SweepReport())
    with _one_round_at_a_time(stamped_dir):
        for step in (
            lambda: _notice_starts(r, roster),
            lambda: _stamp_submissions(r),
            lambda: _submit_expired(r),
        ):
            try:
                step()
            except Exception as exc:  # the service must keep its rounds going whatever one round meets
                log.exception("mleprep clock: a round failed")
                r.report.problems.append(f"{type(exc).__name__}: {exc}")
    return r.report
