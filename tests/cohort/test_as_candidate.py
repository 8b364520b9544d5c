"""Does the clock service hand an assignment out as the candidate: copied from a folder only root can
read into their home, owned by them, never twice, and never where a link in their home points root?"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from mleprep.cohort.as_candidate import hand_out
from mleprep.cohort.exchange_files import UnsafeSubmission
from tests.cohort.conftest import NOBODY, ids_of, readable_by, tree

NOTEBOOK = b'{"cells": ["the take-home"]}'
DATA = b"a,b\n1,2\n"


def released(base: Path) -> Path:
    """An outbound folder as `mleprep cohort release` leaves it: root's, 0700, its files 0600."""
    source = base / "outbound" / "churn"
    (source / "data").mkdir(parents=True)
    (source / "churn.ipynb").write_bytes(NOTEBOOK)
    (source / "data" / "train.csv").write_bytes(DATA)
    for path in [source.parent, source, *source.rglob("*")]:
        path.chmod(0o700 if path.is_dir() else 0o600)
    return source


def home_of(world, candidate: str = NOBODY) -> Path:
    home = world.home(candidate)
    home.mkdir(parents=True, mode=0o700)
    os.chown(home, *ids_of(candidate))
    return home


def test_the_candidate_cannot_read_the_released_folder_themselves(world):
    source = released(world.base)
    # Only root's archive on the process's standard input gets the take-home to them.
    assert not readable_by(NOBODY, source / "churn.ipynb")
    assert readable_by(NOBODY, Path("/etc/hostname")) or not Path("/etc/hostname").exists()


def test_handing_out_copies_the_released_folder_into_the_home_owned_by_the_candidate(world):
    source = released(world.base)
    home = home_of(world)

    hand_out(source=source, dest=home / "churn", candidate=NOBODY)

    # The child, running as the candidate, read root's 0600 files through the descriptors root opened.
    assert tree(home / "churn") == {"churn.ipynb": NOTEBOOK, "data": None, "data/train.csv": DATA}
    uid, _ = ids_of(NOBODY)
    for path in [home / "churn", *(home / "churn").rglob("*")]:
        assert path.lstat().st_uid == uid, path
    assert [p.name for p in home.iterdir()] == ["churn"]  # no partial copy left behind
    assert stat.S_IMODE(source.lstat().st_mode) == 0o700  # the source stays root's alone
    assert tree(source) == {"churn.ipynb": NOTEBOOK, "data": None, "data/train.csv": DATA}


def test_a_second_hand_out_leaves_the_candidates_folder_as_it_is(world):
    source = released(world.base)
    home = home_of(world)
    hand_out(source=source, dest=home / "churn", candidate=NOBODY)
    (home / "churn" / "churn.ipynb").write_bytes(b'{"cells": ["my answers"]}')
    (home / "churn" / "data" / "train.csv").unlink()
    resumed = tree(home / "churn")
    (source / "extra.txt").write_bytes(b"released later")

    hand_out(source=source, dest=home / "churn", candidate=NOBODY)

    assert tree(home / "churn") == resumed
    assert [p.name for p in home.iterdir()] == ["churn"]


def test_a_folder_name_linked_to_a_root_owned_folder_gets_nothing_written_by_root(world):
    source = released(world.base)
    home = home_of(world)
    roots = world.base / "roots"
    roots.mkdir(mode=0o755)
    before = roots.lstat()
    (home / "churn").symlink_to(roots)
    os.lchown(home / "churn", *ids_of(NOBODY))

    hand_out(source=source, dest=home / "churn", candidate=NOBODY)

    assert list(roots.iterdir()) == []
    assert roots.lstat().st_mtime_ns == before.st_mtime_ns
    assert (home / "churn").is_symlink()


def test_a_partial_folder_linked_to_a_root_owned_folder_fails_the_hand_out_as_the_candidate(world):
    source = released(world.base)
    home = home_of(world)
    roots = world.base / "roots"
    roots.mkdir(mode=0o755)
    (home / ".churn.partial").symlink_to(roots)
    os.lchown(home / ".churn.partial", *ids_of(NOBODY))

    with pytest.raises(UnsafeSubmission, match=f"writing as {NOBODY} failed: PermissionError"):
        hand_out(source=source, dest=home / "churn", candidate=NOBODY)

    assert list(roots.iterdir()) == []
    assert not (home / "churn").exists()
