"""A cohort on a real JupyterHub: candidates as Unix accounts, the clock as the hub's service.

Does the countdown show the service's time, and stay put whatever a candidate edits? Are a
forgotten submit, a late one, an extension and a window's close handled from the service's
records? Does feedback come back through the exchange, and can a candidate's kernel read nothing
of the course or of another candidate?
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import REPO, fill_answers
from tests.e2e.hub_session import (
    CANDIDATES,
    Hub,
    hub_requirements,
    make_candidate,
    mleprep,
    run_in_kernel,
    running_hub,
)
from tests.e2e.lab_session import CHROMIUM_ARGS, chromium_path, copy_screenshot

playwright_api = pytest.importorskip("playwright.sync_api")
A, B, C = CANDIDATES
COURSE = {"course_id": "mleprep"}


@pytest.fixture(scope="module")
def hub() -> Iterator[Hub]:
    hub_requirements()
    # Candidates' servers must be able to walk into the work folder: not pytest's private tmp.
    work = Path(tempfile.mkdtemp(prefix="mleprep-hub-"))
    work.chmod(0o755)
    for name in CANDIDATES:
        make_candidate(name)
    started = time.monotonic()
    # The hub's mleprep runs from this checkout: keep its hidden folders private while it runs, as a
    # mentor hosting a hub from a checkout must (`mleprep cohort hub` warns otherwise).
    modes = {folder: folder.stat().st_mode & 0o777 for folder in (REPO / "source", REPO / "autograders")}
    for folder in modes:
        folder.chmod(0o700)
    with contextlib.ExitStack() as restore:
        restore.callback(lambda: [folder.chmod(mode) for folder, mode in modes.items()])
        running = restore.enter_context(running_hub(work))
        mleprep(running.course, "cohort", "add", *CANDIDATES)
        mleprep(running.course, "cohort", "release", "churn", "--exchange", str(running.exchange))
        running.api("users", "POST", {"usernames": list(CANDIDATES)})
        yield running
    print(f"\nhub tests: {time.monotonic() - started:.1f} s wall time with the hub up")


def _clock(hub: Hub, name: str, token: str, assignment: str) -> dict:
    state = hub.user_request(name, token, "mleprep/clock")
    assert state.get("source") == "hub", state
    # Only started attempts are shown: an empty record until then.
    return next(
        (a for a in state["attempts"] if a["assignment"] == assignment),
        {"started": False, "submitted": False},
    )


def _wait_for(check, timeout: float = 30, every: float = 0.5, hub: Hub | None = None):
    deadline = time.monotonic() + timeout
    while not (result := check()):
        if time.monotonic() > deadline:
            # What the clock service said meanwhile is what a failure here needs to be understood.
            log = hub.log.read_text(errors="replace").splitlines() if hub else []
            clock_lines = "\n".join(
                line for line in log if "mleprep-clock" in line or "mleprep clock" in line
            )
            raise AssertionError(f"timed out waiting; the clock service's log:\n{clock_lines[-6000:]}")
        time.sleep(every)
    return result


def _edit_every_file(hub: Hub, name: str, token: str, folder: str, solution: Path) -> int:
    """As the candidate, through their server: answers into the notebook, a line into every other file,
    and an attempt record of their own with a far deadline. Returns how many files were written."""
    written = 0
    listing = hub.user_request(name, token, f"api/contents/{folder}?content=1")
    for item in listing["content"]:
        if item["type"] == "directory":
            written += _edit_every_file(hub, name, token, item["path"], solution)
            continue
        model = hub.user_request(name, token, f"api/contents/{item['path']}?content=1")
        if item["type"] == "notebook":
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / "nb.ipynb"
                path.write_text(json.dumps(model["content"]))
                fill_answers(path, solution)
                body = {"type": "notebook", "content": json.loads(path.read_text())}
        else:
            body = {"type": "file", "format": "text", "content": (model["content"] or "") + "\n"}
        hub.user_request(name, token, f"api/contents/{item['path']}", "PUT", body=body)
        written += 1
    forged = {
        "assignment": folder,
        "deadline": "2099-01-01T00:00:00+00:00",
        "started_at": "2099-01-01T00:00:00+00:00",
    }
    hub.user_request(name, token, f"api/contents/{folder}/attempt.json", "PUT",
                     body={"type": "file", "format": "text", "content": json.dumps(forged)})  # fmt: skip
    return written + 1


def _assignment_list(page: object, hub: Hub, name: str) -> None:
    """nbgrader's Assignment List in A's JupyterLab, opened from its menu as a candidate would."""
    page.goto(f"{hub.url}/user/{name}/lab")
    # The lab restores its last layout (a notebook, the list itself): wait for the menu, not a launcher.
    menu = page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader")
    menu.wait_for(timeout=90_000)
    menu.click()
    page.locator(".lm-Menu-itemLabel", has_text="Assignment List").click()
    page.get_by_text("Released assignments").first.wait_for(timeout=30_000)


def _hidden_test_lines(source: Path) -> list[str]:
    """The distinctive lines of the source notebook's hidden tests, which no feedback may show."""
    lines = []
    for cell in json.loads(source.read_text())["cells"]:
        text = "".join(cell["source"])
        if "BEGIN HIDDEN TESTS" in text:
            hidden = text.split("BEGIN HIDDEN TESTS", 1)[1].split("END HIDDEN TESTS", 1)[0]
            lines += [line.strip() for line in hidden.splitlines() if len(line.strip()) > 20]
    return lines


