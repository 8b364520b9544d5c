"""The clock service's rounds: stamp submissions, and submit for those out of time.

Run every few seconds by the service (and once on demand after a submit, and by the mentor's
collect), so nothing depends on a candidate's server telling the truth: a submission is seen as a
new folder in the exchange's inbound (starts need no sweep: only the service hands an
assignment out). A submission is copied, when first seen, into the course's `stamped/` folder,
which only the mentor and the service can read: what is graded is what was stamped, whatever
happens later.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import pwd
import secrets
import stat
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from mleprep.cohort.as_candidate import deliver_submission
from mleprep.cohort.attempt_store import AttemptStore
from mleprep.cohort.exchange_files import (
    ExchangeCourse,
    InboundEntry,
    UnsafeSubmission,
    content_time,
    owner_name,
    snapshot,
    submission_name,
)
from mleprep.core.defaults import NOT_WORK

log = logging.getLogger("mleprep.cohort")
NBGRADER_CACHE = Path(".local/share/jupyter/nbgrader_cache")
# In the course root: every stamped submission as it was when stamped, for the mentor only.
STAMPED_DIR = "stamped"
# Inside it, per assignment: submissions refused for good, so they are not retried every round.
REFUSED_DIR = ".refused"
# A submission is stamped once nothing in it changed for this long (seconds).
QUIET_S = 2.0
# Each is copied into stamped/: a candidate submitting in a loop must not fill the disk.
MAX_SUBMISSIONS = 30


def home_of(candidate: str) -> Path | None:
    try:
        return Path(pwd.getpwnam(candidate).pw_dir)
    except KeyError:
        return None


@dataclass
class SweepReport:
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


def _stamp(r: Round, candidate: str, assignment: str, name: str, *, at: datetime | None = None) -> None:
    """Copy the inbound folder `name` where its author cannot reach it, then record its time."""
    # Files not the candidate's own (a hard link to a file they cannot read) are never copied.
    uid = pwd.getpwnam(candidate).pw_uid if os.geteuid() == 0 else None
    written = snapshot(r.exchange.inbound / name, r.stamped_dir / assignment / name, owner_uid=uid)
    service_at = at is not None
    r.store.stamp(
        candidate=candidate,
        assignment=assignment,
        exchange_name=name,
        at=at or written,
        by_service=service_at,
    )
    (r.report.submitted_by_service if service_at else r.report.stamped).append(name)


def _complete(folder: Path) -> bool:
    """nbgrader's submit has finished writing `folder`, and nothing in it changed for a moment."""
    try:
        # Regular files, not links: the snapshot would leave a link out.
        if not all(
            stat.S_ISREG(os.lstat(folder / n).st_mode) for n in ("timestamp.txt", "submission_secret.txt")
        ):
            return False
        return time.time() - content_time(folder).timestamp() >= QUIET_S
    except OSError:  # gone or changing under us: look again next round
        return False


def _refuse(marker: Path, reason: str) -> None:
    # Refused once for all: a 500 MB folder must not be walked and copied again every round.
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.write_text(reason, encoding="utf-8")


def _count(r: Round, entry: InboundEntry) -> int:
    attempt = r.store.attempt(candidate=entry.candidate, assignment=entry.assignment)
    return len(attempt.submissions)


