"""Does the late policy charge what assignment.toml says, measured from the candidate's deadline?"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from mleprep.core.toml_data import SpecError
from mleprep.course.late_policy import NO_PENALTY, LatePolicy
from mleprep.course.spec import load_assignment
from tests.conftest import REPO

POLICY = LatePolicy(grace_s=300, per_s=600, deduct=0.05, zero_after_s=3600)


@pytest.mark.parametrize(
    ("seconds_late", "penalty"),
    [(0, 0.0), (300, 0.0), (301, 0.6), (900, 0.6), (901, 1.2), (3600, 3.6), (3601, 10.0)],
)
def test_each_started_period_after_the_grace_costs_its_share(seconds_late: float, penalty: float) -> None:
    assert POLICY.penalty(score=10, max_score=12, seconds_late=seconds_late) == penalty


def test_a_penalty_never_exceeds_the_score() -> None:
    assert POLICY.penalty(score=0.5, max_score=12, seconds_late=3000) == 0.5
    assert NO_PENALTY.penalty(score=10, max_score=12, seconds_late=10**6) == 0.0
    assert LatePolicy(zero_after_s=0).penalty(score=7, max_score=12, seconds_late=1) == 7


def test_churn_declares_its_policy() -> None:
    assert load_assignment(REPO / "source" / "churn").late_policy == POLICY
    assert "5% of the points per started 10m 00s late" in POLICY.describe()


@pytest.mark.parametrize(
    ("table", "key"),
    [
        ('deduct_per = "10m"', "late_policy.deduct"),
        ('deduct_per = "10m"\ndeduct = 1.5', "late_policy.deduct"),
        ('deduct_per = "soon"\ndeduct = 0.1', "late_policy.deduct_per"),
        ('grace = "1h"\nzero_after = "5m"', "late_policy.zero_after"),
        ("grase = 5", "late_policy.grase"),
    ],
)
def test_policy_errors_name_the_file_and_the_key(tmp_path: Path, table: str, key: str) -> None:
    folder = tmp_path / "churn"
    shutil.copytree(REPO / "source" / "churn", folder)
    spec = folder / "assignment.toml"
    text = spec.read_text()
    spec.write_text(text[: text.index("[late_policy]")] + "[late_policy]\n" + table + "\n")
    with pytest.raises(SpecError, match=re.escape(f"{spec}: key '{key}'")):
        load_assignment(folder)
