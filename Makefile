# inspectkg: the two commands of the README are `make demo` and `make test`.
# Each creates .venv with the machine's Python 3.11 and installs what it needs.

PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STORE  ?= var/store
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: demo test lint typecheck check serve ingest-sample bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

ingest-sample: $(VENV)/.installed
	$(BIN)/inspectkg ingest examples/blackpool --store $(STORE)

## Ingest the bundled Blackpool corpus, then serve the API and the views on 127.0.0.1.
demo: ingest-sample
	@echo ""
	@echo "  Blackpool authority view  http://$(HOST):$(PORT)/viz/authority?la=Blackpool"
	@echo "  SPARQL query page         http://$(HOST):$(PORT)/sparql"
	@echo "  REST API and its docs     http://$(HOST):$(PORT)/api/documents   http://$(HOST):$(PORT)/docs"
	@echo ""
	$(BIN)/inspectkg serve --store $(STORE) --host $(HOST) --port $(PORT)

## Run the whole test suite (installs Chromium for the browser tests when it can).
test: $(VENV)/.installed
	@sh tools/ensure-debian.sh chromium || echo "note: Chromium not installed; browser tests will be skipped"
	$(BIN)/python -m pytest

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.installed
	sh tools/typecheck.sh

check: lint typecheck test

## Benchmarks, not tests (~10 min; `make bench BENCH_ARGS=--quick` for ~2 min): see benchmarks/README.md.
$(VENV)/.bench-installed: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $@

bench: $(VENV)/.bench-installed
	@sh tools/ensure-debian.sh wrk || echo "note: wrk not installed; the API load falls back to a Python client"
	@sh tools/ensure-debian.sh chromium || echo "note: Chromium not installed; browser settle times are skipped"
	$(BIN)/python -m benchmarks $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var build *.egg-info
