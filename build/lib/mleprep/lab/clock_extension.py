"""The candidate's clock, kept on the server, for the lab's countdown (served by server_extension.py).

The browser only displays what this returns: `remaining_s` is computed here from the deadline in
each attempt.json of the workspace (the server's root folder) and the server's own clock, so a
page reload or a kernel restart cannot change it, and neither can the browser's clock.
"""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jupyter_server.base.handlers import APIHandler
from tornado import web

from mleprep.attempts.clock import list_attempts
from mleprep.cohort.attempt_store import CohortError
from mleprep.cohort.clock_client import ask_clock, on_hub

ROUTE = "mleprep/clock"
# The countdown turns red this long before the deadline.
URGENT_S = 600


def clock_state(*, workspace: Path, now: datetime) -> dict[str, Any]:
    """Every attempt in `workspace`, with its remaining time at `now` and its notebook's lab path."""
    attempts = []
    for attempt in list_attempts(workspace=workspace):
        state = attempt.status(now)
        state["lab_path"] = attempt.notebook_path.relative_to(workspace).as_posix()
        state["folder"] = attempt.folder.name
        attempts.append(state)
    return {"now": now.isoformat(timespec="seconds"), "urgent_s": URGENT_S, "attempts": attempts}


def hub_clock_state() -> dict[str, Any]:
    """The cohort clock service's attempts for this server's user, shaped like `clock_state`."""
    try:
        answer = ask_clock("api/attempts")
    except CohortError as exc:
        return {
            "now": datetime.now(UTC).isoformat(timespec="seconds"),
            "urgent_s": URGENT_S,
            "attempts": [],
            "error": str(exc),
        }
    attempts = [{**a, "folder": a["assignment"]} for a in answer.get("attempts", []) if a.get("started")]
    return {"now": answer.get("now"), "urgent_s": URGENT_S, "attempts": attempts, "source": "hub"}


class ClockHandler(APIHandler):
    def initialize(self, workspace: Path) -> None:
        self.workspace = workspace

    @web.authenticated
    async def get(self) -> None:
        self.set_header("Cache-Control", "no-store")
        if on_hub():
            # On a cohort's hub the clock is the service's, never this server's files.
            state = await asyncio.to_thread(hub_clock_state)
        else:
            state = clock_state(workspace=self.workspace, now=datetime.now(UTC))
        self.finish(json.dumps(state))
