#!/usr/bin/env bash
# The whole suite: once on SQLite (all but browser tests), once on a throwaway PostgreSQL
# cluster (everything, browser tests included). Any failure, or no test run, fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export DJANGO_SETTINGS_MODULE=config.settings.test
workers=${PYTEST_WORKERS:-2}

echo "==> pytest su SQLite"
DATABASE_URL="sqlite:///$(pwd)/.test-db.sqlite3" $PY -m pytest -m "not browser" -n "$workers" -q

pgdir=$(mktemp -d /tmp/cpf-pg-XXXXXX)
trap 'bash scripts/pg_test_cluster.sh stop "$pgdir"' EXIT
echo "==> Cluster PostgreSQL temporaneo in $pgdir"
url=$(bash scripts/pg_test_cluster.sh start "$pgdir")

echo "==> pytest su PostgreSQL (con i test nel browser Chromium)"
DATABASE_URL="$url" $PY -m pytest -n "$workers" -q
