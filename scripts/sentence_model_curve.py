"""Would more team-written sentences make a model that reads answers as well as the rules? Trains the
sentence classifier of compare_sentence_model.py on growing shares of the team's labelled sentences
and measures, on hand-labelled answers other people published, how often it agrees with the labels
on situation, task, action and result: alone, and added to the rules' parts ("or"). A straight line
through agreement against log2(sentences) says how many sentences it would take to reach the rules
(a lower bound while each doubling gains less than the one before: hence also the line through the
last three points).

    .venv/bin/python scripts/sentence_model_curve.py TEXTS.jsonl [...] [--split tune --split tune2] \\
        [--first 700] [--repeats 3] [--plot curve.png] [--json]

Texts and labels are those of measure_external_review.py (answers without a text are left out and
counted); the default splits are the tune sets, so the never-read sets stay unread. The rules read
each answer as the model does: its sentences alone, without the question. Mind that the rules were
tuned on the tune sets and the model never saw them.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
from compare_sentence_model import SENTENCES, answer_probabilities, make_model, model_parts, team_sentences
from external_labels import LABELS, load, splits_in

from mleprep.review.star_reader import PARTS, read_sentences, star_parts

SHARES = (1 / 32, 1 / 16, 1 / 8, 1 / 4, 1 / 2, 1.0)
# Thresholds as compare_sentence_model.py chose them from 0.4, 0.6 and 0.8 on the tune answers with
# the first 700 sentences: alone the model agrees most at 0.4, added to the rules it harms least at 0.8.
MODEL_THRESHOLD = 0.4
OR_THRESHOLD = 0.8


def agreement(truth: list[dict[str, Any]], guesses: list[dict[str, bool]]) -> float:
    """Share of (answer, part) pairs on which the guesses match the labels, parts weighted alike."""
    pairs = [bool(t[part]) == g[part] for t, g in zip(truth, guesses, strict=True) for part in PARTS]
    return sum(pairs) / len(pairs)


def scores(
    truth: list[dict[str, Any]],
    rules: list[dict[str, bool]],
    probabilities: list[np.ndarray],
    classes: list[str],
) -> tuple[float, float]:
    """(agreement of the model alone, of the rules with the parts the model is sure of added), given
    each answer's labels, the rules' parts and the model's probabilities for its sentences."""
    alone = [model_parts(p, classes, MODEL_THRESHOLD) for p in probabilities]
    sure = [model_parts(p, classes, OR_THRESHOLD) for p in probabilities]
    with_rules = [{part: r[part] or m[part] for part in PARTS} for r, m in zip(rules, sure, strict=True)]
    return agreement(truth, alone), agreement(truth, with_rules)


def sentences_needed(points: list[tuple[int, float]], target: float) -> float | None:
    """Sentences at which a least-squares line through (log2 sentences, agreement) reaches `target`;
    None when there are fewer than two sizes to draw a line through, or the line does not rise."""
    if len({n for n, _ in points}) < 2:
        return None
    x = np.log2([n for n, _ in points])
    y = np.array([a for _, a in points])
    slope, intercept = np.polyfit(x, y, 1)
    if slope <= 0:
        return None
    return float(2 ** ((target - intercept) / slope))


def stratified_draw(
    by_part: dict[str, list[dict[str, str]]], share: float, rng: np.random.Generator
) -> list[dict[str, str]]:
    """A random `share` of each part's sentences, rounded, and at least one of each: every draw keeps
    the parts in about the same proportions and the model always sees every part."""
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
    first: int | None = None,
    seed: int = 0,
) -> dict[str, Any]:
    """Agreement of the rules, the model and both, per number of training sentences (the mean of
    `repeats` stratified draws below the whole, with their range); with `first`, also the model
    trained on the first `first` sentences as the file orders them."""
    if repeats < 1 or not all(0 < share <= 1 for share in shares):
        raise ValueError("repeats must be at least 1 and every share in (0, 1]")
    read = [read_sentences(a["text"]) for a in answers]
    answer_sentences = [[s.text for s in parsed] for parsed in read]
    rules = [star_parts(parsed) for parsed in read]
    truth = [a["labels"] for a in answers]

    def trained_on(chosen: list[dict[str, str]]) -> tuple[float, float]:
        model = make_model().fit([s["text"] for s in chosen], [s["part"] for s in chosen])
        return scores(truth, rules, answer_probabilities(model, answer_sentences), list(model.classes_))

    rng = np.random.default_rng(seed)
    by_part: collections.defaultdict[str, list[dict[str, str]]] = collections.defaultdict(list)
    for sentence in sentences:
        by_part[sentence["part"]].append(sentence)
    rows = []
    for share in shares:
        draws = [stratified_draw(by_part, share, rng) for _ in range(1 if share == 1 else repeats)]
        measured = [trained_on(chosen) for chosen in draws]
        alone = [m for m, _ in measured]
        rows.append(
            {
                "sentences": len(draws[0]),
                "model": float(np.mean(alone)),
                "model_range": [min(alone), max(alone)],
                "rules_or_model": float(np.mean([w for _, w in measured])),
            }
        )
        print(f"  {rows[-1]['sentences']} sentences: model {rows[-1]['model']:.1%}", file=sys.stderr)
    rules_agreement = agreement(truth, rules)
    points = [(r["sentences"], r["model"]) for r in rows]
    result: dict[str, Any] = {
        "answers": len(answers),
        "rules": rules_agreement,
        "curve": rows,
        "sentences_to_match_rules": sentences_needed(points, rules_agreement),
        "sentences_to_reach_92": sentences_needed(points, 0.92),
        "last_three_to_match_rules": sentences_needed(points[-3:], rules_agreement),
        "last_three_to_reach_92": sentences_needed(points[-3:], 0.92),
    }
    if first:
        model, with_rules = trained_on(sentences[:first])
        result["first"] = {
            "sentences": min(first, len(sentences)),
            "model": model,
            "rules_or_model": with_rules,
        }
    return result


