"""The sentence model's learning curve: what it trains on per share, and what it is measured against."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from mleprep.review.star_reader import PARTS, read_sentences, star_parts
from tests.conftest import REPO

SCRIPT = REPO / "scripts" / "sentence_model_curve.py"
# Team-written; no doubled letter that the training sentences below are made of.
ANSWERS = {
    "own-1": "At my last job our churn model drifted. I retrained it on new data. Churn fell by a third.",
    "own-2": "I usually start from the data and talk to the people who use it.",
    "own-3": "",
}
LABELS = {
    "own-1": {"situation": 1, "task": 0, "action": 1, "result": 1},
    "own-2": {"situation": 0, "task": 0, "action": 0, "result": 0},
    "own-3": {"situation": 0, "task": 0, "action": 0, "result": 0},
}


def test_sentences_needed_follows_the_line_through_log_sentences(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(SCRIPT.parent))
    from sentence_model_curve import sentences_needed

    points = [(100, 0.5), (200, 0.6), (400, 0.7)]

    assert sentences_needed(points, 0.8) == pytest.approx(800)
    assert sentences_needed(points, 0.5) == pytest.approx(100)
    assert sentences_needed([(100, 0.7), (200, 0.6)], 0.9) is None


def test_each_share_trains_on_that_share_of_every_part_and_scores_the_same_answers(tmp_path: Path) -> None:
    rows = [
        {"id": i, "source": "-", "site": "-", "question": "Tell me about a time.", "split": "tune",
         "sha256": hashlib.sha256(t.encode()).hexdigest(),
         "labels": {**LABELS[i], "quantified_result": 0, "mostly_we": 0, "is_story": 1, "quality": 3}}
        for i, t in ANSWERS.items()
    ] + [{**dict(id="gone", split="tune", sha256="0" * 64), "labels": {}}]  # fmt: skip
    (tmp_path / "labels.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    (tmp_path / "texts.jsonl").write_text(
        "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in ANSWERS.items())
    )
    # Words no answer shares: the model cannot tell the answers' sentences apart, so it gives each
    # class its prior, one half, and finds a result (>= 0.4) in every answer with a sentence.
    training = [{"text": f"xxx yyy {n}", "part": "result"} for n in range(8)]
    training += [{"text": f"zzz qqq {n}", "part": "none"} for n in range(8)]
    (tmp_path / "sentences.jsonl").write_text("".join(json.dumps(s) + "\n" for s in training))

    files = [str(tmp_path / "texts.jsonl"), "--labels", str(tmp_path / "labels.jsonl")]
    options = ["--sentences", str(tmp_path / "sentences.jsonl"), "--shares", "0.25", "1", "--repeats", "2"]
    done = subprocess.run(
        [sys.executable, str(SCRIPT), *files, *options, "--plot", str(tmp_path / "c.png"), "--json"],
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["answers"] == 3 and result["without_text"] == 1
    assert [r["sentences"] for r in result["curve"]] == [4, 16]
    rules = [star_parts(read_sentences(t)) for t in ANSWERS.values()]
    matches = [bool(LABELS[i][p]) == r[p] for i, r in zip(ANSWERS, rules, strict=True) for p in PARTS]
    assert result["rules"] == pytest.approx(sum(matches) / len(matches))
    # A result alone found in own-1 (2 of its 4 labels) and own-2 (3 of 4), nothing in the empty own-3
    # (4 of 4).
    assert all(r["model"] == pytest.approx(9 / 12) for r in result["curve"])
    assert all(r["rules_or_model"] == pytest.approx(result["rules"]) for r in result["curve"])
    assert (tmp_path / "c.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_labels_without_any_text_are_refused_by_name(tmp_path: Path) -> None:
    (tmp_path / "labels.jsonl").write_text(json.dumps({"id": "x", "split": "tune", "sha256": "0"}) + "\n")
    (tmp_path / "texts.jsonl").write_text("")

    done = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            str(tmp_path / "texts.jsonl"),
            "--labels",
            str(tmp_path / "labels.jsonl"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode != 0
    assert "labels.jsonl: no labelled answer with a text" in done.stderr
