"""Analysis take-homes: documented and calibrated like the modelling ones, and graded on answers
that only code computing them from the data can give.

Graded for real: the reference, the public answers typed in (the verify baseline) and a reference
with one function broken, through nbgrader and sandboxed kernels, with the hidden variant staged.
"""

from __future__ import annotations

import json

import pytest

from mleprep.authoring.calibration_report import MARKER
from mleprep.authoring.trial_grading import Trial, with_answers
from mleprep.core.checksums import SUMS_FILE
from mleprep.core.defaults import BASELINE_FILE, EXPECTED_ANSWERS_FILE, VARIANT_DIR
from mleprep.core.notebook_cells import answer_cells, cell_source
from mleprep.core.toml_data import load_toml
from mleprep.course.spec import TAKE_HOME_LIMITS_S
from tests.conftest import REPO

ANALYSIS = sorted(
    p.parent.name for p in (REPO / "source").glob("*/assignment.toml") if 'kind = "analysis"' in p.read_text()
)


def test_the_catalogue_has_two_analysis_take_homes() -> None:
    assert len(ANALYSIS) >= 2, ANALYSIS


@pytest.mark.parametrize("assignment_id", ANALYSIS)
def test_each_analysis_take_home_is_documented_and_calibrated(repo_course, assignment_id: str) -> None:
    a = repo_course.assignment(assignment_id)
    low, high = TAKE_HOME_LIMITS_S
    assert low <= a.time_limit_s <= high
    assert len(a.skills) >= 4 and a.manual, f"{a.spec_path}: skills and a written part on a rubric"
    assert a.dataset and a.dataset.licence, f"{a.spec_path}: record the data's source and licence"
    checks = [c.id for c in a.checks if c.kind == "answers"]
    assert len(checks) >= 3, f"{a.spec_path}: answer the brief with at least 3 answers checks"
    assert any(c.kind == "visible" for c in a.checks), "visible checks teach on the public data"
    hidden = repo_course.hidden_dir(a.id)
    for name in (BASELINE_FILE, EXPECTED_ANSWERS_FILE, SUMS_FILE, f"{VARIANT_DIR}/{SUMS_FILE}"):
        assert (hidden / name).is_file(), f"{hidden / name} is missing"
    expected = json.loads((hidden / EXPECTED_ANSWERS_FILE).read_text())
    assert sorted(expected) == sorted(checks), "every answers check needs the reference's answers"
    assert MARKER in (a.folder / "README.md").read_text(), f"run mleprep calibrate {a.id} --write"


@pytest.mark.parametrize("assignment_id", ANALYSIS)
def test_answers_typed_in_score_nothing_and_a_broken_function_costs_only_its_answer(
    repo_course, assignment_id: str
) -> None:
    a = repo_course.assignment(assignment_id)
    answers_checks = [c for c in a.checks if c.kind == "answers"]
    with Trial(repo_course, assignment_id) as trial:
        typed_in = load_toml(repo_course.hidden_dir(assignment_id) / BASELINE_FILE).sub("answers", {})
        assert typed_in is not None
        trial.add("typed-in", with_answers(trial.starter, typed_in))
        # The first answers check's first function raises: only its answers should be lost.
        broken = trial.reference
        first = answers_checks[0]
        cell = answer_cells(broken)[first.answers[0]]
        source = cell_source(cell)
        name = source.split("def ", 1)[1].split("(", 1)[0]
        cell["source"] = (
            source + f"\n\ndef {name}(*args, **kwargs):\n    raise KeyError('broken on purpose')\n"
        )
        trial.add("broken", broken)
        results = trial.grade(jobs=2)
    typed = {c.id: c for c in results["typed-in"].checks}
    for check in answers_checks:
        assert typed[check.id].points == 0, (check.id, typed[check.id].message)
        assert "do not carry over" in typed[check.id].message
    by_id = {c.id: c for c in results["broken"].checks}
    assert 0 <= by_id[first.id].points < first.points and "KeyError" in by_id[first.id].message
    for check in answers_checks[1:]:
        if first.answers[0] not in check.answers:
            assert by_id[check.id].points == check.points, (check.id, by_id[check.id].message)
