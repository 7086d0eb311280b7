# Two set-up commands: `make demo` and `make test`.  Both create .venv as needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO := demo-out

.PHONY: demo test lint bench clean mutation

$(BIN)/python:
	@$(PYTHON) -m venv $(VENV) || { echo "python3 -m venv failed: on Debian/Ubuntu run 'apt-get install python3-venv'"; exit 1; }
	@$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.core: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	@touch $@

$(VENV)/.dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e ".[dev]"
	@touch $@ $(VENV)/.core

demo: $(VENV)/.core
	@rm -rf $(DEMO) && mkdir -p $(DEMO)
	$(BIN)/perfxl import templates/examples/weixian-2021.txt -o $(DEMO)/weixian-2021.xlsx --json $(DEMO)/weixian-2021.json
	-$(BIN)/perfxl validate $(DEMO)/weixian-2021.xlsx --annotate $(DEMO)/weixian-2021-checked.xlsx
	$(BIN)/perfxl render $(DEMO)/weixian-2021.xlsx -o $(DEMO)/weixian-2021.docx
	$(BIN)/perfxl rollover $(DEMO)/weixian-2021.xlsx --year 2022 -o $(DEMO)/weixian-2022.xlsx
	$(BIN)/perfxl demo -o $(DEMO)/units --units 6 --seed 1
	$(BIN)/perfxl merge $(DEMO)/units -o $(DEMO)/county-2021.xlsx
	$(BIN)/perfxl db load $(DEMO)/county-2021.xlsx --url $(DEMO)/perfxl.db
	@echo "demo: wrote these files:" && ls -1 $(DEMO) | sed 's/^/  $(DEMO)\//'

test: $(VENV)/.dev
	$(BIN)/pytest

lint: $(VENV)/.dev
	$(BIN)/ruff check perfxl tests bench
	$(BIN)/ruff format --check perfxl tests bench
	$(BIN)/mypy --strict perfxl

bench: $(VENV)/.dev
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/validate_bench.py
	$(BIN)/python bench/merge_bench.py

clean:
	rm -rf $(VENV) $(DEMO) .pytest_cache .mypy_cache .ruff_cache

# Mutation testing (issue 14; slow, not part of CI — tests/test_mutation_sample.py is):
# mutmut over perfxl/check/rules, perfxl/core/values.py and perfxl/workbook/cells.py ([tool.mutmut]).
MUTATION_JOBS ?= 2
mutation: $(VENV)/.dev
	$(BIN)/mutmut run --max-children $(MUTATION_JOBS)
	$(BIN)/mutmut results
