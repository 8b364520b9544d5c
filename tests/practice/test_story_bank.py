"""Does the story bank show which competencies still lack a story, and refuse bad files clearly?"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mleprep.cli.main import main
from mleprep.core.toml_data import SpecError
from mleprep.course.question_bank import COMPETENCIES
from mleprep.practice.story_bank import load_stories, story_coverage, write_template
from tests.conftest import REPO


def test_the_template_is_a_valid_bank_and_coverage_lists_the_gaps(tmp_path: Path) -> None:
    path = tmp_path / "stories.toml"
    assert write_template(path) and not write_template(path), "never overwrite a candidate's stories"
    coverage = story_coverage(load_stories(path))
    assert coverage["competencies"]["problem_solving"] == ["broken-join"]
    assert set(coverage["missing"]) == set(COMPETENCIES["hiring_manager"]) - {"problem_solving", "impact"}
    (story,) = coverage["stories"]
    assert all(story["star"].values()) and story["quantified_result"]


def test_a_full_bank_has_no_gaps_through_the_cli(capsys, tmp_path: Path) -> None:
    path = tmp_path / "stories.toml"
    tables = [
        f'[[stories]]\nid = "s{i}"\ntitle = "Story {i}"\ncompetencies = ["{c}"]\ntext = "I fixed a bug."\n'
        for i, c in enumerate(COMPETENCIES["hiring_manager"])
    ]
    path.write_text("\n".join(tables))
    assert main(["--course", str(REPO), "practice", "stories", "--file", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["missing"] == [] and len(data["stories"]) == len(COMPETENCIES["hiring_manager"])


def test_a_story_in_another_script_is_listed_as_not_read_not_as_missing_every_part(capsys, tmp_path) -> None:
    path = tmp_path / "stories.toml"
    text = "我修好了数据管道，又加了一个监控。两天以后，误报回到了原来的水平。"
    table = f'[[stories]]\nid = "cn"\ntitle = "Pipeline"\ncompetencies = ["failure"]\ntext = "{text}"\n'
    path.write_text(table, encoding="utf-8")
    assert main(["--course", str(REPO), "practice", "stories", "--file", str(path)]) == 0
    line = next(li for li in capsys.readouterr().out.splitlines() if li.startswith("cn "))
    assert "not read" in line and "STAR parts" not in line, line


@pytest.mark.parametrize(
    ("text", "key"),
    [
        (
            '[[stories]]\nid = "a"\ntitle = "t"\ncompetencies = ["charm"]\ntext = "x"\n',
            "stories[0].competencies[0]",
        ),
        ('[[stories]]\nid = "a"\ntitle = "t"\ncompetencies = []\n', "stories[0].text"),
        ('[[stories]]\nid = "a"\ntitle = "t"\ncompetencies = []\ntext = "x"\nmood = 1\n', "stories[0].mood"),
    ],
)
def test_errors_name_the_file_and_the_key(tmp_path: Path, text: str, key: str) -> None:
    path = tmp_path / "stories.toml"
    path.write_text(text)
    with pytest.raises(SpecError, match=re.escape(f"{path}: key '{key}'")):
        load_stories(path)
    with pytest.raises(SpecError, match="stories --init"):
        load_stories(tmp_path / "none.toml")
