"""How often `mleprep practice review` agrees with hand labels on answers other people published.

    .venv/bin/python scripts/measure_external_review.py TEXTS.jsonl [--labels FILE] [--split heldout] [--json]

The texts stay outside the repository (they belong to their authors): TEXTS.jsonl holds one
{"id", "text"} per line. The labels, sources and a sha256 of each text are committed in
interview_guide/external_answer_labels.jsonl; a text whose hash differs is refused, so figures are
only ever reported on the answers that were labelled. Prints agreement and Cohen's kappa per label,
overall agreement, and Spearman's rank correlation between the hand-given quality (1-5) and the
review's structure score (0-5), per split ("tune" was read while the rules changed; "heldout" never).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from scipy.stats import spearmanr

from mleprep.review.agreement import field_agreement
from mleprep.review.answer_review import review_answer

LABELS = Path(__file__).resolve().parents[1] / "interview_guide" / "external_answer_labels.jsonl"
FIELDS = ("situation", "task", "action", "result", "quantified_result", "mostly_we")


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def reading(text: str) -> dict[str, Any]:
    review = review_answer(text)
    return {
        **review.star,
        "quantified_result": review.quantified_result,
        # "Mostly we" as the review tells the candidate: its advice to make their own part clear.
        "mostly_we": "we_not_i" in review.suggestion_kinds,
        "structure_score": review.structure_score,
    }


def load(texts_file: Path, labels_file: Path, splits: list[str] | None = None) -> list[dict[str, Any]]:
    """The labelled rows (of `splits`, default all) with their texts; every one must have its text."""
    texts = {}
    for line in texts_file.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            texts[row["id"]] = row["text"]
    rows = []
    for line in labels_file.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if splits and row["split"] not in splits:
            continue
        text = texts.get(row["id"])
        if text is None:
            raise SystemExit(f"{texts_file}: no text for {row['id']}")
        if sha256(text) != row["sha256"]:
            raise SystemExit(f"{texts_file}: the text of {row['id']} is not the one that was labelled")
        rows.append({**row, "text": text})
    return rows


def measure(rows: list[dict[str, Any]]) -> dict[str, Any]:
    read = [reading(r["text"]) for r in rows]
    by_field, misses, overall = field_agreement(rows, [r["labels"] for r in rows], read, FIELDS)
    rho = spearmanr([r["labels"]["quality"] for r in rows], [g["structure_score"] for g in read]).statistic
    complete = [g["structure_score"] for r, g in zip(rows, read, strict=True) if _complete(r)]
    return {
        "answers": len(rows),
        "by_field": by_field,
        "overall": overall,
        "spearman_quality_structure": round(float(rho), 3),
        "complete_stories": len(complete),
        "complete_called_complete": sum(score >= 4 for score in complete),
        "misses": misses,
    }


def _complete(row: dict[str, Any]) -> bool:
    labels = row["labels"]
    return all(labels[p] for p in ("situation", "task", "action", "result"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("texts", type=Path)
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument(
        "--split",
        action="append",
        help="only this split (tune, tune2, heldout, heldout2; its texts suffice); default each",
    )
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    rows = load(args.texts, args.labels, args.split)
    splits = args.split or sorted({r["split"] for r in rows}, reverse=True)
    results = {s: measure([r for r in rows if r["split"] == s]) for s in splits}
    if args.json:
        json.dump(results, sys.stdout, indent=2)
        return
    print(f"{'':14}" + "".join(f"{f:>19}" for f in FIELDS) + f"{'overall':>9}{'rho':>7}")
    for split, r in results.items():
        cells = "".join(
            f"{r['by_field'][f]['agreement']:>11.0%} k={r['by_field'][f]['kappa']:>5.2f}" for f in FIELDS
        )
        name = f"{split} ({r['answers']})"
        print(f"{name:14}{cells}{r['overall']:>9.1%}{r['spearman_quality_structure']:>7.2f}")
        print(
            f"{'':14}complete STAR stories called complete (score >= 4): "
            f"{r['complete_called_complete']} of {r['complete_stories']}"
        )
        if args.show_misses:
            for m in r["misses"]:
                print(f"    {m['id']} {m['field']}: labelled {m['labelled']}, review says {m['review']}")


if __name__ == "__main__":
    main()
