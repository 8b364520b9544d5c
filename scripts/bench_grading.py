"""Benchmark what a user meets: mleprep's commands run from the shell, end to end, against running
the same notebook with `jupyter nbconvert --execute`, all measured in one run of this script.

The machines are shared and noisy: compare the ratios. Each round runs the notebook with nbconvert
before and after the one-submission commands (their mean is the round's notebook time), runs the
cohort as jobs=1, jobs=2, jobs=2, jobs=1 (a steady drift cancels), and prints the load averages it
started at; each figure is the median over rounds of that round's own ratio, so a
machine that slows down between minutes moves both sides of a ratio together. Targets
(issues 3 and 17): one submission through `mleprep grade` at most 1.5x nbconvert; jobs=2 at least
1.7x faster than jobs=1 for six submissions; `check` and `submit` at most 2 s over the notebook's
own run; `status`, `list`, `--help`, `practice questions` under 0.3 s; `start` under 0.5 s plus
the copy of the assignment. `lab submit` is Submit as the lab runs it, with the lab's warm
standby grader (grading/standby.py); `submit` is the command from a terminal with no lab open.

    .venv/bin/python scripts/bench_grading.py [--assignment churn] [--runs 3] [--cohort 6]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from mleprep.lab.grader_standby import StandbyProcess

BIN = Path(sys.executable).parent
MLEPREP = [str(BIN / "mleprep")]


def run(command: list[str], **kwargs: object) -> float:
    """Seconds `command` took, from the shell's point of view; fails loudly if it fails."""
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)  # type: ignore[call-overload]
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")
    return elapsed


def median_of(runs: int, measure: Callable[[], float]) -> float:
    return statistics.median(measure() for _ in range(runs))


def candidate_notebook(course_root: Path, assignment_id: str, notebook: str, dest: Path) -> Path:
    """The released notebook with the reference's answers typed in, as a candidate hands it in."""
    from mleprep.core.notebook_cells import answer_cells, answer_sources, read_notebook

    answers = answer_sources(read_notebook(course_root / "source" / assignment_id / notebook))
    nb = read_notebook(course_root / "assignments" / assignment_id / notebook)
    for grade_id, cell in answer_cells(nb).items():
        cell["source"] = answers[grade_id]
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(json.dumps(nb, indent=1))
    return dest


def fresh_course(source: Path, assignment_id: str, dest: Path) -> Path:
    """A scratch course with one assignment (and no gradebook yet)."""
    from mleprep.authoring.trial_grading import scratch_course
    from mleprep.course.root import Course

    scratch_course(Course(source), assignment_id, dest)
    shutil.copytree(source / "assignments" / assignment_id, dest / "assignments" / assignment_id)
    return dest


