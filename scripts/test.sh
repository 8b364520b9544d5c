#!/usr/bin/env bash
# Set up .venv with the test extra, lint, and run the whole test suite (real nbgrader, real kernels).
#   bash scripts/test.sh            # what CI runs (.ci/run)
#   bash scripts/test.sh -k batch   # extra arguments go to pytest
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh test
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/python -m pytest "$@"
