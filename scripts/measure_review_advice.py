"""How often the answer review's advice is right, on hand-labelled answers other people published.

    .venv/bin/python scripts/measure_review_advice.py TEXTS.jsonl [...] [--split S ...] [--json]

Issue 14 asks for advice that is right or silent. Agreement per label (measure_external_review.py)
says how often the review reads a part as the labellers did; this says what a candidate meets: each
piece of advice that has a labelled counterpart, how often it was given, and how often the labels
bear it out. "Add the setting / goal / steps / outcome" is right when the labellers found no such
part, "put a number on the result" when they found no number in the result, and "make your own
part clear" when they found the actions told mostly with "we". Also how many of the labelled gaps
drew their advice (on answers to story questions: other questions get no STAR advice).

Texts and labels are those of measure_external_review.py (`--skip-missing` is implied: answers
without a text are left out and counted).
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path
from typing import Any

from external_labels import LABELS, load
from measure_external_review import review_of

# Each piece of advice and the label value that bears it out.
ADVICE_BORNE_OUT = {
    "no_situation": ("situation", 0),
    "no_task": ("task", 0),
    "no_action": ("action", 0),
    "no_result": ("result", 0),
    "no_number": ("quantified_result", 0),
    "we_not_i": ("mostly_we", 1),
}


def advice_precision(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Per piece of advice: given, right, precision, and the labelled gaps it could have named."""
    counts: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for row in rows:
        kinds = review_of(row).suggestion_kinds
        story = row["labels"]["question_kind"] == "story"
        for kind, (label, value) in ADVICE_BORNE_OUT.items():
            gap = row["labels"][label] == value
            if kind in kinds:
                counts[kind]["given"] += 1
                counts[kind]["right"] += gap
            # A number can only be asked of a result that is there.
            if gap and story and (kind != "no_number" or row["labels"]["result"] == 1):
                counts[kind]["gaps"] += 1
                counts[kind]["gaps_named"] += kind in kinds
    fields = ("given", "right", "gaps", "gaps_named")
    return {
        kind: {
            **{field: counts[kind][field] for field in fields},
            "precision": _share(counts[kind]["right"], counts[kind]["given"]),
        }
        for kind in ADVICE_BORNE_OUT
    }


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("texts", type=Path, nargs="+", help="one or more texts files (JSON Lines)")
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--split", action="append", help="only these splits (repeatable); default all")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    without_text: collections.Counter[str] = collections.Counter()
    rows = load(args.texts, args.labels, args.split, without_text=without_text)
    if not rows:
        raise SystemExit(f"{args.labels}: no labelled answer of those splits has a text")
    advice = advice_precision(rows)
    result = {"answers": len(rows), "without_text": sum(without_text.values()), "advice": advice}
    if args.json:
        json.dump(result, sys.stdout, indent=2)
        return
    print(f"{result['answers']} answers ({result['without_text']} labelled ones had no text)")
    print(f"{'advice':14}{'given':>7}{'right':>7}{'precision':>11}{'labelled gaps named':>22}")
    for kind, c in result["advice"].items():
        precision = "-" if c["precision"] is None else f"{c['precision']:.0%}"
        named = f"{c['gaps_named']} of {c['gaps']}"
        print(f"{kind:14}{c['given']:>7}{c['right']:>7}{precision:>11}{named:>22}")


if __name__ == "__main__":
    main()
