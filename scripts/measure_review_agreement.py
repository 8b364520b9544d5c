"""How often `mleprep practice review` agrees with the hand-labelled answers, next to a keyword-only reader.

    .venv/bin/python scripts/measure_review_agreement.py [--json]

Prints agreement and Cohen's kappa per field (STAR parts, quantified result), for all answers and for
the ones held out while the review's rules were written (la-25 onwards).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from mleprep.review.agreement import FIELDS, keyword_reader, load_labelled, measure, review_reader

GUIDE = Path(__file__).resolve().parents[1] / "interview_guide"
HELD_OUT_FROM = "la-25"


def main() -> None:
    labelled = load_labelled(GUIDE)
    held_out = [a for a in labelled if a["id"] >= HELD_OUT_FROM]
    runs = {
        "review, all answers": measure(labelled, review_reader),
        "review, held out": measure(held_out, review_reader),
        "keywords only, all answers": measure(labelled, keyword_reader),
    }
    if "--json" in sys.argv:
        print(json.dumps({name: r.__dict__ for name, r in runs.items()}, indent=2))
        return
    print(f"{'':28}" + "".join(f"{f:>19}" for f in FIELDS) + f"{'overall':>10}")
    for name, r in runs.items():
        cells = "".join(
            f"{r.by_field[f]['agreement']:>11.0%} k={r.by_field[f]['kappa']:>5.2f}" for f in FIELDS
        )
        print(f"{name + f' ({r.answers})':28}{cells}{r.overall:>10.1%}")
    print("\ndisagreements of the review:")
    for d in runs["review, all answers"].disagreements:
        print(f"  {d['id']} {d['field']}: labelled {d['labelled']}, review says {d['review']}")


if __name__ == "__main__":
    main()
