"""A candidate's timed take-home in a real JupyterLab, driven in headless Chromium.

Does the countdown show the server's remaining time, survive a reload and a kernel restart, and turn
red near the deadline? Do nbgrader's Validate button and Assignment List work in the workspace?
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mleprep.attempts.clock import start_attempt
from tests.conftest import copy_course
from tests.e2e.lab_session import copy_screenshot, running_lab, started_churn

playwright_api = pytest.importorskip("playwright.sync_api")

LIMIT_S = 2 * 3600


def _remaining(page: object) -> int:
    # The clock is a widget in JupyterLab's top bar, not an element pinned over the page.
    clock = page.locator("#jp-top-panel #mleprep-clock")
    clock.wait_for(state="visible", timeout=60_000)
    page.wait_for_function(
        "() => document.querySelector('#mleprep-clock')?.dataset.remainingS !== undefined", timeout=30_000
    )
    return int(clock.get_attribute("data-remaining-s"))


def _expected_remaining(deadline: datetime) -> float:
    return (deadline - datetime.now(UTC)).total_seconds()


def test_candidate_sees_countdown_validates_and_keeps_time_across_reload(browser, tmp_path: Path) -> None:
    course, attempt = started_churn(tmp_path, limit_s=LIMIT_S)

    with running_lab(course, attempt, tmp_path / "lab.log") as lab:
        listed = lab.api("assignments?course_id=mleprep")
        assert listed["success"], listed
        assert [(a["assignment_id"], a["status"]) for a in listed["value"]] == [("churn", "fetched")]

        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(f"{lab.url}/lab/tree/churn/churn.ipynb?token={lab.token}")
        remaining = _remaining(page)
        assert abs(remaining - _expected_remaining(attempt.deadline)) <= 5
        clock = page.locator("#mleprep-clock")
        assert "churn" in clock.inner_text() and "left" in clock.inner_text()
        assert "mleprep-clock-urgent" not in (clock.get_attribute("class") or "")

        # Run the setup cell as a candidate would: click it, Shift+Enter, wait for its prompt number.
        # The kernel must be connected first (the status bar says Idle), or the run is dropped.
        page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=60_000)
        page.get_by_text("Python 3 (ipykernel) | Idle").wait_for(timeout=90_000)
        setup = page.locator(".jp-Notebook .jp-CodeCell").first
        setup.locator(".jp-InputArea-editor").click()
        page.keyboard.press("Shift+Enter")
        page.wait_for_function(
            "() => /\\[1\\]/.test(document.querySelector('.jp-Notebook .jp-CodeCell .jp-InputPrompt')"
            "?.textContent || '')",
            timeout=60_000,
        )

        # nbgrader's own Validate button runs the notebook with the course's visible tests.
        page.locator(".validate-button button, button.validate-button, .validate-button").first.click()
        dialog = page.locator(".jp-Dialog")
        dialog.wait_for(timeout=30_000)
        page.wait_for_function(
            "() => { const t = document.querySelector('.jp-Dialog')?.innerText || '';"
            " return /passes all the tests|failed|error/i.test(t) && !/Validating/.test(t); }",
            timeout=240_000,
        )
        text = dialog.inner_text()
        assert "Success! Your notebook passes all the tests." in text, text
        shot = tmp_path / "lab_countdown.png"
        page.screenshot(path=str(shot))
        copy_screenshot(shot)
        dialog.locator("button").last.click()

        # The kernel restarts and the page reloads: the remaining time still follows the server's deadline.
        kernels = lab.api("api/kernels")
        assert kernels, "the notebook should have a running kernel"
        lab.api(f"api/kernels/{kernels[0]['id']}/restart", method="POST")
        page.reload()
        after = _remaining(page)
        assert abs(after - _expected_remaining(attempt.deadline)) <= 5
        assert after <= remaining, "a reload must never give time back"
        assert after < LIMIT_S - 1, "the clock must not restart from the full limit"
        page.close()


def test_countdown_turns_red_in_the_last_ten_minutes(browser, tmp_path: Path) -> None:
    course = copy_course(tmp_path / "course")
    # The clock is passed in: an attempt started 1h55m ago has five minutes of its 2h left.
    started = start_attempt(
        course=course,
        assignment_id="churn",
        workspace=tmp_path / "workspace",
        now=datetime.now(UTC) - timedelta(seconds=LIMIT_S - 300),
        time_limit_s=LIMIT_S,
    )
    with running_lab(course, started.attempt, tmp_path / "lab.log") as lab:
        page = browser.new_page()
        page.goto(f"{lab.url}/lab/tree/churn/churn.ipynb?token={lab.token}")
        remaining = _remaining(page)
        assert 250 <= remaining <= 300
        page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=60_000)
        page.wait_for_selector("#mleprep-clock.mleprep-clock-urgent", timeout=10_000)
        color = page.eval_on_selector("#mleprep-clock", "n => getComputedStyle(n).backgroundColor")
        assert color == "rgb(217, 45, 32)", color
        shot = tmp_path / "lab_countdown_urgent.png"
        page.screenshot(path=str(shot))
        copy_screenshot(shot)
        page.close()
