"""Does the clock sweep, running as root over folders candidates control, stay out of what they may
not read, write nothing as root where they point it, date late work late, and keep going for
everyone when one candidate's folder is hostile?"""

from __future__ import annotations

import os
import signal
from datetime import UTC, datetime, timedelta

import pytest

from mleprep.cohort import exchange_files
from mleprep.cohort.exchange_files import content_time
from tests.cohort.conftest import NOBODY, OTHER, ids_of, tree

ROOT_ONLY = b"root:$6$not-for-candidates"


@pytest.fixture
def no_hang():
    """Fail rather than hang when a round blocks (on a pipe, say)."""

    def give_up(signum, frame):
        raise TimeoutError("the sweep hung")

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def everything_written(world, name: str, candidate: str) -> list[dict]:
    """The three copies of one service submission: the inbound's, the cache's and the stamped one."""
    [cached] = world.cache(candidate).iterdir()
    return [tree(world.exchange.inbound / name), tree(cached), tree(world.stamped_copy(name))]


def test_a_link_to_a_root_only_file_is_copied_nowhere(world):
    secret = world.base / "shadow"
    secret.write_bytes(ROOT_ONLY)
    secret.chmod(0o600)
    folder = world.saved_work()
    (folder / "shadow").symlink_to(secret)
    (folder / "etc").symlink_to(world.base)  # a link to a folder, with the root-only file inside
    for link in ("shadow", "etc"):
        os.lchown(folder / link, *ids_of(NOBODY))
    now = datetime.now(UTC)
    world.expire(NOBODY, now=now)

    report = world.run(now=now)

    assert report.problems == []
    [name] = report.submitted_by_service
    for copy in everything_written(world, name, NOBODY):
        assert world.notebook in copy
        assert "shadow" not in copy and "etc/shadow" not in copy
        assert ROOT_ONLY not in copy.values()


def test_a_local_folder_linked_to_roots_gets_nothing_written_by_root_and_others_still_submit(world):
    roots = world.base / "roots"
    roots.mkdir(mode=0o755)
    before = roots.lstat()
    world.saved_work(OTHER)
    (world.home(OTHER) / ".local").symlink_to(roots)
    os.lchown(world.home(OTHER) / ".local", *ids_of(OTHER))
    world.saved_work(NOBODY)
    now = datetime.now(UTC)
    world.expire(OTHER, NOBODY, now=now)

    report = world.run(now=now)

    assert list(roots.iterdir()) == []
    assert roots.lstat().st_mtime_ns == before.st_mtime_ns
    # The submission stands; only its copy in the (redirected) nbgrader cache is given up.
    [problem] = [p for p in report.problems if p.startswith(f"{OTHER}/churn: ")]
    assert "not copied to the nbgrader cache" in problem
    assert [n.split("+")[0] for n in report.submitted_by_service] == [OTHER, NOBODY]
    for candidate in (OTHER, NOBODY):
        assert world.store.attempt(candidate=candidate, assignment="churn").submissions[0].by_service


def test_work_changed_after_the_deadline_is_stamped_when_it_changed_not_at_the_deadline(world):
    folder = world.saved_work()  # saved just now, an hour after the clock ran out
    changed_at = content_time(folder)
    now = datetime.now(UTC)
    world.expire(NOBODY, now=now)
    deadline = world.store.attempt(candidate=NOBODY, assignment="churn").deadline
    assert changed_at > deadline + timedelta(minutes=50)

    report = world.run(now=now + timedelta(days=1))  # the service was down for a day

    [name] = report.submitted_by_service
    submission = world.store.submission(name)
    assert submission.submitted_at == changed_at
    assert submission.by_service is True


def test_a_pipe_in_one_folder_neither_hangs_the_sweep_nor_stops_the_next_candidate(world, no_hang):
    folder = world.saved_work(OTHER)
    os.mkfifo(folder / "pipe")
    os.lchown(folder / "pipe", *ids_of(OTHER))
    world.saved_work(NOBODY)
    leftover = world.inbound_entry(NOBODY, marker="r").rename(world.exchange.inbound / f".{NOBODY}.partial")
    now = datetime.now(UTC)
    world.expire(OTHER, NOBODY, now=now)

    report = world.run(now=now)

    assert report.problems == [] and report.stamped == []
    names = report.submitted_by_service
    assert [n.split("+")[0] for n in names] == [OTHER, NOBODY]
    for candidate, name in zip((OTHER, NOBODY), names, strict=True):
        for copy in everything_written(world, name, candidate):
            assert world.notebook in copy and "pipe" not in copy
    assert not any(n.startswith(".") for n in world.store.stamped_names())
    assert {p.name for p in world.exchange.inbound.iterdir() if p.name.startswith(".")} == {leftover.name}
    assert [p.name for p in world.stamped.glob("*/.*")] == []
    assert vars(world.run(now=now)) == {k: [] for k in vars(report)}


def test_a_submission_over_the_size_limit_is_reported_not_stamped(world, monkeypatch):
    monkeypatch.setattr(exchange_files, "MAX_SUBMISSION_BYTES", 1000)
    folder = world.inbound_entry(NOBODY)
    (folder / "big.bin").write_bytes(b"x" * 2000)
    os.lchown(folder / "big.bin", *ids_of(NOBODY))

    report = world.run()

    assert report.stamped == []
    [problem] = report.problems
    assert problem.startswith(f"{folder.name}: not stamped (larger than")
    assert world.store.submission(folder.name) is None
    assert not world.stamped_copy(folder.name).exists()
    # Refused for good (not copied again every round), with no partial copy left behind.
    assert [p.name for p in world.stamped.glob("*/.*")] == [".refused"]
    assert [p.name for p in world.stamped.glob("*/.refused/*")] == [folder.name]
    assert world.run().problems == []


def test_saved_work_over_the_size_limit_is_reported_not_submitted(world):
    folder = world.saved_work()
    # The copy is made by a process of the candidate's, which a monkeypatched limit would not reach:
    # a sparse file just over the real one, refused on its size before a byte of it is copied.
    with open(folder / "big.bin", "wb") as big:
        big.truncate(exchange_files.MAX_SUBMISSION_BYTES + 1)
    os.lchown(folder / "big.bin", *ids_of(NOBODY))
    now = datetime.now(UTC)
    world.expire(NOBODY, now=now)

    report = world.run(now=now)

    assert report.submitted_by_service == []
    [problem] = report.problems
    assert problem.startswith(f"{NOBODY}/churn: out of time, could not submit the saved work")
    assert f"larger than {exchange_files.MAX_SUBMISSION_BYTES:,} bytes" in problem
    assert list(world.exchange.inbound.iterdir()) == []
    assert not world.cache(NOBODY).exists()
    assert world.store.attempt(candidate=NOBODY, assignment="churn").submissions == ()
