"""Rules or a model? Compares the answer review's rules with a scikit-learn sentence classifier
trained on interview_guide/star_sentences.jsonl (sentences the team wrote, labelled by part),
alone and combined with the rules, on hand-labelled answers other people published.

    .venv/bin/python scripts/compare_sentence_model.py TEXTS.jsonl [--split tune --split tune2]

TEXTS.jsonl and the labels are those of scripts/measure_external_review.py. A part counts as present
for the model when some sentence gets at least probability T for it; "or" adds the model's parts to
the rules', "and" keeps a rule's part only when the model agrees. Prints agreement and kappa per part.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score
from sklearn.pipeline import Pipeline, make_pipeline, make_union

from mleprep.review.agreement import cohen_kappa
from mleprep.review.star_reader import PARTS, read_sentences, star_parts

REPO = Path(__file__).resolve().parents[1]
SENTENCES = REPO / "interview_guide" / "star_sentences.jsonl"
LABELS = REPO / "interview_guide" / "external_answer_labels.jsonl"


def make_model() -> Pipeline:
    """The sentence classifier, unfitted: word and character n-grams into a logistic regression."""
    return make_pipeline(
        make_union(
            TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True),
        ),
        LogisticRegression(C=5, max_iter=2000),
    )


def team_sentences(path: Path = SENTENCES) -> list[dict[str, str]]:
    """The labelled sentences, in file order, each {"text", "part", "voice"}."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def sentence_model() -> tuple[Pipeline, list[str]]:
    """The classifier fitted on every team sentence (its 5-fold accuracy printed first), and its classes."""
    rows = team_sentences()
    X, y = [r["text"] for r in rows], [r["part"] for r in rows]
    model = make_model()
    accuracy = cross_val_score(model, X, y, cv=5).mean()
    print(f"sentence model, 5-fold accuracy on the team's sentences: {accuracy:.1%}")
    model.fit(X, y)
    return model, list(model.classes_)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("texts", type=Path)
    parser.add_argument("--split", action="append", default=None)
    args = parser.parse_args()
    splits = args.split or ["tune", "tune2"]
    texts = {}
    for line in args.texts.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            texts[row["id"]] = row["text"]
    labelled = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]
    answers = [r for r in labelled if r["split"] in splits and r["id"] in texts]
    model, classes = sentence_model()
    read = []
    for r in answers:
        sentences = read_sentences(texts[r["id"]])
        probs = model.predict_proba([s.text for s in sentences]) if sentences else np.zeros((0, len(classes)))
        read.append((r, star_parts(sentences), probs))
    print(f"{len(answers)} answers of {', '.join(splits)}")
    for mode, threshold in [("rules", None)] + [
        (m, t) for m in ("model", "or", "and") for t in (0.4, 0.6, 0.8)
    ]:
        cells, hits = [], []
        for part in PARTS:
            truth, guess = [], []
            for r, rules, probs in read:
                by_model = bool(len(probs)) and bool(
                    (probs[:, classes.index(part)] >= (threshold or 1)).any()
                )
                guess.append(
                    {
                        "rules": rules[part],
                        "model": by_model,
                        "or": rules[part] or by_model,
                        "and": rules[part] and by_model,
                    }[mode]
                )
                truth.append(bool(r["labels"][part]))
            agree = float(np.mean(np.array(truth) == np.array(guess)))
            hits.append(agree)
            cells.append(f"{part} {agree:.0%} k={cohen_kappa(truth, guess):.2f}")
        name = mode if threshold is None else f"{mode} T={threshold}"
        print(f"  {name:12} overall {np.mean(hits):.1%}   " + "   ".join(cells))


if __name__ == "__main__":
    main()
