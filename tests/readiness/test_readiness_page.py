"""Does the readiness page, as `mleprep readiness --html` writes it, show the three stages, its plots
and the commands to run next, in a real browser (Debian's Chromium, headless)?"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from mleprep.cli.main import main
from mleprep.course.root import Course
from tests.conftest import REPO
from tests.e2e.lab_session import CHROMIUM_ARGS, chromium_path, copy_screenshot
from tests.readiness.test_readiness_report import build_history

playwright_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    executable = chromium_path()  # skips without Chromium, fails under CI=true
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


def _write_page(workspace: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert main(["--course", str(REPO), "readiness", "--workspace", str(workspace), "--html"]) == 0
    return Path(capsys.readouterr().out.strip())


def test_the_page_shows_stages_plots_and_next_commands(
    browser, repo_course: Course, tmp_path: Path, capsys
) -> None:
    workspace = tmp_path / "ws"
    build_history(repo_course, workspace)
    page_file = _write_page(workspace, capsys)
    assert page_file == workspace / "readiness" / "index.html"

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(page_file.as_uri())
    for section, heading in (
        ("recruiter_screen", "Recruiter screen"),
        ("take_home", "Take-home"),
        ("hiring_manager", "Hiring-manager round"),
        ("next", "What to practise next"),
    ):
        title = page.locator(f"section#{section} h2").filter(has_text=heading)
        title.wait_for(state="visible", timeout=10_000)
    assert "churn" in page.locator("section#take_home table").first.inner_text()
    assert "rs-tech-stack" in page.locator("section#recruiter_screen").inner_text()

    images = page.locator("img")
    assert images.count() == 2
    for i in range(images.count()):
        image = images.nth(i)
        image.scroll_into_view_if_needed()
        assert image.is_visible()
        assert image.evaluate("img => img.complete && img.naturalWidth") > 0, image.get_attribute("alt")

    commands = page.locator("section#next code.command")
    shown = [commands.nth(i).inner_text() for i in range(commands.count())]
    assert shown == [
        f"mleprep practice mock recruiter_screen --workspace {workspace}",
        f"mleprep start churn --retake --workspace {workspace}",
        f"mleprep practice stories --workspace {workspace}",
    ]
    assert all(commands.nth(i).is_visible() for i in range(commands.count()))
    shot = tmp_path / "readiness_page.png"
    page.screenshot(path=str(shot), full_page=True)
    copy_screenshot(shot)
    page.close()


def test_a_fresh_workspace_page_says_where_to_start(browser, tmp_path: Path, capsys) -> None:
    page_file = _write_page(tmp_path / "ws", capsys)
    page = browser.new_page()
    page.goto(page_file.as_uri())
    start = page.locator("section#next p.start")
    start.wait_for(state="visible", timeout=10_000)
    assert "Nothing practised yet" in start.inner_text()
    first = page.locator("section#next code.command").first.inner_text()
    assert first.startswith("mleprep practice mock recruiter_screen")
    # Nothing to plot yet: the page says so instead of showing empty axes.
    assert page.locator("img").count() == 0
    assert page.get_by_text("No graded take-home yet.").is_visible()
    page.close()
