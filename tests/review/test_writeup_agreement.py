"""Does the write-up review keep agreeing with write-ups labelled by hand, on the ones it was tuned on
and on the ones held out while its rules were written (tests/review/writeups/README.md)?

The floors are the figures measured when the rules were frozen, less a margin: a change to the rules
that loses agreement on text the team did not write for them fails here.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import REPO

SCRIPT = REPO / "scripts" / "measure_writeup_review.py"
WRITEUPS = REPO / "tests" / "review" / "writeups"


def _measured() -> dict[str, dict]:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--json"], capture_output=True, text=True, check=True, cwd=REPO
    )
    return {result["file"].rsplit("/", 1)[-1]: result for result in json.loads(done.stdout)}


@pytest.fixture(scope="module")
def measured() -> dict[str, dict]:
    return _measured()


def test_the_labelled_writeups_are_well_formed() -> None:
    for name in ("dev.jsonl", "heldout.jsonl"):
        rows = [json.loads(line) for line in (WRITEUPS / name).read_text().splitlines() if line.strip()]
        assert len(rows) == 36, name
        for row in rows:
            assert set(row["labels"]) == {
                "recommendation_first",
                "audience_terms",
                "drivers_not_causes",
                "limits_and_risks",
                "plain_writing",
            }
            for line, sentence in row["evidence"].items():
                assert row["labels"][line] == 1 and sentence in row["text"], (row["id"], line)


def test_the_review_agrees_with_the_labels_it_was_tuned_on(measured) -> None:
    dev = measured["dev.jsonl"]
    assert dev["overall"] >= 0.95, dev
    assert all(v["kappa"] >= 0.85 for v in dev["by_line"].values()), dev["by_line"]


def test_the_review_holds_on_writeups_held_out_while_its_rules_were_written(measured) -> None:
    held_out = measured["heldout.jsonl"]
    # Frozen at 85.0% overall and kappa 0.62-0.83 per line (closing note of issue 15).
    assert held_out["overall"] >= 0.83, held_out
    assert all(v["kappa"] >= 0.55 for v in held_out["by_line"].values()), held_out["by_line"]


def test_the_script_measures_a_file_anyone_labelled(tmp_path) -> None:
    own = tmp_path / "mine.jsonl"
    row = {
        "id": "mine-1",
        "assignment": "churn",
        "text": "Call the 300 customers the model ranks highest. Of those, about 190 will leave.",
        "labels": {
            "recommendation_first": 1,
            "audience_terms": 1,
            "drivers_not_causes": 0,
            "limits_and_risks": 0,
            "plain_writing": 1,
        },
    }
    own.write_text(json.dumps(row) + "\n")
    done = subprocess.run(
        [sys.executable, str(SCRIPT), str(own)], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert "mine.jsonl (1)" in done.stdout and "100.0%" in done.stdout, done.stdout
