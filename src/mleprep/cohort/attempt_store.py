"""A cohort's attempts, kept in the course gradebook's database beside nbgrader's own tables.

The clock service writes starts and submission stamps here; the mentor's commands write releases
and extensions and read everything back. Candidates never reach this database: their servers only
ask the service, which answers for the token's own user.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from mleprep.cohort.cohort_attempt import CohortAttempt, Release, Submission
from mleprep.core.errors import CohortError

__all__ = ["AttemptStore", "CohortAttempt", "CohortError", "Release", "Submission"]


METADATA = sa.MetaData()
RELEASES = sa.Table(
    "mleprep_cohort_release",
    METADATA,
    sa.Column("assignment", sa.String(128), primary_key=True),
    sa.Column("time_limit_s", sa.Integer, nullable=False),
    sa.Column("opens", sa.DateTime, nullable=True),
    sa.Column("closes", sa.DateTime, nullable=True),
    sa.Column("released_at", sa.DateTime, nullable=False),
)
ATTEMPTS = sa.Table(
    "mleprep_cohort_attempt",
    METADATA,
    sa.Column("candidate", sa.String(128), primary_key=True),
    sa.Column("assignment", sa.String(128), primary_key=True),
    sa.Column("started_at", sa.DateTime, nullable=True),
    sa.Column("extension_s", sa.Integer, nullable=False, default=0),
)
SUBMISSIONS = sa.Table(
    "mleprep_cohort_submission",
    METADATA,
    sa.Column("exchange_name", sa.String(512), primary_key=True),
    sa.Column("candidate", sa.String(128), nullable=False, index=True),
    sa.Column("assignment", sa.String(128), nullable=False),
    sa.Column("submitted_at", sa.DateTime, nullable=False),
    sa.Column("by_service", sa.Boolean, nullable=False, default=False),
)


def _naive(moment: datetime) -> datetime:
    # Stored as naive UTC: SQLite drops time zones, PostgreSQL keeps them; both read back alike.
    return moment.astimezone(UTC).replace(tzinfo=None)


def _aware(moment: datetime | None) -> datetime | None:
    return None if moment is None else moment.replace(tzinfo=UTC)


class AttemptStore:
    """The cohort tables in the database at `db_url` (nbgrader's gradebook URL), created on first use."""

    def __init__(self, db_url: str) -> None:
        connect_args = {"timeout": 30} if db_url.startswith("sqlite") and "timeout=" not in db_url else {}
        self.engine = sa.create_engine(db_url, connect_args=connect_args, future=True)
        METADATA.create_all(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> AttemptStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _tx(self) -> Iterator[sa.Connection]:
        with self.engine.begin() as conn:
            yield conn

    # The mentor's side.
    def release(
        self,
        *,
        assignment: str,
        time_limit_s: int | None,
        now: datetime,
        opens: datetime | None = None,
        closes: datetime | None = None,
        check_only: bool = False,
    ) -> Release | None:
        """Record a release, or update one: what is not given stays as it was (releasing again to
        add a file must not drop the window); attempts already started keep their start. With
        `check_only`, refuse what would be refused and record nothing."""
        row: dict[str, Any] = {}
        if time_limit_s is not None:
            row["time_limit_s"] = time_limit_s
        if opens is not None:
            row["opens"] = _naive(opens)
        if closes is not None:
            row["closes"] = _naive(closes)
        with self._tx() as conn:
            found = conn.execute(sa.select(RELEASES).where(RELEASES.c.assignment == assignment)).first()
            if found is None and time_limit_s is None:
                raise CohortError(f"{assignment}: a first release needs its time limit")
            window = {"opens": found.opens, "closes": found.closes} if found else {}
            window.update({k: row[k] for k in ("opens", "closes") if k in row})
            if window.get("opens") and window.get("closes") and window["closes"] <= window["opens"]:
                raise CohortError(f"the window closes ({window['closes']:%Y-%m-%d %H:%M}) before it opens")
            if check_only:
                return None
            if found:
                if row:
                    conn.execute(RELEASES.update().where(RELEASES.c.assignment == assignment).values(**row))
            else:
                conn.execute(RELEASES.insert().values(assignment=assignment, released_at=_naive(now), **row))
        return self.get_release(assignment)

    def get_release(self, assignment: str) -> Release:
        with self._tx() as conn:
            row = conn.execute(sa.select(RELEASES).where(RELEASES.c.assignment == assignment)).first()
        if row is None:
            raise CohortError(
                f"{assignment} is not released to the cohort: run `mleprep cohort release {assignment}`"
            )
        return Release(
            row.assignment, row.time_limit_s, _aware(row.opens), _aware(row.closes), _aware(row.released_at)
        )

    def releases(self) -> list[Release]:
        with self._tx() as conn:
            names = [
                r.assignment for r in conn.execute(sa.select(RELEASES.c.assignment).order_by("assignment"))
            ]
        return [self.get_release(name) for name in names]

    def extend(self, *, candidate: str, assignment: str, seconds: int) -> CohortAttempt:
        """Add `seconds` to one candidate's deadline (negative takes time back, never below none)."""
        self.get_release(assignment)
        with self._tx() as conn:
            self._ensure_row(conn, candidate, assignment)
            where = (ATTEMPTS.c.candidate == candidate) & (ATTEMPTS.c.assignment == assignment)
            # In SQL, so two mentors extending at once both count.
            total = ATTEMPTS.c.extension_s + seconds
            conn.execute(
                ATTEMPTS.update().where(where).values(extension_s=sa.case((total < 0, 0), else_=total))
            )
        return self.attempt(candidate=candidate, assignment=assignment)

    # The service's side.
    def may_start(self, *, candidate: str, assignment: str, now: datetime) -> bool:
        """True if `now` would start the candidate's clock, False if it runs already; CohortError if
        the window does not allow a start."""
        if self.attempt(candidate=candidate, assignment=assignment).started_at is not None:
            return False
        release = self.get_release(assignment)
        if release.opens and now < release.opens:
            raise CohortError(f"{assignment} opens at {release.opens:%Y-%m-%d %H:%M} UTC")
        if release.closes and now >= release.closes:
            raise CohortError(f"{assignment} closed at {release.closes:%Y-%m-%d %H:%M} UTC")
        return True

    def start(self, *, candidate: str, assignment: str, now: datetime) -> CohortAttempt:
        """Start the candidate's clock at `now`, once: a second start changes nothing."""
        release = self.get_release(assignment)
        if release.opens and now < release.opens:
            raise CohortError(f"{assignment} opens at {release.opens:%Y-%m-%d %H:%M} UTC")
        if release.closes and now >= release.closes:
            raise CohortError(f"{assignment} closed at {release.closes:%Y-%m-%d %H:%M} UTC")
        with self._tx() as conn:
            self._ensure_row(conn, candidate, assignment)
            where = (
                (ATTEMPTS.c.candidate == candidate)
                & (ATTEMPTS.c.assignment == assignment)
                & ATTEMPTS.c.started_at.is_(None)
            )
            conn.execute(ATTEMPTS.update().where(where).values(started_at=_naive(now)))
        return self.attempt(candidate=candidate, assignment=assignment)

    def stamp(
        self, *, candidate: str, assignment: str, exchange_name: str, at: datetime, by_service: bool = False
    ) -> bool:
        """Record a submission seen in the exchange at `at`; a name already stamped keeps its time."""
        with self._tx() as conn:
            return self._insert_once(
                conn,
                SUBMISSIONS,
                exchange_name=exchange_name,
                candidate=candidate,
                assignment=assignment,
                submitted_at=_naive(at),
                by_service=by_service,
            )

    def stamped_names(self) -> set[str]:
        with self._tx() as conn:
            return {r.exchange_name for r in conn.execute(sa.select(SUBMISSIONS.c.exchange_name))}

    # Reading.
    def attempt(self, *, candidate: str, assignment: str) -> CohortAttempt:
        release = self.get_release(assignment)
        with self._tx() as conn:
            row = conn.execute(
                sa.select(ATTEMPTS).where(
                    (ATTEMPTS.c.candidate == candidate) & (ATTEMPTS.c.assignment == assignment)
                )
            ).first()
            subs = conn.execute(
                sa.select(SUBMISSIONS).where(
                    (SUBMISSIONS.c.candidate == candidate) & (SUBMISSIONS.c.assignment == assignment)
                )
            ).all()
        return CohortAttempt(
            candidate,
            release,
            _aware(row.started_at) if row else None,
            row.extension_s if row else 0,
            tuple(Submission(s.exchange_name, _aware(s.submitted_at), s.by_service) for s in subs),
        )

    def attempts(self, *, assignment: str) -> list[CohortAttempt]:
        """Every candidate who started, was extended, or submitted, sorted by name."""
        with self._tx() as conn:
            names = {
                r.candidate
                for r in conn.execute(
                    sa.select(ATTEMPTS.c.candidate).where(ATTEMPTS.c.assignment == assignment)
                )
            }
            names |= {
                r.candidate
                for r in conn.execute(
                    sa.select(SUBMISSIONS.c.candidate).where(SUBMISSIONS.c.assignment == assignment)
                )
            }
        return [self.attempt(candidate=name, assignment=assignment) for name in sorted(names)]

    def submission(self, exchange_name: str) -> Submission | None:
        with self._tx() as conn:
            row = conn.execute(
                sa.select(SUBMISSIONS).where(SUBMISSIONS.c.exchange_name == exchange_name)
            ).first()
        return Submission(row.exchange_name, _aware(row.submitted_at), row.by_service) if row else None

    def _insert_once(self, conn: sa.Connection, table: sa.Table, **row: Any) -> bool:
        """Insert `row` unless its key is there; the service and a mentor's command may race here."""
        if self.engine.dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        # RETURNING, not rowcount: SQLAlchemy leaves rowcount unset (-1) after an INSERT on psycopg.
        stmt = insert(table).values(**row).on_conflict_do_nothing().returning(*table.primary_key.columns)
        return conn.execute(stmt).first() is not None

    def _ensure_row(self, conn: sa.Connection, candidate: str, assignment: str) -> None:
        self._insert_once(conn, ATTEMPTS, candidate=candidate, assignment=assignment, extension_s=0)
