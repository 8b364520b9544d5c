"""How often the answer review agrees with answers labelled by hand (interview_guide/labelled_answers.toml).

Reported per field as agreement and Cohen's kappa (agreement beyond chance), next to a keyword-only
reader that marks a part present whenever one of its cue words occurs anywhere: the review should
beat it, because it reads sentences, tense, subject and position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mleprep.core.toml_data import load_toml
from mleprep.review.star_reader import PARTS, quantified_result, read_sentences, star_parts

FIELDS = (*PARTS, "quantified_result")
LABELS_FILE = "labelled_answers.toml"
_KEYWORDS = {
    "situation": r"\b(?:company|team|project|job|role|when|at|had|was|were)\b",
    "task": r"\b(?:task|goal|job|needed|asked|responsible|had to)\b",
    "action": r"\b(?:I|we)\b",
    "result": r"\b(?:result|increased|decreased|improved|reduced|saved|launched|success|happy)\b",
    "quantified_result": r"\d",
}


def keyword_reader(text: str) -> dict[str, bool]:
    return {f: bool(re.search(pattern, text, re.I)) for f, pattern in _KEYWORDS.items()}


def review_reader(text: str) -> dict[str, bool]:
    sentences = read_sentences(text)
    parts = star_parts(sentences)
    return {**parts, "quantified_result": quantified_result(sentences, parts)}


def cohen_kappa(truth: list[bool], guess: list[bool]) -> float:
    n = len(truth)
    observed = sum(t == g for t, g in zip(truth, guess, strict=True)) / n
    p_true, p_guess = sum(truth) / n, sum(guess) / n
    expected = p_true * p_guess + (1 - p_true) * (1 - p_guess)
    return 1.0 if expected == 1 else round((observed - expected) / (1 - expected), 3)


@dataclass(frozen=True)
class Agreement:
    answers: int
    by_field: dict[str, dict[str, float]]
    overall: float
    disagreements: list[dict[str, Any]]


def measure(labelled: list[dict[str, Any]], reader: Any) -> Agreement:
    if not labelled:
        raise ValueError("no labelled answers to measure agreement on")
    guesses = [reader(a["text"]) for a in labelled]
    by_field, disagreements, overall = field_agreement(labelled, labelled, guesses, FIELDS)
    return Agreement(len(labelled), by_field, overall, disagreements)


def field_agreement(
    rows: list[dict[str, Any]],
    labels: list[dict[str, Any]],
    guesses: list[dict[str, Any]],
    fields: tuple[str, ...],
) -> tuple[dict[str, dict[str, float]], list[dict[str, Any]], float]:
    """Agreement and Cohen's kappa per field between hand `labels` and a reader's `guesses` (one
    of each per row, which names it by "id"), the disagreements, and the overall agreement."""
    by_field = {}
    for f in fields:
        truth = [bool(label[f]) for label in labels]
        guess = [bool(g[f]) for g in guesses]
        hits = sum(t == g for t, g in zip(truth, guess, strict=True))
        by_field[f] = {"agreement": round(hits / len(rows), 3), "kappa": cohen_kappa(truth, guess)}
    disagreements = [
        {"id": row["id"], "field": f, "labelled": label[f], "review": g[f]}
        for row, label, g in zip(rows, labels, guesses, strict=True)
        for f in fields
        if bool(label[f]) != bool(g[f])
    ]
    return by_field, disagreements, round(1 - len(disagreements) / (len(rows) * len(fields)), 3)


def load_labelled(guide_dir: Path) -> list[dict[str, Any]]:
    """The hand-labelled answers of `guide_dir` (a list of tables under `answers`)."""
    return [item.table for item in load_toml(guide_dir / LABELS_FILE).items("answers")]
