"""An nbgrader feedback preprocessor: hidden-test cells show their outcome, never their code or output.

ClearHiddenTests removes hidden source, but a traceback still quotes the failing hidden lines and a
print in a hidden test still shows hidden data. This runs before ClearHiddenTests (which needs the
delimiters to find the cells) and keeps only an error's name and message, plus mleprep's own messages.
"""

from __future__ import annotations

from typing import Any

from nbconvert.preprocessors import Preprocessor
from nbformat import NotebookNode
from traitlets import Bool, Unicode

GRADER_MESSAGE_KEY = "mleprep_grader_message"


def is_grader_message(output: NotebookNode) -> bool:
    """True for outputs that mleprep's grading process wrote (safe to show the candidate)."""
    return bool(output.get("metadata", {}).get(GRADER_MESSAGE_KEY))


class RedactHiddenTracebacks(Preprocessor):
    # nbconvert registers preprocessors disabled unless they say otherwise.
    enabled = Bool(True, help="Whether to redact hidden-test outputs in feedback").tag(config=True)
    begin_test_delimeter = Unicode(
        "BEGIN HIDDEN TESTS", help="The delimiter marking the beginning of hidden tests (as ClearHiddenTests)"
    ).tag(config=True)

    def preprocess_cell(
        self, cell: NotebookNode, resources: dict[str, Any], index: int
    ) -> tuple[NotebookNode, dict[str, Any]]:
        if cell.cell_type != "code" or self.begin_test_delimeter not in cell.source:
            return cell, resources
        kept = []
        for output in cell.get("outputs", []):
            if is_grader_message(output):
                kept.append(output)
            elif output.output_type == "error":
                line = f"{output.ename}: {output.evalue}" if output.evalue else output.ename
                kept.append(
                    NotebookNode(
                        output_type="error",
                        ename=output.ename,
                        evalue=output.evalue,
                        traceback=[f"A hidden check raised {line}"],
                    )
                )
        cell.outputs = kept
        return cell, resources
