"""What to practise next: a short ordered list, each item a command that parses as written.

Work already under way comes first (a running clock), then the stages in interview order: the
recruiter screen, the take-home, the hiring-manager round (stories, then a mock round).
"""

from __future__ import annotations

import shlex
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mleprep.core.durations import format_duration
from mleprep.course.spec_fields import TAKE_HOME_KINDS

# add(stage, args, why, takes_workspace=True): one step, its command built from `args`.
Add = Callable[..., None]

# README's "main job": the take-home a newcomer starts with, when the course has it.
FIRST_TAKE_HOME = "churn"
MAX_STEPS = 5
# A hiring-manager round below this mean STAR structure score (0-5) is worth another round.
GOOD_STRUCTURE = 4.0
# A take-home whose best score is below this share of its points is worth a retake.
GOOD_FRACTION = 0.8


@dataclass(frozen=True)
class NextStep:
    stage: str  # "recruiter_screen", "take_home" or "hiring_manager"
    command: str
    why: str

    def to_json(self) -> dict[str, str]:
        return {"stage": self.stage, "command": self.command, "why": self.why}


def _command(args: list[str], workspace: Path | None, course: Path | None) -> str:
    # Only commands that read a workspace take --workspace; `practice review` does not. --course is
    # the main parser's option, so it comes before the command.
    if workspace is not None:
        args = [*args, "--workspace", str(workspace)]
    if course is not None:
        args = ["--course", str(course), *args]
    return shlex.join(["mleprep", *args])


def next_steps(
    *,
    recruiter_screen: dict[str, Any],
    take_home: dict[str, Any],
    hiring_manager: dict[str, Any],
    workspace: Path | None = None,
    course: Path | None = None,
) -> tuple[NextStep, ...]:
    """At most MAX_STEPS steps; `workspace` is named in the commands that take --workspace, and
    `course` (a course found elsewhere than the working directory) in every command."""
    steps: list[NextStep] = []

    def add(stage: str, args: list[str], why: str, *, takes_workspace: bool = True) -> None:
        steps.append(NextStep(stage, _command(args, workspace if takes_workspace else None, course), why))

    for row in take_home["take_homes"]:
        if not row["in_progress"]:
            continue
        if row["remaining_s"] < 0:
            late = format_duration(-row["remaining_s"])
            add("take_home", ["submit", row["id"]], f"{row['id']}'s clock ran out {late} ago: hand it in")
        else:
            left = format_duration(row["remaining_s"])
            add("take_home", ["start", row["id"], "--lab"], f"{row['id']} is running, {left} left: resume it")

    _recruiter_step(recruiter_screen, add)
    _take_home_step(take_home, add)
    _hiring_manager_steps(hiring_manager, add)
    if not steps:
        add("hiring_manager", ["practice", "mock", "hiring_manager"], "every stage is covered: keep it fresh")
    return tuple(steps[:MAX_STEPS])


def _recruiter_step(data: dict[str, Any], add: Add) -> None:
    if data["practised"] < data["total"]:
        left = data["total"] - data["practised"]
        why = (
            "start here: a 15-minute recruiter screen, five questions, spoken against the clock"
            if not data["rounds"]
            else f"{left} of {data['total']} recruiter-screen questions not practised yet"
        )
        add("recruiter_screen", ["practice", "mock", "recruiter_screen"], why)
        return
    for row in data["questions"]:
        if row["id"] in data["off_budget"]:
            last = row["last"]
            add(
                "recruiter_screen",
                ["practice", "review", "--answer-file", "answer.txt", "--question", row["id"]],
                f"your last answer to {row['id']} was {last['length']} (about "
                f"{last['speaking_time_s']:.0f} s against {row['time_budget_s']} s): "
                "write it again in answer.txt and review it",
                takes_workspace=False,
            )
            return


def _take_home_step(data: dict[str, Any], add: Add) -> None:
    rows = [r for r in data["take_homes"] if r["kind"] in TAKE_HOME_KINDS]
    if not rows or any(r["in_progress"] for r in rows):
        return
    if not any(r["attempts"] for r in rows):
        first = next((r for r in rows if r["id"] == FIRST_TAKE_HOME), rows[0])
        add(
            "take_home",
            ["start", first["id"]],
            f"no take-home yet: {first['id']} is the one to start with "
            f"({format_duration(first['time_limit_s'])} on the clock)",
        )
        return
    scored = sorted((r for r in rows if r["best"]), key=lambda r: r["best"]["fraction"])
    if scored and scored[0]["best"]["fraction"] < GOOD_FRACTION:
        weakest = scored[0]
        failing = [c for c in data["most_failed_checks"] if c["assignment"] == weakest["id"]]
        hint = f"; most often failed: {failing[0]['title']}" if failing else ""
        add(
            "take_home",
            ["start", weakest["id"], "--retake"],
            f"best {weakest['id']} score is {weakest['best']['fraction']:.0%}{hint}",
        )
        return
    untrained = {s["skill"] for s in data["skills"] if s["best_fraction"] is None}
    fresh = [r for r in rows if not r["attempts"]]
    if fresh:
        pick = max(fresh, key=lambda r: len(untrained & set(r["skills"])))
        new = [s for s in pick["skills"] if s in untrained]
        why = f"trains what no take-home of yours has yet: {', '.join(new)}" if new else "a new dataset"
        add("take_home", ["start", pick["id"]], why)


def _hiring_manager_steps(data: dict[str, Any], add: Add) -> None:
    if data["stories_error"]:
        add("hiring_manager", ["practice", "stories"], f"fix your story bank: {data['stories_error']}")
    elif not data["has_story_bank"]:
        add(
            "hiring_manager",
            ["practice", "stories", "--init"],
            "no story bank yet: the hiring-manager round wants a prepared story per competency",
        )
    elif data["missing"]:
        add("hiring_manager", ["practice", "stories"], f"no story yet for: {', '.join(data['missing'])}")
    latest = data["latest_structure_score"]
    if latest is None:
        add("hiring_manager", ["practice", "mock", "hiring_manager"], "no hiring-manager mock round yet")
    elif latest < GOOD_STRUCTURE:
        add(
            "hiring_manager",
            ["practice", "mock", "hiring_manager"],
            f"your last hiring-manager round scored {latest}/5 on STAR structure",
        )
