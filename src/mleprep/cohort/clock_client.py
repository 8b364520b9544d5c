"""A candidate's server asking the cohort's clock service, with the user's own hub token.

JupyterHub puts both in the server's environment: MLEPREP_CLOCK_URL (written by
`mleprep cohort hub --config`) and JUPYTERHUB_API_TOKEN. Without them there is no cohort clock.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from typing import Any

from mleprep.core.errors import CohortError

CLOCK_URL_ENV = "MLEPREP_CLOCK_URL"
# The clock's name among the hub's services (its URL prefix is /services/<name>/).
SERVICE_NAME = "mleprep-clock"


def on_hub() -> bool:
    return bool(os.environ.get(CLOCK_URL_ENV) and os.environ.get("JUPYTERHUB_API_TOKEN"))


def ask_clock(path: str, *, method: str = "GET", timeout: float = 10) -> dict[str, Any]:
    """GET or POST `path` (e.g. "api/attempts") at the clock service; its error message on failure."""
    base = os.environ.get(CLOCK_URL_ENV, "").rstrip("/")
    token = os.environ.get("JUPYTERHUB_API_TOKEN", "")
    if not base or not token:
        raise CohortError("no cohort clock here: this server was not started by a cohort's JupyterHub")
    request = urllib.request.Request(
        f"{base}/{path}",
        method=method,
        data=b"{}" if method == "POST" else None,
        headers={"Authorization": f"token {token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as exc:
        try:
            message = json.loads(exc.read()).get("error") or exc.reason
        except ValueError:
            message = exc.reason
        raise CohortError(f"the cohort clock refused: {message}") from exc
    except (urllib.error.URLError, OSError) as exc:
        raise CohortError(f"the cohort clock at {base} does not answer ({exc}): ask your mentor") from exc
