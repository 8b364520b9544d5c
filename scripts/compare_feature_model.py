"""Rules or rules plus a model? Compares the review's own decisions with a scikit-learn model that
learns each label from the rules' features (each part's decision, best sentence score and count of
sentences, the question's kind, whether an episode is told, who acted), leaving one split out at a
time: the model never sees the set it is scored on.

    .venv/bin/python scripts/compare_feature_model.py TEXTS.jsonl [...] --split tune3 --split tune5 ... \\
        [--with-sentence-model]

TEXTS.jsonl and the labels are those of scripts/measure_external_review.py. Prints, per split and in
all, the rules' agreement with the labels and the model's (logistic regression and shallow gradient
boosting), per label and overall. The model learns from the labelled answers' features, so the texts
never enter the repository; if it won, its training table (features, labels, ids, sha256) could ship.
`--with-sentence-model` adds what the sentence classifier of compare_sentence_model.py (trained on
every team sentence) reads in each answer: per part, its highest probability in any sentence and the
share of sentences at 0.5 or more.
"""

from __future__ import annotations

import argparse
import collections
from pathlib import Path
from typing import Any

import external_labels
import measure_external_review as measure
import numpy as np
from compare_sentence_model import answer_probabilities, make_model, team_sentences
from sklearn.base import clone
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from mleprep.review import star_cues as cue
from mleprep.review.asked_question import AskedQuestion
from mleprep.review.star_reader import PARTS, action_actors

LABELS = measure.FIELDS
MODELS = {
    "logistic": make_pipeline(StandardScaler(), LogisticRegression(C=0.3, max_iter=5000)),
    "boosting": GradientBoostingClassifier(n_estimators=100, max_depth=2, learning_rate=0.05, random_state=0),
}


def features(row: dict[str, Any]) -> tuple[list[float], list[int], list[str]]:
    """The rules' features of one labelled answer, the rules' own decision per label, and the texts of
    the sentences the review read (for the sentence model, which reads the same ones)."""
    question = AskedQuestion(row["question"]) if row.get("question") else None
    review = measure.review_of(row)
    decided = measure.decisions(review)
    sentences = review.sentences
    n = max(1, len(sentences))
    background = question is not None and question.answered_with_background
    x: list[float] = [float(bool(decided[label])) for label in LABELS]
    for part in PARTS:
        scores = [s.scores[part] for s in sentences] or [0.0]
        told = sum(part in s.parts for s in sentences)
        x += [max(scores), told, told / n]
    mine, ours = action_actors(sentences)
    x += [
        len(sentences),
        float(np.log1p(len(row["text"].split()))),
        float(background),
        float(question is not None and question.answer_format == "direct" and not background),
        float(question is None),
        sum(s.hypothetical for s in sentences) / n,
        sum(s.habitual for s in sentences) / n,
        float(any(cue.EVENT.search(s.text) for s in sentences)),
        mine,
        ours,
    ]
    return x, [int(bool(decided[label])) for label in LABELS], [s.text for s in sentences]


def sentence_model_features(answers: list[list[str]]) -> np.ndarray:
    """Per answer (its sentences' texts) and part, the sentence classifier's highest probability and
    its share of sentences at 0.5 or more (zeros for an answer with no sentence)."""
    sentences = team_sentences()
    model = make_model().fit([s["text"] for s in sentences], [s["part"] for s in sentences])
    columns = [list(model.classes_).index(part) for part in PARTS]
    table = []
    for probabilities in answer_probabilities(model, answers):
        by_part = probabilities[:, columns] if len(probabilities) else np.zeros((1, len(PARTS)))
        table.append([*by_part.max(axis=0), *(by_part >= 0.5).mean(axis=0)])
    return np.array(table)


def leave_one_split_out(
    model: Any, x: np.ndarray, truth: np.ndarray, rules: np.ndarray, split: np.ndarray
) -> np.ndarray:
    """Each split's labels predicted by a clone of `model` fitted on the other splits only; where the
    other splits hold one value of a label, nothing can be learned and the rules' decision stands."""
    learned = np.zeros_like(truth)
    for held in dict.fromkeys(split):
        out = split == held
        for j in range(truth.shape[1]):
            if len(set(truth[~out, j])) < 2:
                learned[out, j] = rules[out, j]
                continue
            learned[out, j] = clone(model).fit(x[~out], truth[~out, j]).predict(x[out])
    return learned


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("texts", type=Path, nargs="+")
    parser.add_argument("--labels", type=Path, default=external_labels.LABELS)
    parser.add_argument("--split", action="append", required=True, help="a split to learn from and score")
    parser.add_argument(
        "--with-sentence-model", action="store_true", help="add the sentence classifier's reading as features"
    )
    parser.add_argument("--skip-missing", action="store_true", help="leave out answers without a text")
    args = parser.parse_args()
    without_text: collections.Counter[str] = collections.Counter()
    rows = external_labels.load(
        args.texts, args.labels, args.split, without_text=without_text if args.skip_missing else None
    )
    if without_text:
        print(f"{sum(without_text.values())} answers without a text left out")
    table = [features(r) for r in rows]
    x = np.array([t[0] for t in table])
    if args.with_sentence_model:
        x = np.hstack([x, sentence_model_features([t[2] for t in table])])
    rules = np.array([t[1] for t in table])
    truth = np.array([[r["labels"][label] for label in LABELS] for r in rows])
    split = np.array([r["split"] for r in rows])
    learned = {name: leave_one_split_out(model, x, truth, rules, split) for name, model in MODELS.items()}
    print(f"{'':18}{'rules':>8}" + "".join(f"{name:>10}" for name in MODELS))
    # A split whose every text is missing (--skip-missing) has nothing to score.
    for held in [*(s for s in args.split if (split == s).any()), "all"]:
        keep = split == held if held != "all" else np.ones(len(rows), bool)
        cells = "".join(f"{(learned[n][keep] == truth[keep]).mean():>10.1%}" for n in MODELS)
        print(f"{held:18}{(rules[keep] == truth[keep]).mean():>8.1%}{cells}")
    print()
    for j, label in enumerate(LABELS):
        cells = "".join(f"{(learned[n][:, j] == truth[:, j]).mean():>10.1%}" for n in MODELS)
        print(f"{label:18}{(rules[:, j] == truth[:, j]).mean():>8.1%}{cells}")


if __name__ == "__main__":
    main()
