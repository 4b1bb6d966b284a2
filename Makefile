# som-xl: one command sets up and builds the workbook, one sets up and runs all tests.
#   make workbook   create .venv, install, build workbooks/SOM.xlsx
#   make test       create .venv, install with test tools, run lint, types and the test suite
#   make bench      run the benchmarks and print their figures
#   make examples   calculate every scenario in examples/
#   make fuzz       fuzz the CLI with hostile input, long profile (the suite runs a short one)

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install workbook test lint bench examples clean lock fuzz

$(BIN)/python:
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  echo "python3 -m venv mangler; installerer python3-venv"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv && \
	  $(PYTHON) -m venv $(VENV); }

$(STAMP): $(BIN)/python pyproject.toml requirements.lock
	$(BIN)/python -m pip install -q -r requirements.lock
	$(BIN)/python -m pip install -q --no-deps -e .
	@touch $(STAMP)

install: $(STAMP)

workbook: install
	$(BIN)/python build_workbook.py
	$(BIN)/python -m udfs.build_example

lint: install
	$(BIN)/ruff check som_xl udfs tests benchmarks build_workbook.py
	$(BIN)/ruff format --check som_xl udfs tests benchmarks build_workbook.py
	$(BIN)/mypy

test: install lint
	$(BIN)/python -m pytest

# Hostile scenario files and workbooks, thousands of examples (tests/fuzz; about 30 min).
fuzz: install
	SOM_XL_FUZZ=long $(BIN)/python -m pytest -q tests/fuzz

bench: install
	$(BIN)/python benchmarks/bench_engine.py
	$(BIN)/python benchmarks/bench_udfs.py
	$(BIN)/python benchmarks/bench_workbook.py
	$(BIN)/python benchmarks/bench_uncertainty.py
	$(BIN)/python benchmarks/bench_startup.py

examples: install
	@for f in examples/*.yaml; do echo "== $$f"; $(BIN)/som-xl calc $$f || exit 1; done

# Regenerate the lock file from pyproject's dependencies (run after changing them).
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install -q -e '.[dev,excel,server]' $(EXTRA_LOCK)
	.venv-lock/bin/pip freeze --exclude-editable | grep -v '^som-xl' > requirements.lock
	rm -rf .venv-lock

clean:
	rm -rf $(VENV) build dist *.egg-info workbooks/*.xlsx
