"""Does the clock service answer each hub user for their own attempts only, start an attempt once and
hand the assignment out into their home, refuse anyone the hub does not vouch for, and keep a
candidate's requests from making it sweep over and over?"""

from __future__ import annotations

import asyncio
import json
import os
import stat
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from tornado.httpserver import HTTPServer
from tornado.testing import bind_unused_port

from mleprep.cohort import clock_service
from mleprep.cohort.clock_service import ClockHandler, ClockState, make_app
from mleprep.cohort.delivery import release_to_cohort
from mleprep.cohort.roster import add_candidates
from tests.cohort.conftest import NOBODY, OTHER, ids_of, tree
from tests.conftest import copy_course

PREFIX = "/services/mleprep-clock/"
ROOT_ONLY = b"root:$6$not-for-candidates"
USER_HEADER = "X-Test-Hub-User"  # who the (monkeypatched) hub says is asking; none: anonymous


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Clock:
    state: ClockState
    url: str

    def ask(self, path: str, *, user: str | None, method: str = "GET") -> tuple[int, dict | str]:
        """The status and JSON body (or raw text) of `method path`, asked as hub user `user`."""
        headers = {USER_HEADER: user} if user else {}
        data = b"{}" if method == "POST" else None
        request = urllib.request.Request(f"{self.url}{path}", method=method, data=data, headers=headers)
        try:
            with urllib.request.build_opener(NoRedirect).open(request, timeout=60) as response:
                status, body = response.status, response.read()
        except urllib.error.HTTPError as exc:
            status, body = exc.code, exc.read()
        try:
            return status, json.loads(body)
        except ValueError:
            return status, body.decode(errors="replace")


def as_hub_user(handler: ClockHandler) -> dict | None:
    name = handler.request.headers.get(USER_HEADER)
    return {"name": name} if name else None


@pytest.fixture
def clock(world, tmp_path, monkeypatch):
    """The service's app on a free local port, for a scratch course released into the world's exchange."""
    monkeypatch.setattr(ClockHandler, "get_current_user", as_hub_user)
    monkeypatch.setattr(clock_service, "home_of", world.home)
    for candidate in (NOBODY, OTHER):
        home = world.home(candidate)
        home.mkdir(parents=True, mode=0o700)
        os.chown(home, *ids_of(candidate))
    course = copy_course(tmp_path / "course")
    add_candidates(course=course, names=[NOBODY, OTHER])
    release_to_cohort(
        course=course, assignment_id="churn", now=datetime.now(UTC), exchange_root=world.exchange.root
    )
    state = ClockState(course, world.exchange)
    sock, port = bind_unused_port()
    loop = asyncio.new_event_loop()
    started = threading.Event()

    def serve() -> None:
        asyncio.set_event_loop(loop)
        HTTPServer(make_app(state, PREFIX)).add_sockets([sock])
        loop.call_soon(started.set)
        loop.run_forever()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    assert started.wait(30)
    try:
        yield Clock(state, f"http://127.0.0.1:{port}{PREFIX}")
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(30)
        loop.close()
        sock.close()
        state.store.close()


def started_at(clock: Clock, candidate: str) -> datetime | None:
    return clock.state.store.attempt(candidate=candidate, assignment="churn").started_at


def test_the_released_outbound_folder_is_readable_by_root_only(world, clock):
    outbound = world.exchange.outbound / "churn"
    for path in [outbound, *outbound.rglob("*")]:
        assert path.lstat().st_uid == 0, path
        assert stat.S_IMODE(path.lstat().st_mode) == (0o700 if path.is_dir() else 0o600), path


def test_attempts_lists_only_the_callers_own_attempts(clock):
    clock.state.store.start(candidate=NOBODY, assignment="churn", now=datetime.now(UTC))
    clock.state.store.extend(candidate=OTHER, assignment="churn", seconds=900)

    mine_status, mine = clock.ask("api/attempts", user=NOBODY)
    theirs_status, theirs = clock.ask("api/attempts", user=OTHER)

    assert mine_status == theirs_status == 200
    [attempt] = mine["attempts"]
    assert attempt["assignment"] == "churn" and attempt["lab_path"] == f"churn/{attempt['notebook']}"
    assert attempt["started"] is True and attempt["extension_s"] == 0
    [other] = theirs["attempts"]
    assert other["started"] is False and other["extension_s"] == 900
    assert OTHER not in json.dumps(mine) and NOBODY not in json.dumps(theirs)


def test_starting_before_the_window_opens_is_refused_with_the_opening_time(world, clock):
    opens = datetime.now(UTC) + timedelta(days=1)
    clock.state.store.release(assignment="churn", time_limit_s=None, now=datetime.now(UTC), opens=opens)

    status, body = clock.ask("api/attempts/churn/start", user=NOBODY, method="POST")

    assert status == 409
    assert body == {"error": f"churn opens at {opens:%Y-%m-%d %H:%M} UTC"}
    assert started_at(clock, NOBODY) is None
    assert not (world.home(NOBODY) / "churn").exists()


def test_starting_an_assignment_the_course_has_not_released_is_refused_and_starts_nothing(world, clock):
    status, body = clock.ask("api/attempts/nonesuch/start", user=NOBODY, method="POST")

    assert status == 409
    assert body == {"error": "nonesuch is not in the course's released assignments: ask your mentor"}
    assert not (world.home(NOBODY) / "nonesuch").exists()


