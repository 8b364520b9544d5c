"""Does the sweep wait until nbgrader has finished writing a submission before stamping it, stamp only
so many per candidate, and copy only the files the candidate owns?"""

from __future__ import annotations

import os
from types import SimpleNamespace

import pytest

from mleprep.cohort import clock_sweep
from mleprep.cohort.exchange_files import content_time
from tests.cohort.conftest import NOBODY, OTHER, ids_of, tree

ROOT_ONLY = b"root:$6$not-for-candidates"


def nothing(report) -> bool:
    return vars(report) == {k: [] for k in vars(report)}


@pytest.mark.parametrize("last_written", ["timestamp.txt", "submission_secret.txt"])
def test_an_entry_nbgrader_has_not_finished_is_stamped_on_a_later_round(world, last_written):
    folder = world.inbound_entry(NOBODY)
    kept = (folder / last_written).read_bytes()
    (folder / last_written).unlink()

    assert nothing(world.run())
    assert world.store.submission(folder.name) is None
    assert not world.stamped_copy(folder.name).exists()

    (folder / last_written).write_bytes(kept)
    os.lchown(folder / last_written, *ids_of(NOBODY))
    assert world.run().stamped == [folder.name]
    assert (world.stamped_copy(folder.name) / last_written).read_bytes() == kept


def test_an_entry_changed_less_than_quiet_s_ago_is_stamped_once_quiet(world, monkeypatch):
    monkeypatch.setattr(clock_sweep, "QUIET_S", 60)
    clock = [0.0]
    monkeypatch.setattr(clock_sweep, "time", SimpleNamespace(time=lambda: clock[0]))
    folder = world.inbound_entry(NOBODY)
    clock[0] = content_time(folder).timestamp() + 59

    assert nothing(world.run())

    # Still being written: a new file moves the quiet wait on.
    (folder / "late.txt").write_text("written last")
    os.lchown(folder / "late.txt", *ids_of(NOBODY))
    changed = content_time(folder).timestamp()
    clock[0] = changed + 59
    assert nothing(world.run())
    assert world.store.submission(folder.name) is None

    clock[0] = changed + 60
    assert world.run().stamped == [folder.name]
    assert (world.stamped_copy(folder.name) / "late.txt").read_text() == "written last"
    assert world.store.submission(folder.name).submitted_at.timestamp() == pytest.approx(changed)


def test_a_candidate_gets_at_most_max_submissions_stamped_per_assignment(world, monkeypatch):
    monkeypatch.setattr(clock_sweep, "MAX_SUBMISSIONS", 2)
    mine = [world.inbound_entry(NOBODY, marker=m).name for m in ("1", "2", "3")]
    theirs = world.inbound_entry(OTHER, owner=OTHER, marker="1").name

    report = world.run()

    assert sorted(report.stamped) == sorted([theirs, *mine[:2]])  # the other candidate is not held back
    assert report.problems == [f"{mine[2]}: not stamped ({NOBODY} has 2 already)"]
    assert world.store.submission(mine[2]) is None
    assert not world.stamped_copy(mine[2]).exists()
    again = world.run()
    assert again.stamped == [] and again.problems == []  # refused for good, not reported every round
    assert len(world.store.attempt(candidate=NOBODY, assignment="churn").submissions) == 2


def test_the_limit_counts_submissions_stamped_in_earlier_rounds(world, monkeypatch):
    monkeypatch.setattr(clock_sweep, "MAX_SUBMISSIONS", 1)
    first = world.inbound_entry(NOBODY, marker="1")
    assert world.run().stamped == [first.name]

    second = world.inbound_entry(NOBODY, marker="2")
    report = world.run()

    assert report.stamped == []
    assert report.problems == [f"{second.name}: not stamped ({NOBODY} has 1 already)"]
    assert world.store.stamped_names() == {first.name}


def test_files_in_an_entry_not_owned_by_its_author_are_left_out_of_the_stamped_copy(world):
    secret = world.base / "shadow"
    secret.write_bytes(ROOT_ONLY)
    secret.chmod(0o600)
    folder = world.inbound_entry(NOBODY)
    os.link(secret, folder / "shadow")  # a hard link to a file its author cannot read
    (folder / "theirs.txt").write_text("another candidate's")
    os.lchown(folder / "theirs.txt", *ids_of(OTHER))
    handed_in = tree(folder)

    report = world.run()

    assert report.stamped == [folder.name] and report.problems == []
    copy = tree(world.stamped_copy(folder.name))
    assert "shadow" not in copy and "theirs.txt" not in copy
    assert ROOT_ONLY not in copy.values()
    assert copy == {k: v for k, v in handed_in.items() if k not in ("shadow", "theirs.txt")}
