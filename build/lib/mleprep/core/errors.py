"""The one base of every error mleprep reports to a person: the CLI catches it and prints its message.

Each error also keeps the built-in type it has always been (ValueError, LookupError, ...), so code
that caught those still does.
"""

from __future__ import annotations


class MleprepError(Exception):
    """An error whose message says what went wrong and what to do; `exit_code` is the CLI's."""

    exit_code = 2
