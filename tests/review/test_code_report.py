"""Does the code report tell a hiring team what the score does not: failing cells, run time, order,
reproducibility and lint, on the candidate's own cells only?"""

from __future__ import annotations

from typing import Any

from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from mleprep.review.code_report import MAX_LINT, CodeReport, Rerun, review_code


def answer(source: str, grade_id: str = "build_model", **kw: Any) -> Any:
    cell = new_code_cell(source, **kw)
    cell.metadata["nbgrader"] = {"grade_id": grade_id, "solution": True, "grade": False, "locked": False}
    return cell


def context(source: str, grade_id: str = "setup", **kw: Any) -> Any:
    cell = new_code_cell(source, **kw)
    cell.metadata["nbgrader"] = {"grade_id": grade_id, "solution": False, "grade": False, "locked": True}
    return cell


def timed(cell: Any, start: str, end: str) -> Any:
    cell.metadata["execution"] = {"iopub.execute_input": start, "shell.execute_reply": end}
    return cell


def error(ename: str = "ValueError", evalue: str = "could not convert string to float") -> Any:
    return new_output("error", ename=ename, evalue=evalue, traceback=[])


def notebook(*cells: Any) -> Any:
    return new_notebook(cells=list(cells))


def kinds(report: CodeReport) -> list[str]:
    return [f.kind for f in report.findings]


# failing cells on the graded run


def test_an_error_in_an_answer_cell_on_the_graded_run_names_the_exception() -> None:
    nb = notebook(answer("model.fit(X, y)", outputs=[error()]))
    report = review_code(submitted=nb, graded=nb)
    (finding,) = [f for f in report.findings if f.kind == "error"]
    assert finding.cell == "build_model"
    assert "ValueError" in finding.message and "could not convert" in finding.message


def test_an_error_in_a_context_cell_is_not_reported() -> None:
    nb = notebook(context("import pandas as pd", outputs=[error("ModuleNotFoundError")]), answer("x = pd"))
    assert "error" not in kinds(review_code(submitted=nb, graded=nb))


def test_a_cell_the_candidate_added_counts_as_their_own() -> None:
    nb = notebook(new_markdown_cell("# Notes"), new_code_cell("1 / 0", outputs=[error("ZeroDivisionError")]))
    (finding,) = [f for f in review_code(submitted=nb, graded=nb).findings if f.kind == "error"]
    assert finding.cell == "cell 2" and "ZeroDivisionError" in finding.message


def test_without_a_graded_run_there_are_no_errors_or_timings() -> None:
    nb = notebook(timed(answer("x = 1", outputs=[error()]), "2024-05-01T10:00:00Z", "2024-05-01T10:00:09Z"))
    report = review_code(submitted=nb, graded=None)
    assert "error" not in kinds(report)
    assert report.run_seconds is None and report.slowest is None


# run time


def test_run_seconds_sums_the_cells_timings_and_names_the_slowest() -> None:
    nb = notebook(
        timed(context("import numpy as np"), "2024-05-01T10:00:00.000Z", "2024-05-01T10:00:02.500Z"),
        timed(answer("x = np.zeros(3)"), "2024-05-01T10:00:03Z", "2024-05-01T10:00:10Z"),
    )
    report = review_code(submitted=nb, graded=nb)
    assert report.run_seconds == 9.5
    assert report.slowest == ("build_model", 7.0)
    assert report.lines()[0].startswith("A clean run (top to bottom, fresh kernel) took 10 s;")
    assert "the slowest cell, build_model, took 7 s" in report.lines()[0]


def test_cells_without_timings_leave_run_seconds_unknown() -> None:
    nb = notebook(answer("x = 1"))
    assert review_code(submitted=nb, graded=nb).run_seconds is None


# execution order of the saved notebook


def test_counts_run_out_of_order_give_an_order_finding() -> None:
    nb = notebook(
        answer("x = 1", "a", execution_count=1),
        answer("y = 2", "b", execution_count=3),
        answer("z = 3", "c", execution_count=2),
    )
    (finding,) = [f for f in review_code(submitted=nb, graded=None).findings if f.kind == "order"]
    assert "1, 3, 2" in finding.message


