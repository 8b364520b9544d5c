"""How often `mleprep practice review` agrees with hand labels on answers other people published.

    .venv/bin/python scripts/measure_external_review.py TEXTS.jsonl [...] [--split S] [--pooled] [--json]

The texts stay outside the repository (they belong to their authors): TEXTS.jsonl holds one
{"id", "text"} per line. The labels, sources and a sha256 of each text are committed in
interview_guide/external_answer_labels.jsonl; a text whose hash differs is refused, so figures are
only ever reported on the answers that were labelled. On a new machine,
scripts/rebuild_external_texts.py gets the texts back from their pinned sources, and
`--skip-missing` measures those it found. Prints agreement and Cohen's kappa per label,
overall agreement, and Spearman's rank correlation between the hand-given quality (1-5) and the
review's structure score (0-5), per split ("tune" was read while the rules changed; "heldout" never).
Each answer is reviewed with the question it answered (the labels file's "question", read as
`mleprep practice review --question "..."` reads a question typed in); `--without-question` reviews
the answer alone.

Several TEXTS files may be given (each set's texts live in their own); `--pooled` also measures the
chosen splits as one, with a 95% bootstrap interval (answers resampled) on its overall agreement:
the figure a target on "held-out answers" is about, once each set alone is too small to settle it.

Where a second person labelled the same answers independently (`--second`, by default
interview_guide/external_answer_labels_second.jsonl: one {"id", "labels"} per line), it also prints how
often the two labellers agree, per label: the ceiling any reviewer can be held to on that split.
"""

from __future__ import annotations

import argparse
import collections
import json
import math
import random
import statistics
import sys
from pathlib import Path
from typing import Any

from external_labels import LABELS, SECOND, load, read_jsonl, splits_in
from scipy.stats import spearmanr

from mleprep.review.agreement import field_agreement
from mleprep.review.answer_review import Review, review_answer
from mleprep.review.asked_question import AskedQuestion

FIELDS = ("situation", "task", "action", "result", "quantified_result", "mostly_we")


_READINGS: dict[tuple[str, str, str | None], dict[str, Any]] = {}


def reading(row: dict[str, Any], asked: bool = True) -> dict[str, Any]:
    """The review's reading of a labelled row; `asked`: given the question it answered, as a candidate
    gives it with `--question`. Read once per answer: a split, its second labelling and the pool all
    ask for it."""
    key = (row["id"], row["text"], row.get("question") if asked else None)
    if key not in _READINGS:
        _READINGS[key] = _read(row, asked)
    return _READINGS[key]


def _read(row: dict[str, Any], asked: bool) -> dict[str, Any]:
    return decisions(review_of(row, asked))


def review_of(row: dict[str, Any], asked: bool = True) -> Review:
    """The review of a labelled row, with the question it answered when `asked`."""
    question = row.get("question") if asked else None
    return review_answer(row["text"], AskedQuestion(question) if question else None)


def decisions(review: Review) -> dict[str, Any]:
    """What the review decided, in the labels' terms."""
    return {
        **review.star,
        "quantified_result": review.quantified_result,
        # "Mostly we" as the review tells the candidate: its advice to make their own part clear.
        "mostly_we": "we_not_i" in review.suggestion_kinds,
        "structure_score": review.structure_score,
    }


def measure(rows: list[dict[str, Any]], asked: bool = True) -> dict[str, Any]:
    read = [reading(r, asked) for r in rows]
    by_field, misses, overall = field_agreement(rows, [r["labels"] for r in rows], read, FIELDS)
    rho = _rank_correlation([r["labels"]["quality"] for r in rows], [g["structure_score"] for g in read])
    complete = [g["structure_score"] for r, g in zip(rows, read, strict=True) if _complete(r)]
    kinds = [_kind(r) for r in rows]
    scores = [g["structure_score"] for g in read]
    by_kind = {
        name: round(statistics.mean(s for k, s in zip(kinds, scores, strict=True) if k == rank), 2)
        for rank, name in enumerate(KINDS)
        if rank in kinds
    }
    return {
        "answers": len(rows),
        "by_field": by_field,
        "overall": overall,
        "overall_95": _bootstrap_interval(rows, read),
        "spearman_quality_structure": rho,
        # Complete stories should score highest and answers that tell no story lowest.
        "structure_by_kind": by_kind,
        "spearman_kind_structure": _rank_correlation(kinds, scores),
        "complete_stories": len(complete),
        "complete_called_complete": sum(score >= 4 for score in complete),
        "misses": misses,
    }


def _bootstrap_interval(
    rows: list[dict[str, Any]], read: list[dict[str, Any]], draws: int = 2000
) -> list[float]:
    """A 95% interval on the overall agreement, resampling answers (seeded, so figures repeat)."""
    hits = [sum(bool(r["labels"][f]) == bool(g[f]) for f in FIELDS) for r, g in zip(rows, read, strict=True)]
    rng = random.Random(0)
    means = sorted(sum(rng.choices(hits, k=len(hits))) / (len(hits) * len(FIELDS)) for _ in range(draws))
    return [round(means[int(0.025 * draws)], 3), round(means[int(0.975 * draws) - 1], 3)]


def second_labels(path: Path) -> dict[str, dict[str, Any]]:
    """A second, independent labelling by id; none when `path` does not exist."""
    if not path.is_file():
        return {}
    return {row["id"]: row["labels"] for row in read_jsonl(path)}