def test_a_candidate_starts_sees_the_service_clock_submits_and_gets_feedback(hub: Hub) -> None:
    token = hub.start_server(A)
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(f"{hub.url}/hub/login")
        page.fill("#username_input", A)
        page.fill("#password_input", "any")
        page.click("#login_submit")

        # Fetch in nbgrader's Assignment List: the service starts A's clock and hands churn out.
        _assignment_list(page, hub, A)
        page.get_by_role("button", name="Fetch").first.click()
        page.get_by_role("button", name="Submit").first.wait_for(timeout=60_000)
        clock = _clock(hub, A, token, "churn")
        assert clock["started"] and 4 * 3600 - 60 < clock["remaining_s"] <= 4 * 3600

        # The countdown in the notebook shows the service's time.
        page.goto(f"{hub.url}/user/{A}/lab/tree/churn/churn.ipynb")
        countdown = page.locator("#mleprep-clock")
        countdown.wait_for(state="visible", timeout=90_000)
        page.wait_for_function(
            "() => document.querySelector('#mleprep-clock')?.dataset.remainingS !== undefined", timeout=30_000
        )
        shown = int(countdown.get_attribute("data-remaining-s"))
        assert abs(shown - _clock(hub, A, token, "churn")["remaining_s"]) <= 5
        assert "churn" in countdown.inner_text()
        shot = Path(tempfile.gettempdir()) / "hub_countdown.png"
        page.screenshot(path=str(shot))
        copy_screenshot(shot)

        # A edits every file in the folder, including an attempt record of their own: nothing moves.
        written = _edit_every_file(hub, A, token, "churn", REPO / "source" / "churn" / "churn.ipynb")
        assert written >= 4
        after = _clock(hub, A, token, "churn")
        assert (after["started_at"], after["deadline"]) == (clock["started_at"], clock["deadline"])

        _assignment_list(page, hub, A)
        page.get_by_role("button", name="Submit").first.click()
        submitted = _wait_for(lambda: (s := _clock(hub, A, token, "churn"))["submitted"] and s, hub=hub)
        assert submitted["remaining_s"] > 4 * 3600 - 600

        collected = mleprep(hub.course, "cohort", "collect", "churn", "--exchange", str(hub.exchange))
        assert [c["candidate"] for c in collected["candidates"]] == [A]
        record = json.loads((hub.course / "collected" / "churn" / A / "attempt.json").read_text())
        assert record["deadline"] == clock["deadline"]  # the service's, not the forged one
        graded = mleprep(hub.course, "grade", "churn", "--submissions", collected["folder"])
        (result,) = graded["results"]
        assert result["status"] == "graded" and result["score"] > 0 and result["late_s"] == 0, result
        released = mleprep(hub.course, "cohort", "feedback", "churn", "--exchange", str(hub.exchange))
        assert released["released"] == [A] and released["problems"] == []

        _assignment_list(page, hub, A)
        page.get_by_role("button", name="Fetch Feedback").first.click()
        feedback_page = _wait_for(lambda: next(Path(f"/home/{A}/churn/feedback").glob("*/churn.html"), None))
        browser.close()

    feedback = feedback_page.read_text()
    assert "BEGIN HIDDEN TESTS" not in feedback
    hidden = _hidden_test_lines(hub.course / "source" / "churn" / "churn.ipynb")
    assert hidden and not [line for line in hidden if line in feedback]

    report = mleprep(hub.course, "cohort", "report", "churn")
    statuses = {row["candidate"]: row["status"] for row in report["rows"]}
    assert statuses[A] == "graded" and statuses[B] == "not submitted (never started)", statuses
    assert Path(report["html"]).is_file() and B in Path(report["html"]).read_text()


