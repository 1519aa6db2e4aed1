#!/usr/bin/env bash
# Install OpenREM and its test tools into .venv inside this checkout, then lint, build the docs and run the
# whole test suite on the embedded defaults (SQLite, filesystem broker). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")"
PY="${PYTHON:-python3}"

[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-test.txt
.venv/bin/python -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e . 2>/dev/null \
  || .venv/bin/python -m pip install -q --disable-pip-version-check --no-deps -e .

.venv/bin/ruff check .
# Built inside this checkout: a shared folder under /tmp mixes in the cached pages of other checkouts.
.venv/bin/python -m sphinx -W --keep-going -q -b html docs docs/_build/test-html
.venv/bin/python -m pytest "$@"
