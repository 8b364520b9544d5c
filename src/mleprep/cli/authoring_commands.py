"""The mentor's authoring commands: make a take-home from a CSV, calibrate its credit bands, and try
a notebook against it before releasing."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from mleprep.cli.common import batch_progress, course_from, documented_parser, emit

if TYPE_CHECKING:  # the course model costs a tenth of a second, and --help needs none of it
    from mleprep.course.root import Course

COMMANDS: dict[str, dict[str, str]] = {
    "new": {
        "help": "Write a complete take-home (notebook, split, hidden labels, spec, baseline) from a CSV.",
        "example": "mleprep new credit --data credit.csv --target default --task classification "
        '--licence "CC0"\n'
        "  mleprep new footfall --data visits.csv --target visitors --task forecast --time-column day",
    },
    "calibrate": {
        "help": "Grade a ladder of models (dummy to reference, several seeds) and propose credit bands; "
        "for an analysis take-home, take the expected answers on the hidden variant from the reference.",
        "example": "mleprep calibrate credit\n  mleprep calibrate credit --write --json\n"
        "  mleprep calibrate checkout --write",
    },
    "try": {
        "help": "Grade one notebook the way verify does and print what a candidate would get per check.",
        "example": "mleprep try credit --as baseline\n  mleprep try credit --as ~/my-attempt/credit.ipynb",
    },
}


def cmd_new(args: argparse.Namespace) -> int:
    from mleprep.authoring.new_take_home import new_take_home

    result = new_take_home(
        course=course_from(args),
        assignment_id=args.id,
        data=args.data,
        target=args.target,
        task=args.task,
        metric=args.metric,
        id_column=args.id_column,
        time_column=args.time_column,
        group_column=args.group_column,
        holdout=args.holdout,
        time_limit=args.time_limit,
        seed=args.seed,
        title=args.title,
        source=args.source,
        licence=args.licence,
        positive=args.positive,
        force=args.force,
        made_with=shlex.join(["mleprep", *sys.argv[1:]]),
    )
    p, proposal = result.plan, result.proposal
    lines = [
        f"wrote {args.id} in {result.seconds:.1f}s: {p.train_rows:,} training rows, "
        f"{p.holdout_rows:,} holdout rows ({p.split_how})",
        f"metric {p.metric}; starting bands: full marks from {proposal.pass_threshold:g}, "
        + ", ".join(f"{b.credit:g} from {b.at_least:g}" for b in proposal.bands)
        + f"; estimate tolerance {proposal.tolerance:g}",
        *[f"  {f}" for f in result.files],
        *[f"warning: {w}" for w in result.warnings],
        f"next: mleprep calibrate {args.id} --write && mleprep release {args.id} && mleprep verify {args.id}",
    ]
    emit(args, result.to_json(), "\n".join(lines))
    return 0


def cmd_calibrate(args: argparse.Namespace) -> int:
    course = course_from(args)
    if course.assignment(args.id).kind == "analysis":
        return _calibrate_analysis(args, course)
    from mleprep.authoring.calibration import calibrate
    from mleprep.authoring.calibration_report import calibration_markdown, record

    with batch_progress() as callbacks:
        cal = calibrate(course=course, assignment_id=args.id, jobs=args.jobs, **callbacks)
    written = record(cal, assignment=course.assignment(args.id), write=args.write)
    text = calibration_markdown(cal) + "\nwrote " + ", ".join(str(p) for p in written)
    if args.write:
        text += f"\nnext: mleprep release {args.id} && mleprep verify {args.id}"
    emit(args, {**cal.to_json(), "written": [str(p) for p in written]}, text)
    return 0


def _calibrate_analysis(args: argparse.Namespace, course: Course) -> int:
    """Analysis take-homes have no bands: calibrating takes the expected answers from the reference."""
    from mleprep.authoring.answers_calibration import answers_markdown, calibrate_answers, record_answers

    with batch_progress() as callbacks:
        cal = calibrate_answers(course=course, assignment_id=args.id, jobs=args.jobs, **callbacks)
    written = record_answers(cal, assignment=course.assignment(args.id), course=course, write=args.write)
    text = answers_markdown(cal) + "\nwrote " + ", ".join(str(p) for p in written)
    if args.write:
        text += f"\nnext: mleprep release {args.id} && mleprep verify {args.id}"
    emit(args, {**cal.to_json(), "written": [str(p) for p in written]}, text)
    return 0


def cmd_try(args: argparse.Namespace) -> int:
    from mleprep.authoring.try_notebook import try_notebook

    if not args.json and (
        args.notebook in ("reference", "starter", "baseline") or Path(args.notebook).is_file()
    ):
        print(f"grading {args.notebook} for {args.id} in a scratch course ...", file=sys.stderr, flush=True)
    result = try_notebook(course=course_from(args), assignment_id=args.id, notebook=args.notebook)
    if result.status != "graded":
        lines = [f"{args.notebook}: could not be graded: {result.error}"]
    else:
        lines = [f"{args.notebook}: {result.score:g}/{result.max_score:g} autograded points"]
        width = max((len(c.id) for c in result.checks), default=0)
        for c in result.checks:
            lines.append(f"  {c.id:<{width}}  {c.outcome:<13} {c.points:g}/{c.max_points:g}  {c.message}")
    lines += [f"  note: {n}" for n in result.notes]
    emit(args, result.to_json(), "\n".join(lines))
    return 0 if result.status == "graded" else 1


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Register the authoring commands on the main parser's subcommands."""
    p = documented_parser(sub, "new", COMMANDS["new"], cmd_new)
    p.add_argument("id", help="the new assignment's id: lower-case letters, digits and _")
    p.add_argument("--data", type=Path, required=True, help="the CSV table, one row per example")
    p.add_argument("--target", required=True, help="the column to predict")
    p.add_argument(
        "--task",
        required=True,
        choices=("classification", "regression", "ranking", "forecast"),
        help="what kind of take-home: ranking orders rows by a yes/no target; forecast needs --time-column",
    )
    p.add_argument("--metric", help="a scikit-learn scorer name (default: by task, e.g. roc_auc)")
    p.add_argument("--id-column", help="the column naming each row (default: opaque ids are made)")
    p.add_argument("--time-column", help="dates or times: the holdout is the latest period")
    p.add_argument(
        "--group-column", help="groups (customers, stores...): holdout groups are never trained on"
    )
    p.add_argument("--holdout", type=float, default=0.2, help="share of rows held out (default: 0.2)")
    p.add_argument("--time-limit", default="4h", help="the candidate's time limit, 3h to 8h (default: 4h)")
    p.add_argument("--seed", type=int, default=0, help="random seed of the split (default: 0)")
    p.add_argument("--title", help="the take-home's title (default: from the target and the file name)")
    p.add_argument("--source", help="where the data comes from (recorded in assignment.toml and README)")
    p.add_argument("--licence", help="the data's licence (recorded in assignment.toml and README)")
    p.add_argument(
        "--positive", help="for a yes/no target, the value the team acts on (default: the rarer one)"
    )
    p.add_argument("--force", action="store_true", help="replace an existing assignment with this id")
    p = documented_parser(sub, "calibrate", COMMANDS["calibrate"], cmd_calibrate)
    p.add_argument("id", help="assignment id")
    p.add_argument("--write", action="store_true", help="write the proposed bands into assignment.toml")
    p.add_argument("--jobs", "-j", type=int, help="notebooks graded at once (default: number of cores)")
    p = documented_parser(sub, "try", COMMANDS["try"], cmd_try)
    p.add_argument("id", help="assignment id")
    p.add_argument(
        "--as",
        dest="notebook",
        default="reference",
        metavar="WHAT",
        help="reference, starter, baseline, or a path to a notebook (default: reference)",
    )
