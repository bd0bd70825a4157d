# Two commands for a fresh clone: `make run` and `make test`.
VENV := .venv
PY := $(VENV)/bin/python
STAMP_RUN := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test

.PHONY: run test bench schema clean

$(PY):
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP_RUN): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

$(STAMP_TEST): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@ $(STAMP_RUN)

run: $(STAMP_RUN)
	$(VENV)/bin/cbt

test: $(STAMP_TEST)
	$(PY) -m pytest

bench: $(STAMP_TEST)
	$(PY) -m benchmarks

schema: $(STAMP_RUN)
	$(VENV)/bin/cbt schema -o cbt_tui/domain/packs/pack-format.schema.json

clean:
	rm -rf $(VENV) build dist .pytest_cache