def test_counts_in_order_give_no_order_finding() -> None:
    nb = notebook(
        answer("x = 1", "a", execution_count=1),
        answer("y = 2", "b", execution_count=2),
        answer("z = 3", "c", execution_count=3),
    )
    assert "order" not in kinds(review_code(submitted=nb, graded=None))


def test_cells_never_run_are_ignored_for_order() -> None:
    nb = notebook(
        answer("x = 1", "a", execution_count=1),
        answer("y = 2", "b", execution_count=None),
        answer("z = 3", "c", execution_count=4),
    )
    assert "order" not in kinds(review_code(submitted=nb, graded=None))


# the second clean run


def test_a_rerun_with_the_same_score_says_so() -> None:
    report = review_code(submitted=notebook(answer("x = 1")), graded=None, rerun=Rerun(0.85, 0.85, "roc_auc"))
    assert "A second clean run gave the same holdout score (0.8500 roc_auc)." in report.lines()


def test_a_rerun_with_a_different_score_asks_for_seeds() -> None:
    report = review_code(submitted=notebook(answer("x = 1")), graded=None, rerun=Rerun(0.85, 0.84, "roc_auc"))
    (line,) = [x for x in report.lines() if x.startswith("A second clean run")]
    assert "0.8400 roc_auc against 0.8500" in line and "seed every source of randomness" in line


def test_a_rerun_without_a_score_says_the_notebook_is_not_reproducible() -> None:
    report = review_code(submitted=notebook(answer("x = 1")), graded=None, rerun=Rerun(0.85, None, "roc_auc"))
    assert "A second clean run produced no holdout score: the notebook is not reproducible." in report.lines()


def test_no_rerun_gives_no_rerun_sentence() -> None:
    report = review_code(submitted=notebook(answer("x = 1")), graded=None)
    assert not any(x.startswith("A second clean run") for x in report.lines())


# source checks and lint


def test_unseeded_randomness_and_absolute_paths_in_answers_are_reported() -> None:
    source = (
        "import pandas as pd\n"
        "from sklearn.ensemble import RandomForestClassifier\n"
        "df = pd.read_csv('/home/alice/churn.csv')\n"
        "model = RandomForestClassifier().fit(df, df)"
    )
    assert sorted(kinds(review_code(submitted=notebook(answer(source)), graded=None))) == ["path", "seed"]


def test_lint_on_answer_cells_is_reported_with_its_line() -> None:
    report = review_code(submitted=notebook(context("import os"), answer("x = 1\nimport json")), graded=None)
    assert report.findings[0].kind == "lint"
    assert "build_model, line 2: F401: `json` imported but unused" in report.lines()


def test_lint_beyond_the_cap_is_summed_up_in_one_more_findings_line() -> None:
    cells = [answer(f"import module_{i}", f"part_{i}") for i in range(MAX_LINT + 3)]
    report = review_code(submitted=notebook(*cells), graded=None)
    assert kinds(report) == ["lint"] * (MAX_LINT + 1)
    assert report.lines()[-1] == "notebook: 3 more lint findings not shown"


def test_a_clean_notebook_not_run_claims_nothing_about_failing_cells() -> None:
    report = review_code(submitted=notebook(answer("x = 1")), graded=None)
    assert report.findings == ()
    assert report.lines() == ["No lint findings, unseeded randomness or absolute paths."]


def test_a_clean_notebook_that_ran_says_no_cell_failed() -> None:
    nb = notebook(answer("x = 1"))
    assert review_code(submitted=nb, graded=nb).lines()[-1] == (
        "No lint findings, unseeded randomness, absolute paths or failing cells."
    )


# the report as JSON


def test_to_json_carries_the_lines_and_the_rerun_verdict() -> None:
    nb = notebook(answer("model.fit(X, y)", outputs=[error()]))
    data = review_code(submitted=nb, graded=nb, rerun=Rerun(0.8, 0.8, "roc_auc")).to_json()
    assert data["lines"] == review_code(submitted=nb, graded=nb, rerun=Rerun(0.8, 0.8, "roc_auc")).lines()
    assert data["rerun"] == {"first": 0.8, "second": 0.8, "metric": "roc_auc", "same": True}
    assert {"kind": "error", "cell": "build_model", "line": None}.items() <= data["findings"][0].items()
    assert data["unavailable"] == [] and data["slowest_cell"] is None