def between_labellers(
    rows: list[dict[str, Any]], second: dict[str, dict[str, Any]], asked: bool = True
) -> dict[str, Any]:
    """How often the first labels and the second agree, and the review with the second, on the rows
    both labelled."""
    both = [r for r in rows if r["id"] in second]
    if not both:
        return {}
    others = [second[r["id"]] for r in both]
    by_field, misses, overall = field_agreement(both, [r["labels"] for r in both], others, FIELDS)
    review_fields, _, review_overall = field_agreement(
        both, others, [reading(r, asked) for r in both], FIELDS
    )
    return {
        "answers": len(both),
        "labellers": {"by_field": by_field, "overall": overall, "misses": misses},
        "review_vs_second": {"by_field": review_fields, "overall": review_overall},
    }


def _row(name: str, result: dict[str, Any]) -> str:
    cells = "".join(
        f"{result['by_field'][f]['agreement']:>11.0%} k={result['by_field'][f]['kappa']:>5.2f}"
        for f in FIELDS
    )
    return f"{name:14}{cells}{result['overall']:>9.1%}"


def _rank_correlation(x: list[float], y: list[float]) -> float | None:
    """Spearman's rho, None where it is undefined (one side constant): JSON has no NaN."""
    rho = float(spearmanr(x, y).statistic)
    return None if math.isnan(rho) else round(rho, 3)


def _shown(rho: float | None) -> str:
    return "n/a" if rho is None else f"{rho:.2f}"


KINDS = ("no story", "incomplete story", "complete story")


def _kind(row: dict[str, Any]) -> int:
    """0 for an answer that tells no story, 1 for an incomplete story, 2 for a complete one."""
    return 0 if not row["labels"]["is_story"] else 2 if _complete(row) else 1


def _complete(row: dict[str, Any]) -> bool:
    labels = row["labels"]
    return all(labels[p] for p in ("situation", "task", "action", "result"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("texts", type=Path, nargs="+", help="one or more texts files (JSON Lines)")
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument(
        "--split",
        action="append",
        help="only this split (tune, heldout, heldout2, ...; its texts suffice); default each",
    )
    parser.add_argument("--second", type=Path, default=SECOND, help="a second labelling (JSONL)")
    parser.add_argument(
        "--without-question",
        action="store_true",
        help="review each answer alone, as without `--question` (figures before heldout11 were so)",
    )
    parser.add_argument(
        "--pooled",
        action="store_true",
        help="also measure the chosen splits as one, e.g. every never-read heldout split together",
    )
    parser.add_argument(
        "--skip-missing",
        action="store_true",
        help="measure the answers that have a text and say how many had none (after a partial rebuild)",
    )
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    without_text: collections.Counter[str] | None = collections.Counter() if args.skip_missing else None
    rows = load(args.texts, args.labels, args.split, without_text=without_text)
    splits = args.split or sorted({r["split"] for r in rows}, reverse=True)
    if empty := [s for s in splits if not any(r["split"] == s for r in rows)]:
        known = ", ".join(splits_in(args.labels))
        raise SystemExit(f"{args.labels}: no split {', '.join(empty)}; its splits: {known}")
    asked = not args.without_question
    results = {s: measure([r for r in rows if r["split"] == s], asked) for s in splits}
    if args.pooled and len(splits) > 1:
        results["pooled"] = {**measure([r for r in rows if r["split"] in splits], asked), "splits": splits}
    for split, result in results.items():
        result["without_text"] = sum((without_text or {}).get(s, 0) for s in result.get("splits", [split]))
    second = second_labels(args.second)
    for split, result in results.items():
        members = result.get("splits", [split])
        if ceiling := between_labellers([r for r in rows if r["split"] in members], second, asked):
            result["second_labelling"] = ceiling
    if args.json:
        json.dump(results, sys.stdout, indent=2)
        return
    print(f"{'':14}" + "".join(f"{f:>19}" for f in FIELDS) + f"{'overall':>9}{'rho':>7}")
    for split, r in results.items():
        name = f"{split} ({r['answers']})"
        if r["without_text"]:
            print(f"{split}: {r['without_text']} labelled answers had no text and are not measured")
        low, high = r["overall_95"]
        print(f"{_row(name, r)}{_shown(r['spearman_quality_structure']):>7}  (95%: {low:.1%}-{high:.1%})")
        print(
            f"{'':14}complete STAR stories called complete (score >= 4): "
            f"{r['complete_called_complete']} of {r['complete_stories']}; mean structure score "
            + ", ".join(f"{k} {v:g}" for k, v in r["structure_by_kind"].items())
            + f" (rank correlation {_shown(r['spearman_kind_structure'])})"
        )
        if ceiling := r.get("second_labelling"):
            print(_row(f"  labellers ({ceiling['answers']})", ceiling["labellers"]))
            print(_row("  review, 2nd", ceiling["review_vs_second"]))
        if args.show_misses:
            for m in r["misses"]:
                print(f"    {m['id']} {m['field']}: labelled {m['labelled']}, review says {m['review']}")
            for m in r.get("second_labelling", {}).get("labellers", {}).get("misses", []):
                print(f"    {m['id']} {m['field']}: first labeller {m['labelled']}, second {m['review']}")


if __name__ == "__main__":
    main()
