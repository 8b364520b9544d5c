"""mleprep's command line: the main parser, and the one place errors become messages and exit codes.

Heavy imports (nbgrader, scikit-learn) happen inside the commands so that `mleprep --help` is instant.
"""

from __future__ import annotations

import argparse
import atexit
import os
import sys
from pathlib import Path

from mleprep.cli import (
    attempt_commands,
    authoring_commands,
    cohort_commands,
    course_commands,
    practice_commands,
    readiness_commands,
)

COMMANDS: dict[str, dict[str, str]] = {
    **course_commands.COMMANDS,
    **authoring_commands.COMMANDS,
    **attempt_commands.COMMANDS,
    **practice_commands.COMMANDS,
    **readiness_commands.COMMANDS,
    **cohort_commands.COMMANDS,
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mleprep",
        description="Practice kit for machine-learning engineer interviews.",
        epilog="example:\n  mleprep start churn --lab\n  mleprep list\n  mleprep verify --all",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--course", type=Path, help="course root (default: found from the working directory)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    course_commands.add_commands(sub)
    authoring_commands.add_commands(sub)
    attempt_commands.add_commands(sub)
    practice_commands.add_commands(sub)
    readiness_commands.add_commands(sub)
    cohort_commands.add_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from mleprep.core.errors import MleprepError

    try:
        return args.handler(args)
    except MleprepError as exc:
        print(f"mleprep {args.command}: {exc}", file=sys.stderr)
        return exc.exit_code
    except FileNotFoundError as exc:  # a file the user named
        print(f"mleprep {args.command}: {exc}", file=sys.stderr)
        return 2


def run() -> None:
    """The `mleprep` script: `main`, then an exit that skips tearing the interpreter down.

    After a grading command, finalizing the modules it loaded (pandas, matplotlib, nbgrader) takes
    about 0.3 s of a user's wait and does nothing they need: every atexit handler (temporary
    folders, multiprocessing's clean-up) still runs first, and output is flushed.
    """
    outcome: list[int] = []
    atexit.register(_exit_now, outcome)  # registered first, so it runs after every other handler
    outcome.append(main())
    sys.exit(outcome[0])


def _exit_now(outcome: list[int]) -> None:
    if outcome:  # main returned; an exception or argparse's exit finalizes as usual
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(outcome[0])


if __name__ == "__main__":
    run()
