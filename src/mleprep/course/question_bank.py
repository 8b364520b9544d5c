"""interview_guide/questions_*.toml -> frozen Questions; every error names the file and the key."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mleprep.core.toml_data import SpecError, TableReader, load_toml

STAGES = ("recruiter_screen", "hiring_manager")
AUDIENCES = ("technical", "non-technical")
# "story": answered with situation, task, action, result; "pitch": a short persuasive summary;
# "direct": a plain fact or number (salary, notice period). STAR advice is for stories only.
ANSWER_FORMATS = ("story", "pitch", "direct")
DEFAULT_FORMAT = {"hiring_manager": "story", "recruiter_screen": "direct"}
# What each round listens for; a story bank is complete when every hiring-manager one has a story.
COMPETENCIES = {
    "recruiter_screen": (
        "background",
        "motivation",
        "company_fit",
        "salary_expectations",
        "availability",
        "logistics",
    ),
    "hiring_manager": (
        "problem_solving",
        "teamwork",
        "time_management",
        "adaptability",
        "explaining_ml",
        "disagreement",
        "failure",
        "learning",
        "impact",
        "motivation",
    ),
}
RUBRIC_LEVELS = ("1", "2", "3", "4", "5")
BANK_GLOB = "questions_*.toml"


@dataclass(frozen=True)
class Question:
    id: str
    stage: str
    competency: str
    audience: str
    prompt: str
    time_budget_s: int
    strong_answer: tuple[str, ...]
    follow_ups: tuple[str, ...]
    red_flags: tuple[str, ...]
    rubric: dict[str, str]
    source: Path
    answer_format: str = "story"

    @property
    def non_technical_audience(self) -> bool:
        return self.audience == "non-technical"

    @property
    def answered_with_background(self) -> bool:
        """A recruiter's question about the candidate (about yourself, why now, salary) is answered
        with background, which tells no episode unless the answer goes on to tell one."""
        return self.stage == "recruiter_screen" and self.answer_format != "story"

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "stage": self.stage,
            "competency": self.competency,
            "audience": self.audience,
            "prompt": self.prompt,
            "time_budget_s": self.time_budget_s,
            "strong_answer": list(self.strong_answer),
            "follow_ups": list(self.follow_ups),
            "red_flags": list(self.red_flags),
            "rubric": dict(self.rubric),
            "answer_format": self.answer_format,
        }


def _question(r: TableReader, path: Path) -> Question:
    r.unknown(
        {
            "id",
            "stage",
            "competency",
            "audience",
            "prompt",
            "time_budget",
            "strong_answer",
            "follow_ups",
            "red_flags",
            "rubric",
            "answer_format",
        }
    )
    stage = r.choice("stage", STAGES)
    competency = r.choice("competency", COMPETENCIES[stage])
    budget = r.duration("time_budget")
    if not 20 <= (budget or 0) <= 600:
        raise r.fail("time_budget", "a spoken answer takes between 20 s and 10 minutes")
    rubric_reader = r.sub("rubric")
    assert rubric_reader is not None
    rubric_reader.unknown(set(RUBRIC_LEVELS))
    rubric = {level: rubric_reader.text(level) for level in RUBRIC_LEVELS}
    lists = {}
    for key in ("strong_answer", "follow_ups", "red_flags"):
        lists[key] = r.texts(key)
        if not lists[key]:
            raise r.fail(key, "must list at least one item")
    return Question(
        id=r.text("id"),
        stage=stage,
        competency=competency,
        audience=r.choice("audience", AUDIENCES),
        prompt=r.text("prompt"),
        time_budget_s=int(budget or 0),
        strong_answer=lists["strong_answer"],
        follow_ups=lists["follow_ups"],
        red_flags=lists["red_flags"],
        rubric=rubric,
        source=path,
        answer_format=r.choice("answer_format", ANSWER_FORMATS)
        if "answer_format" in r.table
        else DEFAULT_FORMAT[stage],
    )


def load_bank(guide_dir: Path) -> list[Question]:
    """Every question in `guide_dir`/questions_*.toml, in file order; ids are unique across files."""
    files = sorted(guide_dir.glob(BANK_GLOB))
    if not files:
        raise SpecError(f"{guide_dir}: no {BANK_GLOB} files (the question bank)")
    questions: list[Question] = []
    seen: dict[str, Path] = {}
    for path in files:
        reader = load_toml(path)
        reader.unknown({"questions"})
        for item in reader.items("questions"):
            question = _question(item, path)
            if question.id in seen:
                raise item.fail("id", f"{question.id!r} is also used in {seen[question.id]}")
            seen[question.id] = path
            questions.append(question)
    return questions


def find_question(questions: list[Question], question_id: str) -> Question:
    for q in questions:
        if q.id == question_id:
            return q
    raise SpecError(f"no question {question_id!r} in the bank (see `mleprep practice questions`)")
