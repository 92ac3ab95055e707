# Two entry points: `make run DOCS=folder` (set up, build the graph, serve it) and `make test`.
VENV   ?= .venv
PYTHON ?= python3
DOCS   ?= ../shared/corpus/docs
BIN     = $(VENV)/bin

.PHONY: setup run build serve test test-remote lint format bench clean

$(BIN)/kg: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(BIN)/kg

setup: $(BIN)/kg

build: setup
	$(BIN)/kg build $(DOCS)

run: build
	$(BIN)/kg serve

serve: setup
	$(BIN)/kg serve

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: lint
	$(BIN)/pytest

# The same suite against a remote SPARQL store: each test store is an Oxigraph server.
test-remote: setup
	KG_TEST_STORE=oxigraph $(BIN)/pytest

bench: setup
	$(BIN)/python benchmarks/extraction.py

clean:
	rm -rf $(VENV) data .pytest_cache .ruff_cache
