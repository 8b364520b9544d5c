"""The sentence model's learning curve: what it trains on per share, what it is measured against, and
how far the line through it is drawn."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from mleprep.review.star_reader import PARTS, read_sentences, star_parts
from tests.conftest import REPO

SCRIPT = REPO / "scripts" / "sentence_model_curve.py"
# Team-written answers; the training sentences of the end-to-end test share no word with them.
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
NOTHING = dict.fromkeys(PARTS, False)


@pytest.fixture
def curve(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.syspath_prepend(str(SCRIPT.parent))
    import sentence_model_curve

    return sentence_model_curve


def test_sentences_needed_follows_the_least_squares_line_through_log_sentences(curve: ModuleType) -> None:
    # log2 sizes 0..3 above log2(100); slope 0.09, not the end points' 0.1: at 0.805, x = 3.5.
    points = [(100, 0.5), (200, 0.6), (400, 0.6), (800, 0.8)]

    assert curve.sentences_needed(points, 0.805) == pytest.approx(100 * 2**3.5)
    assert curve.sentences_needed([(100, 0.7), (200, 0.6)], 0.9) is None
    assert curve.sentences_needed([(2800, 0.7)], 0.9) is None
    assert curve.sentences_needed([(5, 0.5), (5, 0.6)], 0.9) is None


def test_a_stratified_draw_keeps_each_parts_share_and_at_least_one_of_each(curve: ModuleType) -> None:
    by_part = {
        "action": [{"text": f"a{n}", "part": "action"} for n in range(40)],
        "task": [{"text": f"t{n}", "part": "task"} for n in range(8)],
        "none": [{"text": "n0", "part": "none"}],
    }

    drawn = curve.stratified_draw(by_part, 0.25, np.random.default_rng(0))

    counts = {part: sum(s["part"] == part for s in drawn) for part in by_part}
    assert counts == {"action": 10, "task": 2, "none": 1}
    assert len({s["text"] for s in drawn}) == len(drawn)


def test_the_rules_gain_only_the_parts_the_model_is_sure_of(curve: ModuleType) -> None:
    classes = ["action", "none", "result", "situation", "task"]
    truth = [{"situation": 1, "task": 1, "action": 1, "result": 1}]
    rules = [{**NOTHING, "action": True}]
    # One sentence sure of a result (0.85), one unsure of a task (0.5).
    probabilities = [np.array([[0.05, 0.05, 0.85, 0.0, 0.05], [0.2, 0.1, 0.1, 0.1, 0.5]])]

    alone, with_rules = curve.scores(truth, rules, probabilities, classes)

    assert alone == pytest.approx(2 / 4)  # result and task at 0.4
    assert with_rules == pytest.approx(2 / 4)  # action from the rules, result from the model


def _write_inputs(tmp_path: Path) -> None:
    rows = [
        {"id": i, "source": "-", "site": "-", "question": "Tell me about a time.", "split": split,
         "sha256": hashlib.sha256(t.encode()).hexdigest(),
         "labels": {**LABELS[i], "quantified_result": 0, "mostly_we": 0, "is_story": 1, "quality": 3}}
        for i, t, split in zip(ANSWERS, ANSWERS.values(), ("tune", "tune2", "tune"), strict=True)
    ]  # fmt: skip
    rows.append({"id": "gone", "split": "tune", "sha256": "0" * 64, "labels": {}})
    # A never-read set, with its text: only asking for it by name may read it.
    rows.append({**rows[0], "id": "unread", "split": "heldout9"})
    (tmp_path / "labels.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    texts = {**ANSWERS, "unread": ANSWERS["own-1"]}
    (tmp_path / "texts.jsonl").write_text(
        "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in texts.items())
    )
    # Words no answer holds: the model gives each of its two classes about its prior, a half, and so
    # finds a result (>= 0.4, < 0.8) in every answer with a sentence.
    training = [
        {"text": f"{word} {n}", "part": part}
        for n in range(8)
        for word, part in [("xxx yyy", "result"), ("zzz qqq", "none")]
    ]
    (tmp_path / "sentences.jsonl").write_text("".join(json.dumps(s) + "\n" for s in training))


def test_each_share_is_scored_on_the_tune_answers_against_the_rules(tmp_path: Path) -> None:
    _write_inputs(tmp_path)

    files = [str(tmp_path / "texts.jsonl"), "--labels", str(tmp_path / "labels.jsonl")]
    options = ["--sentences", str(tmp_path / "sentences.jsonl"), "--shares", "0.25", "1", "--repeats", "2"]
    done = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            *files,
            *options,
            "--first",
            "8",
            "--plot",
            str(tmp_path / "c.png"),
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["splits"] == ["tune", "tune2"]
    assert result["answers"] == 3 and result["without_text"] == 1
    assert [r["sentences"] for r in result["curve"]] == [4, 16]
    rules = [star_parts(read_sentences(t)) for t in ANSWERS.values()]
    matches = [bool(LABELS[i][p]) == r[p] for i, r in zip(ANSWERS, rules, strict=True) for p in PARTS]
    assert result["rules"] == pytest.approx(sum(matches) / len(matches))
    # A result alone found in own-1 (2 of its 4 labels) and own-2 (3 of 4), nothing in the empty own-3
    # (4 of 4).
    assert all(r["model"] == pytest.approx(9 / 12) for r in result["curve"])
    assert all(r["rules_or_model"] == pytest.approx(result["rules"]) for r in result["curve"])
    # The first 8 as the file orders them: four of each part, the same reading.
    assert result["first"]["sentences"] == 8 and result["first"]["model"] == pytest.approx(9 / 12)
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
