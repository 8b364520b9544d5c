"""The mentor's side of a cohort on JupyterHub: release through nbgrader's exchange, collect what
the clock service stamped, and hand feedback back.

Collecting is mleprep's own, in one respect: nbgrader picks a candidate's latest submission by the
timestamp in the folder's name, which the candidate's client writes. Here the latest is the one
the clock service stamped last, and the attempt record graded with it is written from the
service's records over anything the candidate put in the folder.
"""

from __future__ import annotations

import logging
import os
import shutil
import stat
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from mleprep.cohort.attempt_store import AttemptStore, CohortAttempt, CohortError
from mleprep.cohort.clock_sweep import STAMPED_DIR, sweep
from mleprep.cohort.exchange_files import ExchangeCourse
from mleprep.core.defaults import ATTEMPT_FILE
from mleprep.course.attempt_record import Attempt, write_attempt
from mleprep.course.nbgrader_steps import ensure_registered, put_environment_on_path
from mleprep.course.root import Course

COLLECTED_DIR = "collected"
DEFAULT_EXCHANGE = Path("/srv/nbgrader/exchange")


def exchange_of(course: Course, root: Path | None = None) -> ExchangeCourse:
    """The course's folders in the exchange at `root` (default: the course config's Exchange.root)."""
    config = course.nbgrader_config()
    if root is None:
        root = Path(str(config.Exchange.get("root") or DEFAULT_EXCHANGE))
    return ExchangeCourse(root, str(config.CourseDirectory.get("course_id") or "mleprep"))


def _run_exchange(step: Any, course: Course, exchange: ExchangeCourse, **coursedir: Any) -> str:
    """One of nbgrader's exchange steps with the course's config; its log on failure."""
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.exchange import ExchangeError

    put_environment_on_path()
    config = course.nbgrader_config()
    config.CourseDirectory.db_url = course.db_url(config)
    config.CourseDirectory.course_id = exchange.course_id
    config.Exchange.root = str(exchange.root)
    for key, value in coursedir.items():
        setattr(config.CourseDirectory, key, value)
    coursedir_obj = CourseDirectory(config=config)
    app = step(coursedir=coursedir_obj, authenticator=Authenticator(config=config), config=config)
    app.force = True
    records: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: records.append(record.getMessage())  # type: ignore[method-assign]
    app.log.addHandler(handler)
    try:
        app.start()
    except ExchangeError as exc:
        raise CohortError(f"nbgrader {step.__name__}: {records[-1] if records else exc}") from exc
    finally:
        app.log.removeHandler(handler)
    return "\n".join(records)


def _private_release_step() -> Any:
    """nbgrader's release_assignment, writing an outbound copy only root can read, from the start.

    nbgrader leaves outbound readable by all (its fetch runs as the candidate), so anyone could read
    a take-home before starting its clock; here the clock service hands it out at the start instead
    (mleprep.cohort.hub_exchange). The copy is made inside a private folder and moved into place, so
    there is no moment at which a candidate could open it.
    """
    from nbgrader.exchange.default import ExchangeReleaseAssignment

    class PrivateReleaseAssignment(ExchangeReleaseAssignment):
        def do_copy(self, src: str, dest: str) -> None:
            final = Path(dest)
            private = final.with_name(f".{final.name}.{os.getpid()}.partial")
            private.mkdir(mode=0o700)
            try:
                super().do_copy(src, str(private / final.name))  # nbgrader's own ignore and size rules
                self.set_perms(str(private / final.name), 0o600, 0o700)
                (private / final.name).rename(final)
            finally:
                shutil.rmtree(private, ignore_errors=True)

        def set_perms(self, dest: str, fileperms: int, dirperms: int) -> None:
            super().set_perms(dest, 0o600, 0o700)

    return PrivateReleaseAssignment


def _no_renaming_by_others(exchange: ExchangeCourse) -> None:
    """nbgrader makes the exchange root and inbound writable by all but not sticky: anyone could
    rename the course's folder, or another's submission, and put their own in its place."""
    for folder in (exchange.root, exchange.inbound):
        folder.chmod(folder.stat().st_mode | stat.S_ISVTX)


def release_to_cohort(
    *,
    course: Course,
    assignment_id: str,
    now: datetime,
    exchange_root: Path | None = None,
    time_limit_s: int | None = None,
    opens: datetime | None = None,
    closes: datetime | None = None,
) -> dict[str, Any]:
    """Publish assignments/<id> to the exchange's outbound and open its clock for the cohort."""
    assignment = course.assignment(assignment_id)
    if not (course.release_dir / assignment_id / assignment.notebook).is_file():
        raise CohortError(f"{assignment_id} is not released: run `mleprep release {assignment_id}` first")
    exchange = exchange_of(course, exchange_root)
    with AttemptStore(course.db_url()) as store:
        try:
            store.get_release(assignment_id)
            first = False
        except CohortError:
            first = True
        plan = {
            "assignment": assignment_id,
            "time_limit_s": assignment.time_limit_s if first and time_limit_s is None else time_limit_s,
            "now": now,
            "opens": opens,
            "closes": closes,
        }
        # A window that makes no sense is refused before anything is published; the release is
        # recorded once it is, so the clock never points at an assignment not in the exchange.
        store.release(**plan, check_only=True)
        ensure_registered(course=course, assignment_id=assignment_id)
        _run_exchange(_private_release_step(), course, exchange, assignment_id=assignment_id)
        store.release(**plan)
        release = store.get_release(assignment_id)
    _no_renaming_by_others(exchange)
    return {
        "assignment": assignment_id,
        "outbound": str(exchange.outbound / assignment_id),
        "time_limit_s": release.time_limit_s,
        "opens": release.opens.isoformat() if release.opens else None,
        "closes": release.closes.isoformat() if release.closes else None,
    }