def plot(result: dict[str, Any], out: Path) -> None:
    """Agreement against training sentences on a log scale, with the rules and the target as lines."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = result["curve"]
    sizes = [r["sentences"] for r in rows]
    fig, ax = plt.subplots(figsize=(7, 4.2))
    means = np.array([r["model"] for r in rows])
    spread = np.array([[r["model"] - r["model_range"][0], r["model_range"][1] - r["model"]] for r in rows])
    ax.errorbar(
        sizes, 100 * means, yerr=100 * spread.T, fmt="o-", capsize=3, label="model alone (range of draws)"
    )
    ax.plot(sizes, [100 * r["rules_or_model"] for r in rows], "s-", label="rules or model")
    if "first" in result:
        ax.plot(
            result["first"]["sentences"],
            100 * result["first"]["model"],
            "D",
            color="black",
            label=f"model, first {result['first']['sentences']} as written",
        )
    ax.axhline(100 * result["rules"], color="grey", linestyle="--", label="rules alone")
    ax.axhline(92, color="firebrick", linestyle=":", label="target (92%)")
    ax.set_xscale("log", base=2)
    ax.set_xticks(sizes, [str(n) for n in sizes])
    ax.minorticks_off()
    ax.text(
        0.02,
        0.55,
        f"line through all points: the rules at {_shown(result['sentences_to_match_rules'])}, "
        f"92% at {_shown(result['sentences_to_reach_92'])} sentences\n"
        f"through the last three: {_shown(result['last_three_to_match_rules'])} and "
        f"{_shown(result['last_three_to_reach_92'])}",
        transform=ax.transAxes,
        fontsize=8,
    )
    ax.set_xlabel("team-written training sentences (log scale)")
    ax.set_ylabel("agreement with the labels (%)")
    ax.set_title(f"Sentence model against the rules, {result['answers']} labelled answers")
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    fig.savefig(out, dpi=120)


def _shown(n: float | None) -> str:
    """A count to two significant figures: the line is an extrapolation, not a measurement."""
    return "never" if n is None else f"~{float(f'{n:.2g}'):,.0f}"


def tune_splits(labels_file: Path) -> list[str]:
    """The splits of `labels_file` whose name starts with "tune": the sets one may read while tuning."""
    return [name for name in splits_in(labels_file) if name.startswith("tune")]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog="example: sentence_model_curve.py texts.jsonl --first 700 --plot curve.png",
    )
    parser.add_argument("texts", type=Path, nargs="+", help="one or more texts files (JSON Lines)")
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--sentences", type=Path, default=SENTENCES, help="labelled training sentences")
    parser.add_argument(
        "--split",
        action="append",
        default=None,
        help="a labelled split (repeatable); default every tune split",
    )
    parser.add_argument(
        "--shares", type=float, nargs="+", default=list(SHARES), help="shares of the sentences to train on"
    )
    parser.add_argument("--repeats", type=int, default=3, help="random draws per share below the whole")
    parser.add_argument(
        "--first", type=int, help="also train on the first N sentences as the file orders them"
    )
    parser.add_argument("--plot", type=Path, help="also draw the curve to this PNG")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    without_text: collections.Counter[str] = collections.Counter()
    splits = args.split or tune_splits(args.labels)
    answers = load(args.texts, args.labels, splits, without_text=without_text)
    if not answers:
        raise SystemExit(f"{args.labels}: no labelled answer with a text in the chosen splits")
    try:
        result = curve(
            answers=answers,
            sentences=team_sentences(args.sentences),
            shares=tuple(args.shares),
            repeats=args.repeats,
            first=args.first,
        )
    except ValueError as error:
        parser.error(str(error))
    result["splits"] = splits
    result["without_text"] = sum(without_text.values())
    if args.plot:
        plot(result, args.plot)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{result['answers']} answers ({result['without_text']} without a text left out)")
    print(f"rules alone: {result['rules']:.1%}")
    for row in result["curve"]:
        low, high = row["model_range"]
        print(
            f"  {row['sentences']:5d} sentences: model {row['model']:.1%} ({low:.1%}-{high:.1%}), "
            f"rules or model {row['rules_or_model']:.1%}"
        )
    if "first" in result:
        first = result["first"]
        print(
            f"  the first {first['sentences']} as written: model {first['model']:.1%}, "
            f"rules or model {first['rules_or_model']:.1%}"
        )
    for name, key in [("match the rules", "match_rules"), ("reach 92%", "reach_92")]:
        print(
            f"sentences for the model to {name}: {_shown(result['sentences_to_' + key])} "
            f"(line through the last three points: {_shown(result['last_three_to_' + key])})"
        )


if __name__ == "__main__":
    main()
