"""Cut a notebook's outputs to the submission's output budget, and say so in the notebook.

nbgrader's LimitOutput counts lines of stream output; one 50 MB line, or a huge HTML display,
passes it untouched. This preprocessor runs in nbgrader's autograde chain after Execute and keeps
outputs in order until the budget (bytes of all outputs together) is spent. Each cut cell gets a
note output whose metadata records the size, so grading can report it as an outcome.
"""

from __future__ import annotations

import json
from typing import Any

import nbformat
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Integer

from mleprep.core.defaults import OUTPUT_BYTES
from mleprep.core.sizes import format_size

CUT_KEY = "mleprep_output_cut_bytes"
KEEP_ERROR_BYTES = 20_000  # an error's traceback is what explains a failed check: keep a little of it


def _size(output: Any) -> int:
    return len(json.dumps(output, ensure_ascii=False).encode())


def _cut_note(cut_bytes: int, budget: int) -> Any:
    text = (
        f"Output cut by the grader: {format_size(cut_bytes)} of output over the notebook's budget of "
        f"{format_size(budget)} was removed here. Print summaries, not whole tables or loops."
    )
    return nbformat.v4.new_output("display_data", data={"text/plain": text}, metadata={CUT_KEY: cut_bytes})


class LimitOutputBytes(NbGraderPreprocessor):
    """Keep at most `max_bytes` of outputs across the notebook; errors keep their first lines."""

    max_bytes = Integer(OUTPUT_BYTES, help="Total bytes of cell outputs kept (-1: no limit).").tag(
        config=True
    )

    def preprocess(self, nb: Any, resources: Any) -> tuple[Any, Any]:
        if self.max_bytes < 0:
            return nb, resources
        remaining = self.max_bytes
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            kept, cut = [], 0
            for output in cell.get("outputs", []):
                size = _size(output)
                if size <= remaining:
                    kept.append(output)
                    remaining -= size
                elif output.output_type == "error":
                    output.traceback = output.traceback[:20]
                    output.evalue = str(output.get("evalue", ""))[:KEEP_ERROR_BYTES]
                    kept.append(output)
                    cut += size - _size(output)
                else:
                    cut += size
            if cut:
                self.log.warning("Cell output over budget: %d bytes cut", cut)
                kept.append(_cut_note(cut, self.max_bytes))
            cell.outputs = kept
        return nb, resources
