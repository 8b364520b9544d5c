"""Is precision@k scored outside the kernel exactly, with messages a candidate can act on?"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from mleprep.course.spec import Metric, Task
from mleprep.grading.scoring import ScoringError, score_holdout
from mleprep.metrics.ranking import precision_at_k

RELEVANT = pd.DataFrame({"learner_id": ["a", "a", "b"], "course_id": ["x", "y", "z"]})


def test_precision_counts_hits_in_the_top_k_per_user() -> None:
    export = {"rankings": {"a": ["x", "q", "y", "r"], "b": ["q", "r", "s", "z"]}}
    # a: 1 hit in the top 2, b: none -> (1/2 + 0/2) / 2
    assert precision_at_k(export, RELEVANT, user_column="learner_id", item_column="course_id", k=2) == 0.25
    assert precision_at_k(export, RELEVANT, user_column="learner_id", item_column="course_id", k=4) == 0.375


@pytest.mark.parametrize(
    ("export", "says"),
    [
        ({"rankings": {"a": ["x", "y"]}}, "no ranking for 1 of the 2 users"),
        ({"rankings": {"a": ["x", "x"], "b": ["z", "q"]}}, "user a needs 2 different items"),
        ({"predictions": []}, "the export has no rankings"),
    ],
)
def test_bad_exports_say_what_is_wrong(export: dict, says: str) -> None:
    with pytest.raises(ValueError, match=re.escape(says)):
        precision_at_k(export, RELEVANT, user_column="learner_id", item_column="course_id", k=2)


def test_a_ranking_check_is_scored_with_its_bands(tmp_path: Path) -> None:
    (tmp_path / "export.json").write_text(json.dumps({"rankings": {"a": ["x", "y"], "b": ["z", "q"]}}))
    RELEVANT.to_csv(tmp_path / "labels.csv", index=False)
    task = Task(target="course_id", id_column="learner_id", holdout_features="data/learners.csv")
    metric = Metric("precision_at_2", pass_threshold=0.7)
    score = score_holdout(
        export_file=tmp_path / "export.json", labels_file=tmp_path / "labels.csv", task=task, metric=metric
    )
    assert (score.value, score.credit, score.rows) == (0.75, 1.0, 2)
    (tmp_path / "export.json").write_text(json.dumps({"rankings": {"a": ["x", "y"]}}))
    with pytest.raises(ScoringError, match="no ranking for 1"):
        score_holdout(
            export_file=tmp_path / "export.json",
            labels_file=tmp_path / "labels.csv",
            task=task,
            metric=metric,
        )
