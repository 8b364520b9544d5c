"""Do the authoring commands (new, calibrate, try) document themselves, and do their refusals exit 2
with a message and leave the course exactly as it was?"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mleprep.cli.main import main
from tests.conftest import tree_digest


@pytest.mark.parametrize("command", ["new", "calibrate", "try"])
def test_each_authoring_command_has_help_with_an_example(command, capsys):
    with pytest.raises(SystemExit) as info:
        main([command, "--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert f"example:\n  mleprep {command} " in out and "--json" in out


def test_new_help_lists_its_flags(capsys):
    with pytest.raises(SystemExit):
        main(["new", "--help"])
    out = capsys.readouterr().out
    for flag in ("--data", "--target", "--task", "--time-column", "--group-column", "--holdout", "--force"):
        assert flag in out


def one_value_target(tmp_path: Path) -> Path:
    rng = np.random.default_rng(0)
    path = tmp_path / "flat.csv"
    pd.DataFrame({"x": rng.normal(size=200), "z": rng.integers(0, 5, 200), "y": 1}).to_csv(path, index=False)
    return path


def test_new_with_a_one_value_target_exits_2_and_writes_nothing(scratch_course, tmp_path, capsys):
    data = one_value_target(tmp_path)
    before = tree_digest(scratch_course.root)
    argv = ["--course", str(scratch_course.root), "new", "flat_target", "--data", str(data)]
    code = main([*argv, "--target", "y", "--task", "classification"])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.err.startswith("mleprep new: ") and "the target 'y'" in captured.err
    assert "one value" in captured.err and str(data) in captured.err
    assert captured.out == ""
    assert not (scratch_course.root / "source" / "flat_target").exists()
    assert not (scratch_course.root / "autograders" / "flat_target").exists()
    assert tree_digest(scratch_course.root) == before


def test_new_with_an_unusable_id_exits_2(scratch_course, tmp_path, capsys):
    data = one_value_target(tmp_path)
    argv = ["--course", str(scratch_course.root), "new", "x", "--data", str(data)]
    assert main([*argv, "--target", "y", "--task", "classification"]) == 2
    assert "'x' is not a usable id" in capsys.readouterr().err


def test_new_on_an_existing_id_without_force_is_refused_and_leaves_it_untouched(
    scratch_course, tmp_path, capsys
):
    data = one_value_target(tmp_path)
    before = tree_digest(scratch_course.root)
    argv = ["--course", str(scratch_course.root), "new", "churn", "--data", str(data)]
    code = main([*argv, "--target", "y", "--task", "classification"])
    err = capsys.readouterr().err
    assert code == 2
    assert "source/churn already exists" in err and "--force" in err
    assert tree_digest(scratch_course.root) == before


def test_new_with_a_missing_csv_exits_2_naming_it(scratch_course, tmp_path, capsys):
    missing = tmp_path / "nowhere.csv"
    argv = ["--course", str(scratch_course.root), "new", "nowhere", "--data", str(missing)]
    assert main([*argv, "--target", "y", "--task", "regression"]) == 2
    err = capsys.readouterr().err
    assert str(missing) in err and "does not exist" in err


def test_try_with_a_notebook_that_does_not_exist_exits_2_with_a_clear_message(scratch_course, capsys):
    before = tree_digest(scratch_course.root)
    code = main(["--course", str(scratch_course.root), "try", "churn", "--as", "/nonexistent.ipynb"])
    err = capsys.readouterr().err
    assert code == 2
    assert "'/nonexistent.ipynb' is neither one of reference, starter, baseline nor a notebook file" in err
    assert tree_digest(scratch_course.root) == before
