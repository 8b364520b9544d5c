#!/usr/bin/env bash
# Create .venv with Python >= 3.11 and install mleprep into it (editable), with optional extras.
#   bash scripts/bootstrap.sh          # to use the kit
#   bash scripts/bootstrap.sh test     # to run the tests
# Safe to run again: an existing .venv is reused and only updated.
set -euo pipefail
cd "$(dirname "$0")/.."

python_ok() { "$1" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; }
py="${PYTHON:-}"
if [ -z "$py" ]; then
  for candidate in python3.11 python3.12 python3.13 python3; do
    if command -v "$candidate" >/dev/null && python_ok "$candidate"; then py=$candidate; break; fi
  done
fi
if [ -z "$py" ] || ! python_ok "$py"; then
  echo "mleprep needs Python 3.11 or newer (set PYTHON=/path/to/python3.11)" >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  echo "creating .venv with $("$py" --version)" >&2
  "$py" -m venv .venv
fi
extras="${1:-}"
target="."
[ -n "$extras" ] && target=".[$extras]"
echo "installing mleprep${extras:+ [$extras]} into .venv ..." >&2
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e "$target"

# Grading contains every candidate kernel with bubblewrap (own files only, no network; README,
# Isolation). Install Debian's package when this machine can; without it grading warns and goes on.
if ! command -v bwrap >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing Debian's bubblewrap to contain grading kernels ..." >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bubblewrap >/dev/null) \
      || echo "could not install bubblewrap: kernels will run uncontained" >&2
  else
    echo "note: install bubblewrap (apt-get install bubblewrap) to contain grading kernels" >&2
  fi
fi

# Grading as root runs every candidate kernel as an unprivileged uid (see README, Isolation), which
# must be able to start this interpreter: make the folders on its path traversable (o+x, never
# readable listings) where they are not, e.g. a pyenv Python under /root.
if [ "$(id -u)" = 0 ]; then
  for path in "$(readlink -f .venv/bin/python)" "$PWD/.venv/bin/python"; do
    dir=$(dirname "$path")
    while [ "$dir" != "/" ]; do
      if [ "$(( 0$(stat -c %a "$dir") & 1 ))" = 0 ]; then
        chmod o+x "$dir" && echo "made $dir traversable for grading kernels (chmod o+x)" >&2
      fi
      dir=$(dirname "$dir")
    done
  done
fi
