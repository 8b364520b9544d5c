"""Can the figures on other people's answers be repeated, and only on the answers that were labelled?

Their texts belong to their authors and stay out of the repository; what is committed is each
answer's source, hash, split and hand labels (interview_guide/external_answer_labels.jsonl).
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

SCRIPT = REPO / "scripts" / "measure_external_review.py"
LABELS = REPO / "interview_guide" / "external_answer_labels.jsonl"
SECOND = REPO / "interview_guide" / "external_answer_labels_second.jsonl"
FIELDS = {"situation", "task", "action", "result", "quantified_result", "mostly_we", "is_story", "quality"}


def test_the_committed_labels_hold_sources_hashes_and_labels_but_no_text() -> None:
    rows = [json.loads(line) for line in LABELS.read_text().splitlines() if line.strip()]
    assert len(rows) >= 60 and len({r["id"] for r in rows}) == len(rows)
    assert {r["split"] for r in rows} >= {"tune", "tune2", "heldout", "heldout2", "heldout3"}
    assert sum(r["split"] == "heldout" for r in rows) >= 40
    assert len({r["site"] for r in rows}) >= 10
    for r in rows:
        assert "text" not in r and len(r["sha256"]) == 64 and r["source"]
        assert set(r["labels"]) >= FIELDS, r["id"]


def test_the_second_labelling_covers_whole_splits_and_nothing_else() -> None:
    rows = [json.loads(line) for line in LABELS.read_text().splitlines() if line.strip()]
    second = [json.loads(line) for line in SECOND.read_text().splitlines() if line.strip()]
    split_of = {r["id"]: r["split"] for r in rows}
    ids = {r["id"] for r in second}
    assert len(ids) == len(second) and ids <= set(split_of)
    for split in {split_of[i] for i in ids}:
        assert {i for i, s in split_of.items() if s == split} <= ids
    for r in second:
        assert "text" not in r and set(r["labels"]) >= FIELDS, r["id"]


STORY = (
    "At my last job our churn model drifted. I was asked to fix it before the campaign. "
    "I retrained it on the last three months. Complaints fell by 20 percent."
)


def _files(tmp_path: Path, text: str, labelled_text: str) -> tuple[Path, Path]:
    labels = {
        "situation": 1,
        "task": 1,
        "action": 1,
        "result": 1,
        "quantified_result": 1,
        "mostly_we": 0,
        "is_story": 1,
        "quality": 5,
    }
    row = {
        "id": "own-1",
        "source": "written by the team",
        "site": "-",
        "split": "heldout",
        "sha256": hashlib.sha256(labelled_text.encode()).hexdigest(),
        "labels": labels,
    }
    (tmp_path / "labels.jsonl").write_text(json.dumps(row) + "\n")
    (tmp_path / "texts.jsonl").write_text(json.dumps({"id": "own-1", "text": text}) + "\n")
    return tmp_path / "texts.jsonl", tmp_path / "labels.jsonl"


def test_the_script_measures_texts_that_match_their_labels(tmp_path: Path) -> None:
    texts, labels = _files(tmp_path, STORY, STORY)
    done = subprocess.run(
        [sys.executable, str(SCRIPT), str(texts), "--labels", str(labels), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(done.stdout)["heldout"]
    assert result["answers"] == 1 and result["overall"] == 1.0, result


def test_a_text_that_is_not_the_one_labelled_is_refused(tmp_path: Path) -> None:
    texts, labels = _files(tmp_path, STORY + " Edited.", STORY)
    done = subprocess.run(
        [sys.executable, str(SCRIPT), str(texts), "--labels", str(labels)], capture_output=True, text=True
    )
    assert done.returncode != 0 and "not the one that was labelled" in done.stderr


def test_answers_without_a_text_are_refused_unless_skipped_and_then_counted(tmp_path: Path) -> None:
    texts, labels = _files(tmp_path, STORY, STORY)
    other = json.loads(labels.read_text()) | {"id": "own-2", "sha256": "0" * 64}
    labels.write_text(labels.read_text() + json.dumps(other) + "\n")
    command = [sys.executable, str(SCRIPT), str(texts), "--labels", str(labels)]

    refused = subprocess.run(command, capture_output=True, text=True)
    skipped = subprocess.run(
        [*command, "--skip-missing", "--json"], capture_output=True, text=True, check=True
    )

    assert refused.returncode != 0 and "no text for own-2" in refused.stderr
    result = json.loads(skipped.stdout)["heldout"]
    assert result["answers"] == 1 and result["without_text"] == 1


def test_a_second_labelling_gives_the_labellers_own_agreement(tmp_path: Path) -> None:
    texts, labels = _files(tmp_path, STORY, STORY)
    first = json.loads(labels.read_text())["labels"]
    second = tmp_path / "second.jsonl"
    second.write_text(json.dumps({"id": "own-1", "labels": {**first, "result": 0}}) + "\n")
    done = subprocess.run(
        [sys.executable, str(SCRIPT), str(texts), "--labels", str(labels), "--second", str(second), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    both = json.loads(done.stdout)["heldout"]["second_labelling"]
    assert both["answers"] == 1
    assert both["labellers"]["by_field"]["result"]["agreement"] == 0.0
    assert both["labellers"]["by_field"]["action"]["agreement"] == 1.0
    assert both["labellers"]["misses"] == [{"id": "own-1", "field": "result", "labelled": 1, "review": 0}]
    assert both["review_vs_second"]["by_field"]["result"]["agreement"] == 0.0  # the review reads a result


def test_splits_in_several_texts_files_are_measured_alone_and_pooled(tmp_path: Path) -> None:
    weak = "I always try to communicate clearly with my team and I like to keep everyone informed."
    rows, files = [], []
    for n, (split, text) in enumerate([("heldout", STORY), ("heldout2", weak)]):
        texts = tmp_path / f"texts{n}.jsonl"
        texts.write_text(json.dumps({"id": f"own-{n}", "text": text}) + "\n")
        files.append(str(texts))
        # The story is labelled as the review reads it; the habit is labelled as if it told every part.
        labels = dict.fromkeys(FIELDS - {"quality"}, 1) | {"mostly_we": n, "quality": 5 - 4 * n}
        digest = hashlib.sha256(text.encode()).hexdigest()
        rows.append(
            {"id": f"own-{n}", "source": "-", "site": "-", "split": split, "sha256": digest, "labels": labels}
        )
    (tmp_path / "labels.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    done = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            *files,
            "--labels",
            str(tmp_path / "labels.jsonl"),
            "--pooled",
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(done.stdout)
    assert result["heldout"]["answers"] == result["heldout2"]["answers"] == 1
    pooled = result["pooled"]
    assert pooled["answers"] == 2 and pooled["splits"] == ["heldout2", "heldout"]
    # One answer read wholly right and one wholly wrong: resampled, the mean runs from 0 to 1.
    assert pooled["overall"] == 0.5 and pooled["overall_95"] == [0.0, 1.0]


def test_the_feature_model_is_scored_on_splits_it_did_not_learn_from(tmp_path: Path) -> None:
    done = _compare_features(tmp_path)
    lines = {line.split()[0]: line.split()[1:] for line in done.stdout.splitlines() if line.strip()}
    assert {"tune1", "tune2", "all", "situation", "mostly_we"} <= set(lines)
    assert len(lines["all"]) == 3 and all(cell.endswith("%") for cell in lines["all"])


def test_a_split_left_without_texts_gets_no_row_of_the_feature_model(tmp_path: Path) -> None:
    done = _compare_features(tmp_path, texts_of=("a", "b"), extra=["--skip-missing"])

    lines = {line.split()[0]: line.split()[1:] for line in done.stdout.splitlines() if line.strip()}
    assert "2 answers without a text left out" in done.stdout
    assert "tune1" in lines and "tune2" not in lines and "all" in lines
    assert "Warning" not in done.stderr


def _compare_features(
    tmp_path: Path, texts_of: tuple[str, ...] = ("a", "b", "c", "d"), extra: list[str] | None = None
) -> subprocess.CompletedProcess[str]:
    answers = [
        ("a", STORY, 1),
        ("b", "I always try to communicate clearly with my team and keep everyone informed.", 0),
        (
            "c",
            "Last spring our nightly load kept failing. I rewrote it in Spark. It has not failed since.",
            1,
        ),
        ("d", "My greatest strength is patience; I like explaining models to people outside the team.", 0),
    ]
    texts, rows = tmp_path / "texts.jsonl", []
    texts.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t, _ in answers if i in texts_of))
    for n, (i, text, story) in enumerate(answers):
        labels = dict.fromkeys(FIELDS - {"quality"}, story) | {"mostly_we": 0, "quality": 1 + 4 * story}
        digest = hashlib.sha256(text.encode()).hexdigest()
        split = "tune1" if n < 2 else "tune2"
        rows.append({"id": i, "source": "-", "site": "-", "split": split, "sha256": digest, "labels": labels})
    (tmp_path / "labels.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    return subprocess.run(
        [
            sys.executable,
            str(REPO / "scripts" / "compare_feature_model.py"),
            str(texts),
            "--labels",
            str(tmp_path / "labels.jsonl"),
            "--split",
            "tune1",
            "--split",
            "tune2",
            *(extra or []),
        ],
        capture_output=True,
        text=True,
        check=True,
    )


def test_the_feature_model_never_learns_from_the_split_it_is_scored_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import importlib

    import numpy as np

    monkeypatch.syspath_prepend(str(REPO / "scripts"))  # as running the script puts its folder first
    compare = importlib.import_module("compare_feature_model")
    fitted_on: list[set[float]] = []

    class Recorder:
        def get_params(self, deep: bool = True) -> dict:
            return {}

        def fit(self, x, y):
            fitted_on.append(set(x[:, 0]))
            return self

        def predict(self, x):
            return np.ones(len(x), int)

    x = np.arange(6.0).reshape(6, 1)  # each row's feature is its own number
    truth = np.array([[0], [1], [0], [1], [0], [1]])
    split = np.array(["a", "a", "b", "b", "c", "c"])
    learned = compare.leave_one_split_out(Recorder(), x, truth, truth, split)
    assert fitted_on == [{2.0, 3.0, 4.0, 5.0}, {0.0, 1.0, 4.0, 5.0}, {0.0, 1.0, 2.0, 3.0}]
    assert learned.tolist() == [[1]] * 6


def test_the_sentence_model_adds_its_reading_per_part_in_the_rules_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import importlib

    from mleprep.review.star_reader import PARTS

    monkeypatch.syspath_prepend(str(REPO / "scripts"))
    compare = importlib.import_module("compare_feature_model")
    answers = [["Churn fell by a third and the campaign was saved."], []]

    table = compare.sentence_model_features(answers)

    assert table.shape == (2, 2 * len(PARTS))
    best = table[0, : len(PARTS)]
    assert PARTS[int(best.argmax())] == "result" and table[0, len(PARTS) + PARTS.index("result")] == 1.0
    assert not table[1].any()
