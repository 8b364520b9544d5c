"""Answers checks (analysis take-homes): the candidate's functions, run by a hidden cell on a hidden
variant of the data, scored here against the reference's answers on that variant.

The variant is copied into the grading workdir before the notebook runs (`stage_variant`); showing
it to the kernel is harmless, since only the answers on it are secret. Those live in
autograders/<id>/expected_answers.json and are read only by the grading process, after the kernel
is gone, so a candidate's code can neither read them nor find them in its own notebook.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from mleprep.core.checksums import SUMS_FILE
from mleprep.core.defaults import EXPECTED_ANSWERS_FILE, VARIANT_DIR
from mleprep.course.spec import Check
from mleprep.grading.answer_matching import mismatch
from mleprep.grading.scoring import ScoringError, read_export
from mleprep.handin import export_path

# When neither the check nor the key sets one: answers computed the same way agree to rounding.
DEFAULT_TOLERANCE = 1e-6


def stage_variant(hidden_dir: Path, workdir: Path) -> None:
    """Copy autograders/<id>/variant/ to <workdir>/variant/, replacing anything the candidate put there."""
    source = hidden_dir / VARIANT_DIR
    if not source.is_dir():
        return
    target = workdir / VARIANT_DIR
    if target.is_symlink() or target.is_file():
        target.unlink()
    elif target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(SUMS_FILE))


def read_expected(hidden_dir: Path) -> dict[str, dict[str, Any]]:
    """expected_answers.json: {check id: {key: {"answer": tagged JSON, "tolerance": number}}}."""
    path = hidden_dir / EXPECTED_ANSWERS_FILE
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ScoringError(f"{path} is not a JSON object")
    return data


def _is_stub(answer: Any) -> bool:
    return (
        isinstance(answer, dict)
        and answer.get("type") == "error"
        and str(answer.get("message", "")).startswith("NotImplementedError")
    )


def score_answers(check: Check, *, hidden_dir: Path, workdir: Path) -> tuple[str, float, str]:
    """(outcome, points, message): points in proportion to the keys whose answers match."""
    expected = read_expected(hidden_dir).get(check.id)
    if not expected:
        raise ScoringError(
            f"no expected answers for {check.id!r} in {EXPECTED_ANSWERS_FILE}: "
            "the mentor must run `mleprep calibrate <id> --write`"
        )
    got = read_export(export_path(check.id, workdir)).get("answers")
    if not isinstance(got, dict):
        raise ScoringError("the hidden check exported no answers")
    if got and all(_is_stub(answer) for answer in got.values()):
        # Judged by what the functions did, not by the cell: a deleted and retyped cell still counts.
        return "not attempted", 0.0, "not attempted: every function still raises NotImplementedError"
    verdicts = []
    default = check.tolerance if check.tolerance is not None else DEFAULT_TOLERANCE
    for key, entry in expected.items():
        tolerance = float(entry.get("tolerance", default))
        problem = "nothing was exported" if key not in got else mismatch(got[key], entry["answer"], tolerance)
        verdicts.append((key, problem))
    matched = sum(problem is None for _, problem in verdicts)
    credit = matched / len(verdicts)
    parts = [f"{key}: {'matches' if problem is None else problem}" for key, problem in verdicts]
    head = f"on another sample of the same data, {matched} of {len(verdicts)} answers match"
    message = f"{head}: {'; '.join(parts)}."
    if any(problem is not None and not problem.startswith("the function raised") for _, problem in verdicts):
        message += " Answers typed in as numbers, or tied to the public data, do not carry over."
    outcome = "passed" if matched == len(verdicts) else "failed"
    return outcome, round(check.points * credit, 4), message
