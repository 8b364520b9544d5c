"""`mleprep cohort ...`: the mentor runs a take-home for a cohort on JupyterHub."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from mleprep.cli.common import course_from, documented_parser, duration_arg, emit, now
from mleprep.core.durations import format_duration

# The clock's default port, below 1024: only root may listen there, so no candidate can stand in for
# the clock (while it restarts, say) and collect the hub tokens candidates' servers send it.
SERVICE_PORT = 1011

COMMANDS: dict[str, dict[str, str]] = {
    "cohort": {
        "help": "Run a take-home for a cohort on JupyterHub: release, clock, collect, feedback, report.",
        "example": "mleprep cohort release churn --closes 2026-12-11T18:00\n  mleprep cohort report churn",
    },
}
COHORT_COMMANDS: dict[str, dict[str, str]] = {
    "release": {
        "help": "Publish assignments/ID to the cohort through nbgrader's exchange and open its clock.",
        "example": "mleprep cohort release churn --opens 2026-12-07T09:00 --closes 2026-12-11T18:00",
    },
    "add": {
        "help": "Put candidates (their hub user names) on the course roster.",
        "example": "mleprep cohort add alice bob",
    },
    "extend": {
        "help": "Give one candidate more time on their deadline (the clock service shows it at once).",
        "example": "mleprep cohort extend alice churn 30m",
    },
    "status": {
        "help": "Every candidate's attempt as the clock service keeps it.",
        "example": "mleprep cohort status churn --json",
    },
    "collect": {
        "help": "Copy each candidate's last stamped submission to collected/ID, ready for `mleprep grade`.",
        "example": "mleprep cohort collect churn && mleprep grade churn --submissions collected/churn",
    },
    "feedback": {
        "help": "Release the graded feedback to candidates through nbgrader's exchange.",
        "example": "mleprep cohort feedback churn",
    },
    "report": {
        "help": "Write the cohort report (HTML and CSV, with plots): scores, checks, time, late, missing.",
        "example": "mleprep cohort report churn --json",
    },
    "hub": {
        "help": "Print (or write) a working jupyterhub_config.py for a cohort on this machine.",
        "example": "mleprep cohort hub --config --exchange /srv/nbgrader/exchange > jupyterhub_config.py",
    },
}


def _moment(text: str) -> datetime:
    """argparse type: an ISO 8601 time, in this machine's time zone unless it names one."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a time like 2026-12-11T18:00") from exc
    return (moment if moment.tzinfo else moment.astimezone()).astimezone(UTC)


def cmd_release(args: argparse.Namespace) -> int:
    from mleprep.cohort.delivery import release_to_cohort

    result = release_to_cohort(
        course=course_from(args),
        assignment_id=args.id,
        now=now(),
        exchange_root=args.exchange,
        time_limit_s=args.limit,
        opens=args.opens,
        closes=args.closes,
    )
    window = f", window {result['opens'] or 'now'} to {result['closes'] or 'open-ended'}"
    emit(
        args,
        result,
        f"released {args.id} to {result['outbound']}: "
        f"{format_duration(result['time_limit_s'])} from each start{window}",
    )
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    from mleprep.cohort.roster import add_candidates

    everyone = add_candidates(course=course_from(args), names=args.names)
    emit(args, {"roster": everyone}, f"roster ({len(everyone)}): {', '.join(everyone)}")
    return 0


def cmd_extend(args: argparse.Namespace) -> int:
    from mleprep.cohort.roster import extend

    attempt = extend(course=course_from(args), candidate=args.name, assignment_id=args.id, seconds=args.time)
    state = attempt.state(now())
    emit(
        args,
        state,
        f"{args.name} on {args.id}: extension now {format_duration(attempt.extension_s)}"
        f", deadline {state['deadline'] or 'set when they start'}",
    )
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from mleprep.cohort.roster import cohort_status

    states = cohort_status(course=course_from(args), assignment_id=args.id, now=now())

    def state_text(s: dict[str, Any]) -> str:
        if s["submitted"]:
            return f"submitted {s['submitted_at']}" + (
                " (by the clock service)" if s["submitted_by_service"] else ""
            )
        if not s["started"]:
            return "not started"
        left = s["remaining_s"]
        return f"{format_duration(left)} left" if left >= 0 else f"{format_duration(-left)} past the deadline"

    lines = [f"{s['candidate']:<24} {state_text(s):<40} deadline {s['deadline'] or '-'}" for s in states]
    emit(args, {"assignment": args.id, "attempts": states}, "\n".join(lines) or "nobody on the roster yet")
    return 0


def cmd_collect(args: argparse.Namespace) -> int:
    from mleprep.cohort.delivery import collect

    result = collect(course=course_from(args), assignment_id=args.id, now=now(), exchange_root=args.exchange)
    lines = [
        f"{c['candidate']}: submitted {c['submitted_at']}"
        + (f", {format_duration(c['late_s'])} late" if c["late_s"] else "")
        + (" (by the clock service)" if c["submitted_by_service"] else "")
        + (f" ({c['note']})" if c["note"] else "")
        for c in result.candidates
    ]
    lines += [f"problem: {p}" for p in result.problems]
    lines.append(
        f"collected {len(result.candidates)} into {result.folder}; next: "
        f"mleprep grade {args.id} --submissions {result.folder}"
    )
    emit(args, result.to_json(), "\n".join(lines))
    return 0


def cmd_feedback(args: argparse.Namespace) -> int:
    from mleprep.cohort.delivery import release_feedback

    released, problems = release_feedback(
        course=course_from(args), assignment_id=args.id, exchange_root=args.exchange
    )
    text = "\n".join([f"feedback released to {len(released)}: {', '.join(released)}", *problems])
    emit(args, {"released": released, "problems": problems}, text)
    return 1 if problems else 0


