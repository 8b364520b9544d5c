"""Does an autograded cell read as the right one of four outcomes, with a message a candidate can use?"""

from __future__ import annotations

import json

import nbformat

from mleprep.course.spec import Check
from mleprep.grading.budget import Budget
from mleprep.grading.outcomes import classify, released_answers, run_notes, untouched
from mleprep.grading.repairs.limit_output_bytes import CUT_KEY, LimitOutputBytes

VISIBLE = Check("check_model", "A fitted pipeline", "visible", 2.0, answers=("build_model",))
HIDDEN = Check("check_secret", "Hidden quality", "hidden", 3.0, answers=("build_model",))
STUB = "model = None\nraise NotImplementedError()"
BUDGET = Budget(timeout_s=600, memory_bytes=2 * 10**9, output_bytes=10**6)


def cell(grade_id: str | None, *outputs, source: str = "pass", solution: bool = False):
    made = nbformat.v4.new_code_cell(source)
    if grade_id is not None:
        made.metadata["nbgrader"] = {"grade_id": grade_id, "solution": solution, "grade": not solution}
    made.outputs = list(outputs)
    return made


def error(ename: str, evalue: str = ""):
    return nbformat.v4.new_output("error", ename=ename, evalue=evalue, traceback=[])


def test_a_cell_without_errors_passes_with_the_points_nbgrader_gave():
    result = classify(VISIBLE, cell=cell("check_model"), points=2.0, is_untouched=False)
    assert (result.outcome, result.points, result.max_points, result.message) == (
        "passed",
        2.0,
        2.0,
        "passed.",
    )


def test_a_visible_failure_quotes_its_assertion_message():
    failing = cell("check_model", error("AssertionError", "model must be a Pipeline"))
    result = classify(VISIBLE, cell=failing, points=0.0, is_untouched=False)
    assert result.outcome == "failed" and result.points == 0.0
    assert result.message == "AssertionError: model must be a Pipeline"


def test_a_visible_assertion_without_a_message_says_an_assertion_failed():
    result = classify(
        VISIBLE, cell=cell("check_model", error("AssertionError")), points=0, is_untouched=False
    )
    assert (result.outcome, result.message) == ("failed", "an assertion failed.")


def test_a_hidden_failure_never_quotes_its_assertion():
    failing = cell("check_secret", error("AssertionError", "auc 0.61 < secret threshold 0.8"))
    result = classify(HIDDEN, cell=failing, points=0.0, is_untouched=False)
    assert (result.outcome, result.message) == ("failed", "a hidden check did not pass.")
    assert "0.8" not in result.message


def test_an_answer_still_holding_the_starter_code_is_not_attempted():
    failing = cell("check_model", error("NotImplementedError"))
    answers = {"build_model": cell("build_model", error("NotImplementedError"), source=STUB, solution=True)}
    result = classify(VISIBLE, cell=failing, points=0.0, is_untouched=True, answer_cells=answers)
    assert result.outcome == "not attempted"
    assert result.message == "not attempted: the answer cell(s) build_model still hold the starter code."


def test_a_deleted_answer_cell_is_not_attempted_and_says_it_was_deleted():
    failing = cell("check_model", error("NameError", "name 'model' is not defined"))
    result = classify(VISIBLE, cell=failing, points=0.0, is_untouched=True, answer_cells={})
    assert result.outcome == "not attempted"
    assert result.message == "not attempted: the answer cell(s) build_model were deleted."


def test_an_error_is_blamed_on_the_answer_cell_that_raised_it():
    failing = cell("check_model", error("NameError", "name 'model' is not defined"))
    answers = {
        "build_model": cell("build_model", error("ValueError", "could not convert 'yes'"), solution=True)
    }
    result = classify(VISIBLE, cell=failing, points=0.0, is_untouched=False, answer_cells=answers)
    assert result.outcome == "error"
    assert result.message == (
        "the answer cell 'build_model' raised ValueError: could not convert 'yes' "
        "(so this check could not run)"
    )


def test_an_error_in_the_check_itself_carries_a_hint():
    failing = cell("check_model", error("ModuleNotFoundError", "No module named 'xgboost'"))
    result = classify(VISIBLE, cell=failing, points=0.0, is_untouched=False, answer_cells={})
    assert result.outcome == "error"
    assert result.message.startswith("ModuleNotFoundError: No module named 'xgboost' — ")
    assert "other packages are not installed" in result.message


def test_a_check_cell_missing_from_the_notebook_is_an_error():
    result = classify(VISIBLE, cell=None, points=0.0, is_untouched=False)
    assert (result.outcome, result.points) == ("error", 0.0)
    assert "missing" in result.message


def test_untouched_means_every_answer_is_the_stub_or_gone():
    stubs = {"build_model": "model = None\nraise NotImplementedError()", "evaluate": "cv_auc = None"}
    both = Check("c", "t", "visible", 1.0, answers=("build_model", "evaluate"))
    assert untouched(both, {"build_model": STUB + "   \n\n", "evaluate": "  cv_auc = None"}, stubs)
    assert untouched(both, {"build_model": ""}, stubs)  # evaluate deleted, build_model emptied
    assert not untouched(both, {"build_model": STUB, "evaluate": "cv_auc = 0.8"}, stubs)


def test_untouched_is_false_without_answers_or_without_a_release():
    no_answers = Check("c", "t", "visible", 1.0)
    assert not untouched(no_answers, {}, {"build_model": STUB})
    assert not untouched(VISIBLE, {"build_model": STUB}, {})


def test_released_answers_are_the_starter_cells_with_whitespace_normalised(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        cell("build_model", source="\n  model = None   \nraise NotImplementedError()  \n\n", solution=True),
        cell("check_model", source="assert model is not None"),
        cell(None, source="print('free cell')"),
    ]
    path = tmp_path / "churn.ipynb"
    path.write_text(json.dumps(nb))
    assert released_answers(path) == {"build_model": "model = None\nraise NotImplementedError()"}
    assert released_answers(tmp_path / "missing.ipynb") == {}


def _notebook(*cells):
    nb = nbformat.v4.new_notebook()
    nb.cells = list(cells)
    return nb


def test_an_honest_run_has_no_notes():
    assert (
        run_notes(_notebook(cell("build_model", nbformat.v4.new_output("stream", text="ok\n"))), BUDGET) == []
    )


def test_run_notes_name_the_cell_that_hit_each_budget():
    nb = _notebook(
        cell("build_model", error("MemoryError"), solution=True),
        cell(None, error("KeyboardInterrupt")),
        cell("evaluate", error("SystemExit", "0"), solution=True),
    )
    assert run_notes(nb, BUDGET) == [
        "memory budget: build_model needed more than 2 GB and raised MemoryError.",
        "time budget: cell 2 was stopped after 600 s.",
        "evaluate called exit(); the grader ignored it and ran the remaining cells.",
    ]


def test_cut_output_is_noted_with_its_size_and_the_budget():
    loud = cell("load_data", nbformat.v4.new_output("stream", text="x" * 3_000_000), solution=True)
    nb, _ = LimitOutputBytes(max_bytes=BUDGET.output_bytes).preprocess(_notebook(loud), {})
    assert any(CUT_KEY in o.get("metadata", {}) for o in nb.cells[0].outputs)  # the repair marked it
    (note,) = run_notes(nb, BUDGET)
    assert note.startswith("output budget: load_data printed 3 MB more than the budget of 1 MB")
