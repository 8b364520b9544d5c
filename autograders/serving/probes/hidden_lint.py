"""Probe: ruff finds nothing in churn_service/ and tests/, and the package works (clean stubs are not
clean code).

Run by the grader after the notebook, in the submission's sandbox, in a fresh process (see
mleprep.grading.probe_checks); the last line is the verdict.
"""

import re
import subprocess
import sys

from mleprep.handin import probe_verdict

# First: the nonce leaves the environment before any of the candidate's code is imported.
verdict = probe_verdict()
COMMAND = [
    "ruff", "check", "--isolated", "--ignore-noqa", "--no-cache", "--output-format", "concise",
    "--select", "E,F,W,B,I", "--line-length", "110", "churn_service", "tests",
]


# ruff only reads the files: it runs before any of the candidate's code is imported.
run = subprocess.run([sys.executable, "-m", *COMMAND], capture_output=True, text=True, timeout=120)
findings = re.sub(r"\x1b\[[0-9;]*m", "", run.stdout + run.stderr).strip()
if run.returncode != 0:
    shown = " / ".join(findings.splitlines()[:12])[-2000:]
    verdict(False, f"`{' '.join(COMMAND)}` found problems (`# noqa` comments are not honoured here): {shown}")

sys.path.insert(0, "")
sys.dont_write_bytecode = True
try:
    import churn_service
    import pandas as pd

    served = churn_service.predict(pd.read_csv("data/holdout_features.csv").head(1))
except NotImplementedError:
    verdict(False, "churn_service.predict is still the starter's stub: lint is graded on a working package")
except Exception as error:
    verdict(False, f"churn_service could not score one customer ({type(error).__name__}: {error}): lint is graded on a working package")
verdict(len(served) == 1, "ruff finds nothing in churn_service/ and tests/")
