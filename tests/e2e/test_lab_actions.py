"""The candidate's day in JupyterLab without a terminal, driven in headless Chromium: Check from the
notebook's toolbar, Submit ending in the feedback tab, and a mock interview ending in its report."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from mleprep.practice.history import load_history
from tests.e2e.lab_session import copy_screenshot, running_lab, started_churn

pytest.importorskip("playwright.sync_api")

LIMIT_S = 3 * 3600
# A wrong answer to the evaluation task, written as a candidate might: three folds, not five.
THREE_FOLDS = "cv_scores = [0.80, 0.81, 0.79]\ncv_auc = 0.8\n"


def _started(tmp_path: Path, *, evaluate: str | None = None):
    return started_churn(tmp_path, limit_s=LIMIT_S, answers={"evaluate": evaluate} if evaluate else None)


def _open_notebook(browser, lab) -> object:
    page = browser.new_page(viewport={"width": 1500, "height": 950})
    page.goto(f"{lab.url}/lab/tree/churn/churn.ipynb?token={lab.token}")
    page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=90_000)
    page.locator(".mleprep-check-button").wait_for(timeout=60_000)
    return page


def test_check_shows_the_failed_visible_check_with_its_message_and_a_link_to_its_cell(
    browser, tmp_path: Path
) -> None:
    course, attempt = _started(tmp_path, evaluate=THREE_FOLDS)
    with running_lab(course, attempt, tmp_path / "lab.log") as lab:
        page = _open_notebook(browser, lab)
        page.locator(".mleprep-check-button button, button.mleprep-check-button").first.click()
        panel = page.locator("#mleprep-check-panel")
        panel.wait_for(state="visible", timeout=30_000)
        # Progress while the notebook runs, then the four outcomes.
        page.wait_for_selector("#mleprep-check-panel li.mleprep-check", timeout=240_000)
        failed = panel.locator("li.mleprep-outcome-failed")
        assert failed.count() == 1, panel.inner_text()
        assert failed.get_attribute("data-check-id") == "check_evaluation"
        text = failed.inner_text()
        assert "A cross-validated estimate" in text
        assert "one ROC AUC per fold (5 folds)" in text, text
        assert panel.locator("li.mleprep-outcome-passed").count() >= 2, panel.inner_text()
        shot = tmp_path / "lab_check_panel.png"
        page.screenshot(path=str(shot))
        copy_screenshot(shot)

        # The link leads to the check's own cell, made the active cell of the notebook.
        failed.get_by_role("button", name="Go to the cell of A cross-validated estimate").click()
        page.wait_for_function(
            "() => (document.querySelector('.jp-Notebook .jp-Cell.jp-mod-active')?.innerText || '')"
            ".includes('Check: a cross-validated estimate')",
            timeout=10_000,
        )
        # Both actions are in the command palette too, for keyboard users.
        page.keyboard.press("Control+Shift+C")
        palette = page.locator(".lm-CommandPalette-input")
        palette.fill("My Take-Home")
        items = page.locator(".lm-CommandPalette-item:visible").all_inner_texts()
        assert any("Check My Take-Home" in i for i in items) and any(
            "Submit My Take-Home" in i for i in items
        )
        page.close()


def test_submit_from_the_toolbar_ends_in_the_feedback_tab_with_the_score(browser, tmp_path: Path) -> None:
    course, attempt = _started(tmp_path)
    with running_lab(course, attempt, tmp_path / "lab.log") as lab:
        page = _open_notebook(browser, lab)
        page.locator(".mleprep-submit-button button, button.mleprep-submit-button").first.click()
        dialog = page.locator(".jp-Dialog")
        dialog.wait_for(timeout=10_000)
        text = dialog.inner_text()
        assert "Submit churn?" in text and "left on the clock" in text and "hidden checks" in text, text
        clicked = time.monotonic()
        dialog.get_by_role("button", name="Submit").click()
        tab = page.locator("#mleprep-feedback-churn")
        tab.wait_for(timeout=600_000)
        frame = page.frame_locator("#mleprep-feedback-churn iframe")
        frame.locator("text=Score").first.wait_for(timeout=30_000)
        took = time.monotonic() - clicked
        body = frame.locator("body").inner_text()
        assert "12 / 12" in body, body[:2000]
        shot = tmp_path / "lab_submit_feedback.png"
        page.screenshot(path=str(shot))
        copy_screenshot(shot)
        print(f"submit click to feedback tab: {took:.1f} s")
        (tmp_path / "submit_to_feedback_s.txt").write_text(f"{took:.1f}\n")

        # The clock stopped: submitted attempts leave the top bar, and the record says submitted.
        record = json.loads((attempt.folder / "attempt.json").read_text())
        assert record["submitted_at"], record
        page.close()


def test_a_two_question_mock_interview_ends_in_its_report_and_is_saved_for_history(
    browser, tmp_path: Path, monkeypatch
) -> None:
    # The theme is switched below: keep that setting in this test's lab, not the machine's.
    monkeypatch.setenv("JUPYTERLAB_SETTINGS_DIR", str(tmp_path / "lab-settings"))
    course, attempt = _started(tmp_path)
    answers = [
        "Last year our churn model lost recall after a pricing change. I was asked to find out why before "
        "the quarterly review. I compared the feature distributions week by week, found that two plan codes "
        "had been merged, and retrained with the new codes. Recall went from 0.61 back to 0.78 in a week.",
        "I would explain it as a ranked call list: the model puts the customers most likely to leave first, "
        "so the team calls the top 300 and finds about 195 leavers instead of 80.",
    ]
    with running_lab(course, attempt, tmp_path / "lab.log") as lab:
        page = _open_notebook(browser, lab)
        # A new launcher (the file browser's "+", or Ctrl+Shift+L) has the Mock Interview card.
        page.get_by_title("New Launcher", exact=False).first.click()
        card = page.locator(".jp-Launcher:visible .jp-LauncherCard", has_text="Mock Interview")
        card.wait_for(timeout=30_000)
        card.click()
        mock = page.locator(".mleprep-MockPanel")
        mock.wait_for(timeout=30_000)
        # Keyboard only from here: the round is chosen, the count typed, answers finished with Ctrl+Enter.
        page.get_by_label("Hiring-manager round (stories from your work)").check()
        page.get_by_label("Number of questions").fill("2")
        page.get_by_label("Number of questions").press("Enter")
        for number, text in enumerate(answers, start=1):
            mock.get_by_role("heading", name=f"Question {number} of 2").wait_for(timeout=30_000)
            assert mock.get_by_role("timer").get_attribute("data-remaining-s") is not None
            box = page.get_by_label("Your answer (Ctrl+Enter to finish)")
            box.fill(text)
            box.press("Control+Enter")
            review = mock.get_by_role("region", name="Review of your answer")
            review.wait_for(timeout=30_000)
            assert "Length" in review.inner_text() and "words" in review.inner_text()
            if number == 1:
                # A reload mid-round loses no answer: the round resumes at the next question.
                page.reload()
                page.locator("#mleprep-clock").wait_for(timeout=90_000)
                page.get_by_title("New Launcher", exact=False).first.click()
                card = page.locator(".jp-Launcher:visible .jp-LauncherCard", has_text="Mock Interview")
                card.click()
                mock = page.locator(".mleprep-MockPanel:visible")
                offer = mock.get_by_role("region", name="Round in progress")
                assert "1 of 2 answered" in offer.inner_text()
                offer.get_by_role("button", name="Resume the round").click()
                continue
            page.keyboard.press("Enter")  # the focused "See the report"
        mock.locator(".mleprep-MockReport-title").wait_for(timeout=30_000)
        assert mock.get_by_role("region", name="Round in progress").count() == 0
        report = mock.inner_text()
        assert "Answered" in report and "2 of 2" in report, report
        assert "Mean structure score" in report
        shot = tmp_path / "lab_mock_report.png"
        page.screenshot(path=str(shot))
        copy_screenshot(shot)

        # The panel follows JupyterLab's theme: dark under JupyterLab Dark.
        page.locator(".lm-MenuBar-itemLabel", has_text="Settings").click()
        page.locator(".lm-Menu-itemLabel", has_text="Theme").first.hover()
        page.locator(".lm-Menu-itemLabel").get_by_text("JupyterLab Dark", exact=True).click()
        page.wait_for_function("() => document.body.dataset.jpThemeLight === 'false'", timeout=30_000)
        page.wait_for_timeout(500)
        background = mock.evaluate("n => getComputedStyle(n).backgroundColor")
        red, green, blue = (int(v) for v in background[background.index("(") + 1 : -1].split(",")[:3])
        assert red + green + blue < 200, background
        shot = tmp_path / "lab_mock_report_dark.png"
        page.screenshot(path=str(shot))
        copy_screenshot(shot)
        page.close()
    rows = load_history(workspace=tmp_path / "workspace")
    assert len(rows) == 1 and rows[0]["questions"] == 2, rows
