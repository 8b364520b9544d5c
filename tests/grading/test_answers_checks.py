"""Answers checks: the variant is staged beside the notebook whatever the candidate put there, and
points follow the share of answers that match, with messages that never quote an expected answer."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from mleprep.course.spec import Check
from mleprep.grading.answers_checks import score_answers, stage_variant
from mleprep.grading.scoring import ScoringError
from mleprep.handin import encode_answer, export_path

CHECK = Check("answers_lift", "Lift on another sample", "answers", 4.0, tolerance=0.001)


def _expected(hidden: Path, answers: dict) -> None:
    hidden.mkdir(parents=True, exist_ok=True)
    payload = {CHECK.id: {k: {"answer": encode_answer(v), "tolerance": 0.001} for k, v in answers.items()}}
    (hidden / "expected_answers.json").write_text(json.dumps(payload))


def _exported(workdir: Path, answers: dict) -> None:
    path = export_path(CHECK.id, workdir)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"answers": {k: encode_answer(v) for k, v in answers.items()}}))


def test_the_variant_replaces_whatever_the_submission_holds_under_its_name(tmp_path: Path) -> None:
    hidden, workdir = tmp_path / "autograders" / "shop", tmp_path / "work"
    (hidden / "variant").mkdir(parents=True)
    (hidden / "variant" / "shop.db").write_bytes(b"hidden variant")
    (hidden / "variant" / "SHA256SUMS").write_text("sums\n")
    (workdir / "variant").mkdir(parents=True)
    (workdir / "variant" / "shop.db").write_bytes(b"the candidate's own copy of the public data")
    (workdir / "variant" / "answers.py").write_text("planted")
    stage_variant(hidden, workdir)
    assert sorted(p.name for p in (workdir / "variant").iterdir()) == ["shop.db"]
    assert (workdir / "variant" / "shop.db").read_bytes() == b"hidden variant"


def test_a_file_named_like_the_variant_folder_is_replaced_too(tmp_path: Path) -> None:
    hidden, workdir = tmp_path / "hidden", tmp_path / "work"
    (hidden / "variant").mkdir(parents=True)
    (hidden / "variant" / "shop.db").write_bytes(b"v")
    workdir.mkdir()
    (workdir / "variant").write_text("not a folder")
    stage_variant(hidden, workdir)
    assert (workdir / "variant" / "shop.db").read_bytes() == b"v"


def test_points_follow_the_share_of_matching_answers(tmp_path: Path) -> None:
    hidden, workdir = tmp_path / "hidden", tmp_path / "work"
    table = pd.DataFrame({"variant": ["control", "treatment"], "conversion": [0.081, 0.094]})
    _expected(hidden, {"conversion": table, "lift": 0.013, "platform": "ios", "p_value": 0.0004})
    _exported(workdir, {"conversion": table, "lift": 0.0131, "platform": "android", "p_value": 0.2})
    outcome, points, message = score_answers(CHECK, hidden_dir=hidden, workdir=workdir)
    assert (outcome, points) == ("failed", 2.0)
    assert "2 of 4 answers match" in message
    assert "platform: not the expected text" in message
    assert "ios" not in message and "0.0004" not in message  # the variant's answers stay hidden


def test_every_answer_matching_earns_every_point(tmp_path: Path) -> None:
    hidden, workdir = tmp_path / "hidden", tmp_path / "work"
    _expected(hidden, {"lift": 0.013})
    _exported(workdir, {"lift": 0.0125})
    assert score_answers(CHECK, hidden_dir=hidden, workdir=workdir)[:2] == ("passed", 4.0)


def test_a_key_the_candidate_did_not_export_scores_nothing(tmp_path: Path) -> None:
    hidden, workdir = tmp_path / "hidden", tmp_path / "work"
    _expected(hidden, {"lift": 0.013, "platform": "ios"})
    _exported(workdir, {"lift": 0.013})
    outcome, points, message = score_answers(CHECK, hidden_dir=hidden, workdir=workdir)
    assert (outcome, points) == ("failed", 2.0) and "platform: nothing was exported" in message


def test_missing_expected_answers_tell_the_mentor_what_to_run(tmp_path: Path) -> None:
    (tmp_path / "hidden").mkdir()
    with pytest.raises(ScoringError, match="mleprep calibrate <id> --write"):
        score_answers(CHECK, hidden_dir=tmp_path / "hidden", workdir=tmp_path)


def test_no_export_is_an_error_not_a_crash(tmp_path: Path) -> None:
    _expected(tmp_path / "hidden", {"lift": 0.013})
    with pytest.raises(ScoringError, match="exported nothing"):
        score_answers(CHECK, hidden_dir=tmp_path / "hidden", workdir=tmp_path / "work")


def test_functions_that_are_all_still_stubs_are_not_attempted(tmp_path: Path) -> None:
    hidden, workdir = tmp_path / "hidden", tmp_path / "work"
    _expected(hidden, {"lift": 0.013, "platform": "ios"})
    path = export_path(CHECK.id, workdir)
    path.parent.mkdir(parents=True)
    stub = {"type": "error", "message": "NotImplementedError: "}
    path.write_text(json.dumps({"answers": {"lift": stub, "platform": stub}}))
    assert score_answers(CHECK, hidden_dir=hidden, workdir=workdir)[:2] == ("not attempted", 0.0)


def test_a_tolerance_of_zero_means_exactly(tmp_path: Path) -> None:
    from dataclasses import replace

    hidden, workdir = tmp_path / "hidden", tmp_path / "work"
    hidden.mkdir()
    (hidden / "expected_answers.json").write_text(
        json.dumps({CHECK.id: {"n": {"answer": encode_answer(10.0)}}})
    )
    _exported(workdir, {"n": 10.000001})
    exact = replace(CHECK, tolerance=0.0)
    assert score_answers(exact, hidden_dir=hidden, workdir=workdir)[0] == "failed"
