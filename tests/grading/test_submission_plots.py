import os
import threading
import time
from pathlib import Path

import pytest

import mleprep.grading.submission_plots as submission_plots
from mleprep.grading.submission_plots import draw_plots_aside


def _drawn_by(monkeypatch: pytest.MonkeyPatch, draw) -> tuple[tuple[str, ...], list[str]]:
    monkeypatch.setattr(submission_plots, "draw_plots", draw)
    return draw_plots_aside(out_dir=Path("unused"))()


def test_each_part_is_drawn_in_a_process_of_its_own_and_the_paths_come_back_in_order(monkeypatch, tmp_path):
    def draw(*, out_dir: Path, parts: tuple[str, ...]) -> tuple[tuple[str, ...], list[str]]:
        (part,) = parts
        path = tmp_path / f"{part}_{os.getpid()}.png"
        path.write_bytes(b"png")
        return (str(path),), [f"{part}: one plot skipped"]

    paths, notes = _drawn_by(monkeypatch, draw)
    assert notes == [f"{part}: one plot skipped" for part in submission_plots.PARTS]
    assert [Path(p).name.split("_")[0] for p in paths] == list(submission_plots.PARTS)
    pids = {Path(p).stem.split("_")[1] for p in paths}
    assert len(pids) == 2 and str(os.getpid()) not in pids


def test_a_drawing_that_fails_becomes_a_note(monkeypatch):
    def draw(*, out_dir: Path, parts: tuple[str, ...]):
        raise RuntimeError("no display")

    assert _drawn_by(monkeypatch, draw) == ((), ["plots could not be drawn: no display"])


def test_a_drawing_that_kills_its_process_becomes_a_note(monkeypatch):
    def draw(*, out_dir: Path, parts: tuple[str, ...]):
        os._exit(3)

    assert _drawn_by(monkeypatch, draw) == (
        (),
        ["plots could not be drawn: the drawing process ended without a result"],
    )


def test_a_drawing_that_hangs_is_stopped_at_its_timeout(monkeypatch):
    monkeypatch.setattr(submission_plots, "PLOTS_TIMEOUT_S", 1)

    def draw(*, out_dir: Path, parts: tuple[str, ...]):
        time.sleep(60)

    started = time.monotonic()
    paths, notes = _drawn_by(monkeypatch, draw)
    assert time.monotonic() - started < 10
    assert notes == ["plots could not be drawn: drawing took longer than 1 s and was stopped"]
    assert paths == ()


def test_a_ranking_take_home_gets_its_ladder_though_its_export_draws_no_holdout_plot(repo_course, tmp_path):
    from mleprep.grading.submission_plots import draw_plots

    courses = repo_course.assignment("courses")
    out = tmp_path / "not" / "made" / "yet"
    paths, notes = draw_plots(
        course=repo_course,
        assignment=courses,
        workdir=tmp_path,
        holdout={"holdout_quality": 0.1},
        out_dir=out,
    )
    assert [Path(p).name for p in paths] == ["ladder.png"] and Path(paths[0]).stat().st_size > 5000
    assert not any("ladder" in note for note in notes)


def test_an_import_still_running_at_the_deadline_skips_the_plots_with_a_note(monkeypatch):
    monkeypatch.setattr(submission_plots, "PLOTS_TIMEOUT_S", 1)
    importing = threading.Thread(target=time.sleep, args=(5,), name=submission_plots.IMPORT_THREAD)
    importing.start()
    try:
        started = time.monotonic()
        assert draw_plots_aside(out_dir=Path("unused"))() == (
            (),
            ["plots could not be drawn: matplotlib was still loading after 1 s"],
        )
        assert time.monotonic() - started < 4
    finally:
        importing.join()


def test_a_fork_that_fails_becomes_a_note(monkeypatch):
    def no_fork() -> int:
        raise OSError("Resource temporarily unavailable")

    monkeypatch.setattr(submission_plots.os, "fork", no_fork)
    assert draw_plots_aside(out_dir=Path("unused"))() == (
        (),
        ["plots could not be drawn: Resource temporarily unavailable"],
    )


def test_a_second_fork_that_fails_keeps_the_first_childs_plot(monkeypatch, tmp_path):
    real_fork, forks = os.fork, []

    def second_fails() -> int:
        forks.append(1)
        if len(forks) == 2:
            raise OSError("Resource temporarily unavailable")
        return real_fork()

    def draw(*, out_dir: Path, parts: tuple[str, ...]):
        path = tmp_path / f"{parts[0]}.png"
        path.write_bytes(b"png")
        return (str(path),), []

    monkeypatch.setattr(submission_plots.os, "fork", second_fails)
    paths, notes = _drawn_by(monkeypatch, draw)
    assert [Path(p).name for p in paths] == ["holdout.png"]
    assert notes == ["plots could not be drawn: Resource temporarily unavailable"]


def test_a_child_that_hangs_costs_only_its_own_plots(monkeypatch, tmp_path):
    monkeypatch.setattr(submission_plots, "PLOTS_TIMEOUT_S", 2)

    def draw(*, out_dir: Path, parts: tuple[str, ...]):
        if parts == ("holdout",):
            time.sleep(60)
        path = tmp_path / "ladder.png"
        path.write_bytes(b"png")
        return (str(path),), []

    paths, notes = _drawn_by(monkeypatch, draw)
    assert [Path(p).name for p in paths] == ["ladder.png"]
    assert notes == ["plots could not be drawn: drawing took longer than 2 s and was stopped"]
