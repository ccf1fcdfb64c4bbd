# The two commands: `make run` and `make test` (see README.md). Everything else supports them.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMPS := .stamps
# Local demo server: plain HTTP on loopback, demo banner on, key generated once per checkout.
RUN_ENV = DJANGO_SECRET_KEY="$$(cat .secret_key)" DJANGO_SECURE_COOKIES=0 CPF_DEMO_MODE=1

.PHONY: run test lint typecheck check-migrations audit-deps test-system-deps bench bench-micro serve data clean help

help:
	@echo "make run   - prepara tutto e avvia l'applicazione su http://127.0.0.1:8000"
	@echo "make test  - installa le dipendenze di test ed esegue l'intera suite (SQLite, PostgreSQL, Chromium)"
	@echo "make lint  - ruff (lint e formato)"
	@echo "make serve - impostazioni di produzione su PostgreSQL con gunicorn e worker (docs/OPERATIONS.md)"
	@echo "make bench - benchmark delle prestazioni (scala demo e decennale; BENCH_ARGS=--sqlite per SQLite)"

$(STAMPS):
	@mkdir -p $(STAMPS)

$(STAMPS)/venv-base: requirements/base.txt | $(STAMPS)
	@echo "==> Ambiente virtuale e dipendenze Python"
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --disable-pip-version-check -q -r requirements/base.txt
	@touch $@

$(STAMPS)/venv-dev: $(STAMPS)/venv-base requirements/dev.txt
	@echo "==> Dipendenze di sviluppo e test"
	@$(PY) -m pip install --disable-pip-version-check -q -r requirements/dev.txt
	@touch $@

$(STAMPS)/assets: package.json package-lock.json scripts/vendor_assets.py | $(STAMPS)
	@echo "==> Asset front-end (Bootstrap Italia, HTMX, Chart.js, Leaflet) alle versioni fissate"
	@npm ci --no-audit --no-fund --loglevel=error
	@$(PYTHON) scripts/vendor_assets.py
	@touch $@

.secret_key:
	@$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

data: $(STAMPS)/venv-base $(STAMPS)/assets .secret_key
	@bash scripts/install_runtime_deps.sh
	@echo "==> Migrazioni del database (SQLite: db.sqlite3)"
	@$(RUN_ENV) $(PY) manage.py migrate --noinput -v 0
	@echo "==> Dati territoriali reali"
	@$(RUN_ENV) $(PY) manage.py load_territory --if-needed
	@echo "==> Catalogo dei servizi"
	@$(RUN_ENV) $(PY) manage.py load_catalogue
	@echo "==> Dati dimostrativi (SINTETICI) e account demo"
	@$(RUN_ENV) $(PY) manage.py seed_demo --if-needed
	@$(RUN_ENV) $(PY) manage.py collectstatic --noinput -v 0

run: data
	@echo "==> Avvio su http://127.0.0.1:8000 con il worker dei lavori in background (Ctrl+C ferma entrambi)"
	@$(RUN_ENV) $(PY) scripts/run_together.py "$(PY) manage.py jobs_worker --no-reload" \
		"$(PY) manage.py runserver 127.0.0.1:8000 --noreload"

# Production settings on PostgreSQL (DATABASE_URL, or a throwaway cluster with demo data), gunicorn
# over HTTPS on https://127.0.0.1:8443 and the jobs worker: see scripts/serve.sh, docs/OPERATIONS.md.
serve: $(STAMPS)/venv-base $(STAMPS)/assets .secret_key
	@bash scripts/install_runtime_deps.sh
	@bash scripts/serve.sh

test-system-deps:
	@bash scripts/install_test_deps.sh

lint: $(STAMPS)/venv-dev
	@echo "==> ruff"
	@$(VENV)/bin/ruff check .
	@$(VENV)/bin/ruff format --check .
	@echo "==> djlint (template)"
	@$(VENV)/bin/djlint --lint --quiet .

typecheck: $(STAMPS)/venv-dev
	@echo "==> mypy"
	@$(VENV)/bin/mypy .

check-migrations: $(STAMPS)/venv-dev
	@echo "==> makemigrations --check"
	@DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run

# pip-audit against the pinned lock: fails on a known vulnerability, only warns when offline.
audit-deps: $(STAMPS)/venv-dev
	@echo "==> pip-audit (requirements/base.txt)"
	@$(PY) scripts/dependency_audit.py

test: test-system-deps $(STAMPS)/venv-dev $(STAMPS)/assets lint typecheck check-migrations audit-deps
	@bash scripts/run_tests.sh

# The real benchmark (docs/BENCHMARKS.md): demo and decade scale on a throwaway PostgreSQL, served by
# gunicorn on 127.0.0.1; `make bench BENCH_ARGS=--sqlite` on SQLite. The scale is cached in .bench-cache/.
bench: test-system-deps $(STAMPS)/venv-dev
	@$(PY) -m benchmarks.run $(BENCH_ARGS)

# Micro-benchmarks of pure functions (pytest-benchmark).
bench-micro: $(STAMPS)/venv-dev
	@DJANGO_SETTINGS_MODULE=config.settings.test $(PY) -m pytest benchmarks -q -o testpaths=benchmarks --benchmark-only

clean:
	rm -rf $(VENV) $(STAMPS) node_modules static/vendor staticfiles db.sqlite3* .test-media .bench-cache .serve
