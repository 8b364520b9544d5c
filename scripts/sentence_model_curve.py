"""Would more team-written sentences make a model that reads answers as well as the rules? Trains the
sentence classifier of compare_sentence_model.py on growing shares of the team's labelled sentences
and measures, on hand-labelled answers other people published, how often it agrees with the labels
on situation, task, action and result: alone, and added to the rules' parts ("or"). A straight line
through agreement against log2(sentences) says how many sentences it would take to reach the rules.

    .venv/bin/python scripts/sentence_model_curve.py TEXTS.jsonl [...] --split tune --split tune2 \\
        [--repeats 3] [--plot curve.png] [--json]

Texts and labels are those of measure_external_review.py (answers without a text are left out and
counted). The rules read each answer as the model does: its sentences alone, without the question.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
from compare_sentence_model import SENTENCES, make_model, team_sentences
from measure_external_review import LABELS, load

from mleprep.review.star_reader import PARTS, read_sentences, star_parts

SHARES = (1 / 32, 1 / 16, 1 / 8, 1 / 4, 1 / 2, 1.0)
MODEL_THRESHOLD = 0.4  # the model alone does best at 0.4 (compare_sentence_model.py)
OR_THRESHOLD = 0.8  # and adds least noise to the rules at 0.8


def agreement(truth: list[dict[str, Any]], guesses: list[dict[str, bool]]) -> float:
    """Share of (answer, part) pairs on which the guesses match the labels, parts weighted alike."""
    pairs = [bool(t[part]) == g[part] for t, g in zip(truth, guesses, strict=True) for part in PARTS]
    return sum(pairs) / len(pairs)


def model_parts(probabilities: np.ndarray, classes: list[str], threshold: float) -> dict[str, bool]:
    """The parts some sentence gets at least `threshold` probability for."""
    return {
        part: part in classes and bool((probabilities[:, classes.index(part)] >= threshold).any())
        for part in PARTS
    }


def sentences_needed(points: list[tuple[int, float]], target: float) -> float | None:
    """Sentences at which a least-squares line through (log2 sentences, agreement) reaches `target`;
    None when the line does not rise."""
    x = np.log2([n for n, _ in points])
    y = np.array([a for _, a in points])
    slope, intercept = np.polyfit(x, y, 1)
    if slope <= 0:
        return None
    return float(2 ** ((target - intercept) / slope))


def _drawn(
    by_part: dict[str, list[dict[str, str]]], share: float, rng: np.random.Generator
) -> list[dict[str, str]]:
    """A random `share` of each part's sentences (at least one of each), so every draw keeps the
    parts in the same proportions and the model always sees every part."""
    drawn = []
    for part in sorted(by_part):
        pool = by_part[part]
        keep = max(1, round(share * len(pool)))
        drawn += [pool[i] for i in rng.permutation(len(pool))[:keep]]
    return drawn


def curve(
    *,
    answers: list[dict[str, Any]],
    sentences: list[dict[str, str]],
    shares: tuple[float, ...] = SHARES,
    repeats: int = 3,
    seed: int = 0,
) -> dict[str, Any]:
    """Agreement of the rules, the model and both, per number of training sentences."""
    split_answers = [[s.text for s in read_sentences(a["text"])] for a in answers]
    rules = [star_parts(read_sentences(a["text"])) for a in answers]
    truth = [a["labels"] for a in answers]
    rng = np.random.default_rng(seed)
    by_part = collections.defaultdict(list)
    for sentence in sentences:
        by_part[sentence["part"]].append(sentence)
    rows = []
    for share in shares:
        alone, either = [], []
        for _ in range(1 if share >= 1 else repeats):
            chosen = _drawn(by_part, share, rng)
            model = make_model().fit([s["text"] for s in chosen], [s["part"] for s in chosen])
            classes = list(model.classes_)
            probs = [
                model.predict_proba(texts) if texts else np.zeros((0, len(classes)))
                for texts in split_answers
            ]
            by_model = [model_parts(p, classes, MODEL_THRESHOLD) for p in probs]
            added = [
                {part: r[part] or m[part] for part in PARTS}
                for r, m in zip(rules, [model_parts(p, classes, OR_THRESHOLD) for p in probs], strict=True)
            ]
            alone.append(agreement(truth, by_model))
            either.append(agreement(truth, added))
        rows.append(
            {
                "sentences": len(chosen),
                "model": float(np.mean(alone)),
                "rules_or_model": float(np.mean(either)),
            }
        )
        print(f"  {len(chosen)} sentences: model {rows[-1]['model']:.1%}", file=sys.stderr)
    rules_agreement = agreement(truth, rules)
    points = [(r["sentences"], r["model"]) for r in rows]
    return {
        "answers": len(answers),
        "rules": rules_agreement,
        "curve": rows,
        "sentences_to_match_rules": sentences_needed(points, rules_agreement),
        "sentences_to_reach_92": sentences_needed(points, 0.92),
    }


def plot(result: dict[str, Any], out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = [r["sentences"] for r in result["curve"]]
    fig, ax = plt.subplots(figsize=(7, 4.2))
    ax.plot(sizes, [100 * r["model"] for r in result["curve"]], "o-", label="model alone")
    ax.plot(sizes, [100 * r["rules_or_model"] for r in result["curve"]], "s-", label="rules or model")
    ax.axhline(100 * result["rules"], color="grey", linestyle="--", label="rules alone")
    ax.axhline(92, color="firebrick", linestyle=":", label="target (92%)")
    ax.set_xscale("log", base=2)
    ax.set_xticks(sizes, [str(n) for n in sizes])
    ax.minorticks_off()
    ax.text(
        0.02,
        0.55,
        "a straight line through the model's points reaches the rules at "
        f"{_shown(result['sentences_to_match_rules'])}\nsentences and 92% at "
        f"{_shown(result['sentences_to_reach_92'])}",
        transform=ax.transAxes,
        fontsize=8,
    )
    ax.set_xlabel("team-written training sentences (log scale)")
    ax.set_ylabel("agreement with the labels (%)")
    ax.set_title(f"Sentence model against the rules, {result['answers']} labelled answers")
    ax.legend(loc="lower right")
    fig.tight_layout()
    fig.savefig(out, dpi=120)


def _shown(n: float | None) -> str:
    return "never (the line does not rise)" if n is None else f"about {n:,.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog="example: sentence_model_curve.py texts.jsonl --split tune --split tune2 --plot curve.png",
    )
    parser.add_argument("texts", type=Path, nargs="+", help="one or more texts files (JSON Lines)")
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--sentences", type=Path, default=SENTENCES, help="labelled training sentences")
    parser.add_argument("--split", action="append", default=None, help="a labelled split; default all")
    parser.add_argument(
        "--shares", type=float, nargs="+", default=list(SHARES), help="shares of the sentences to train on"
    )
    parser.add_argument("--repeats", type=int, default=3, help="random draws per share below the whole")
    parser.add_argument("--plot", type=Path, help="also draw the curve to this PNG")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    without_text: collections.Counter[str] = collections.Counter()
    answers = load(args.texts, args.labels, args.split, without_text=without_text)
    if not answers:
        raise SystemExit(f"{args.labels}: no labelled answer with a text in the chosen splits")
    result = curve(
        answers=answers,
        sentences=team_sentences(args.sentences),
        shares=tuple(args.shares),
        repeats=args.repeats,
    )
    result["without_text"] = sum(without_text.values())
    if args.plot:
        plot(result, args.plot)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{result['answers']} answers ({result['without_text']} without a text left out)")
    print(f"rules alone: {result['rules']:.1%}")
    for row in result["curve"]:
        print(
            f"  {row['sentences']:5d} sentences: model {row['model']:.1%}, "
            f"rules or model {row['rules_or_model']:.1%}"
        )
    print(f"sentences for the model to match the rules: {_shown(result['sentences_to_match_rules'])}")
    print(f"sentences for the model to reach 92%: {_shown(result['sentences_to_reach_92'])}")


if __name__ == "__main__":
    main()