def cmd_report(args: argparse.Namespace) -> int:
    from mleprep.cohort.attempt_store import AttemptStore
    from mleprep.cohort.cohort_report import read_results, write_cohort_report
    from mleprep.cohort.roster import roster

    course = course_from(args)
    out = args.out or course.reports_dir / args.id / "cohort"
    with AttemptStore(course.db_url()) as store:
        attempts = store.attempts(assignment=args.id)
    report = write_cohort_report(
        assignment=course.assignment(args.id),
        roster=roster(course),
        attempts=attempts,
        results=read_results(course.reports_dir / args.id / "results.json"),
        out_dir=out,
        now=now(),
    )
    counts: dict[str, int] = {}
    for row in report.rows:
        counts[row.status] = counts.get(row.status, 0) + 1
    summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
    emit(args, report.to_json(), f"{args.id}: {summary}\nreport: {report.html}\ntable: {report.csv}")
    return 0


def cmd_hub(args: argparse.Namespace) -> int:
    from mleprep.cohort.delivery import exchange_of
    from mleprep.cohort.hub_config import CANDIDATE_EXCHANGE, HubPlan, exposure_warnings, jupyterhub_config
    from mleprep.core.defaults import CELL_TIMEOUT_S
    from mleprep.lab.launch import write_candidate_config

    course = course_from(args)
    exchange = exchange_of(course, args.exchange)
    plan = HubPlan(
        course=course.root,
        exchange=exchange.root,
        candidate_config=args.candidate_config,
        course_id=exchange.course_id,
        port=args.port,
        service_port=args.service_port,
        every_s=args.every,
        mentor=args.mentor,
        authenticator=args.authenticator,
    )
    for warning in exposure_warnings(course.root):
        print(f"mleprep cohort hub: warning: {warning}", file=sys.stderr)
    text = jupyterhub_config(plan)
    if args.write:
        args.write.write_text(text, encoding="utf-8")
        timeout = max((a.timeout_s for a in course.assignments()), default=CELL_TIMEOUT_S)
        write_candidate_config(
            args.candidate_config,
            exchange=exchange.root,
            timeout_s=timeout,
            course_id=exchange.course_id,
            exchange_classes=CANDIDATE_EXCHANGE,
        )
        print(
            f"wrote {args.write} and the candidates' Jupyter config in {args.candidate_config}",
            file=sys.stderr,
        )
    else:
        print(text, end="")
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Register `mleprep cohort` and its subcommands on the main parser."""
    group = documented_parser(sub, "cohort", COMMANDS["cohort"], None, json_flag=False)
    cohort = group.add_subparsers(dest="cohort_command", required=True, metavar="COMMAND")

    def add(name: str, handler: object, *, needs_id: bool = True) -> argparse.ArgumentParser:
        p = documented_parser(cohort, name, COHORT_COMMANDS[name], handler)  # type: ignore[arg-type]
        if needs_id:
            p.add_argument("id", help="assignment id")
        return p

    exchange_help = (
        "nbgrader's exchange root (default: Exchange.root in nbgrader_config.py, else /srv/nbgrader/exchange)"
    )
    p = add("release", cmd_release)
    p.add_argument(
        "--limit", type=duration_arg, help="time from each start, e.g. 4h (default: assignment.toml)"
    )
    p.add_argument("--opens", type=_moment, help="no start before this time (ISO 8601, UTC by default)")
    p.add_argument("--closes", type=_moment, help="every deadline ends by this time")
    p.add_argument("--exchange", type=Path, help=exchange_help)
    p = add("add", cmd_add, needs_id=False)
    p.add_argument("names", nargs="+", metavar="NAME", help="hub user names")
    p = documented_parser(cohort, "extend", COHORT_COMMANDS["extend"], cmd_extend)
    p.add_argument("name", help="the candidate's hub user name")
    p.add_argument("id", help="assignment id")
    p.add_argument("time", type=duration_arg, help="extra time, e.g. 30m")
    add("status", cmd_status)
    p = add("collect", cmd_collect)
    p.add_argument("--exchange", type=Path, help=exchange_help)
    p = add("feedback", cmd_feedback)
    p.add_argument("--exchange", type=Path, help=exchange_help)
    p = add("report", cmd_report)
    p.add_argument(
        "--out", type=Path, help="where cohort.html and cohort.csv go (default: reports/ID/cohort)"
    )
    p = documented_parser(cohort, "hub", COHORT_COMMANDS["hub"], cmd_hub, json_flag=False)
    p.add_argument("--config", action="store_true", help="print jupyterhub_config.py (the default)")
    p.add_argument("--write", type=Path, help="write it to this file instead, with the candidates' config")
    p.add_argument("--exchange", type=Path, help=exchange_help)
    p.add_argument(
        "--candidate-config",
        type=Path,
        default=Path("/etc/mleprep/candidates"),
        help="folder of the candidates' nbgrader_config.py (default: /etc/mleprep/candidates)",
    )
    p.add_argument("--port", type=int, default=8000, help="the hub's port (default 8000)")
    p.add_argument(
        "--service-port",
        type=int,
        default=SERVICE_PORT,
        help=f"the clock service's port, below 1024 so only root can listen there (default {SERVICE_PORT})",
    )
    p.add_argument("--every", type=float, default=5.0, help="seconds between the clock's sweeps (default 5)")
    p.add_argument("--mentor", default="mentor", help="the hub admin's user name (default: mentor)")
    p.add_argument(
        "--authenticator",
        choices=("pam", "dummy"),
        default="pam",
        help="pam: the machine's accounts (default); dummy: any password, for a trial only",
    )
