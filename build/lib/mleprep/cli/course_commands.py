"""The mentor's commands: list the course, release an assignment, verify it, grade a cohort."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mleprep.cli.common import (
    batch_progress,
    course_from,
    documented_parser,
    duration_arg,
    emit,
    size_arg,
)
from mleprep.core.durations import format_duration

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
}


def cmd_list(args: argparse.Namespace) -> int:
    assignments = course_from(args).assignments()
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
    emit(args, data, "\n".join(lines) or "no assignments")
    return 0


def cmd_release(args: argparse.Namespace) -> int:
    from mleprep.authoring.release import release

    result = release(course=course_from(args), assignment_id=args.id)
    data = {"assignment": result.assignment_id, "path": str(result.path), "files": list(result.files)}
    emit(
        args, data, f"released {result.assignment_id} to {result.path} ({len(result.files)} files, no leaks)"
    )
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from mleprep.authoring.verify import verify_assignment

    course = course_from(args)
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
    emit(args, {"assignments": [r.to_json() for r in results]}, "\n".join(lines))
    return 0 if all(r.ok for r in results) else 1


def cmd_grade(args: argparse.Namespace) -> int:
    from mleprep.grading.batch import grade

    with batch_progress() as callbacks:
        report = grade(
            course=course_from(args),
            assignment_id=args.id,
            submissions=args.submissions,
            jobs=args.jobs,
            timeout_s=args.timeout,
            memory_bytes=args.memory,
            candidate=args.candidate,
            out_dir=args.out,
            rerun=args.rerun,
            **callbacks,
        )
    lines = [
        f"{r.candidate}: {r.status} "
        + (f"{r.score:g}/{r.max_score:g}" if r.score is not None else str(r.error))
        for r in report.results
    ]
    lines.append(f"scores: {report.scores_csv}")
    if report.uncontained:
        lines.append(
            f"warning: kernels were not contained ({report.uncontained}): candidate code could read "
            "what this machine's other users can read, and use the network"
        )
    emit(args, report.to_json(), "\n".join(lines))
    # grade() gives every submission a record (graded or error), which is success for the batch.
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Register the mentor's commands on the main parser's subcommands."""

    def add(name: str, handler: object) -> argparse.ArgumentParser:
        return documented_parser(sub, name, COMMANDS[name], handler)  # type: ignore[arg-type]

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
        "--timeout",
        type=duration_arg,
        help="time budget per submission, e.g. 600, 10m (default: assignment's)",
    )
    p.add_argument("--memory", type=size_arg, help="kernel memory budget, e.g. 2GB (default: assignment's)")
    p.add_argument(
        "--db", help="gradebook URL, e.g. postgresql+psycopg://user@host/grades (default: nbgrader_config.py)"
    )
    p.add_argument("--out", type=Path, help="where scores/checks CSV and JSON go (default: reports/ID)")
    p.add_argument(
        "--rerun",
        action="store_true",
        help="run each notebook twice and report whether its holdout score repeats (twice the time)",
    )
