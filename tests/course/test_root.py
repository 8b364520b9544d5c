"""Is the course found where it lives, and does it give nbgrader the course's own configuration?"""

from __future__ import annotations

from pathlib import Path

import pytest

from mleprep.core.errors import MleprepError
from mleprep.course.root import COURSE_ENV, Course, CourseError, find_course
from tests.conftest import REPO, copy_course


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Course:
    return copy_course(tmp_path_factory.mktemp("root") / "course")


def bare_course(folder: Path, config: str = "c = get_config()  # noqa\n") -> Course:
    (folder / "source").mkdir(parents=True)
    (folder / "nbgrader_config.py").write_text(config)
    return Course(folder)


def test_the_course_folders_sit_beside_nbgrader_config(tmp_path):
    c = Course(tmp_path)
    assert {
        "source": c.source_dir,
        "assignments": c.release_dir,
        "autograders": c.autograders_dir,
        "submitted": c.submitted_dir,
        "autograded": c.autograded_dir,
        "feedback": c.feedback_dir,
        "reports": c.reports_dir,
        "interview_guide": c.guide_dir,
    } == {
        name: tmp_path / name
        for name in (
            "source",
            "assignments",
            "autograders",
            "submitted",
            "autograded",
            "feedback",
            "reports",
            "interview_guide",
        )
    }
    assert c.hidden_dir("churn") == tmp_path / "autograders" / "churn"


def test_the_repository_lists_its_assignments_sorted():
    ids = Course(REPO).assignment_ids()
    assert ids == sorted(ids)
    assert {"behavioural", "churn"} <= set(ids)


def test_only_folders_with_an_assignment_toml_are_assignments(tmp_path):
    c = bare_course(tmp_path)
    (c.source_dir / "draft").mkdir()
    (c.source_dir / "notes.txt").write_text("not an assignment")
    (c.source_dir / "zeta").mkdir()
    (c.source_dir / "zeta" / "assignment.toml").write_text("")
    (c.source_dir / "alpha").mkdir()
    (c.source_dir / "alpha" / "assignment.toml").write_text("")
    assert c.assignment_ids() == ["alpha", "zeta"]


def test_a_course_without_a_source_folder_has_no_assignments(tmp_path):
    assert Course(tmp_path / "nothing here").assignment_ids() == []


def test_an_assignment_is_loaded_from_its_spec(course):
    a = course.assignment("churn")
    assert a.id == "churn" and a.kind == "modelling"
    assert [x.id for x in course.assignments()] == ["churn"]


def test_an_unknown_assignment_lists_the_known_ones(course):
    with pytest.raises(CourseError) as err:
        course.assignment("chrun")
    assert str(err.value) == f"no assignment 'chrun' in {course.source_dir} (known: churn)"
    assert isinstance(err.value, LookupError) and isinstance(err.value, MleprepError)


def test_an_unknown_assignment_in_an_empty_course_says_none_are_known(tmp_path):
    with pytest.raises(CourseError, match=r"\(known: none\)"):
        bare_course(tmp_path).assignment("churn")


def test_the_course_is_found_from_a_subfolder(course):
    found = find_course(course.root / "source" / "churn" / "data")
    assert found == Course(course.root.resolve())


def test_a_folder_with_nbgrader_config_but_no_source_is_passed_over(tmp_path):
    outer = bare_course(tmp_path / "outer")
    inner = outer.root / "work" / "inner"
    inner.mkdir(parents=True)
    (inner / "nbgrader_config.py").write_text("")
    assert find_course(inner).root == outer.root.resolve()


def test_the_course_is_found_from_the_environment_variable(course, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(COURSE_ENV, str(course.root / "source"))
    assert find_course().root == course.root.resolve()


def test_without_the_environment_variable_the_working_directory_is_searched(course, monkeypatch):
    monkeypatch.setenv(COURSE_ENV, "")
    monkeypatch.chdir(course.root / "source" / "churn")
    assert find_course().root == course.root.resolve()


def test_an_explicit_start_wins_over_the_environment_variable(course, tmp_path, monkeypatch):
    monkeypatch.setenv(COURSE_ENV, str(tmp_path))
    assert find_course(course.root).root == course.root.resolve()


def test_no_course_found_says_what_a_course_root_is_and_how_to_point_at_one(tmp_path, monkeypatch):
    lost = tmp_path / "lost"
    lost.mkdir()
    monkeypatch.setenv(COURSE_ENV, str(lost))
    with pytest.raises(CourseError) as err:
        find_course()
    message = str(err.value)
    assert message.startswith(f"no course found at or above {lost.resolve()}:")
    assert "nbgrader_config.py and source/" in message
    assert "--course DIR" in message and COURSE_ENV in message


def test_the_default_gradebook_is_sqlite_in_the_root_waiting_for_its_lock(course):
    assert course.db_url() == f"sqlite:///{course.root / 'gradebook.db'}?timeout=120"


def test_the_db_override_is_the_gradebook_and_goes_into_the_config(course):
    url = "postgresql://mentor@db.example/mleprep"
    shared = Course(course.root, db=url)
    assert shared.db_url() == url
    assert shared.nbgrader_config().CourseDirectory.db_url == url


def test_a_db_url_in_nbgrader_config_is_used(tmp_path):
    c = bare_course(
        tmp_path, 'c = get_config()  # noqa\nc.CourseDirectory.db_url = "sqlite:///elsewhere.db"\n'
    )
    assert c.db_url() == "sqlite:///elsewhere.db"


def test_db_url_reads_the_config_it_is_given(course):
    config = course.nbgrader_config(CourseDirectory={"db_url": "sqlite:///given.db"})
    assert course.db_url(config) == "sqlite:///given.db"


def test_the_config_is_the_course_file_rooted_at_the_course(course):
    config = course.nbgrader_config()
    assert config.CourseDirectory.course_id == "mleprep"
    assert config.CourseDirectory.root == str(course.root)


def test_the_root_is_the_course_even_when_the_config_file_says_otherwise(tmp_path):
    c = bare_course(tmp_path, 'c = get_config()  # noqa\nc.CourseDirectory.root = "/somewhere/else"\n')
    assert c.nbgrader_config().CourseDirectory.root == str(tmp_path)


def test_a_course_without_nbgrader_config_still_gets_its_root(tmp_path):
    config = Course(tmp_path).nbgrader_config()
    assert config.CourseDirectory.root == str(tmp_path)
    assert "course_id" not in config.CourseDirectory


def test_overrides_are_applied_per_configurable(course):
    config = course.nbgrader_config(Execute={"timeout": 60}, Autograde={"create_student": True})
    assert config.Execute.timeout == 60
    assert config.Autograde.create_student is True
    assert course.nbgrader_config().Execute.get("timeout") != 60


def test_an_override_replaces_the_course_file_setting(course):
    assert course.nbgrader_config(CourseDirectory={"course_id": "other"}).CourseDirectory.course_id == "other"
