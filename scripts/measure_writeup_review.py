"""How often the automatic write-up review agrees with write-ups labelled by hand, per rubric line.

    .venv/bin/python scripts/measure_writeup_review.py [FILE.jsonl ...] [--json] [--show-misses]

Each line of a file is {"id", "text", "labels": {rubric line: 0 or 1}}; without files, the team's
tests/review/writeups/dev.jsonl (the rules were tuned on it) and heldout.jsonl (never looked at
while tuning) are measured. Prints agreement and Cohen's kappa per line and overall.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from mleprep.course.spec import load_assignment
from mleprep.review.agreement import field_agreement
from mleprep.review.writeup_review import READERS, review_writeup

REPO = Path(__file__).resolve().parents[1]
WRITEUPS = REPO / "tests" / "review" / "writeups"
LINES = tuple(READERS)


def _drivers(assignment_id: str | None) -> tuple[str, ...]:
    """The `drivers` words of the take-home's reviewed written part; none for an unknown one."""
    folder = REPO / "source" / str(assignment_id)
    if not assignment_id or not (folder / "assignment.toml").is_file():
        return ()
    return next((m.drivers for m in load_assignment(folder).manual if m.rubric), ())


def measure(path: Path) -> dict:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not rows:
        raise SystemExit(f"{path}: no labelled write-ups")
    guesses = [
        {
            r.line: r.met
            for r in review_writeup(row["text"], rubric=LINES, drivers=_drivers(row.get("assignment"))).lines
        }
        for row in rows
    ]
    by_line, misses, overall = field_agreement(rows, [row["labels"] for row in rows], guesses, LINES)
    return {
        "file": str(path),
        "writeups": len(rows),
        "by_line": by_line,
        "overall": overall,
        "misses": misses,
    }


def main() -> None:
    files = [Path(a) for a in sys.argv[1:] if not a.startswith("--")] or [
        WRITEUPS / "dev.jsonl",
        WRITEUPS / "heldout.jsonl",
    ]
    results = [measure(f) for f in files if f.is_file()]
    if "--json" in sys.argv:
        print(json.dumps(results, indent=2))
        return
    print(f"{'':24}" + "".join(f"{line:>24}" for line in LINES) + f"{'overall':>9}")
    for r in results:
        cells = "".join(
            f"{r['by_line'][line]['agreement']:>15.0%} k={r['by_line'][line]['kappa']:>5.2f}"
            for line in LINES
        )
        name = f"{Path(r['file']).name} ({r['writeups']})"
        print(f"{name:24}{cells}{r['overall']:>9.1%}")
        if "--show-misses" in sys.argv:
            for m in r["misses"]:
                print(f"    {m['id']} {m['field']}: labelled {m['labelled']}, review says {m['review']}")


if __name__ == "__main__":
    main()
