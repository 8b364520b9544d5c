"""Lint findings on a notebook's answer cells, from ruff (which reads notebooks itself).

The rules are the ones a reviewer would raise about take-home code, not style: names used before
they exist, imports never used, comparisons that do not do what they say, mutable defaults.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

from mleprep.review.code_habits import Finding

RULES = "F,E7,E9,B"
# Re-importing what the kit's setup cell imported is harmless in a notebook.
IGNORED = "F811"
# One bad notebook must not hold a grading run: ruff reads a notebook in milliseconds.
TIMEOUT_S = 30


class LintUnavailable(Exception):
    """ruff could not be run or its answer could not be read; the message says why."""


def _ruff() -> str:
    try:
        from ruff.__main__ import find_ruff_bin
    except ImportError as exc:
        raise LintUnavailable("ruff is not installed (pip install ruff)") from exc
    try:
        return str(find_ruff_bin())
    except FileNotFoundError as exc:
        raise LintUnavailable(f"ruff's program was not found: {exc}") from exc


def lint_findings(cells: list[tuple[str, str]], *, answers: set[str]) -> list[Finding]:
    """ruff's findings on the cells labelled in `answers`, linted with every code cell of `cells`
    (label, source) so names defined elsewhere in the notebook are known."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source) for _, source in cells]
    with tempfile.TemporaryDirectory(prefix="mleprep-lint-") as tmp:
        path = Path(tmp) / "answers.ipynb"
        nbformat.write(nb, path)
        command = [
            _ruff(),
            "check",
            "--isolated",
            "--output-format",
            "json",
            "--select",
            RULES,
            "--ignore",
            IGNORED,
        ]
        try:
            done = subprocess.run(
                [*command, "--exit-zero", "--target-version", "py311", str(path)],
                capture_output=True,
                text=True,
                timeout=TIMEOUT_S,
                check=False,
            )
            reported = json.loads(done.stdout or "[]")
        except (OSError, subprocess.TimeoutExpired, ValueError) as exc:
            raise LintUnavailable(f"ruff did not answer: {exc}") from exc
    findings = []
    for item in reported:
        # ruff numbers a notebook's cells from 1.
        index = int(item.get("cell") or 1) - 1
        label = cells[index][0] if 0 <= index < len(cells) else "?"
        if label in answers:
            row = (item.get("location") or {}).get("row")
            findings.append(Finding("lint", label, row, f"{item.get('code')}: {item.get('message')}"))
    return findings