def submissions(notebook: Path, dest: Path, copies: int) -> Path:
    for i in range(copies):
        (dest / f"candidate{i}").mkdir(parents=True)
        shutil.copy2(notebook, dest / f"candidate{i}" / notebook.name)
    return dest


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--assignment", default="churn")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cohort", type=int, default=6, help="submissions for the jobs=1 vs jobs=2 figure")
    args = parser.parse_args()
    from mleprep.course.root import find_course

    repo = find_course().root
    assignment = find_course().assignment(args.assignment)
    name = assignment.notebook
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    rows: list[tuple[str, float, str]] = []
    with tempfile.TemporaryDirectory(prefix="mleprep-bench-") as tmp:
        work = Path(tmp)
        notebook = candidate_notebook(repo, args.assignment, name, work / "candidate" / name)
        counter = iter(range(10_000))

        def nbconvert() -> float:
            folder = work / f"nbconvert{next(counter)}"
            shutil.copytree(repo / "assignments" / args.assignment, folder)
            shutil.copy2(notebook, folder / name)
            return run(
                [str(BIN / "jupyter"), "nbconvert", "--to", "notebook", "--execute", str(folder / name)],
                env=env,
            )

        def grade(course: Path, subs: Path, jobs: int = 1) -> float:
            command = [*MLEPREP, "--course", str(course), "grade", args.assignment]
            return run([*command, "--submissions", str(subs), "--jobs", str(jobs)], env=env)

        def attempt(command: str, extra: dict[str, str] | None = None) -> float:
            workspace = work / f"ws{next(counter)}"
            base = [*MLEPREP, "--course", str(course)]
            run([*base, "start", args.assignment, "--workspace", str(workspace)], env=env)
            shutil.copy2(notebook, workspace / args.assignment / name)
            command_env = {**env, **(extra or {})}
            return run([*base, command, args.assignment, "--workspace", str(workspace)], env=command_env)

        print(f"{args.assignment}: {args.runs} rounds, medians of each round's own ratio", flush=True)
        one = submissions(notebook, work / "one", 1)
        course = fresh_course(repo, args.assignment, work / "course")
        grade(course, one)  # registers the assignment in this course's gradebook
        cohort = submissions(notebook, work / "cohort", args.cohort)
        # The lab of a solo attempt keeps a warm grader (grading/standby.py); Submit there uses it.
        lab_standby = StandbyProcess(warm_after_s=0, log=work / "standby.log")
        if not lab_standby.wait_warm():
            raise SystemExit(f"the standby grader did not start:\n{(work / 'standby.log').read_text()}")
        # The machine's speed drifts by 20-40% over minutes: each round measures its own notebook
        # time and cohort runs, and each figure is the median over rounds of that round's own ratio.
        rounds = []
        for i in range(args.runs):
            fresh_course_dir = fresh_course(repo, args.assignment, work / f"course{next(counter)}")
            # The last minute, mostly this script's own previous round: a busy machine shows above it.
            load = os.getloadavg()
            before = nbconvert()
            figures = {
                "fresh": grade(fresh_course_dir, one),
                "warm": grade(course, one),
                "check": attempt("check"),
                "submit": attempt("submit"),
                "lab submit": attempt("submit", lab_standby.env),
            }
            # One run of the notebook varies by a second or more from the next: the commands are
            # measured against the mean of a run before them and one after.
            after = nbconvert()
            figures = {"raw": (before + after) / 2, **figures}
            # A drift in the machine's speed between a jobs=1 and a jobs=2 run biases their ratio;
            # jobs=1, jobs=2, jobs=2, jobs=1 cancels a steady drift within the round.
            serial_1, parallel_1 = grade(course, cohort, jobs=1), grade(course, cohort, jobs=2)
            parallel_2, serial_2 = grade(course, cohort, jobs=2), grade(course, cohort, jobs=1)
            figures["serial"] = (serial_1 + serial_2) / 2
            figures["parallel"] = (parallel_1 + parallel_2) / 2
            rounds.append(figures)
            print(
                f"  round {i + 1} (load 1/5/15 min {load[0]:.2f}/{load[1]:.2f}/{load[2]:.2f}): "
                + ", ".join(f"{k} {v:.2f} s" for k, v in figures.items())
                + f"; cohort {figures['serial'] / figures['parallel']:.2f}x"
                + f" (jobs=1 {serial_1:.1f}/{serial_2:.1f} s, jobs=2 {parallel_1:.1f}/{parallel_2:.1f} s)",
                flush=True,
            )

        def med(figure: Callable[[dict[str, float]], float]) -> float:
            return statistics.median(figure(r) for r in rounds)

        raw = med(lambda r: r["raw"])
        rows.append(("jupyter nbconvert --execute", raw, "mean of a run before and after, per round"))
        rows.append(
            (
                "grade 1 submission, new gradebook",
                med(lambda r: r["fresh"]),
                f"{med(lambda r: r['fresh'] / r['raw']):.2f}x",
            )
        )
        rows.append(
            (
                "grade 1 submission",
                med(lambda r: r["warm"]),
                f"{med(lambda r: r['warm'] / r['raw']):.2f}x (target <= 1.5x)",
            )
        )
        serial = med(lambda r: r["serial"])
        rows.append((f"grade {args.cohort}, jobs=1", serial, f"{60 * args.cohort / serial:.1f} per minute"))
        speedup = med(lambda r: r["serial"] / r["parallel"])
        rows.append(
            (
                f"grade {args.cohort}, jobs=2",
                med(lambda r: r["parallel"]),
                f"{speedup:.2f}x faster (target >= 1.7x)",
            )
        )
        lab_standby.stop()
        for command in ("check", "submit", "lab submit"):
            over = med(lambda r, c=command: r[c] - r["raw"])
            rows.append(
                (command, med(lambda r, c=command: r[c]), f"{over:+.2f} s over the notebook (target <= 2 s)")
            )

        def start() -> float:
            workspace = work / f"start{next(counter)}"
            return run(
                [*MLEPREP, "--course", str(course), "start", args.assignment, "--workspace", str(workspace)]
            )

        def copy() -> float:
            started = time.perf_counter()
            shutil.copytree(course / "assignments" / args.assignment, work / f"copy{next(counter)}")
            return time.perf_counter() - started

        start_s, copy_s = median_of(5, start), median_of(5, copy)
        rows.append(("start", start_s, f"{start_s - copy_s:.3f} s plus the copy (target < 0.5 s)"))
        for command in (["--help"], ["status"], ["list"], ["practice", "questions"]):
            seconds = median_of(5, lambda c=command: run([*MLEPREP, "--course", str(course), *c], env=env))
            rows.append((f"mleprep {' '.join(command)}", seconds, "target < 0.3 s"))
    print()
    for label, seconds, note in rows:
        print(f"  {label:<36} {seconds:7.3f} s   {note}")


if __name__ == "__main__":
    main()
