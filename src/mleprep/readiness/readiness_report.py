"""Readiness across the three interview stages, gathered from what is already in a workspace.

Mock rounds (`mleprep practice mock`), the story bank (`mleprep practice stories`) and take-home
attempts with the result record `mleprep submit` wrote: nothing here grades or writes anything.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from mleprep.attempts.clock import list_attempts
from mleprep.core.defaults import FEEDBACK_DIR
from mleprep.core.toml_data import SpecError
from mleprep.course.attempt_record import Attempt, iso
from mleprep.course.question_bank import Question, load_bank
from mleprep.course.root import Course
from mleprep.grading.results import SubmissionResult
from mleprep.practice.history import load_history
from mleprep.practice.mock_round import SESSIONS_DIR
from mleprep.practice.story_bank import STORIES_FILE, load_stories, story_coverage
from mleprep.readiness.next_steps import NextStep, next_steps

# attempts.feedback_page writes it beside the feedback page: SubmissionResult.to_json().
RESULT_FILE = "result.json"
MOST_FAILED = 5
# The review's own verdict on length, by the suggestion kind it gave (answer_review.review_answer).
LENGTH = {"empty": "empty", "too_short": "too short", "too_long": "too long"}


@dataclass(frozen=True)
class Readiness:
    """What a candidate has practised for each stage; the stage fields are JSON-ready mappings."""

    workspace: Path
    generated_at: datetime
    recruiter_screen: dict[str, Any]
    take_home: dict[str, Any]
    hiring_manager: dict[str, Any]
    next_steps: tuple[NextStep, ...]
    # Files that could not be read, named so the candidate can fix or remove them.
    problems: tuple[str, ...] = ()

    @property
    def fresh(self) -> bool:
        """Nothing practised yet: no mock round, no take-home attempt, no story bank."""
        return (
            not self.recruiter_screen["rounds"]
            and not self.hiring_manager["rounds"]
            and not any(t["attempts"] for t in self.take_home["take_homes"])
            and not self.hiring_manager["has_story_bank"]
        )

    @property
    def start_here(self) -> str | None:
        if not self.fresh or not self.next_steps:
            return None
        first = self.next_steps[0].command
        then = f", then `{self.next_steps[1].command}`" if len(self.next_steps) > 1 else ""
        return f"Nothing practised yet in {self.workspace}: start with `{first}`{then}."

    def to_json(self) -> dict[str, Any]:
        return {
            "workspace": str(self.workspace),
            "generated_at": iso(self.generated_at),
            "fresh": self.fresh,
            "start_here": self.start_here,
            "recruiter_screen": self.recruiter_screen,
            "take_home": self.take_home,
            "hiring_manager": self.hiring_manager,
            "next": [s.to_json() for s in self.next_steps],
            "problems": list(self.problems),
        }


def readiness(
    *, course: Course, workspace: Path, now: datetime, name_workspace: bool = False, name_course: bool = False
) -> Readiness:
    """Gather the three stages from `workspace`; `name_workspace` and `name_course` add --workspace and
    --course to the suggested commands (when the user named them, the commands must too)."""
    problems: list[str] = []
    history = load_history(workspace=workspace)
    problems += [f"{r['file']}: {r['error']}" for r in history if "error" in r]
    history = [{k: v for k, v in r.items() if k != "file"} for r in history if "error" not in r]
    recruiter = _recruiter_screen(
        load_bank(course.guide_dir), _sessions(workspace, "recruiter_screen"), problems
    )
    take_home = _take_home(course, workspace, now, problems)
    hiring = _hiring_manager(workspace, history)
    steps = next_steps(
        recruiter_screen=recruiter,
        take_home=take_home,
        hiring_manager=hiring,
        workspace=workspace if name_workspace else None,
        course=course.root if name_course else None,
    )
    return Readiness(workspace, now, recruiter, take_home, hiring, steps, tuple(problems))


def _sessions(workspace: Path, stage: str) -> list[dict[str, Any]]:
    """Saved mock rounds of `stage` with their answers, oldest first (history reports unreadable ones)."""
    sessions = []
    for path in (workspace / SESSIONS_DIR).glob("*.json"):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data["stage"] == stage and isinstance(data["answers"], list):
                sessions.append(data)
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return sorted(sessions, key=lambda s: str(s.get("started_at", "")))


def _last_answer(answer: dict[str, Any], started_at: str) -> dict[str, Any]:
    review = answer["review"]
    kinds = set(review.get("suggestion_kinds", []))
    return {
        "started_at": started_at,
        "seconds": answer["seconds"],
        "speaking_time_s": review["speaking_time_s"],
        "structure_score": review["structure_score"] if review.get("read", True) else None,  # None: unread
        "length": next((LENGTH[k] for k in LENGTH if k in kinds), "within budget"),
        "over_time": answer["over_time"],
        "suggestions": review["suggestions"][:2],
    }


def _recruiter_screen(
    bank: list[Question], sessions: list[dict[str, Any]], problems: list[str] | None = None
) -> dict[str, Any]:
    questions = [q for q in bank if q.stage == "recruiter_screen"]
    answered: dict[str, list[dict[str, Any]]] = {}
    for session in sessions:
        for answer in session["answers"]:
            try:
                if str(answer.get("answer", "")).strip():
                    said = _last_answer(answer, str(session.get("started_at", "")))
                    answered.setdefault(str(answer["question"]), []).append(said)
            except (AttributeError, KeyError, TypeError) as exc:  # a damaged session file, not a crash
                if problems is not None:
                    problems.append(
                        f"a saved mock round has an unreadable answer ({type(exc).__name__}: {exc})"
                    )
    rows = [
        {
            "id": q.id,
            "competency": q.competency,
            "prompt": q.prompt,
            "answer_format": q.answer_format,
            "time_budget_s": q.time_budget_s,
            "practised": len(answered.get(q.id, [])),
            "last": answered[q.id][-1] if q.id in answered else None,
        }
        for q in questions
    ]
    last = [r["last"] for r in rows if r["last"]]
    # STAR structure is asked of stories only: a salary figure or a pitch scores 0 by design.
    scores = [r["last"]["structure_score"] for r in rows if r["last"] and r["answer_format"] == "story"]
    stories = [score for score in scores if score is not None]  # an unread answer has no score
    return {
        "rounds": len(sessions),
        "practised": len(last),
        "total": len(rows),
        "mean_structure_score": round(sum(stories) / len(stories), 2) if stories else None,
        "off_budget": [r["id"] for r in rows if r["last"] and r["last"]["length"] != "within budget"],
        "questions": rows,
    }


def _result(attempt: Attempt, problems: list[str]) -> SubmissionResult | None:
    path = attempt.folder / FEEDBACK_DIR / RESULT_FILE
    if not path.is_file():
        return None
    try:
        result = SubmissionResult.from_json(json.loads(path.read_text(encoding="utf-8")))
        # Numbers where numbers belong: a hand-edited record must not crash the report later.
        numbers = (result.max_score,) + (() if result.score is None else (result.score,))
        if not all(isinstance(n, int | float) and not isinstance(n, bool) for n in numbers):
            raise TypeError("its score is not a number")
        return result
    except (OSError, ValueError, TypeError, KeyError, AttributeError) as exc:
        problems.append(f"{path}: unreadable result record ({exc})")
        return None


def _score(attempt: Attempt, result: SubmissionResult) -> dict[str, Any]:
    return {
        "score": result.score,
        "max_score": result.max_score,
        "fraction": _fraction(result),
        "penalty": result.penalty,
        "submitted_at": iso(attempt.submitted_at) if attempt.submitted_at else None,
        "folder": str(attempt.folder),
    }


def _fraction(result: SubmissionResult) -> float:
    return round((result.score or 0.0) / result.max_score, 3)


def _take_home(course: Course, workspace: Path, now: datetime, problems: list[str]) -> dict[str, Any]:
    tried: dict[str, list[tuple[Attempt, SubmissionResult | None]]] = {}
    for attempt in list_attempts(workspace=workspace):
        tried.setdefault(attempt.assignment, []).append((attempt, _result(attempt, problems)))
    rows = []
    failed: Counter[tuple[str, str]] = Counter()
    failed_last: dict[tuple[str, str], Any] = {}
    for a in course.assignments():
        # Retakes are archived as <id>-attempt-N, so folder order is not time order.
        tries = sorted(tried.get(a.id, []), key=lambda t: t[0].started_at)
        if not a.is_take_home and not tries:
            continue
        graded = [(att, r) for att, r in tries if r is not None and r.status == "graded" and r.max_score]
        latest = tries[-1][0] if tries else None
        for _, r in graded:
            for c in r.checks:
                if c.outcome != "passed":
                    failed[(a.id, c.id)] += 1
                    failed_last[(a.id, c.id)] = c
        rows.append(
            {
                "id": a.id,
                "title": a.title,
                "kind": a.kind,
                "skills": list(a.skills),
                "attempts": len(tries),
                "graded": len(graded),
                "best": _score(*max(graded, key=lambda t: _fraction(t[1]))) if graded else None,
                "latest": _score(*graded[-1]) if graded else None,
                "in_progress": bool(latest and latest.submitted_at is None),
                "time_limit_s": latest.time_limit_s if latest else a.time_limit_s,
                "time_used_s": latest.time_used_s(now) if latest else None,
                "remaining_s": latest.remaining_s(now) if latest else None,
                "late_s": latest.late_s(now) if latest else None,
            }
        )
    graded_count = {r["id"]: r["graded"] for r in rows}
    # Sorted by name among equals so the same workspace always gives the same list.
    ranked = sorted(failed.items(), key=lambda kv: (-kv[1], kv[0]))[:MOST_FAILED]
    return {
        "take_homes": rows,
        "skills": _skills(rows),
        "most_failed_checks": [
            {
                "assignment": aid,
                "check": cid,
                "title": failed_last[(aid, cid)].title,
                "times": n,
                "of_attempts": graded_count[aid],
                "last_outcome": failed_last[(aid, cid)].outcome,
                "last_message": failed_last[(aid, cid)].message,
            }
            for (aid, cid), n in ranked
        ],
    }


def _skills(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per skill, in catalogue order: the best score among the take-homes that train it."""
    by_skill: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        for skill in row["skills"]:
            by_skill.setdefault(skill, []).append(row)
    skills = []
    for skill, trained_by in by_skill.items():
        scored = [r for r in trained_by if r["best"]]
        top = max(scored, key=lambda r: r["best"]["fraction"]) if scored else None
        skills.append(
            {
                "skill": skill,
                "take_homes": [r["id"] for r in trained_by],
                "best_fraction": top["best"]["fraction"] if top else None,
                "best_in": top["id"] if top else None,
            }
        )
    return skills


def _hiring_manager(workspace: Path, history: list[dict[str, Any]]) -> dict[str, Any]:
    path = workspace / STORIES_FILE
    error = None
    try:
        coverage = story_coverage(load_stories(path))
    except SpecError as exc:
        # A missing bank is the normal start; a damaged one is named so it can be fixed.
        coverage, error = story_coverage([]), (str(exc) if path.exists() else None)
    rounds = [r for r in history if r["stage"] == "hiring_manager"]
    return {
        "stories_file": str(path),
        "has_story_bank": path.is_file() and error is None,
        "stories_error": error,
        "competencies": coverage["competencies"],
        "missing": coverage["missing"],
        "stories": coverage["stories"],
        "rounds": rounds,
        "latest_structure_score": rounds[-1]["mean_structure_score"] if rounds else None,
    }
