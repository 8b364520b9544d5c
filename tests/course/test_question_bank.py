"""Is every prompt of the interview guide's question bank complete, and are bad banks refused clearly?"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from mleprep.core.toml_data import SpecError
from mleprep.course.question_bank import COMPETENCIES, RUBRIC_LEVELS, load_bank
from tests.conftest import REPO

GUIDE = REPO / "interview_guide"


def test_the_bank_covers_both_conversations() -> None:
    bank = load_bank(GUIDE)
    stages = Counter(q.stage for q in bank)
    assert len(bank) >= 40 and stages["recruiter_screen"] >= 12 and stages["hiring_manager"] >= 20
    recruiter = {q.competency for q in bank if q.stage == "recruiter_screen"}
    assert {"motivation", "background", "salary_expectations", "availability", "company_fit"} <= recruiter
    manager = Counter(q.competency for q in bank if q.stage == "hiring_manager")
    assert all(manager[c] >= 1 for c in COMPETENCIES["hiring_manager"]), manager
    assert sum(manager[c] >= 3 for c in manager) >= 8, "most competencies need several prompts to practise"


def test_every_prompt_is_complete() -> None:
    for q in load_bank(GUIDE):
        where = f"{q.source.name}: {q.id}"
        assert re.fullmatch(r"(rs|hm)-[a-z0-9-]+", q.id), where
        assert q.id.startswith("rs-" if q.stage == "recruiter_screen" else "hm-"), where
        assert q.prompt.endswith(("?", ".")) and len(q.prompt) > 15, where
        assert 20 <= q.time_budget_s <= 600, where
        assert q.strong_answer and q.follow_ups and q.red_flags, where
        assert tuple(q.rubric) == RUBRIC_LEVELS, where
        assert len(set(q.rubric.values())) == 5, f"{where}: each score needs its own anchor"
        if q.competency in ("explaining_ml",) or q.stage == "recruiter_screen":
            assert q.audience == "non-technical", f"{where}: that listener is not an ML specialist"


@pytest.mark.parametrize(
    ("edit", "key"),
    [
        (lambda t: t.replace('stage = "recruiter_screen"', 'stage = "phone"', 1), "questions[0].stage"),
        (
            lambda t: t.replace('time_budget = "2m"', 'time_budget = "2 minutes"', 1),
            "questions[0].time_budget",
        ),
        (lambda t: t.replace('5 = "Under 90 seconds', '6 = "Under 90 seconds', 1), "questions[0].rubric.6"),
        (lambda t: re.sub(r"red_flags = \[[^\]]*\]", "red_flags = []", t, count=1), "questions[0].red_flags"),
        (lambda t: t.replace('id = "rs-why-now"', 'id = "rs-tell-me-about-yourself"'), "questions[1].id"),
    ],
)
def test_a_broken_bank_names_the_file_and_the_key(tmp_path: Path, edit, key: str) -> None:
    shutil.copytree(GUIDE, tmp_path / "guide")
    path = tmp_path / "guide" / "questions_recruiter_screen.toml"
    path.write_text(edit(path.read_text()))
    with pytest.raises(SpecError, match=re.escape(f"{path}: key '{key}'")):
        load_bank(tmp_path / "guide")