@dataclass
class Collected:
    assignment: str
    folder: Path
    candidates: list[dict[str, Any]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "assignment": self.assignment,
            "folder": str(self.folder),
            "candidates": self.candidates,
            "problems": self.problems,
        }


def _graded_attempt(attempt: CohortAttempt, notebook: str, folder: Path) -> tuple[Attempt, str | None]:
    last = attempt.last_submission
    if last is None:
        raise CohortError(f"{attempt.candidate} has no stamped submission to grade")
    note = None
    started = attempt.started_at
    if started is None:
        # A submission with no start seen: measured from the release (or the window's opening).
        started = max(filter(None, (attempt.release.released_at, attempt.release.opens)))
        note = "no start recorded by the clock service: time measured from the release"
        attempt = CohortAttempt(
            attempt.candidate, attempt.release, started, attempt.extension_s, attempt.submissions
        )
    deadline = attempt.deadline or started + timedelta(seconds=attempt.release.time_limit_s)
    record = Attempt(
        assignment=attempt.release.assignment,
        notebook=notebook,
        started_at=started,
        deadline=deadline,
        time_limit_s=attempt.release.time_limit_s,
        folder=folder,
        submitted_at=last.submitted_at,
    )
    return record, note


def collect(
    *, course: Course, assignment_id: str, now: datetime, exchange_root: Path | None = None
) -> Collected:
    """Copy each candidate's last stamped submission to collected/<id>/<candidate>/, ready for
    `mleprep grade <id> --submissions collected/<id>`, with the service's attempt record."""
    assignment = course.assignment(assignment_id)
    exchange = exchange_of(course, exchange_root)
    store = AttemptStore(course.db_url())
    out = course.root / COLLECTED_DIR / assignment_id
    result = Collected(assignment_id, out)
    try:
        # A round of the service's own sweep first: nothing is lost if the service was down.
        report = sweep(
            store=store,
            exchange=exchange,
            stamped_dir=course.root / STAMPED_DIR,
            notebooks={a.id: a.notebook for a in course.assignments()},
            now=now,
        )
        result.problems += report.refused + report.problems
        for attempt in store.attempts(assignment=assignment_id):
            last = attempt.last_submission
            if last is None:
                continue
            # The copy taken when it was stamped: what the candidate handed in, not what is there now.
            source = course.root / STAMPED_DIR / assignment_id / last.exchange_name
            if not source.is_dir():
                result.problems.append(
                    f"{attempt.candidate}: the stamped copy of {last.exchange_name} is missing"
                )
                continue
            dest = out / attempt.candidate
            tmp = out / f".{attempt.candidate}.partial"
            shutil.rmtree(tmp, ignore_errors=True)
            shutil.copytree(source, tmp)
            (tmp / ATTEMPT_FILE).unlink(missing_ok=True)
            record, note = _graded_attempt(attempt, assignment.notebook, tmp)
            write_attempt(record)
            shutil.rmtree(dest, ignore_errors=True)
            tmp.rename(dest)
            result.candidates.append(
                {
                    "candidate": attempt.candidate,
                    "submitted_at": last.submitted_at.isoformat(timespec="seconds"),
                    "late_s": round(record.late_s(last.submitted_at), 1),
                    "submitted_by_service": last.by_service,
                    "note": note,
                }
            )
    finally:
        store.close()
    return result


def release_feedback(
    *, course: Course, assignment_id: str, exchange_root: Path | None = None
) -> tuple[list[str], list[str]]:
    """nbgrader's release_feedback for every graded candidate: who got feedback, and the problems."""
    from nbgrader.exchange.default import ExchangeReleaseFeedback

    exchange = exchange_of(course, exchange_root)
    released: list[str] = []
    problems: list[str] = []
    for folder in sorted(course.feedback_dir.glob(f"*/{assignment_id}")):
        candidate = folder.parent.name
        collected = course.root / COLLECTED_DIR / assignment_id / candidate
        # nbgrader files feedback under a hash of the secret the candidate's submit wrote.
        for name in ("submission_secret.txt", "timestamp.txt"):
            if not (folder / name).is_file() and (collected / name).is_file():
                shutil.copy2(collected / name, folder / name)
        if not (folder / "submission_secret.txt").is_file() or not list(folder.glob("*.html")):
            continue
        try:
            _run_exchange(
                ExchangeReleaseFeedback, course, exchange, assignment_id=assignment_id, student_id=candidate
            )
        except (CohortError, OSError) as exc:  # one broken folder must not hold back everyone's feedback
            problems.append(f"{candidate}: {exc}")
            continue
        released.append(candidate)
    if not released and not problems:
        raise CohortError(
            f"no feedback to release for {assignment_id}: grade the collected submissions first"
        )
    return released, problems
