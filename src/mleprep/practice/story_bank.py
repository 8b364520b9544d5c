"""The candidate's story bank: prepared stories as data, tagged by competency, with the gaps shown."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mleprep.core.toml_data import SpecError, load_toml
from mleprep.course.question_bank import COMPETENCIES
from mleprep.review.answer_review import review_answer

STORIES_FILE = Path("practice") / "stories.toml"
TEMPLATE = '''# Your prepared stories for the hiring-manager round, one [[stories]] table each.
# competencies: any of {competencies}
# `mleprep practice stories` shows which competencies still have no story, and reviews each one.

[[stories]]
id = "broken-join"
title = "The join that duplicated stores"
competencies = ["problem_solving", "impact"]
text = """
At my last company I worked on a demand forecast for 300 stores. Two weeks before launch the validation
error halved, which looked too good to be true. My job was to find out whether it was real. I compared the
training and validation sets and found a join that duplicated rows across folds. I fixed it and added a
uniqueness check. The real gain was 4 percent, we launched on time, and the check has caught two bugs since.
"""
'''


@dataclass(frozen=True)
class Story:
    id: str
    title: str
    competencies: tuple[str, ...]
    text: str


def load_stories(path: Path) -> list[Story]:
    """Stories from `path`; errors name the file and the key."""
    if not path.is_file():
        raise SpecError(f"{path}: no story bank yet (create one with `mleprep practice stories --init`)")
    reader = load_toml(path)
    reader.unknown({"stories"})
    known = COMPETENCIES["hiring_manager"]
    stories, ids = [], set()
    for r in reader.items("stories"):
        r.unknown({"id", "title", "competencies", "text"})
        story = Story(r.text("id"), r.text("title"), r.texts("competencies"), r.text("text"))
        for i, c in enumerate(story.competencies):
            if c not in known:
                raise r.fail(f"competencies[{i}]", f"{c!r} is not one of {', '.join(known)}")
        if story.id in ids:
            raise r.fail("id", f"{story.id!r} is used twice")
        ids.add(story.id)
        stories.append(story)
    return stories


def write_template(path: Path) -> bool:
    """Write the example story bank unless one exists; True if written."""
    if path.exists():
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(TEMPLATE.format(competencies=", ".join(COMPETENCIES["hiring_manager"])), encoding="utf-8")
    return True


def story_coverage(stories: list[Story]) -> dict[str, Any]:
    """Which competencies have stories, which have none, and how complete each story is."""
    by_competency = {
        c: [s.id for s in stories if c in s.competencies] for c in COMPETENCIES["hiring_manager"]
    }
    reviews = []
    for s in stories:
        review = review_answer(s.text)
        reviews.append(
            {
                "id": s.id,
                "title": s.title,
                "competencies": list(s.competencies),
                "star": review.star,
                "read": review.read,
                "quantified_result": review.quantified_result,
                "speaking_time_s": review.speaking_time_s,
                "suggestions": [t for t in review.suggestions if "non-technical" not in t],
            }
        )
    return {
        "competencies": by_competency,
        "missing": [c for c, ids in by_competency.items() if not ids],
        "stories": reviews,
    }
