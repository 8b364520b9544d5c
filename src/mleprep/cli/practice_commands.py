"""`mleprep practice ...`: the recruiter screen and hiring-manager round, from the terminal."""

from __future__ import annotations

import argparse
import re
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from mleprep.cli.common import course_from, documented_parser, emit, workspace_from
from mleprep.core.durations import format_duration

COMMANDS: dict[str, dict[str, str]] = {
    "practice": {
        "help": "Practise the recruiter screen and hiring-manager round: questions, feedback, mock rounds.",
        "example": "mleprep practice mock hiring_manager\n"
        "  mleprep practice review --answer-file answer.txt --question hm-failure --json",
    },
}
SUBCOMMANDS: dict[str, dict[str, str]] = {
    "questions": {
        "help": "List the question bank, optionally for one stage.",
        "example": "mleprep practice questions --stage recruiter_screen\n  mleprep practice questions --json",
    },
    "review": {
        "help": "Feedback on a written answer: STAR parts, a number in the result, I versus we, length.",
        "example": "mleprep practice review --answer-file answer.txt --question hm-failure\n"
        "  mleprep practice review --answer-file answer.txt --question 'Why are you leaving your job?'",
    },
    "mock": {
        "help": "A timed mock round in the terminal, with a report at the end; the session is saved.",
        "example": "mleprep practice mock hiring_manager\n"
        "  mleprep practice mock recruiter_screen --answers-file answers.txt --json",
    },
    "stories": {
        "help": "Your story bank: which competencies have no story yet, and how complete each story is.",
        "example": "mleprep practice stories --init\n  mleprep practice stories --json",
    },
    "history": {
        "help": "Your mock rounds over time, with a plot of the STAR structure score.",
        "example": "mleprep practice history",
    },
}


def _bank(course: Any) -> list[Any]:
    from mleprep.course.question_bank import load_bank

    return load_bank(course.guide_dir)


def cmd_questions(args: argparse.Namespace, course: Any) -> int:
    questions = [q for q in _bank(course) if args.stage in (None, q.stage)]
    lines = [
        f"{q.id:<32} {format_duration(q.time_budget_s):>7}  {q.competency:<20} {q.prompt}" for q in questions
    ]
    emit(args, {"questions": [q.to_json() for q in questions]}, "\n".join(lines))
    return 0


def _review_lines(data: dict[str, Any], *, show_sentences: bool = False) -> list[str]:
    """The review as lines; `show_sentences` adds, under the STAR line, how each sentence was read."""
    if not data["read"]:  # nothing was read: no parts, no length, only why
        return [f"  - {tip}" for tip in data["suggestions"]]
    star = " ".join(f"{part}:{'yes' if ok else 'NO'}" for part, ok in data["star"].items())
    budget = f" of {data['time_budget_s']} s" if data.get("time_budget_s") else ""
    share = data["first_person_share"]
    return [
        f"STAR      {star}",
        *(_sentence_lines(data["sentences"]) if show_sentences else []),
        f"result    {'has a number' if data['quantified_result'] else 'no number'}",
        f"ownership {'-' if share is None else f'{share:.0%} I, {1 - share:.0%} we'}",
        f"length    {data['words']} words, about {data['speaking_time_s']:.0f} s to say{budget}",
        *(f"  - {tip}" for tip in data["suggestions"]),
    ]


def _sentence_lines(sentences: list[dict[str, Any]], width: int = 72) -> list[str]:
    lines = []
    for n, sentence in enumerate(sentences):
        text = " ".join(sentence["text"].split())
        shown = text if len(text) <= width else text[: width - 1] + "\u2026"
        parts = "+".join(sentence["parts"]) or "-"
        lines.append(f"{'read as' if n == 0 else '':10}{parts:<16}{shown}")
    return lines


def cmd_review(args: argparse.Namespace, course: Any) -> int:
    from mleprep.review.answer_review import review_answer
    from mleprep.review.answer_text import answer_from_bytes

    stdin = str(args.answer_file) == "-"
    data = sys.stdin.buffer.read() if stdin else args.answer_file.read_bytes()
    text = answer_from_bytes(data, name="standard input" if stdin else str(args.answer_file))
    question = _question(_bank(course), args.question) if args.question is not None else None
    data = review_answer(text, question).to_json()
    # Advice such as "close with the outcome" can be wrong; showing how each sentence was read lets
    # the candidate see which one the review passed over.
    lines = _review_lines(data, show_sentences=True)
    if question is not None:
        data["question"] = {
            "prompt": question.prompt,
            "answer_format": question.answer_format,
            "non_technical_audience": question.non_technical_audience,
        }
        lines.insert(0, f"question  {_READ_AS[question.answer_format]}")
    emit(args, data, "\n".join(lines))
    return 0


_READ_AS = {
    "story": "asks for a story: one specific time, told with its context, goal, steps and outcome",
    "pitch": "asks about you (career, motives): background counts as no story unless you tell one",
    "direct": "asks for a view, a habit or a fact: no STAR advice",
}


_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)+")


def _question(bank: list[Any], asked: str) -> Any:
    """The bank's question with id `asked`, or, for words that are no id, the question as asked."""
    from mleprep.core.toml_data import SpecError
    from mleprep.course.question_bank import find_question
    from mleprep.review.asked_question import AskedQuestion

    if not asked.strip():
        raise SpecError("--question is empty: give a question id or the question's words")
    if any(q.id == asked for q in bank) or _ID.fullmatch(asked.strip()):
        return find_question(bank, asked)  # "hm-falure" is a mistyped id, and the error says where to look
    return AskedQuestion(asked.strip())


