"""mleprep's command line: each command parses its arguments and calls one library function.

Heavy imports (nbgrader, scikit-learn) happen inside the commands so that `mleprep --help` is instant.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mleprep import cli_attempt
from mleprep.durations import format_duration, parse_duration

COMMANDS: dict[str, dict[str, str]] = {
    "list": {
        "help": "List the assignments of the course.",
        "example": "mleprep list\n  mleprep list --json",
    },
    "release": {
        "help": "Regenerate assignments/ID from source/ID through nbgrader and scan it for leaks.",
        "example": "mleprep release churn",
    },
    "verify": {
        "help": "Prove assignments are sound: reference full marks, starter 0, baseline fails, in sync.",
        "example": "mleprep verify churn\n  mleprep verify --all --json",
    },
    "grade": {
        "help": "Grade a cohort in parallel: DIR/<candidate>/<notebook>.ipynb, or a zip of that.",
        "example": "mleprep grade churn --submissions ~/cohort-3.zip --jobs 4\n"
        "  mleprep grade churn --submissions ~/cohort-3 --candidate alice --json",
    },
    **cli_attempt.COMMANDS,
    "practice": {
        "help": "Practise the recruiter screen and hiring-manager round: questions, feedback, mock rounds.",
        "example": "mleprep practice mock hiring_manager\n"
        "  mleprep practice review --answer-file answer.txt --question hm-failure --json",
    },
}


def _emit(args: argparse.Namespace, data: dict[str, Any], text: str) -> None:
    cli_attempt.emit_for(args)(data, text)


def _course(args: argparse.Namespace) -> Any:
    from dataclasses import replace

    from mleprep.course import Course, find_course

    course = Course(args.course.resolve()) if args.course else find_course()
    return replace(course, db=db) if (db := getattr(args, "db", None)) else course


def cmd_list(args: argparse.Namespace) -> int:
    assignments = _course(args).assignments()
    data = {
        "assignments": [
            {
                "id": a.id,
                "title": a.title,
                "kind": a.kind,
                "stage": a.stage,
                "time_limit_s": a.time_limit_s,
                "skills": list(a.skills),
                "metric": a.metric.scorer if a.metric else None,
                "points": a.auto_points + a.manual_points,
                "summary": a.summary,
            }
            for a in assignments
        ]
    }
    lines = [
        f"{a.id:<12} {a.kind:<12} {format_duration(a.time_limit_s):>8}  {a.title}\n"
        f"{'':35}skills: {', '.join(a.skills)}"
        for a in assignments
    ]
    _emit(args, data, "\n".join(lines) or "no assignments")
    return 0


def cmd_release(args: argparse.Namespace) -> int:
    from mleprep.release import release

    result = release(course=_course(args), assignment_id=args.id)
    data = {"assignment": result.assignment_id, "path": str(result.path), "files": list(result.files)}
    _emit(
        args, data, f"released {result.assignment_id} to {result.path} ({len(result.files)} files, no leaks)"
    )
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from mleprep.verify import verify_assignment

    course = _course(args)
    if not args.ids and not args.all:
        raise SystemExit("mleprep verify: name assignments or pass --all")
    ids = course.assignment_ids() if args.all else args.ids
    results = []
    for assignment_id in ids:
        if not args.json:
            print(f"verifying {assignment_id} ...", file=sys.stderr, flush=True)
        results.append(verify_assignment(course=course, assignment_id=assignment_id))
    lines = []
    for r in results:
        scores = " ".join(
            f"{k} {v.get('score')}/{v.get('max_score')}"
            for k, v in (("reference", r.reference), ("starter", r.starter), ("baseline", r.baseline))
            if v
        )
        lines.append(f"{'ok ' if r.ok else 'BAD'} {r.id}: {scores}")
        lines += [f"    - {p}" for p in r.problems]
    _emit(args, {"assignments": [r.to_json() for r in results]}, "\n".join(lines))
    return 0 if all(r.ok for r in results) else 1


def cmd_grade(args: argparse.Namespace) -> int:
    from mleprep.batch import grade
    from mleprep.progress import BatchProgress

    bar: list[BatchProgress] = []
    report = grade(
        course=_course(args),
        assignment_id=args.id,
        submissions=args.submissions,
        jobs=args.jobs,
        timeout_s=args.timeout,
        memory_bytes=args.memory,
        candidate=args.candidate,
        out_dir=args.out,
        on_start=lambda total: bar.append(BatchProgress(total)),
        progress=lambda result: bar[0].done(result),
    )
    if bar:
        bar[0].close()
    lines = [
        f"{r.candidate}: {r.status} "
        + (f"{r.score:g}/{r.max_score:g}" if r.score is not None else str(r.error))
        for r in report.results
    ]
    lines.append(f"scores: {report.scores_csv}")
    _emit(args, report.to_json(), "\n".join(lines))
    # grade() gives every submission a record (graded or error), which is success for the batch.
    return 0


def _duration(text: str) -> int:
    try:
        return parse_duration(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _size(text: str) -> int:
    from mleprep.sizes import parse_size

    try:
        return parse_size(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mleprep",
        description="Practice kit for machine-learning engineer interviews.",
        epilog="example:\n  mleprep start churn --lab\n  mleprep list\n  mleprep verify --all",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--course", type=Path, help="course root (default: found from the working directory)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, handler: Callable[[argparse.Namespace], int] | None, json_flag: bool = True) -> Any:
        return cli_attempt.documented_parser(sub, name, COMMANDS[name], handler, json_flag=json_flag)

    add("list", cmd_list)
    p = add("release", cmd_release)
    p.add_argument("id", help="assignment id (a folder of source/)")
    p = add("verify", cmd_verify)
    p.add_argument("ids", nargs="*", metavar="ID", help="assignment ids")
    p.add_argument("--all", action="store_true", help="verify every assignment of the course")
    p = add("grade", cmd_grade)
    p.add_argument("id", help="assignment id")
    p.add_argument(
        "--submissions", type=Path, required=True, help="folder of candidate folders, or a .zip of one"
    )
    p.add_argument("--jobs", "-j", type=int, help="submissions graded at once (default: number of cores)")
    p.add_argument("--candidate", help="grade (or re-grade) only this candidate's folder")
    p.add_argument(
        "--timeout", type=_duration, help="time budget per submission, e.g. 600, 10m (default: assignment's)"
    )
    p.add_argument("--memory", type=_size, help="kernel memory budget, e.g. 2GB (default: assignment's)")
    p.add_argument(
        "--db", help="gradebook URL, e.g. postgresql+psycopg://user@host/grades (default: nbgrader_config.py)"
    )
    p.add_argument("--out", type=Path, help="where scores/checks CSV and JSON go (default: reports/ID)")

    def add_candidate_command(name: str, handler: Callable[..., int]) -> argparse.ArgumentParser:
        def run(args: argparse.Namespace) -> int:
            return handler(args, _course(args), cli_attempt.emit_for(args))

        return add(name, run)

    cli_attempt.add_commands(add_candidate_command, _duration)
    from mleprep.cli_practice import add_practice

    add_practice(add("practice", None, json_flag=False), _course)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from mleprep.attempts import AttemptError
    from mleprep.course import CourseError
    from mleprep.isolation import IsolationError
    from mleprep.spec import SpecError
    from mleprep.submissions import SubmissionError

    try:
        return args.handler(args)
    except (CourseError, SpecError, SubmissionError, IsolationError, AttemptError, FileNotFoundError) as exc:
        print(f"mleprep {args.command}: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:
        from mleprep.nbgrader_steps import NbgraderStepError
        from mleprep.release import ReleaseLeakError

        if isinstance(exc, NbgraderStepError | ReleaseLeakError):
            print(f"mleprep {args.command}: {exc}", file=sys.stderr)
            return 1
        raise


if __name__ == "__main__":
    sys.exit(main())
