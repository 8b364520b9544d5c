"""Outputs beyond the byte budget are cut, in order, with a note that records how much."""

from __future__ import annotations

import nbformat

from mleprep.grading.repairs.limit_output_bytes import CUT_KEY, LimitOutputBytes


def _notebook(*texts: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    for text in texts:
        cell = nbformat.v4.new_code_cell("print(...)")
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=text)]
        nb.cells.append(cell)
    return nb


def test_outputs_within_the_budget_are_kept_whole():
    nb, _ = LimitOutputBytes(max_bytes=10_000).preprocess(_notebook("a" * 100, "b" * 100), {})
    assert [c.outputs[0].text for c in nb.cells] == ["a" * 100, "b" * 100]


def test_output_over_the_budget_is_cut_and_the_cut_is_recorded():
    nb, _ = LimitOutputBytes(max_bytes=10_000).preprocess(_notebook("a" * 100, "x" * 5_000_000, "c"), {})
    first, huge, last = nb.cells
    assert first.outputs[0].text == "a" * 100
    assert len(huge.outputs) == 1 and huge.outputs[0].metadata[CUT_KEY] > 5_000_000
    assert "budget of 10 kB" in huge.outputs[0].data["text/plain"]
    assert last.outputs[0].text == "c"  # later small outputs still fit


def test_an_error_keeps_its_first_lines_even_over_budget():
    nb = _notebook("x" * 900)
    nb.cells[0].outputs.append(
        nbformat.v4.new_output("error", ename="ValueError", evalue="bad", traceback=["line"] * 500)
    )
    nb, _ = LimitOutputBytes(max_bytes=1_000).preprocess(nb, {})
    error = next(o for o in nb.cells[0].outputs if o.output_type == "error")
    assert error.ename == "ValueError" and len(error.traceback) == 20