def _stamp_submissions(r: Round) -> None:
    released = {rel.assignment for rel in r.store.releases()}
    stamped = r.store.stamped_names()
    per_candidate: dict[tuple[str, str], int] = {}
    for entry in r.exchange.inbound_entries():
        if entry.name in stamped or entry.assignment not in released:
            continue
        refused = r.stamped_dir / entry.assignment / REFUSED_DIR / entry.name
        if refused.exists():
            continue
        if not _complete(entry.path):
            continue  # still being written: nbgrader copies in place and adds these two files last
        owner = owner_name(entry.path)
        if owner != entry.candidate:
            # Only its author may hand in under a name; anything else is refused, never graded.
            _refuse(refused, f"written by {owner}, not {entry.candidate}")
            r.report.refused.append(f"{entry.name}: written by {owner}, not {entry.candidate}")
            continue
        key = (entry.candidate, entry.assignment)
        if per_candidate.setdefault(key, _count(r, entry)) >= MAX_SUBMISSIONS:
            _refuse(
                refused, f"{entry.candidate} already has {MAX_SUBMISSIONS} submissions of {entry.assignment}"
            )
            r.report.problems.append(
                f"{entry.name}: not stamped ({entry.candidate} has {MAX_SUBMISSIONS} already)"
            )
            continue
        per_candidate[key] += 1
        try:
            _stamp(r, entry.candidate, entry.assignment, entry.name)
        except UnsafeSubmission as exc:
            _refuse(refused, str(exc))
            r.report.problems.append(f"{entry.name}: not stamped ({exc})")
        except Exception as exc:
            log.exception("mleprep clock: stamping %s", entry.name)
            r.report.problems.append(f"{entry.name}: not stamped ({exc})")


def _submit_for(r: Round, candidate: str, assignment: str, home: Path, deadline: datetime) -> str:
    """Submit `folder` for a candidate out of time: the service's own copy first, stamped from what it
    copied (not from anything the candidate can touch afterwards), then nbgrader's copies, as them."""
    name, timestamp = submission_name(candidate, assignment, r.now)
    folder, stamped = home / assignment, r.stamped_dir / assignment / name
    uid = pwd.getpwnam(candidate).pw_uid if os.geteuid() == 0 else None
    written = snapshot(folder, stamped, skip=NOT_WORK, owner_uid=uid)
    (stamped / "timestamp.txt").write_text(timestamp, encoding="utf-8")
    (stamped / "submission_secret.txt").write_text(secrets.token_hex(64), encoding="utf-8")
    # On time if nothing changed after the deadline, else as late as its last change (a round long
    # after the deadline, with the service down, say, must not date later work back).
    at = max(deadline, written)
    r.store.stamp(candidate=candidate, assignment=assignment, exchange_name=name, at=at, by_service=True)
    r.report.submitted_by_service.append(name)
    home = r.homes(candidate)
    assert home is not None  # the caller found the folder in it
    cache = home / NBGRADER_CACHE / r.exchange.course_id / name.rsplit("+", 1)[0]
    try:
        note = deliver_submission(
            candidate=candidate, stamped=stamped, inbound=r.exchange.inbound / name, cache=cache
        )
    except UnsafeSubmission as exc:  # submitted and stamped all the same: the mentor collects stamped/
        note = f"submitted, but not copied where nbgrader looks ({exc}): feedback cannot be fetched"
    return note or ""


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
            if home is None or folder is None or not (folder / notebook).is_file():
                r.report.problems.append(f"{who}: out of time, nothing saved to submit")
                continue
            # A folder that could not be submitted is tried again only once it changes.
            failed = r.stamped_dir / release.assignment / REFUSED_DIR / f"{attempt.candidate}.saved-work"
            try:
                if failed.exists() and failed.read_text(encoding="utf-8") == content_time(folder).isoformat():
                    continue
                if note := _submit_for(r, attempt.candidate, release.assignment, home, deadline):
                    r.report.problems.append(f"{who}: {note}")
            except Exception as exc:  # one candidate's folder must not stop the others' submissions
                log.exception("mleprep clock: submitting for %s", who)
                r.report.problems.append(f"{who}: out of time, could not submit the saved work ({exc})")
                with contextlib.suppress(OSError):
                    _refuse(failed, content_time(folder).isoformat())


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
    notebooks: dict[str, str],
    now: datetime,
    homes: Callable[[str], Path | None] = home_of,
) -> SweepReport:
    """One round; a failure in one step is reported and never stops the others."""
    r = Round(store, exchange, stamped_dir, notebooks, homes, now, SweepReport())
    with _one_round_at_a_time(stamped_dir):
        for step in (
            lambda: _stamp_submissions(r),
            lambda: _submit_expired(r),
        ):
            try:
                step()
            except Exception as exc:  # the service must keep its rounds going whatever one round meets
                log.exception("mleprep clock: a round failed")
                r.report.problems.append(f"{type(exc).__name__}: {exc}")
    return r.report
