#!/usr/bin/env bash
# Install OpenREM into .venv inside this checkout, prepare the embedded database with demo data (once per data
# folder), then start a task worker and the web interface on http://127.0.0.1:8000/ (Ctrl-C stops both).
# Reads PORT (8000), PYTHON (python3, to make .venv) and OPENREM_HOME (./var, the data folder); every OpenREM
# setting (DATABASE_URL, ...) comes from the environment as usual (docs/configuration.rst).
set -euo pipefail
cd "$(dirname "$0")"
PORT="${PORT:-8000}"
PY="${PYTHON:-python3}"

[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.txt
.venv/bin/python -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e . 2>/dev/null \
  || .venv/bin/python -m pip install -q --disable-pip-version-check --no-deps -e .

export DJANGO_SETTINGS_MODULE=openremproject.settings
home="${OPENREM_HOME:-$PWD/var}"
mkdir -p "$home/logs"  # the worker's --logfile below is opened before OpenREM's own logging runs
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py collectstatic --noinput -v0

password_file="$home/admin_password.txt"
if [ ! -s "$password_file" ]; then
  (umask 077; .venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(12))' > "$password_file")
  OPENREM_ADMIN_PASSWORD="$(cat "$password_file")" .venv/bin/python manage.py openrem_createadmin --username admin --reset
fi

.venv/bin/celery -A openremproject worker --loglevel=WARNING --concurrency=2 --logfile="$home/logs/celery.log" &
worker=$!
trap 'kill $worker 2>/dev/null; wait $worker 2>/dev/null' EXIT INT TERM

# The first start of a data folder loads the demo; later starts say so and leave the data as the user left it.
.venv/bin/python manage.py openrem_demo --once

echo
echo "OpenREM is running at http://127.0.0.1:${PORT}/"
echo "Log in as: admin   password: $(cat "$password_file")   (kept in $password_file)"
echo
.venv/bin/python manage.py runserver --noreload "127.0.0.1:${PORT}"