def test_the_service_submits_when_time_runs_out_and_late_work_pays_until_extended(hub: Hub) -> None:
    # A 20-second clock; the course's late policy made strict so that seconds count.
    spec = hub.course / "source" / "spam" / "assignment.toml"
    text = re.sub(
        r"\[late_policy\][^\[]*",
        '[late_policy]\ngrace = "0s"\ndeduct_per = "1m"\ndeduct = 0.1\n\n',
        spec.read_text(),
    )
    spec.write_text(text)
    mleprep(hub.course, "cohort", "release", "spam", "--limit", "20s", "--exchange", str(hub.exchange))
    token = hub.start_server(C)
    hub.user_request(C, token, "assignments/fetch", "POST", form={**COURSE, "assignment_id": "spam"})
    started = _wait_for(lambda: (s := _clock(hub, C, token, "spam"))["started"] and s, hub=hub)
    assert started["remaining_s"] <= 20

    forgotten = _wait_for(lambda: (s := _clock(hub, C, token, "spam"))["submitted"] and s, 60, hub=hub)
    assert forgotten["submitted_by_service"] and forgotten["submitted_at"] == started["deadline"]

    # C goes on working and hands in again, after the deadline (by whole seconds: times are kept to the
    # second, and a hand-in within the deadline's own second would read as on time).
    time.sleep(2)
    notebook = f"/home/{C}/spam/spam.ipynb"
    model = hub.user_request(C, token, "api/contents/spam/spam.ipynb?content=1")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "spam.ipynb"
        path.write_text(json.dumps(model["content"]))
        fill_answers(path, REPO / "source" / "spam" / "spam.ipynb")
        hub.user_request(C, token, "api/contents/spam/spam.ipynb", "PUT",
                         body={"type": "notebook", "content": json.loads(path.read_text())})  # fmt: skip
    assert Path(notebook).stat().st_uid == os.stat(f"/home/{C}").st_uid
    hub.user_request(C, token, "assignments/submit", "POST", form={**COURSE, "assignment_id": "spam"})
    late = _wait_for(lambda: (s := _clock(hub, C, token, "spam"))["submissions"] == 2 and s, hub=hub)
    assert late["submitted_at"] > forgotten["submitted_at"]
    assert not late["submitted_by_service"]

    folder = mleprep(hub.course, "cohort", "collect", "spam", "--exchange", str(hub.exchange))["folder"]
    (result,) = mleprep(hub.course, "grade", "spam", "--submissions", folder)["results"]
    assert result["late_s"] > 0 and result["penalty"] > 0 and result["score"] < result["raw_score"], result

    mleprep(hub.course, "cohort", "extend", C, "spam", "1h")
    assert _clock(hub, C, token, "spam")["extension_s"] == 3600
    mleprep(hub.course, "cohort", "collect", "spam", "--exchange", str(hub.exchange))
    (result,) = mleprep(hub.course, "grade", "spam", "--submissions", folder)["results"]
    assert result["late_s"] == 0 and result["penalty"] == 0 and result["score"] == result["raw_score"], result


def test_a_start_near_the_windows_close_shows_only_the_time_to_the_close(hub: Hub) -> None:
    closes = (datetime.now(UTC) + timedelta(minutes=2)).isoformat(timespec="seconds")
    mleprep(hub.course, "cohort", "release", "digits", "--closes", closes, "--exchange", str(hub.exchange))
    token = hub.start_server(A)
    # `mleprep start` in A's own terminal on the hub: the service's clock, then nbgrader's fetch.
    env = {
        "HOME": f"/home/{A}",
        "PATH": os.environ["PATH"],
        "JUPYTERHUB_API_TOKEN": token,
        "MLEPREP_CLOCK_URL": hub.clock_url,
        "JUPYTER_CONFIG_PATH": str(hub.candidate_config),
    }
    done = subprocess.run(
        [sys.executable, "-m", "mleprep.cli", "start", "digits", "--json"],
        cwd=f"/home/{A}", env=env, user=A, group=A, extra_groups=[],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    state = json.loads(done.stdout)
    assert 0 < state["remaining_s"] <= 120 and state["deadline"] == closes
    assert Path(f"/home/{A}/digits/digits.ipynb").is_file()
    assert _clock(hub, A, token, "digits")["remaining_s"] <= 120

    # `mleprep submit` in the same terminal: nbgrader's submit, and the clock's stamp comes back.
    done = subprocess.run(
        [sys.executable, "-m", "mleprep.cli", "submit", "digits", "--json"],
        cwd=f"/home/{A}", env=env, user=A, group=A, extra_groups=[],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    handed_in = json.loads(done.stdout)
    assert handed_in["submitted"] and not handed_in["submitted_by_service"], handed_in
    assert handed_in["submitted_at"] <= handed_in["deadline"]


def test_a_candidates_kernel_reads_nothing_of_the_course_or_of_another_candidate(hub: Hub) -> None:
    token = hub.start_server(B)
    targets = [
        hub.course / "source" / "churn" / "churn.ipynb",
        hub.course / "autograders" / "churn" / "holdout_labels.csv",
        hub.course / "gradebook.db",
        hub.course / "stamped",
        # The checkout the hub's mleprep runs from (kept private by the fixture, as README asks).
        REPO / "source" / "churn" / "churn.ipynb",
        REPO / "autograders" / "churn" / "holdout_labels.csv",
        # Released but not started: only the clock service reads it, when it hands it out.
        hub.exchange / "mleprep" / "outbound" / "churn" / "churn.ipynb",
        Path(f"/home/{A}/churn/churn.ipynb"),
        hub.exchange / "mleprep" / "inbound",
    ]
    code = (
        "import os\n"
        f"for target in {[str(t) for t in targets]!r}:\n"
        "    try:\n"
        "        (os.listdir if os.path.isdir(target) else (lambda p: open(p).read(1)))(target)\n"
        "        print('READ', target)\n"
        "    except PermissionError:\n"
        "        print('DENIED', target)\n"
    )
    out = run_in_kernel(hub, B, token, code)
    assert out.count("DENIED") == len(targets), out
