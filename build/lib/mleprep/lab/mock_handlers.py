"""The lab's mock-interview panel on the server: the same rounds, reviews and saved sessions as
`mleprep practice mock`, answered in a browser instead of a terminal.

  GET  /mleprep/mock/questions?stage=hiring_manager&count=2   the round's questions (no model answers)
  POST /mleprep/mock/review   {question, answer, seconds}      one answer's review
  POST /mleprep/mock/finish   {stage, seed, started_at, answers: [...]}   the report; the session is saved

Sessions are saved in the lab's workspace, where `mleprep practice history` finds them.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jupyter_server.base.handlers import APIHandler
from tornado import web

from mleprep.core.errors import MleprepError
from mleprep.course.question_bank import STAGES, Question, find_question, load_bank
from mleprep.practice.mock_round import DEFAULT_COUNT, MockAnswer, MockSession, pick_questions, save_session

# A spoken answer of 20 minutes is about 3,000 words; anything far beyond is not an answer.
MAX_ANSWER_CHARS = 50_000
MAX_QUESTIONS = 12
# What a candidate sees of a question while answering; the model answer comes with the review.
SHOWN_BEFORE_ANSWER = ("id", "competency", "audience", "prompt", "time_budget_s", "answer_format")


class MockBank:
    """The course's question bank, read on first use (a lab without a course still starts)."""

    def __init__(self, *, guide_dir: Path | None, workspace: Path) -> None:
        self.guide_dir = guide_dir
        self.workspace = workspace
        self._questions: list[Question] | None = None

    def questions(self) -> list[Question]:
        if self.guide_dir is None:
            raise web.HTTPError(503, "this lab has no course, so no question bank (start it with mleprep)")
        if self._questions is None:
            try:
                self._questions = load_bank(self.guide_dir)
            except MleprepError as exc:
                raise web.HTTPError(503, f"the question bank cannot be read: {exc}") from None
        return self._questions

    def question(self, question_id: Any) -> Question:
        if not isinstance(question_id, str):
            raise web.HTTPError(400, "'question' must be a question id")
        try:
            return find_question(self.questions(), question_id)
        except MleprepError as exc:
            raise web.HTTPError(400, str(exc)) from None


def _answer(bank: MockBank, item: Any) -> MockAnswer:
    if not isinstance(item, dict):
        raise web.HTTPError(400, "each answer must be an object {question, answer, seconds}")
    text, seconds = item.get("answer", ""), item.get("seconds", 0)
    if not isinstance(text, str) or len(text) > MAX_ANSWER_CHARS:
        raise web.HTTPError(400, f"'answer' must be text of at most {MAX_ANSWER_CHARS} characters")
    if not isinstance(seconds, int | float) or isinstance(seconds, bool) or not 0 <= seconds < 86_400:
        raise web.HTTPError(400, "'seconds' must be a number of seconds")
    return MockAnswer(bank.question(item.get("question")), text, float(seconds))


class MockHandler(APIHandler):
    def initialize(self, bank: MockBank) -> None:
        self.bank = bank

    def body(self) -> dict[str, Any]:
        try:
            data = json.loads(self.request.body or b"{}")
        except ValueError:
            raise web.HTTPError(400, "the request body must be JSON") from None
        if not isinstance(data, dict):
            raise web.HTTPError(400, "the request body must be a JSON object")
        return data

    @web.authenticated
    async def get(self, action: str) -> None:
        if action != "questions":
            raise web.HTTPError(405)
        stage = self.get_argument("stage", "hiring_manager")
        if stage not in STAGES:
            raise web.HTTPError(400, f"stage must be one of {', '.join(STAGES)}")
        try:
            count = int(self.get_argument("count", str(DEFAULT_COUNT[stage])))
            seed = int(self.get_argument("seed", str(int(datetime.now(UTC).timestamp()))))
        except ValueError:
            raise web.HTTPError(400, "count and seed must be whole numbers") from None
        count = max(1, min(count, MAX_QUESTIONS))
        picked = pick_questions(self.bank.questions(), stage=stage, count=count, seed=seed)
        questions = [{k: q.to_json()[k] for k in SHOWN_BEFORE_ANSWER} for q in picked]
        self.finish(json.dumps({"stage": stage, "seed": seed, "questions": questions}))

    @web.authenticated
    async def post(self, action: str) -> None:
        data = self.body()
        if action == "review":
            answer = _answer(self.bank, data)
            q = answer.question
            reviewed = {**answer.to_json(), "strong_answer": list(q.strong_answer)}
            self.finish(json.dumps({**reviewed, "follow_ups": list(q.follow_ups)}))
        elif action == "finish":
            self.finish(json.dumps(self.finish_round(data)))
        else:
            raise web.HTTPError(405)

    def finish_round(self, data: dict[str, Any]) -> dict[str, Any]:
        stage, items = data.get("stage"), data.get("answers")
        if stage not in STAGES or not isinstance(items, list) or not 0 < len(items) <= MAX_QUESTIONS:
            raise web.HTTPError(400, "finish needs the round's stage and its answers")
        try:
            started = datetime.fromisoformat(str(data.get("started_at")))
            seed = int(data.get("seed", 0))
        except (TypeError, ValueError):
            raise web.HTTPError(400, "started_at must be an ISO time and seed a number") from None
        if started.tzinfo is None:
            started = started.replace(tzinfo=UTC)
        session = MockSession(stage, started, tuple(_answer(self.bank, i) for i in items), seed)
        path = save_session(session, workspace=self.bank.workspace)
        return {**session.to_json(), "saved": path.relative_to(self.bank.workspace).as_posix()}


def mock_routes(base: str, *, bank: MockBank) -> list[tuple[str, Any, dict[str, Any]]]:
    return [(rf"{base}/mock/(questions|review|finish)", MockHandler, {"bank": bank})]
