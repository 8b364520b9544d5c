"""The batch's progress: plain lines for logs and CI, a live bar on a terminal."""

from __future__ import annotations

import io

from mleprep.grading.progress import BatchProgress
from mleprep.grading.results import SubmissionResult


def _result(name, status="graded"):
    score = 12.0 if status == "graded" else None
    return SubmissionResult(name, status, score, 12.0, error=None if score else "broken", seconds=3.2)


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


def test_plain_output_is_one_line_per_submission():
    out = io.StringIO()
    progress = BatchProgress(2, stream=out)
    progress.done(_result("alice"))
    progress.done(_result("bob", "error"))
    progress.close()
    assert out.getvalue().splitlines() == [
        "[1/2] alice: graded 12/12 (3.2s)",
        "[2/2] bob: error broken (3.2s)",
    ]
    assert "\r" not in out.getvalue()


def test_a_terminal_gets_a_bar_with_counts_and_elapsed_time():
    out = FakeTerminal()
    progress = BatchProgress(3, stream=out)
    progress.done(_result("alice"))
    progress.done(_result("bob", "error"))
    line = progress.line()
    progress.close()
    assert line.startswith("[################--------] 2/3")
    assert "graded 1  failed 1  remaining 1  elapsed" in line
    assert "\r\033[K" in out.getvalue() and "alice: graded 12/12" in out.getvalue()
