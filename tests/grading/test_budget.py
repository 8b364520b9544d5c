"""Does a submission's budget come from the assignment's [grading] table, with overrides winning?"""

from __future__ import annotations

from dataclasses import replace

import pytest

from mleprep.course.root import Course
from mleprep.grading.budget import Budget
from tests.conftest import REPO


@pytest.fixture(scope="module")
def churn():
    return Course(REPO).assignment("churn")


def test_the_budget_is_the_assignments_grading_table(churn):
    # source/churn/assignment.toml: timeout = "10m", memory = "2GB", output = "1MB"
    assert Budget.of(churn) == Budget(timeout_s=600, memory_bytes=2 * 10**9, output_bytes=10**6)


def test_the_budget_follows_whatever_the_assignment_sets(churn):
    custom = replace(churn, timeout_s=1234, memory_bytes=3 * 10**9, output_bytes=250_000)
    assert Budget.of(custom) == Budget(1234, 3 * 10**9, 250_000)


def test_command_line_overrides_win_over_the_assignment(churn):
    assert Budget.of(churn, timeout_s=30, memory_bytes=10**9) == Budget(30, 10**9, churn.output_bytes)
    assert Budget.of(churn, timeout_s=45).memory_bytes == churn.memory_bytes
    assert Budget.of(churn, memory_bytes=8 * 10**8).timeout_s == churn.timeout_s


def test_an_override_of_zero_is_still_an_override(churn):
    assert Budget.of(churn, timeout_s=0).timeout_s == 0


def test_describe_reads_as_time_memory_and_output():
    assert Budget(600, 2 * 10**9, 10**6).describe() == "10m 00s, 2 GB of memory, 1 MB of output"
    assert Budget(5400, 512 * 10**6, 250_000).describe() == "1h 30m, 512 MB of memory, 250 kB of output"
