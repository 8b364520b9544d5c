"""Benchmark grading: one submission vs. raw nbclient execution, jobs=1 vs jobs=2, --help time.

Everything is measured in one run of this script, and the figures to compare across machines are
the ratios (these machines are shared and noisy). Targets (issue 3): one submission at most 1.5x
the raw execution; jobs=2 at least 1.6x faster than jobs=1 on a 2-core machine; --help < 0.5 s.

    .venv/bin/python scripts/bench_grading.py [--assignment churn] [--runs 3] [--cohort 6]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from mleprep.authoring.verify import scratch_course
from mleprep.course.root import find_course
from mleprep.grading.batch import grade


def time_nbclient(source_dir: Path, notebook: str, workdir: Path) -> float:
    run_dir = workdir / f"raw-{time.monotonic_ns()}"
    shutil.copytree(source_dir, run_dir)
    nb = nbformat.read(run_dir / notebook, as_version=4)
    started = time.perf_counter()
    NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(run_dir)}}
    ).execute()
    return time.perf_counter() - started


def time_grade(
    course, assignment_id: str, notebook: Path, workdir: Path, *, copies: int = 1, jobs: int = 1
) -> float:
    subs = workdir / f"subs-{time.monotonic_ns()}"
    for i in range(copies):
        (subs / f"bench{i}").mkdir(parents=True)
        shutil.copy2(notebook, subs / f"bench{i}" / notebook.name)
    started = time.perf_counter()
    report = grade(
        course=course, assignment_id=assignment_id, submissions=subs, out_dir=workdir / "reports", jobs=jobs
    )
    elapsed = time.perf_counter() - started
    for result in report.results:
        assert result.status == "graded" and result.score == result.max_score, result
    return elapsed


def time_help() -> float:
    times = []
    for _ in range(5):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mleprep.cli", "--help"], check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--assignment", default="churn")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cohort", type=int, default=6, help="submissions for the jobs=1 vs jobs=2 figure")
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
        print(f"grading {args.cohort} submissions with jobs=1, then jobs=2 ...", flush=True)
        serial = time_grade(scratch, args.assignment, reference, work, copies=args.cohort, jobs=1)
        parallel = time_grade(scratch, args.assignment, reference, work, copies=args.cohort, jobs=2)
    help_s = time_help()
    raw_s, graded_s = statistics.median(raw), statistics.median(graded)
    print(f"\n{args.assignment}: median of {args.runs} runs, one process, one machine")
    print(f"  execute with nbclient          {raw_s:6.2f} s")
    print(
        f"  mleprep grade, 1 submission    {graded_s:6.2f} s   ratio {graded_s / raw_s:.2f}x (target <= 1.5x)"
    )
    for jobs, seconds in ((1, serial), (2, parallel)):
        rate = 60 * args.cohort / seconds
        print(f"  {args.cohort} submissions, jobs={jobs}      {seconds:6.2f} s   {rate:.1f} per minute")
    print(f"  speed-up jobs=2 over jobs=1    {serial / parallel:6.2f}x  (target >= 1.6x)")
    print(f"  mleprep --help                 {help_s:6.3f} s  (target < 0.5 s)")


if __name__ == "__main__":
    main()
