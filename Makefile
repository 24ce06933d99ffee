# Set-up and the two everyday jobs. `make demo` and `make test` do all the set-up they need.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test system-deps bench clean

demo: $(STAMP) system-deps
	$(BIN)/mlt validate annotations/samples
	$(BIN)/mlt build lessons/
	@echo "Handouts for the two sample lessons are in exports/ (student, teacher, annotated; PDF and HTML)."

test: $(STAMP) system-deps
	@sh scripts/test-deps.sh
	$(BIN)/python -m pytest -q

bench: $(STAMP) system-deps
	$(BIN)/python -m benchmarks

system-deps:
	@sh scripts/system-deps.sh

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + "); set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

clean:
	rm -rf $(VENV) exports/* .pytest_cache
