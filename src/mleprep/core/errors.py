"""The one base of every error mleprep reports to a person: the CLI catches it and prints its message.

Each error also keeps the built-in type it has always been (ValueError, LookupError, ...), so code
that caught those still does.
"""

from __future__ import annotations


class MleprepError(Exception):
    """An error whose message says what went wrong and what to do; `exit_code` is the CLI's."""

    exit_code = 2


# Here rather than beside the cohort's database: a candidate's `mleprep submit` asks whether it runs
# on a cohort's hub (cohort.clock_client) without importing SQLAlchemy (0.2 s).
class CohortError(MleprepError, RuntimeError):
    """A cohort action that cannot be done as asked; the message says what to do."""
