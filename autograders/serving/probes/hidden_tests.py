"""Probe: the candidate's own tests in tests/ run with pytest: at least 3, all passing.

Run by the grader after the notebook, in the submission's sandbox, in a fresh process (see
mleprep.grading.probe_checks); the last line is the verdict.
"""

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from mleprep.handin import probe_verdict

# First: the nonce leaves the environment before any of the candidate's code is imported.
verdict = probe_verdict()


if not Path("tests").is_dir():
    verdict(False, "there is no tests/ folder beside the notebook: put your pytest tests in tests/")
# An empty configuration of our own, in the graded folder (pytest takes its rootdir from it): no
# pytest.ini, pyproject.toml or setup.cfg above the folder changes how the tests run.
config = Path(".mleprep-pytest.ini")
config.write_text("[pytest]\n")
try:
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-c", str(config), "--rootdir", ".", "tests"],
        capture_output=True,
        text=True,
        timeout=240,
        env={**os.environ, "NO_COLOR": "1", "FORCE_COLOR": "0"},
    )
except subprocess.TimeoutExpired:
    verdict(False, "pytest tests ran for more than 4 minutes: keep the tests fast")
output = re.sub(r"\x1b\[[0-9;]*m", "", run.stdout)
lines = [line for line in output.splitlines() if line.strip()]
summary = lines[-1].strip("= ") if lines else "no output"
counts = {kind.rstrip("s"): int(n) for n, kind in re.findall(r"(\d+) (passed|failed|errors?|skipped|xfailed|xpassed)", summary)}
if run.returncode != 0 or counts.get("failed") or counts.get("error"):
    tail = " / ".join(lines[-6:])[-1500:]
    verdict(False, f"pytest tests: {summary} (exit status {run.returncode}). The end of its output: {tail}")
if counts.get("passed", 0) < 3:
    verdict(False, f"pytest tests: {summary}; write at least 3 tests that run and pass (skipped tests do not count)")

# Tests that pass whatever the package does test nothing: run them again against a mutant predict
# that scores every record 0.5 and refuses nothing (a plugin of ours swaps it in before any test).
plugins = Path(tempfile.mkdtemp())
(plugins / "mleprep_mutant.py").write_text(
    "import os, sys\n"
    "sys.path.insert(0, os.getcwd())\n"
    "import churn_service\n"
    "def _accepts_anything(records):\n"
    "    return [0.5 for _ in records]\n"
    "churn_service.predict = _accepts_anything\n"
)
mutant = subprocess.run(
    [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "mleprep_mutant", "-c", str(config), "--rootdir", ".", "tests"],
    capture_output=True,
    text=True,
    timeout=240,
    env={**os.environ, "NO_COLOR": "1", "FORCE_COLOR": "0", "PYTHONPATH": str(plugins)},
)
if mutant.returncode == 0:
    verdict(False, f"your tests pass ({summary}), but they also all pass against a predict that scores every customer 0.5 and refuses nothing: test the scores and what predict must refuse")
verdict(True, f"your tests pass ({summary}) and catch a predict that scores everything 0.5 and refuses nothing")
