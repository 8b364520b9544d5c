"""`mleprep readiness`: where a candidate stands across the three interview stages, and what next."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from mleprep.cli.common import WORKSPACE_HELP, course_from, documented_parser, emit, now, workspace_from
from mleprep.core.durations import format_duration

COMMANDS: dict[str, dict[str, str]] = {
    "readiness": {
        "help": "Your readiness across the recruiter screen, take-home and hiring-manager round, "
        "with what to practise next.",
        "example": "mleprep readiness\n  mleprep readiness --html\n"
        "  mleprep readiness --workspace ~/practice --json",
    },
}
# --html without a path: the page goes into the workspace, beside the practice it reports on.
DEFAULT_PAGE = Path("readiness") / "index.html"


def _score(score: dict[str, Any] | None) -> str:
    return "-" if score is None else f"{score['fraction']:.0%}"


def summary_lines(data: dict[str, Any]) -> list[str]:
    """The report as text for a terminal: a few lines per stage, then what to practise next."""
    rs, th, hm = data["recruiter_screen"], data["take_home"], data["hiring_manager"]
    rounds = f"{rs['rounds']} mock round{'' if rs['rounds'] == 1 else 's'}"
    lines = [f"Recruiter screen: {rs['practised']} of {rs['total']} questions practised in {rounds}"]
    if rs["off_budget"]:
        lines.append(f"  off budget last time: {', '.join(rs['off_budget'])}")
    lines.append("Take-home:")
    for t in th["take_homes"]:
        if t["attempts"]:
            used = format_duration(t["time_used_s"])
            lines.append(
                f"  {t['id']:<12} best {_score(t['best']):>4}  latest {_score(t['latest']):>4}  "
                f"{t['attempts']} attempt(s), last used {used} of {format_duration(t['time_limit_s'])}"
                + ("  (over the limit)" if t["time_used_s"] > t["time_limit_s"] else "")
                + ("  (running)" if t["in_progress"] else "")
            )
    if not any(t["attempts"] for t in th["take_homes"]):
        lines.append("  none attempted yet")
    weak = [s for s in th["skills"] if s["best_fraction"] is not None]
    if weak:
        lowest = min(weak, key=lambda s: s["best_fraction"])
        lines.append(f"  weakest skill so far: {lowest['skill']} ({lowest['best_fraction']:.0%})")
    for c in th["most_failed_checks"][:3]:
        lines.append(f"  failed {c['times']} of {c['of_attempts']}: {c['assignment']} {c['title']}")
    latest = hm["latest_structure_score"]
    lines += [
        f"Hiring-manager round: {len(hm['stories'])} stor{'y' if len(hm['stories']) == 1 else 'ies'}, "
        f"{len(hm['competencies']) - len(hm['missing'])} of {len(hm['competencies'])} competencies covered; "
        + (f"last round {latest}/5 on STAR structure" if latest is not None else "no mock round yet"),
        *(f"  {p}" for p in data["problems"]),
    ]
    if data["start_here"]:
        lines.append(data["start_here"])
    lines.append("What to practise next:")
    lines += [f"  {i}. {s['command']}\n     {s['why']}" for i, s in enumerate(data["next"], start=1)]
    return lines


def _course_here() -> Path | None:
    """The course found from the working directory alone (no --course, no $MLEPREP_COURSE)."""
    from mleprep.course.root import CourseError, find_course

    try:
        return find_course(Path.cwd()).root
    except CourseError:
        return None


def cmd_readiness(args: argparse.Namespace) -> int:
    from mleprep.readiness.readiness_report import readiness

    workspace = workspace_from(args)
    course = course_from(args)
    report = readiness(
        course=course,
        workspace=workspace,
        now=now(),
        name_workspace=args.workspace is not None,
        # The suggestions must work where this command did: named when not found from this folder.
        name_course=course.root != _course_here(),
    )
    data = report.to_json()
    if args.html is not None:
        from mleprep.readiness.readiness_page import write_readiness_page

        # `--html` alone gives True (argparse runs `type` on a str const, so a path const would not do).
        page = workspace / DEFAULT_PAGE if args.html is True else args.html
        data["html"] = str(write_readiness_page(report, page.expanduser().resolve()))
        if not args.json:
            print(data["html"], flush=True)
            return 0
    emit(args, data, "\n".join(summary_lines(data)))
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Register `readiness` on the main parser's subcommands."""
    p = documented_parser(sub, "readiness", COMMANDS["readiness"], cmd_readiness)
    p.add_argument("--workspace", type=Path, help=WORKSPACE_HELP)
    p.add_argument(
        "--html",
        type=Path,
        nargs="?",
        const=True,
        metavar="PATH",
        help="write the report as a page with plots and print its path "
        "(default: WORKSPACE/readiness/index.html)",
    )
