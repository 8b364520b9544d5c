"""Helpers for the browser tests: a real JupyterLab on a workspace, and Debian's Chromium via Playwright."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from mleprep.attempts.clock import Attempt, start_attempt
from mleprep.course.root import Course
from mleprep.lab.launch import free_port, start_lab
from tests.conftest import copy_course, fill_answers

CHROMIUM_CANDIDATES = ("/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser")
# Chromium on a machine with no network: no background traffic, no sandbox (tests run as root).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def started_churn(
    tmp_path: Path, *, limit_s: int, now: datetime | None = None, answers: dict[str, str] | None = None
) -> tuple[Course, Attempt]:
    """A copy of the course and a churn attempt in tmp_path/workspace, its answers filled in from the
    reference; `answers` then replaces cells by grade_id (a candidate's mistakes)."""
    course = copy_course(tmp_path / "course")
    attempt = start_attempt(
        course=course,
        assignment_id="churn",
        workspace=tmp_path / "workspace",
        now=now or datetime.now(UTC),
        time_limit_s=limit_s,
    ).attempt
    fill_answers(attempt.notebook_path)
    if answers:
        nb = json.loads(attempt.notebook_path.read_text())
        for cell in nb["cells"]:
            grade_id = cell["metadata"].get("nbgrader", {}).get("grade_id")
            if grade_id in answers:
                cell["source"] = answers[grade_id]
        attempt.notebook_path.write_text(json.dumps(nb, indent=1))
    return course, attempt


def chromium_path() -> str:
    """Debian's Chromium (scripts/test.sh installs it); under CI its absence fails the test."""
    for candidate in filter(None, (os.environ.get("MLEPREP_CHROMIUM"), *CHROMIUM_CANDIDATES)):
        if Path(candidate).is_file():
            return candidate
    message = "Debian's chromium is not installed (scripts/test.sh installs it with apt-get)"
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the browser tests: {message}")
    pytest.skip(message)


@dataclass
class Lab:
    url: str
    token: str
    log: Path
    pid: int = 0  # the lab server's

    def api(self, path: str, method: str = "GET", body: bytes | None = None) -> Any:
        request = urllib.request.Request(
            f"{self.url}/{path}", method=method, headers={"Authorization": f"token {self.token}"}
        )
        if method == "POST":
            request.data = b"{}" if body is None else body
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read() or b"null")

    def refused(self, path: str, method: str = "GET", body: bytes | None = None) -> tuple[int, str]:
        """The HTTP status and message of a request the server must refuse."""
        try:
            self.api(path, method, body)
        except urllib.error.HTTPError as exc:
            answer = exc.read()
            try:
                return exc.code, json.loads(answer).get("message", "")
            except ValueError:
                return exc.code, answer.decode("utf-8", "replace")
        raise AssertionError(f"{method} {path} was accepted")


@contextlib.contextmanager
def running_lab(course: Course, attempt: Attempt, log: Path) -> Iterator[Lab]:
    """`mleprep start --lab`'s JupyterLab, on a free loopback port, stopped afterwards."""
    port, token = free_port(), secrets.token_hex(16)
    with log.open("wb") as out:
        proc = start_lab(
            course=course, attempt=attempt, port=port, token=token, open_browser=False, output=out
        )
        lab = Lab(f"http://127.0.0.1:{port}", token, log, proc.pid)
        try:
            deadline = time.monotonic() + 90
            while True:
                try:
                    lab.api("api/status")
                    break
                except (urllib.error.URLError, ConnectionError):
                    if proc.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(f"JupyterLab did not start:\n{log.read_text()[-3000:]}") from None
                    time.sleep(0.3)
            yield lab
        finally:
            proc.terminate()
            try:
                proc.wait(20)
            except Exception:
                proc.kill()


def copy_screenshot(path: Path) -> None:
    """Keep the last screenshot where a person can look at it (MLEPREP_SCREENSHOTS=folder)."""
    if folder := os.environ.get("MLEPREP_SCREENSHOTS"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, Path(folder) / path.name)
