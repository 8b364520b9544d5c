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
import collections
from pathlib import Path

import numpy as np
from external_labels import LABELS, load, read_jsonl
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score
from sklearn.pipeline import Pipeline, make_pipeline, make_union

from mleprep.review.agreement import cohen_kappa
from mleprep.review.star_reader import PARTS, read_sentences, star_parts

REPO = Path(__file__).resolve().parents[1]
SENTENCES = REPO / "interview_guide" / "star_sentences.jsonl"


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
    return read_jsonl(path)


def sentence_model() -> tuple[Pipeline, list[str]]:
    """The classifier fitted on every team sentence (its 5-fold accuracy printed first), and its classes."""
    rows = team_sentences()
    X, y = [r["text"] for r in rows], [r["part"] for r in rows]
    model = make_model()
    accuracy = cross_val_score(model, X, y, cv=5).mean()
    print(f"sentence model, 5-fold accuracy on the team's sentences: {accuracy:.1%}")
    model.fit(X, y)
    return model, list(model.classes_)


def model_parts(probabilities: np.ndarray, classes: list[str], threshold: float) -> dict[str, bool]:
    """The parts some sentence gets at least `threshold` probability for."""
    return {
        part: part in classes and bool((probabilities[:, classes.index(part)] >= threshold).any())
        for part in PARTS
    }


def answer_probabilities(model: Pipeline, answers: list[list[str]]) -> list[np.ndarray]:
    """Per answer (its sentences' texts), the model's probabilities, a row a sentence; no rows for an
    answer with no sentence."""
    width = len(model.classes_)
    return [model.predict_proba(texts) if texts else np.zeros((0, width)) for texts in answers]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("texts", type=Path)
    parser.add_argument("--split", action="append", default=None)
    args = parser.parse_args()
    splits = args.split or ["tune", "tune2"]
    answers = load(args.texts, LABELS, splits, without_text=collections.Counter())
    model, classes = sentence_model()
    read = [read_sentences(a["text"]) for a in answers]
    rules = [star_parts(sentences) for sentences in read]
    probabilities = answer_probabilities(model, [[s.text for s in sentences] for sentences in read])
    print(f"{len(answers)} answers of {', '.join(splits)}")
    for mode, threshold in [("rules", None)] + [
        (m, t) for m in ("model", "or", "and") for t in (0.4, 0.6, 0.8)
    ]:
        guesses = []
        for by_rules, p in zip(rules, probabilities, strict=True):
            by_model = model_parts(p, classes, threshold or 1)
            combined = {
                "rules": by_rules,
                "model": by_model,
                "or": {part: by_rules[part] or by_model[part] for part in PARTS},
                "and": {part: by_rules[part] and by_model[part] for part in PARTS},
            }
            guesses.append(combined[mode])
        cells, hits = [], []
        for part in PARTS:
            truth = [bool(a["labels"][part]) for a in answers]
            guess = [g[part] for g in guesses]
            agree = float(np.mean(np.array(truth) == np.array(guess)))
            hits.append(agree)
            cells.append(f"{part} {agree:.0%} k={cohen_kappa(truth, guess):.2f}")
        name = mode if threshold is None else f"{mode} T={threshold}"
        print(f"  {name:12} overall {np.mean(hits):.1%}   " + "   ".join(cells))


if __name__ == "__main__":
    main()