def cmd_mock(args: argparse.Namespace, course: Any) -> int:
    from mleprep.practice.mock_round import run_mock_round, save_session, scripted_answers, scripted_ask
    from mleprep.practice.mock_terminal import terminal_ask

    if args.answers_file:
        ask = scripted_ask(scripted_answers(args.answers_file.read_text(encoding="utf-8")))
    else:
        ask = terminal_ask(read_line=input, clock=time.monotonic, out=sys.stdout)
    now = datetime.now(UTC)
    seed = args.seed if args.seed is not None else int(now.timestamp())
    session = run_mock_round(
        questions=_bank(course), stage=args.stage, ask=ask, now=now, count=args.count, seed=seed
    )
    path = save_session(session, workspace=workspace_from(args))
    data = {**session.to_json(), "saved": str(path)}
    report = data["report"]
    lines = [
        "",
        f"Mock {args.stage.replace('_', ' ')}: {report['answered']} of {report['questions']} answered",
    ]
    for a in data["answers"]:
        over = " (over time)" if a["over_time"] else ""
        lines.append(f"\n{a['question']}: {a['seconds']:.0f} s of {a['time_budget_s']} s{over}")
        lines += [f"  {line}" for line in _review_lines(a["review"])]
    lines += [
        f"\nmean structure score {report['mean_structure_score']}/5; results with a number: "
        f"{report['quantified_results']} of {report['questions']}",
        *(f"  most common: {tip}" for tip in report["top_suggestions"]),
        f"saved to {path}; see your progress with `mleprep practice history`",
    ]
    emit(args, data, "\n".join(lines))
    return 0


def cmd_stories(args: argparse.Namespace, course: Any) -> int:
    from mleprep.practice.story_bank import STORIES_FILE, load_stories, story_coverage, write_template

    path = args.file or workspace_from(args) / STORIES_FILE
    if args.init and write_template(path):
        print(
            f"wrote an example story bank to {path}: edit it, then run `mleprep practice stories`",
            file=sys.stderr,
        )
    data = {"file": str(path), **story_coverage(load_stories(path))}
    lines = [f"{c:<18} {', '.join(ids) or '-- no story yet --'}" for c, ids in data["competencies"].items()]
    for s in data["stories"]:
        parts = "".join(p[0].upper() if ok else "." for p, ok in s["star"].items())
        parts = f"STAR parts {parts:<4}" if s["read"] else "not read      "
        lines.append(f"{s['id']:<24} {parts}  {s['title']}")
    if data["missing"]:
        lines.append(f"prepare a story for: {', '.join(data['missing'])}")
    emit(args, data, "\n".join(lines))
    return 0


def cmd_history(args: argparse.Namespace, course: Any) -> int:
    from mleprep.practice.history import load_history, plot_history

    workspace = workspace_from(args)
    rows = load_history(workspace=workspace)
    plot = plot_history(rows, workspace / "practice" / "progress.png")
    data = {"sessions": rows, "plot": str(plot) if plot else None}
    lines = [
        r.get("error")
        or f"{r['started_at']}  {r['stage']:<17} structure {r['mean_structure_score']}/5, "
        f"{r['quantified_results']}/{r['questions']} results with a number"
        for r in rows
    ]
    if plot:
        lines.append(f"plot: {plot}")
    emit(args, data, "\n".join(lines) or "no mock rounds yet: run `mleprep practice mock hiring_manager`")
    return 0


def add_commands(main_sub: argparse._SubParsersAction) -> None:
    """Register `practice` and its subcommands on the main parser's subcommands."""
    from mleprep.course.question_bank import STAGES

    parser = documented_parser(main_sub, "practice", COMMANDS["practice"], None, json_flag=False)
    sub = parser.add_subparsers(dest="practice_command", required=True, metavar="SUBCOMMAND")
    workspace_help = "where sessions and stories live (default: $MLEPREP_WORKSPACE or ~/mleprep-workspace)"

    def add(name: str, handler: Any) -> argparse.ArgumentParser:
        return documented_parser(sub, name, SUBCOMMANDS[name], lambda args: handler(args, course_from(args)))

    add("questions", cmd_questions).add_argument("--stage", choices=STAGES, help="only this stage")
    p = add("review", cmd_review)
    p.add_argument("--answer-file", type=Path, required=True, help="the answer as text ('-' for stdin)")
    p.add_argument(
        "--question",
        help="a question id from the bank (its time budget and audience are used), or the question as you "
        "were asked it, in quotes (what it asks for, a story or your background, and its audience are read "
        "from its words)",
    )
    p = add("mock", cmd_mock)
    p.add_argument("stage", choices=STAGES, help="which round")
    p.add_argument("--answers-file", type=Path, help="scripted answers, separated by lines of ---")
    p.add_argument("--count", type=int, help="how many questions (default: 5 recruiter, 4 hiring manager)")
    p.add_argument("--seed", type=int, help="pick the same questions again")
    p.add_argument("--workspace", type=Path, help=workspace_help)
    p = add("stories", cmd_stories)
    p.add_argument("--file", type=Path, help="the story bank (default: WORKSPACE/practice/stories.toml)")
    p.add_argument("--init", action="store_true", help="write an example story bank if there is none")
    p.add_argument("--workspace", type=Path, help=workspace_help)
    add("history", cmd_history).add_argument("--workspace", type=Path, help=workspace_help)
