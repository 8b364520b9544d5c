#!/usr/bin/env bash
# Set up .venv with the test extra, lint, and run the whole test suite (real nbgrader, real kernels).
#   bash scripts/test.sh            # what CI runs (.ci/run)
#   bash scripts/test.sh -k batch   # extra arguments go to pytest
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh test
# The gradebook tests start a private PostgreSQL server from Debian's package (tests/postgres_server.py);
# the browser tests drive JupyterLab in Debian's Chromium through Playwright (tests/e2e/); grading
# contains kernels with Debian's bubblewrap (tests/grading/test_containment.py).
missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v bwrap >/dev/null || missing+=(bubblewrap)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo -n"
  echo "installing Debian's ${missing[*]} for the tests ..." >&2
  if ! ($sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null); then
    echo "could not install ${missing[*]}: those tests will be skipped (and fail under CI=true)" >&2
  fi
fi
# The cohort tests run a real JupyterHub, whose proxy is npm's configurable-http-proxy (Node is needed).
if [ ! -x .cache/npm/node_modules/.bin/configurable-http-proxy ]; then
  echo "installing configurable-http-proxy from npm for the JupyterHub tests ..." >&2
  npm install --prefix .cache/npm --silent --no-audit --no-fund configurable-http-proxy >/dev/null \
    || echo "could not install configurable-http-proxy: the hub tests will be skipped (and fail under CI=true)" >&2
fi
# The lab extension is rebuilt from its TypeScript source and compared with the shipped build
# (tests/lab/test_frontend_build.py): JupyterLab's builder and the locked npm packages.
if [ ! -x src/mleprep/lab/frontend/node_modules/.bin/tsc ]; then
  echo "installing the lab extension's npm packages (npm ci) ..." >&2
  npm ci --prefix src/mleprep/lab/frontend --silent --no-audit --no-fund >/dev/null \
    || echo "could not install the lab extension's npm packages: its build check fails under CI=true" >&2
fi
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/python -m pytest "$@"
