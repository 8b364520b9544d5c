"""Does releasing to the cohort publish the assignment where only the clock service can read it, and
does releasing again keep the window and the limit it is not told to change?"""

from __future__ import annotations

import os
import shutil
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mleprep.cohort.attempt_store import AttemptStore, CohortError
from mleprep.cohort.delivery import release_to_cohort
from tests.cohort.conftest import NOBODY, readable_by

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


def release(course, tmp_path, **changes) -> dict:
    return release_to_cohort(
        course=course, assignment_id="churn", now=T0, exchange_root=tmp_path / "exchange", **changes
    )


def test_the_released_assignment_is_readable_by_root_only(scratch_course, tmp_path):
    result = release(scratch_course, tmp_path)

    outbound = tmp_path / "exchange" / "mleprep" / "outbound" / "churn"
    assert result["outbound"] == str(outbound)
    notebook = scratch_course.assignment("churn").notebook
    released = scratch_course.release_dir / "churn" / notebook
    assert (outbound / notebook).read_bytes() == released.read_bytes()
    for path in [outbound, *outbound.rglob("*")]:
        assert path.lstat().st_uid == os.geteuid(), path
        assert stat.S_IMODE(path.lstat().st_mode) == (0o700 if path.is_dir() else 0o600), path


def test_a_first_release_without_a_limit_takes_the_assignments(scratch_course, tmp_path):
    result = release(scratch_course, tmp_path)
    assert result["time_limit_s"] == scratch_course.assignment("churn").time_limit_s


def test_releasing_again_without_a_close_or_a_limit_keeps_both(scratch_course, tmp_path):
    release(scratch_course, tmp_path, time_limit_s=3600, opens=T0, closes=T0 + 2 * HOUR)

    again = release(scratch_course, tmp_path)

    assert again["time_limit_s"] == 3600
    assert (again["opens"], again["closes"]) == (T0.isoformat(), (T0 + 2 * HOUR).isoformat())
    with AttemptStore(scratch_course.db_url()) as store:
        assert store.get_release("churn").closes == T0 + 2 * HOUR


def test_a_window_that_makes_no_sense_is_refused_before_anything_is_published(scratch_course, tmp_path):
    with pytest.raises(CohortError, match="before it opens"):
        release(scratch_course, tmp_path, opens=T0 + HOUR, closes=T0)
    assert not (tmp_path / "exchange" / "mleprep" / "outbound" / "churn").exists()


def test_no_candidate_can_read_the_assignment_while_it_is_being_published(world, scratch_course, monkeypatch):
    """Each file is looked at, as a candidate, the moment it is copied and whenever it is moved."""
    looked_at: list[tuple[str, Path, bool]] = []

    def look(moment: str, path: Path) -> None:
        for each in [path, *path.rglob("*")] if path.is_dir() else [path]:
            if each.is_file():
                looked_at.append((moment, each, readable_by(NOBODY, each)))

    def looking(copy_function):
        if getattr(copy_function, "looks", False):
            return copy_function  # copytree calls itself (so through here) for each folder inside

        def copy_then_look(src, dst, **kwargs):
            copied = copy_function(src, dst, **kwargs)
            look("copied", Path(dst))
            return copied

        copy_then_look.looks = True
        return copy_then_look

    real_copytree, real_rename = shutil.copytree, os.rename

    def copytree_looking(src, dst, symlinks=False, ignore=None, copy_function=shutil.copy2, *args, **kwargs):
        return real_copytree(src, dst, symlinks, ignore, looking(copy_function), *args, **kwargs)

    def rename_looking(src, dst, **kwargs):
        real_rename(src, dst, **kwargs)
        look("moved", Path(dst))

    monkeypatch.setattr(shutil, "copytree", copytree_looking)
    monkeypatch.setattr(os, "rename", rename_looking)

    release_to_cohort(course=scratch_course, assignment_id="churn", now=T0, exchange_root=world.exchange.root)

    notebook = scratch_course.assignment("churn").notebook
    assert [(moment, p) for moment, p, readable in looked_at if readable] == []
    assert not readable_by(NOBODY, world.exchange.outbound / "churn" / notebook)
    # The looking was not blind: it saw the notebook copied, and sees what a candidate may read.
    assert [p.name for moment, p, _ in looked_at if moment == "copied"].count(notebook) == 1
    public = world.base / "public.txt"
    public.write_text("for everyone")
    assert readable_by(NOBODY, public)
