# Heard: `make run` serves the app on http://127.0.0.1:8000; `make test` runs lint, types and tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
HEARD_TEST_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/test
# Test processes (pytest-xdist): one per core by default.
PYTEST_WORKERS ?= auto

.PHONY: run test lint types pytest pytest-postgres audit clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.run-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@ $(VENV)/.run-installed

run: $(VENV)/.run-installed
	$(BIN)/heard migrate --noinput
	$(BIN)/heard loadcontent
	@# A worker beside the server sends reminders; it stops when the server does.
	$(BIN)/heard worker & WORKER=$$!; trap "kill $$WORKER" EXIT INT TERM; \
		PORT=$(PORT) $(BIN)/heard serve --port $(PORT)

test: $(VENV)/.dev-installed lint types pytest pytest-postgres

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/bandit -q -r src -x '*/tests/*,*/migrations/*' -ll
	@# Import rules (pyproject's [tool.importlinter]): apps reach each other through selectors
	@# and services, the coach and the detector stay plain Python, no import circles.
	$(BIN)/lint-imports --no-cache

types: $(VENV)/.dev-installed
	$(BIN)/mypy src

pytest: $(VENV)/.dev-installed
	HEARD_DATA_DIR=$(CURDIR)/.test-data $(BIN)/pytest -q -n $(PYTEST_WORKERS)

# The same suite against a real PostgreSQL server (browser tests run once, above).
pytest-postgres: $(VENV)/.dev-installed
	@if $(BIN)/python tests/postgres_available.py "$(HEARD_TEST_POSTGRES_URL)"; then \
		HEARD_DATA_DIR=$(CURDIR)/.test-data DATABASE_URL=$(HEARD_TEST_POSTGRES_URL) $(BIN)/pytest -q -n $(PYTEST_WORKERS) -m "not browser"; \
	elif [ "$$CI" = "true" ]; then \
		echo "PostgreSQL is not reachable at $(HEARD_TEST_POSTGRES_URL); CI needs it." >&2; exit 1; \
	else \
		echo "Skipping the PostgreSQL run: no server at $(HEARD_TEST_POSTGRES_URL)."; \
	fi

# Known vulnerabilities in dependencies (needs the network to reach the advisory database).
audit: $(VENV)/.dev-installed
	$(BIN)/pip-audit --skip-editable

clean:
	rm -rf $(VENV) .test-data .mypy_cache .ruff_cache
