"""Plot how the answer review read each set of other people's answers when it arrived, and after.

    .venv/bin/python scripts/plot_external_agreement.py [--csv FILE] [--out PNG] [--json]

Reads interview_guide/external_agreement_by_set.csv (one row per labelled set, in the order the sets
were collected: its answers, whether it was never read while the rules changed, the overall agreement
measured once before anyone read it, and, for sets that were then read, the agreement after). Draws
each set's first measurement against the 92% target, the size-weighted mean of those first
measurements for the first and second half of the sets, and where reading a set took it. Prints
the weighted figures (`--json` for a script).

The picture is the finding of issue 14's fifth day: reading a set lifts that set, while each new set
reads about as the first ones did.
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path
from typing import Any

GUIDE = Path(__file__).resolve().parents[1] / "interview_guide"
TARGET = 92.0


def load_sets(path: Path) -> list[dict[str, Any]]:
    """The rows of `path`, checked; an error names the file, the row and the column."""
    sets = []
    with path.open(newline="", encoding="utf-8") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            try:
                sets.append(
                    {
                        "set": row["set"],
                        "answers": int(row["answers"]),
                        "never_read": row["never_read"] == "1",
                        "measured_once": float(row["measured_once"]),
                        "after_reading": float(row["after_reading"]) if row["after_reading"] else None,
                    }
                )
            except (KeyError, TypeError, ValueError) as error:
                raise SystemExit(f"{path}, row {line}: {error}") from None
    if not sets:
        raise SystemExit(f"{path}: no sets")
    return sets


def weighted(sets: list[dict[str, Any]]) -> float:
    answers = sum(s["answers"] for s in sets)
    return sum(s["answers"] * s["measured_once"] for s in sets) / answers


def summary(sets: list[dict[str, Any]]) -> dict[str, Any]:
    half = len(sets) // 2
    return {
        "sets": len(sets),
        "answers": sum(s["answers"] for s in sets),
        "measured_once": round(weighted(sets), 1),
        "first_half": round(weighted(sets[:half]), 1),
        "second_half": round(weighted(sets[half:]), 1),
        "never_read": round(weighted([s for s in sets if s["never_read"]]), 1),
    }


def plot(sets: list[dict[str, Any]], facts: dict[str, Any], out: Path) -> None:
    """`facts`: the sets' `summary`, whose half means the plot draws."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(10, 4.5))
    xs = range(len(sets))
    ax.bar(
        xs,
        [s["measured_once"] for s in sets],
        color=["#4c72b0" if s["never_read"] else "#9db4d6" for s in sets],
        label="measured once, before anyone read it (dark: never read since)",
    )
    read = [(x, s["after_reading"]) for x, s in zip(xs, sets, strict=True) if s["after_reading"]]
    ax.scatter(
        [x for x, _ in read], [v for _, v in read], color="#dd8452", zorder=3, label="after reading it"
    )
    ax.axhline(TARGET, color="#c44e52", linestyle="--", linewidth=1, label=f"target {TARGET:g}%")
    half = len(sets) // 2
    for start, stop, value in ((0, half, facts["first_half"]), (half, len(sets), facts["second_half"])):
        ax.hlines(value, start - 0.4, stop - 0.6, color="black", linewidth=1.5)
        ax.annotate(f"{value:.1f}%", (start - 0.4, value + 0.6), fontsize=8)
    ax.set_xticks(list(xs), [f"{s['set']}\n({s['answers']})" for s in sets], rotation=60, fontsize=7)
    ax.set_ylim(70, 100)
    ax.set_ylabel("labels agreed with (%)")
    ax.set_title(
        f"Answer review on {facts['answers']} published answers, {facts['sets']} sets in the order "
        f"collected (black: weighted mean of first measurements)",
        fontsize=9,
    )
    ax.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.3), ncol=3)
    fig.tight_layout()
    fig.savefig(out, dpi=90)
    plt.close(fig)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--csv", type=Path, default=GUIDE / "external_agreement_by_set.csv")
    parser.add_argument("--out", type=Path, default=GUIDE / "external_agreement_by_set.png")
    parser.add_argument("--json", action="store_true", help="print the weighted figures as JSON")
    args = parser.parse_args()
    sets = load_sets(args.csv)
    facts = summary(sets)
    plot(sets, facts, args.out)
    if args.json:
        print(json.dumps({**facts, "plot": str(args.out)}))
        return
    print(
        f"{facts['sets']} sets, {facts['answers']} answers, each measured once before it was read: "
        f"{facts['measured_once']}% weighted (first half {facts['first_half']}%, second half "
        f"{facts['second_half']}%; never read {facts['never_read']}%). Plot: {args.out}"
    )


if __name__ == "__main__":
    main()
