import nbformat

from mleprep.grading.feedback_redaction import GRADER_MESSAGE_KEY, RedactHiddenTracebacks


def test_hidden_cells_keep_only_the_error_name_and_grader_messages():
    cell = nbformat.v4.new_code_cell(
        "# Hidden check\n### BEGIN HIDDEN TESTS\nassert secret == 42\n### END HIDDEN TESTS"
    )
    cell.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="expected 42"),
        nbformat.v4.new_output("error", ename="AssertionError", evalue="", traceback=["assert secret == 42"]),
        nbformat.v4.new_output(
            "display_data", data={"text/plain": "Grader: failed"}, metadata={GRADER_MESSAGE_KEY: True}
        ),
    ]
    visible = nbformat.v4.new_code_cell("print(1)")
    visible.outputs = [nbformat.v4.new_output("stream", name="stdout", text="1")]
    nb = nbformat.v4.new_notebook(cells=[cell, visible])
    nb, _ = RedactHiddenTracebacks()(nb, {})
    # The source itself is ClearHiddenTests' job, which runs next; outputs are this preprocessor's.
    shown = str(nb.cells[0].outputs)
    assert "secret" not in shown and "expected 42" not in shown
    assert "A hidden check raised AssertionError" in shown and "Grader: failed" in shown
    assert nb.cells[1].outputs[0].text == "1"
