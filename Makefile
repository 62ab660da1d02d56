# The targets CI runs. Every target sets up .venv from pyproject.toml when it is missing or stale:
# `run` with the runtime alone, the others with the developer tools (the dev extra) as well.
PYTHON  ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
RUNTIME := $(VENV)/.runtime-stamp
DEV     := $(VENV)/.dev-stamp
CORPUS ?= corpus/
OUT    ?= output/

.PHONY: run test lint typecheck pytest golden corpus bench field perturb clean help

help:  ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(RUNTIME): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $(RUNTIME)

# The dev extra holds the runtime: once it is installed, the runtime is up to date too.
$(DEV): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(DEV) $(RUNTIME)

run: $(RUNTIME)  ## set up, ingest corpus/ into output/, then write output/report.html
	$(BIN)/bulletins ingest $(CORPUS) --out $(OUT)
	$(BIN)/bulletins report $(OUT) --html $(patsubst %/,%,$(OUT))/report.html

test: lint typecheck pytest  ## set up, then lint, type-check and run the tests

lint: $(DEV)  ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(DEV)  ## mypy (strict) on parsers/ and pipeline/
	$(BIN)/mypy

pytest: $(DEV)  ## the test suite
	$(BIN)/pytest -q

golden: $(DEV)  ## regenerate tests/golden/*.json; review the diff before committing
	$(BIN)/bulletins golden update corpus/ tests/golden/ --include '*' --exclude 'README*'
	$(BIN)/bulletins golden update tests/fixtures/ tests/golden/ --include '*' --exclude 'README*'
	git --no-pager diff --stat -- tests/golden/

corpus: $(RUNTIME)  ## rebuild corpus/ from ../shared/seed (see corpus/README.md)
	$(BIN)/python tools/make_corpus.py

bench: $(DEV)  ## speed and memory against baselines measured in the same run (~18 min)
	$(BIN)/python bench/pdf_speed.py --json bench-pdf.json
	$(BIN)/python bench/ingest_speed.py --json bench-ingest.json

field: $(DEV)  ## score the parser on the field corpus: make field FIELD=DIR (see field/README.md)
	$(BIN)/python tools/field.py $(FIELD)

perturb: $(DEV)  ## the field corpus with its tables rewritten in other forms: make perturb FIELD=DIR
	$(BIN)/python tools/field_forms.py $(FIELD)

clean:  ## remove the virtual environment, caches and output/ data
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
	find $(OUT) -mindepth 1 ! -name README.md -exec rm -rf {} +
