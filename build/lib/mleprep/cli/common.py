"""What every command group shares: documented subcommands, printing text or JSON, the course and
workspace a command works on, the clock, and argument types for durations and sizes.

The clock is read here, once per command, and passed down: nothing below the CLI reads it.
"""

from __future__ import annotations

import argparse
import contextlib
import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from mleprep.core.durations import parse_duration

Handler = Callable[[argparse.Namespace], int]
WORKSPACE_HELP = "your workspace folder (default: $MLEPREP_WORKSPACE or ~/mleprep-workspace)"


def documented_parser(
    sub: Any, name: str, info: dict[str, str], handler: Handler | None, *, json_flag: bool = True
) -> argparse.ArgumentParser:
    """A subcommand whose help has `info["help"]` and an example epilog, with --json unless told not to."""
    p = sub.add_parser(
        name,
        help=info["help"],
        description=info["help"],
        epilog=f"example:\n  {info['example']}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    if json_flag:
        p.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    p.set_defaults(handler=handler)
    return p


def emit(args: argparse.Namespace, data: Any, text: str) -> None:
    """Print `data` as JSON with --json, else `text`."""
    print(json.dumps(data, indent=2) if getattr(args, "json", False) else text, flush=True)


def course_from(args: argparse.Namespace) -> Any:
    """The course of --course (else found from the working directory), with --db applied."""
    from dataclasses import replace

    from mleprep.course.root import Course, find_course

    course = Course(args.course.resolve()) if args.course else find_course()
    return replace(course, db=db) if (db := getattr(args, "db", None)) else course


def workspace_from(args: argparse.Namespace) -> Path:
    from mleprep.attempts.clock import default_workspace

    return (getattr(args, "workspace", None) or default_workspace()).expanduser().resolve()


def now() -> datetime:
    return datetime.now(UTC)


def duration_arg(text: str) -> int:
    """argparse type: seconds of '90m', '4h', '600'."""
    try:
        return parse_duration(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def size_arg(text: str) -> int:
    """argparse type: bytes of '2GB', '512MB'."""
    from mleprep.core.sizes import parse_size

    try:
        return parse_size(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


@contextlib.contextmanager
def batch_progress() -> Iterator[dict[str, Callable[..., None]]]:
    """`on_start` and `progress` callbacks for a batch of gradings that draw one progress bar,
    closed when the block ends (grade, calibrate)."""
    from mleprep.grading.progress import BatchProgress

    bar: list[BatchProgress] = []
    try:
        yield {
            "on_start": lambda total: bar.append(BatchProgress(total)),
            "progress": lambda result: bar[0].done(result),
        }
    finally:
        if bar:
            bar[0].close()
