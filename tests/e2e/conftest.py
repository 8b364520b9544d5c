"""The browser the lab tests share: Debian's Chromium through Playwright, one per test module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.e2e.lab_session import CHROMIUM_ARGS, chromium_path


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    playwright_api = pytest.importorskip("playwright.sync_api")
    executable = chromium_path()
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()
