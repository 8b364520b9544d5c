"""Progress of a grading batch: a live bar on a terminal, one plain line per submission otherwise."""

from __future__ import annotations

import sys
import threading
import time
from typing import TextIO

from mleprep.core.durations import format_duration
from mleprep.grading.results import SubmissionResult

BAR_WIDTH = 24


class BatchProgress:
    """Call `done(result)` as each submission finishes (from any thread); `close()` at the end."""

    def __init__(self, total: int, *, stream: TextIO | None = None, live: bool | None = None) -> None:
        self.total = total
        self.stream = stream or sys.stderr
        self.live = self.stream.isatty() if live is None else live
        self.graded = self.failed = 0
        self.started = time.monotonic()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        if self.live:
            self._draw()
            # Grading one submission takes seconds to minutes: keep the elapsed time moving.
            threading.Thread(target=self._tick, daemon=True).start()

    def _tick(self) -> None:
        while not self._stop.wait(1.0):
            with self._lock:
                self._draw()

    @property
    def remaining(self) -> int:
        return self.total - self.graded - self.failed

    def line(self) -> str:
        """The status line: bar, counts and elapsed time."""
        finished = self.graded + self.failed
        filled = BAR_WIDTH * finished // self.total if self.total else BAR_WIDTH
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        elapsed = format_duration(time.monotonic() - self.started)
        return (
            f"[{bar}] {finished}/{self.total}  graded {self.graded}  failed {self.failed}  "
            f"remaining {self.remaining}  elapsed {elapsed}"
        )

    def _draw(self) -> None:
        self.stream.write("\r\033[K" + self.line())
        self.stream.flush()

    def done(self, result: SubmissionResult) -> None:
        with self._lock:
            if result.status == "graded":
                self.graded += 1
            else:
                self.failed += 1
            score = f"{result.score:g}/{result.max_score:g}" if result.score is not None else result.error
            summary = f"{result.candidate}: {result.status} {score} ({result.seconds:.1f}s)"
            if self.live:
                # The finished submission scrolls up; the bar stays on the last line.
                self.stream.write("\r\033[K" + summary + "\n")
                self._draw()
            else:
                finished = self.graded + self.failed
                self.stream.write(f"[{finished}/{self.total}] {summary}\n")
                self.stream.flush()

    def close(self) -> None:
        self._stop.set()
        with self._lock:
            self._finish()

    def _finish(self) -> None:
        if self.live:
            self._draw()
            self.stream.write("\n")
        self.stream.flush()
