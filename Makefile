# Two commands for a fresh clone: `make run` and `make test`.
VENV := .venv
PY := $(VENV)/bin/python
STAMP_RUN := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test

.PHONY: run test lint coverage bench schema prebuilt clean

$(PY):
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP_RUN): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

$(STAMP_TEST): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@ $(STAMP_RUN)

# Bytecode for our own modules, written here rather than left to the first import: Python
# skips writing it when PYTHONDONTWRITEBYTECODE is set (as on this machine), and then every
# start compiles ~100 modules again (about 10 ms of the first frame, and of every `cbt`
# a test runs). An installed wheel is compiled by pip; this is the same for the checkout.
BYTECODE := $(PY) -m compileall -q cbt_tui

run: $(STAMP_RUN)
	@$(BYTECODE)
	$(VENV)/bin/cbt

# Two workers per core: about half of a trainer test's time is spent asleep (every Pilot
# key and pause waits at least 20 ms for the app to go idle), so a second worker on each
# core fills that time. Override with `make test TEST_WORKERS=1`.
# (Update snapshots without -n: `.venv/bin/pytest tests/tui --snapshot-update`.)
TEST_WORKERS ?= $(shell python3 -c 'import os; print(2 * (os.cpu_count() or 1))')
test: $(STAMP_TEST)
	@$(BYTECODE)
	$(PY) -m pytest -n $(TEST_WORKERS)

lint: $(STAMP_TEST)
	$(VENV)/bin/ruff check cbt_tui tests benchmarks
	$(VENV)/bin/ruff format --check cbt_tui tests benchmarks
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

# Line coverage of the domain and the store from their own tests (the trainer's excluded).
coverage: $(STAMP_TEST)
	$(PY) -m coverage run --source=cbt_tui/domain,cbt_tui/store -m pytest -q --ignore=tests/tui
	$(PY) -m coverage report --show-missing --skip-covered

bench: $(STAMP_TEST)
	@$(BYTECODE)
	$(PY) -m benchmarks

schema: $(STAMP_RUN)
	$(VENV)/bin/cbt schema -o cbt_tui/domain/packs/pack-format.schema.json

# The built-in craving surf, validated, for `c` on a brand-new home (cbt_tui/packs/prebuilt.py).
prebuilt: $(STAMP_RUN)
	$(PY) -m cbt_tui.packs.prebuilt

clean:
	rm -rf $(VENV) build dist .pytest_cache
