"""Do the CLI's shared helpers print what scripts and people expect, and find the right folders?"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from mleprep.cli.common import course_from, documented_parser, duration_arg, emit, size_arg, workspace_from
from tests.conftest import REPO


def test_emit_prints_one_json_object_with_json_and_text_without(capsys) -> None:
    emit(argparse.Namespace(json=True), {"a": 1}, "text")
    assert json.loads(capsys.readouterr().out) == {"a": 1}
    emit(argparse.Namespace(json=False), {"a": 1}, "text")
    assert capsys.readouterr().out == "text\n"


def test_durations_and_sizes_are_argument_types_with_readable_errors() -> None:
    assert duration_arg("90m") == 5400 and size_arg("2GB") == 2 * 10**9
    with pytest.raises(argparse.ArgumentTypeError, match="is not a duration"):
        duration_arg("soon")
    with pytest.raises(argparse.ArgumentTypeError, match="is not a size"):
        size_arg("lots")


def test_the_workspace_comes_from_the_flag_then_the_environment(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("MLEPREP_WORKSPACE", str(tmp_path / "env"))
    assert workspace_from(argparse.Namespace(workspace=None)) == (tmp_path / "env").resolve()
    assert workspace_from(argparse.Namespace(workspace=tmp_path / "flag")) == (tmp_path / "flag").resolve()


def test_the_course_takes_the_gradebook_url_given_with_db() -> None:
    course = course_from(argparse.Namespace(course=REPO, db="postgresql+psycopg://u@h/g"))
    assert course.root == REPO.resolve() and course.db_url() == "postgresql+psycopg://u@h/g"
    assert course_from(argparse.Namespace(course=REPO)).db is None


def test_a_documented_subcommand_shows_its_example_and_offers_json(capsys) -> None:
    parser = argparse.ArgumentParser(prog="mleprep")
    sub = parser.add_subparsers(dest="command")
    documented_parser(sub, "demo", {"help": "Do a demo.", "example": "mleprep demo --json"}, None)
    with pytest.raises(SystemExit):
        parser.parse_args(["demo", "--help"])
    out = capsys.readouterr().out
    assert "Do a demo." in out and "example:\n  mleprep demo --json" in out and "--json" in out
