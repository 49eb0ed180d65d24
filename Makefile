# One entry point for developers, CI and the README (style.md §7).
# `make check` is what CI runs: format check, lint, types, import layers, docs check, all tests.

PY ?= .venv/bin/python
PG_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/attunement_test
export ATTUNEMENT_TEST_POSTGRES_URL ?= $(PG_URL)
export HF_HUB_OFFLINE = 1
export TRANSFORMERS_OFFLINE = 1

LOAD_DB ?= postgresql+psycopg://postgres@127.0.0.1:5432/attunement_load
LOAD_REDIS ?= redis://127.0.0.1:6379/0
LOAD_COUPLES ?= 50 100 200

.PHONY: install run check lint types layers test unit pg e2e docs bench eval loadtest

install:  ## the virtual environment with the app and its dev tools
	test -x $(PY) || python3.11 -m venv .venv
	$(PY) -m pip install -q -e ".[dev]"

run: install  ## install, then serve the demo couple on http://127.0.0.1:8000
	.venv/bin/attunement demo

check: lint types layers test  ## everything CI checks

lint:
	$(PY) -m ruff format --check .
	$(PY) -m ruff check .

types:
	$(PY) -m mypy attunement tests

layers:
	.venv/bin/lint-imports

test:  ## all tests: SQLite and PostgreSQL, ASGI, and the real browser
	$(PY) -m pytest -q

unit:  ## fast tests only: no browser
	$(PY) -m pytest -q -m "not e2e and not slow"

pg:  ## the database-backed tests on PostgreSQL only
	$(PY) -m pytest -q -m postgres

e2e:
	$(PY) -m pytest -q -m e2e

bench:
	.venv/bin/attunement bench

eval:
	.venv/bin/attunement eval

loadtest:  ## issue 7's runs: each size on PostgreSQL + Redis (2 processes), then on SQLite (docs/performance.md)
	@echo "commit $$(git rev-parse --short HEAD), $$(date -u +%FT%TZ), $$(nproc) cores,$$(uptime | sed 's/.*load/ load/')"
	for n in $(LOAD_COUPLES); do \
	  .venv/bin/attunement loadtest --couples $$n --interval 5 --seconds 40 --processes 2 \
	    --database-url $(LOAD_DB) --redis-url $(LOAD_REDIS); \
	  .venv/bin/attunement loadtest --couples $$n --interval 5 --seconds 40 --processes 1; \
	done