def test_starting_hands_the_assignment_out_into_the_callers_home(world, clock):
    before = datetime.now(UTC)

    status, body = clock.ask("api/attempts/churn/start", user=NOBODY, method="POST")

    assert status == 200, body
    assert body["started"] is True and body["submitted"] is False
    assert before <= started_at(clock, NOBODY) <= datetime.now(UTC)
    folder = world.home(NOBODY) / "churn"
    notebook = clock.state.notebooks["churn"]
    released = world.exchange.outbound / "churn" / notebook
    assert (folder / notebook).read_bytes() == released.read_bytes()
    for path in [folder, *folder.rglob("*")]:
        assert path.lstat().st_uid == ids_of(NOBODY)[0], path
    assert not (world.home(OTHER) / "churn").exists()
    assert started_at(clock, OTHER) is None


def test_starting_again_keeps_the_first_start_and_the_candidates_work(world, clock):
    _, first = clock.ask("api/attempts/churn/start", user=NOBODY, method="POST")
    first_start = started_at(clock, NOBODY)
    notebook = world.home(NOBODY) / "churn" / clock.state.notebooks["churn"]
    notebook.write_text('{"cells": ["my answers"]}')

    status, again = clock.ask("api/attempts/churn/start", user=NOBODY, method="POST")

    assert status == 200
    assert started_at(clock, NOBODY) == first_start
    assert again["started_at"] == first["started_at"] and again["deadline"] == first["deadline"]
    assert notebook.read_text() == '{"cells": ["my answers"]}'


def test_anonymous_requests_are_refused_and_start_nothing(world, clock):
    status, body = clock.ask("api/attempts", user=None)
    # HubAuthenticated sends a browser to the hub's login page; either way, no attempts.
    assert status in (302, 403) and "attempts" not in body

    status, _ = clock.ask("api/attempts/churn/start", user=None, method="POST")

    assert status == 403
    assert clock.state.store.attempts(assignment="churn") == []
    assert not (world.home(NOBODY) / "churn").exists()


def test_a_submission_is_stamped_when_its_author_says_so(world, clock):
    clock.ask("api/attempts/churn/start", user=NOBODY, method="POST")
    entry = world.inbound_entry(NOBODY)

    status, body = clock.ask("api/attempts/churn/submitted", user=NOBODY, method="POST")

    assert status == 200 and body["submitted"] is True
    assert clock.state.store.submission(entry.name) is not None


def test_sweeps_asked_for_within_a_second_run_once(clock, monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(clock_service, "time", SimpleNamespace(monotonic=lambda: now[0]))
    rounds = []
    real_sweep = clock_service.sweep
    monkeypatch.setattr(clock_service, "sweep", lambda **kw: rounds.append(kw) or real_sweep(**kw))

    clock.state.sweep()
    clock.state.sweep()
    for _ in range(3):  # a candidate's server asking after every submit
        assert clock.ask("api/attempts/churn/submitted", user=NOBODY, method="POST")[0] == 200
    now[0] += 0.9
    clock.state.sweep()

    assert len(rounds) == 1
    assert clock.state.last_sweep == 1000.0
    now[0] += 0.1  # a second after the round
    clock.state.sweep()
    assert len(rounds) == 2


def test_a_hand_out_that_fails_as_the_candidate_is_refused_with_its_reason(world, clock):
    roots = world.base / "roots"
    roots.mkdir(mode=0o755)  # root's: the candidate cannot write there
    partial = world.home(NOBODY) / ".churn.partial"
    partial.symlink_to(roots)
    os.lchown(partial, *ids_of(NOBODY))

    status, body = clock.ask("api/attempts/churn/start", user=NOBODY, method="POST")

    assert status == 409
    assert body["error"].startswith(f"writing as {NOBODY} failed: PermissionError")
    assert list(roots.iterdir()) == []
    assert not (world.home(NOBODY) / "churn").exists()


def as_candidate(candidate: str, script: str) -> None:
    """Run python `script` as `candidate` would in a terminal on their server."""
    uid, gid = ids_of(candidate)
    subprocess.run(
        [sys.executable, "-c", script], user=uid, group=gid, extra_groups=[], cwd="/", check=True, timeout=60
    )


def test_a_course_folder_a_candidate_swapped_in_the_exchange_hands_out_nothing_only_root_may_read(
    world, clock
):
    private = world.base / "private"
    private.mkdir(mode=0o700)
    (private / "shadow").write_bytes(ROOT_ONLY)
    (private / "shadow").chmod(0o600)
    course = world.exchange.root / world.exchange.course_id
    # The candidate moves the course folder aside and puts their own in its place (each step may be
    # refused: then the service hands out the real assignment).
    as_candidate(
        NOBODY,
        "import contextlib, os\n"
        "with contextlib.suppress(OSError):\n"
        f"    os.rename({str(course)!r}, {str(course.with_name('moved'))!r})\n"
        f"    os.makedirs({str(course / 'outbound')!r})\n"
        f"    os.symlink({str(private)!r}, {str(course / 'outbound' / 'churn')!r})\n",
    )

    clock.ask("api/attempts/churn/start", user=NOBODY, method="POST")

    assert ROOT_ONLY not in tree(world.home(NOBODY) / "churn").values()
