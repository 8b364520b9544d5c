"""Benchmark: grading one submission with mleprep vs. executing the same notebook with nbclient.

Prints medians of several runs measured in the same process, and their ratio (the figure to
compare across machines, since these machines are shared and noisy).

    .venv/bin/python scripts/bench_grading.py [--assignment churn] [--runs 3]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from mleprep.batch import grade
from mleprep.course import find_course
from mleprep.verify import scratch_course


def time_nbclient(source_dir: Path, notebook: str, workdir: Path) -> float:
    run_dir = workdir / f"raw-{time.monotonic_ns()}"
    shutil.copytree(source_dir, run_dir)
    nb = nbformat.read(run_dir / notebook, as_version=4)
    started = time.perf_counter()
    NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(run_dir)}}
    ).execute()
    return time.perf_counter() - started


def time_grade(course, assignment_id: str, notebook: Path, workdir: Path) -> float:
    subs = workdir / f"subs-{time.monotonic_ns()}"
    (subs / "bench").mkdir(parents=True)
    shutil.copy2(notebook, subs / "bench" / notebook.name)
    started = time.perf_counter()
    report = grade(course=course, assignment_id=assignment_id, submissions=subs, out_dir=workdir / "reports")
    elapsed = time.perf_counter() - started
    result = report.results[0]
    assert result.status == "graded" and result.score == result.max_score, result
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--assignment", default="churn")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    course = find_course()
    assignment = course.assignment(args.assignment)
    with tempfile.TemporaryDirectory(prefix="mleprep-bench-") as tmp:
        work = Path(tmp)
        scratch = scratch_course(course, args.assignment, work / "course")
        reference = assignment.folder / assignment.notebook
        print("warming up (registers the assignment in a scratch gradebook) ...", flush=True)
        time_grade(scratch, args.assignment, reference, work)
        raw, graded = [], []
        for run in range(1, args.runs + 1):
            raw.append(time_nbclient(assignment.folder, assignment.notebook, work))
            graded.append(time_grade(scratch, args.assignment, reference, work))
            print(f"run {run}: nbclient {raw[-1]:.2f} s, mleprep grade {graded[-1]:.2f} s", flush=True)
    raw_s, graded_s = statistics.median(raw), statistics.median(graded)
    print(f"\n{args.assignment}: median of {args.runs} runs")
    print(f"  execute with nbclient       {raw_s:6.2f} s")
    print(f"  mleprep grade (1 submission) {graded_s:6.2f} s")
    print(f"  ratio grade / execute        {graded_s / raw_s:6.2f}x")


if __name__ == "__main__":
    main()
