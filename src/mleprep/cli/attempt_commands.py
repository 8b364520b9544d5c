"""The candidate's commands: start a timed attempt, see the clock, check, submit."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from mleprep.cli.common import (
    WORKSPACE_HELP,
    course_from,
    documented_parser,
    duration_arg,
    emit,
    now,
    workspace_from,
)
from mleprep.core.defaults import PROGRESS_PREFIX
from mleprep.core.durations import format_duration

COMMANDS: dict[str, dict[str, str]] = {
    "start": {
        "help": "Start (or resume) a timed take-home: copy it into your workspace and start the clock.",
        "example": "mleprep start churn --lab\n"
        "  mleprep start churn --time-limit 90m --workspace ~/practice --json",
    },
    "status": {
        "help": "Show your attempts: when they started, their deadline, the time left.",
        "example": "mleprep status\n  mleprep status --workspace ~/practice --json",
    },
    "check": {
        "help": "Run your notebook and its visible checks (fast; the hidden checks run at submit).",
        "example": "mleprep check churn\n  mleprep check churn --json",
    },
    "submit": {
        "help": "Stop the clock and grade your attempt with the hidden checks; feedback goes to its folder.",
        "example": "mleprep submit churn\n  mleprep submit churn --rerun --json",
    },
}


def _hub_answer(args: argparse.Namespace, state: dict[str, Any], verb: str) -> int:
    left = state.get("remaining_s")
    text = f"{verb} {state['assignment']} on the cohort's clock"
    if state.get("stamped") is False:
        text += ": handed in; the clock has not stamped it yet and will at its next round"
    elif state.get("submitted"):
        text += f": submitted at {state['submitted_at']} (the clock service's time)"
    elif left is not None:
        text += f": {format_duration(max(0, left))} left, deadline {state['deadline']}"
    emit(args, state, text)
    return 0


def cmd_start(args: argparse.Namespace) -> int:
    from mleprep.attempts.clock import start_attempt
    from mleprep.cohort.clock_client import on_hub

    if on_hub():
        from mleprep.cohort.candidate_side import start_on_hub

        return _hub_answer(args, start_on_hub(assignment_id=args.id), "started")
    course = course_from(args)
    started = start_attempt(
        course=course,
        assignment_id=args.id,
        workspace=workspace_from(args),
        now=now(),
        time_limit_s=args.time_limit,
        retake=args.retake,
    )
    a = started.attempt
    data = {
        "assignment": a.assignment,
        "workspace": str(a.folder.parent),
        "notebook": str(a.notebook_path),
        "started_at": a.to_json()["started_at"],
        "deadline": a.to_json()["deadline"],
        "time_limit_s": a.time_limit_s,
        "remaining_s": a.remaining_s(now()),
        "resumed": started.resumed,
        "notes": list(started.notes),
    }
    verb = "resumed" if started.resumed else "started"
    lines = [
        f"{verb} {a.assignment}: {format_duration(a.remaining_s(now()))} left of "
        f"{format_duration(a.time_limit_s)} (deadline {data['deadline']})",
        f"notebook: {a.notebook_path}",
        *started.notes,
        f"check your work: mleprep check {a.assignment}    hand it in: mleprep submit {a.assignment}",
    ]
    emit(args, data, "\n".join(lines))
    if not args.lab:
        return 0
    from mleprep.lab.launch import start_lab

    sys.stdout.flush()
    lab = start_lab(course=course, attempt=a, port=args.port, open_browser=not args.no_browser)
    try:
        return lab.wait()
    except KeyboardInterrupt:
        lab.terminate()
        lab.wait(30)
        print(f"JupyterLab stopped; the clock keeps running. Resume with: mleprep start {a.assignment} --lab")
        return 0


def cmd_status(args: argparse.Namespace) -> int:
    from mleprep.attempts.clock import list_attempts

    moment = now()
    attempts = [a.status(moment) for a in list_attempts(workspace=workspace_from(args))]
    lines = []
    for a in attempts:
        if a["submitted"]:
            state = f"submitted at {a['submitted_at']}"
        elif a["remaining_s"] >= 0:
            state = f"{format_duration(a['remaining_s'])} left (deadline {a['deadline']})"
        else:
            state = f"{format_duration(-a['remaining_s'])} past the deadline: submit now"
        lines.append(f"{a['assignment']:<12} {state}")
    emit(args, {"attempts": attempts}, "\n".join(lines) or f"no attempts in {workspace_from(args)}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from mleprep.attempts.check import run_visible_checks
    from mleprep.attempts.clock import find_attempt

    attempt = find_attempt(workspace=workspace_from(args), assignment_id=args.id)
    _say(args, f"running {attempt.notebook_path} ...")
    report = run_visible_checks(
        course=course_from(args),
        assignment_id=args.id,
        notebook=attempt.notebook_path,
        on_cell=_print_cell_progress if args.progress else None,
    )
    data = report.to_json()
    data["remaining_s"] = attempt.remaining_s(now())
    lines = [f"{c.outcome:>13}  {c.title}: {c.message}" for c in report.checks]
    counts = ", ".join(f"{n} {o}" for o, n in data["summary"].items() if n)
    lines.append(
        f"{counts} in {report.seconds:g} s; {format_duration(data['remaining_s'])} left on the clock"
    )
    emit(args, data, "\n".join(lines))
    return 0 if report.all_passed else 1


def _say(args: argparse.Namespace, text: str) -> None:
    """A progress line on stderr: for a person unless --json; with --progress, marked for programs
    (the lab follows these lines and must tell them from an error)."""
    if args.progress:
        print(f"{PROGRESS_PREFIX}{text}", file=sys.stderr, flush=True)
    elif not args.json:
        print(text, file=sys.stderr, flush=True)


def _print_cell_progress(executed: int, total: int) -> None:
    print(f"{PROGRESS_PREFIX}ran cell {executed} of {total}", file=sys.stderr, flush=True)


def cmd_submit(args: argparse.Namespace) -> int:
    from mleprep.cohort.clock_client import on_hub

    if on_hub():
        # On a cohort's hub the mentor grades; the candidate hands in and the clock stamps it.
        from mleprep.cohort.candidate_side import submit_on_hub

        return _hub_answer(args, submit_on_hub(assignment_id=args.id), "handed in")
    from mleprep.grading.fork_server import ready_workers

    # First thing: the grader's imports (seconds) then overlap the rest of this command's own.
    ready_workers(submissions=1)
    from mleprep.attempts.submit import submit_attempt

    _say(args, f"grading {args.id} with the hidden checks ...")
    report = submit_attempt(
        course=course_from(args),
        workspace=workspace_from(args),
        assignment_id=args.id,
        now=now(),
        candidate=args.candidate,
        rerun=args.rerun,
    )
    data = report.to_json()
    r = report.result
    lines = [f"{c.outcome:>13}  {c.points:g}/{c.max_points:g}  {c.title}: {c.message}" for c in r.checks]
    if r.status == "graded":
        lines.append(
            f"score {r.score:g}/{r.max_score:g} (autograded {r.raw_score:g}, late penalty {r.penalty:g}); "
            f"{r.manual_max_score:g} more points are graded by a mentor"
        )
    else:
        lines.append(f"could not grade: {r.error}")
    used = format_duration(r.time_used_s) if r.time_used_s is not None else "?"
    late = f", {format_duration(r.late_s)} late" if r.late_s else ", on time"
    lines += [f"time used {used}{late}", *r.notes]
    if r.business:
        lines.append(r.business["text"])
    for part, review in r.writeup.items():
        seen = sum(line["met"] for line in review["lines"])
        lines.append(f"{part}, automatic review: {seen} of {len(review['lines'])} rubric lines seen")
        lines += [
            f"  {'+' if x['met'] else '-'} {x['line'].replace('_', ' ')}: {x['advice']}"
            for x in review["lines"]
        ]
    if r.code_report:
        lines.append("code report (suggestions, no points):")
        lines += [f"  {line}" for line in r.code_report["lines"]]
    lines.append(f"feedback: {report.feedback}")
    emit(args, data, "\n".join(lines))
    return 0 if r.status == "graded" else 1


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Register the candidate's commands on the main parser's subcommands."""

    def add(name: str, handler: object) -> argparse.ArgumentParser:
        return documented_parser(sub, name, COMMANDS[name], handler)  # type: ignore[arg-type]

    p = add("start", cmd_start)
    p.add_argument("id", help="assignment id, e.g. churn")
    p.add_argument("--workspace", type=Path, help=WORKSPACE_HELP)
    p.add_argument(
        "--time-limit", type=duration_arg, help="a practice limit, e.g. 90m (default: the assignment's)"
    )
    p.add_argument(
        "--retake", action="store_true", help="start again after a submission (the old one is kept)"
    )
    p.add_argument("--lab", action="store_true", help="open JupyterLab on the notebook, with the countdown")
    p.add_argument("--port", type=int, help="JupyterLab's port on 127.0.0.1 (default: a free one)")
    p.add_argument("--no-browser", action="store_true", help="with --lab: do not open a browser")
    p = add("status", cmd_status)
    p.add_argument("--workspace", type=Path, help=WORKSPACE_HELP)
    for name, handler in (("check", cmd_check), ("submit", cmd_submit)):
        p = add(name, handler)
        p.add_argument("id", help="assignment id, e.g. churn")
        p.add_argument("--workspace", type=Path, help=WORKSPACE_HELP)
        p.add_argument(
            "--progress", action="store_true", help="print progress lines on stderr, also with --json"
        )
    p.add_argument("--candidate", help="your name in the course's gradebook (default: your login name)")
    p.add_argument(
        "--rerun",
        action="store_true",
        help="run the notebook a second time and report whether the holdout score repeats (twice the time)",
    )
