# `make run` serves the app with demo data (and runs the scheduler beside it); `make test` runs every test (SQLite, then PostgreSQL).
SHELL := /bin/bash
VENV ?= .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app crm
PG_HOST ?= 127.0.0.1
PG_URL ?= postgresql+psycopg://postgres@$(PG_HOST):5432/test
PYTEST_ARGS ?=

.PHONY: install assets translations catalog lint audit run test test-sqlite test-postgres browser-deps benchmark clean

install: $(VENV)/.installed assets translations

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip setuptools  # the venv's bundled setuptools is old
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# Front-end packages come from the npm registry (package-lock.json) and are served from crm/static/vendor.
assets: node_modules/.package-lock.json
	mkdir -p crm/static/vendor/pico
	cp node_modules/@picocss/pico/css/pico.min.css crm/static/vendor/pico/
	mkdir -p crm/static/vendor/chartjs
	cp node_modules/chart.js/dist/chart.umd.js crm/static/vendor/chartjs/
	mkdir -p crm/static/vendor/htmx
	cp node_modules/htmx.org/dist/htmx.min.js crm/static/vendor/htmx/

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

translations: $(VENV)/.installed
	$(BIN)/pybabel compile --use-fuzzy -d crm/translations >/dev/null

# Refresh the catalog after changing UI strings, then translate the new entries in messages.po.
catalog: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --no-location -o crm/translations/messages.pot .
	$(BIN)/pybabel update -i crm/translations/messages.pot -d crm/translations --no-fuzzy-matching --ignore-obsolete --no-wrap

# The scheduler (nudges, daily digest) is its own process beside the web server, stopped with it.
run: install
	$(FLASK) db upgrade
	$(FLASK) demo load
	$(FLASK) scheduler run & scheduler=$$!; \
	trap 'kill $$scheduler 2>/dev/null' EXIT INT TERM; \
	$(FLASK) run --host 127.0.0.1 --port 5000

test: install browser-deps lint audit test-sqlite test-postgres

lint:
	$(BIN)/ruff check crm tests scripts migrations/env.py

# Known vulnerabilities in the installed dependencies fail it; when the advisory service is unreachable it
# says so loudly and does not fail (scripts/audit_summary.py).
audit: $(VENV)/.installed
	@rm -f .pip-audit.json; $(BIN)/pip-audit --progress-spinner off --skip-editable -f json -o .pip-audit.json >/dev/null 2>&1; \
		$(BIN)/python scripts/audit_summary.py .pip-audit.json

# Page latency on a generated large programme (see README, "Benchmark").
BENCH_DB ?= /tmp/crm-large.sqlite3
benchmark: install
	rm -f $(BENCH_DB)
	CRM_DATABASE_URL=sqlite:///$(BENCH_DB) $(FLASK) db upgrade
	CRM_DATABASE_URL=sqlite:///$(BENCH_DB) $(FLASK) demo generate --scale large
	CRM_DATABASE_URL=sqlite:///$(BENCH_DB) $(BIN)/python scripts/benchmark.py

test-sqlite:
	@echo "== Tests on SQLite =="
	$(BIN)/pytest $(PYTEST_ARGS)

test-postgres:
	@if pg_isready -q -h $(PG_HOST) -p 5432 2>/dev/null || $(BIN)/python -c "import psycopg; psycopg.connect('host=$(PG_HOST) dbname=test user=postgres', connect_timeout=3)" 2>/dev/null; then \
		echo "== Tests on PostgreSQL ($(PG_HOST):5432/test) =="; \
		CRM_TEST_DATABASE_URL=$(PG_URL) $(BIN)/pytest $(PYTEST_ARGS); \
	else \
		echo "== PostgreSQL does not answer on $(PG_HOST):5432: SKIPPING the PostgreSQL run =="; \
	fi

# The browser tests drive Debian's Chromium (Playwright cannot download its own browser here).
browser-deps:
	@command -v chromium >/dev/null || { echo "Installing Debian's chromium for the browser tests"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
		|| echo "Could not install chromium: browser tests will fail"; }

clean:
	rm -rf $(VENV) node_modules crm/static/vendor
	find crm/translations -name '*.mo' -delete
