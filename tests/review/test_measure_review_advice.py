"""How often the review's advice is borne out by hand labels, on answers the team did not write."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

SCRIPT = REPO / "scripts" / "measure_review_advice.py"
NO_OUTCOME = (
    "At my last job our churn model drifted. I was asked to fix it before the campaign. "
    "I retrained it on the last three months."
)
QUESTION = "Tell me about a time you fixed a model."


def _labels(result: int) -> dict[str, object]:
    return {
        "situation": 1, "task": 1, "action": 1, "result": result, "quantified_result": 0,
        "mostly_we": 0, "is_story": 1, "quality": 3, "question_kind": "story",
    }  # fmt: skip


def test_advice_is_counted_right_only_where_the_labels_found_the_gap(tmp_path: Path) -> None:
    # The same answer twice: one labeller found no outcome, the other read one into it.
    text = {"own-1": NO_OUTCOME, "own-2": NO_OUTCOME + " "}
    rows = [
        {"id": i, "source": "-", "site": "-", "question": QUESTION, "split": "heldout",
         "sha256": hashlib.sha256(t.encode()).hexdigest(), "labels": _labels(result)}
        for (i, t), result in zip(text.items(), (0, 1), strict=True)
    ]  # fmt: skip
    (tmp_path / "labels.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    (tmp_path / "texts.jsonl").write_text(
        "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in text.items())
    )

    files = [str(tmp_path / "texts.jsonl"), "--labels", str(tmp_path / "labels.jsonl")]
    done = subprocess.run(
        [sys.executable, str(SCRIPT), *files, "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode == 0, done.stderr
    advice = json.loads(done.stdout)["advice"]
    assert advice["no_result"] == {"given": 2, "right": 1, "gaps": 1, "gaps_named": 1, "precision": 0.5}
    assert advice["no_task"]["given"] == 0 and advice["no_task"]["precision"] is None
